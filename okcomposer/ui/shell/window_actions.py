"""The main window's menu bar and toolbar. The menus start empty: every entry comes from a feature
(ui/shell/features.py) through `WindowMenus.add`; the toolbar shows the actions named in TOOLBAR."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QWidget

from okcomposer.ui.common.feature import Entry, Menu

TOOLBAR_LEFT = ("new", "save", "add_block", "publish")
TOOLBAR_RIGHT = ("sign_in", "settings")  # after the account switcher
"""The toolbar's actions by their entry names; one missing is a KeyError, never a button silently gone."""


def menu_titles() -> dict[Menu, str]:
    return {
        Menu.FILE: QCoreApplication.translate("MainWindow", "&File"),
        Menu.EDIT: QCoreApplication.translate("MainWindow", "&Edit"),
        Menu.POST: QCoreApplication.translate("MainWindow", "&Post"),
        Menu.ACCOUNT: QCoreApplication.translate("MainWindow", "&Account"),
        Menu.HELP: QCoreApplication.translate("MainWindow", "&Help"),
    }


class WindowMenus:
    """The window's menus, in the menu bar's order, each hidden while it holds no entry; `actions` the
    entries' actions by name."""

    def __init__(self, window: QMainWindow):
        bar = window.menuBar()
        self.menus: dict[Menu, QMenu] = {}
        for menu, title in menu_titles().items():
            self.menus[menu] = bar.addMenu(title)
            self.menus[menu].menuAction().setVisible(False)
        self.actions: dict[str, QAction] = {}
        self._entries: dict[Menu, list[Entry]] = {menu: [] for menu in Menu}

    def add(self, entry: Entry) -> None:
        """Put an entry in its menu, in its section after the section's earlier entries."""
        if entry.name in self.actions:
            raise ValueError(f"two menu entries named {entry.name!r}")
        self.actions[entry.name] = entry.action
        entries = self._entries[entry.menu]
        entries.append(entry)
        entries.sort(key=lambda e: e.section)  # stable: a section keeps its order
        menu = self.menus[entry.menu]
        for action in menu.actions():
            if action.isSeparator():
                menu.removeAction(action)  # owned by the menu: deleted with it, not needed
                action.deleteLater()
            else:
                menu.removeAction(action)
        for index, item in enumerate(entries):
            if index and item.section != entries[index - 1].section:
                menu.addSeparator()
            menu.addAction(item.action)
        menu.menuAction().setVisible(True)


def build_toolbar(window: QMainWindow, actions: dict[str, QAction], switcher: QWidget) -> None:
    """The main toolbar: the commands on the left, the account switcher and its commands on the right."""
    tools = window.addToolBar(QCoreApplication.translate("MainWindow", "Main toolbar"))
    tools.setObjectName("main-toolbar")
    tools.setMovable(False)
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for name in TOOLBAR_LEFT:
        tools.addAction(actions[name])
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    tools.addWidget(spacer)
    tools.addWidget(switcher)
    for name in TOOLBAR_RIGHT:
        tools.addAction(actions[name])
