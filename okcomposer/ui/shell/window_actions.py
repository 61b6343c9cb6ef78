"""The main window's menus and toolbar: one QAction per command, its shortcut shown in its tooltip."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QWidget

from okcomposer.ui.common import theme
from okcomposer.ui.common.feature import Menu


def add_action(
    window: QMainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    keys: tuple[str, ...] = (),
    icon: str = "",
) -> QAction:
    action = QAction(theme.icon(icon), text, window) if icon else QAction(text, window)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.triggered.connect(lambda _checked=False: slot())
    if keys:
        shortcut = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({shortcut})")
    menu.addAction(action)
    return action


@dataclass(frozen=True)
class WindowMenus:
    """The window's own actions by name, its menus, and where features' entries go in each menu: before
    the anchor when there is one (File: above Settings), else at the end."""

    actions: dict[str, QAction]
    menus: dict[Menu, QMenu]
    anchors: dict[Menu, QAction]


def build_actions(window) -> WindowMenus:
    """The File, Edit, Post, Account and Help menus and the toolbar (with the account switcher) of a
    MainWindow. Edit is hidden until a feature puts an entry in it."""
    bar = window.menuBar()
    actions: dict[str, QAction] = {}

    def add(menu: QMenu, name: str, text: str, slot, keys: tuple[str, ...] = (), icon: str = "") -> None:
        actions[name] = add_action(window, menu, text, slot, keys, icon)

    file = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    add(
        file,
        "new",
        QCoreApplication.translate("MainWindow", "New draft"),
        window.new_draft,
        ("Ctrl+N",),
        "new",
    )
    add(
        file,
        "save",
        QCoreApplication.translate("MainWindow", "Save draft now"),
        window.save_now,
        ("Ctrl+S",),
        "save",
    )
    file_anchor = file.addSeparator()
    add(
        file,
        "settings",
        QCoreApplication.translate("MainWindow", "Settings…"),
        window.open_settings,
        ("Ctrl+,",),
        "settings",
    )
    file.addSeparator()
    add(file, "quit", QCoreApplication.translate("MainWindow", "Quit"), window.quit_app, ("Ctrl+Q",))
    edit = bar.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    edit.menuAction().setVisible(False)
    post = bar.addMenu(QCoreApplication.translate("MainWindow", "&Post"))
    add(
        post,
        "add_block",
        QCoreApplication.translate("MainWindow", "Add block…"),
        window.show_block_menu,
        ("Ctrl+Shift+B",),
        "block",
    )
    add(
        post,
        "publish",
        QCoreApplication.translate("MainWindow", "Publish"),
        window.publish,
        ("Ctrl+Return", "Ctrl+Enter"),
        "publish",
    )
    account = bar.addMenu(QCoreApplication.translate("MainWindow", "&Account"))
    add(
        account,
        "sign_in",
        QCoreApplication.translate("MainWindow", "Sign in…"),
        window.sign_in,
        (),
        "account",
    )
    add(account, "sign_out", QCoreApplication.translate("MainWindow", "Sign out"), window.accounts.sign_out)
    about = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    add(
        about,
        "about",
        QCoreApplication.translate("MainWindow", "About okcomposer"),
        window.open_about,
        (),
        "about",
    )
    tools = window.addToolBar(QCoreApplication.translate("MainWindow", "Main toolbar"))
    tools.setObjectName("main-toolbar")
    tools.setMovable(False)
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for name in ("new", "save", "add_block", "publish"):
        tools.addAction(actions[name])
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    tools.addWidget(spacer)
    tools.addWidget(window.accounts)
    for name in ("sign_in", "settings"):
        tools.addAction(actions[name])
    menus = {Menu.FILE: file, Menu.EDIT: edit, Menu.POST: post, Menu.ACCOUNT: account, Menu.HELP: about}
    return WindowMenus(actions, menus, {Menu.FILE: file_anchor})
