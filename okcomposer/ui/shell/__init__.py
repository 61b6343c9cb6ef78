"""The app and its main window: startup, the declared list of features, menus, tray, crash and recovery."""
