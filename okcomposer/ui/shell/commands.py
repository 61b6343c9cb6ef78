"""The window's own commands as a feature: File → New draft, Save draft now, Settings…, Quit, and
Help → About. The window adds it first, so its entries lead their menus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from okcomposer.ui.common.feature import Entry, Feature, Menu, Section, command

if TYPE_CHECKING:
    from okcomposer.ui.shell.main_window import MainWindow


class WindowCommands(Feature):
    """New, Save, Settings, Quit and About, run by the window."""

    def __init__(self, window: MainWindow):
        self.new = command(
            window,
            QCoreApplication.translate("MainWindow", "New draft"),
            window.new_draft,
            ("Ctrl+N",),
            "new",
        )
        self.save = command(
            window,
            QCoreApplication.translate("MainWindow", "Save draft now"),
            window.save_now,
            ("Ctrl+S",),
            "save",
        )
        self.settings = command(
            window,
            QCoreApplication.translate("MainWindow", "Settings…"),
            window.open_settings,
            ("Ctrl+,",),
            "settings",
        )
        self.quit = command(
            window, QCoreApplication.translate("MainWindow", "Quit"), window.quit_app, ("Ctrl+Q",)
        )
        self.about = command(
            window,
            QCoreApplication.translate("MainWindow", "About okcomposer"),
            window.open_about,
            (),
            "about",
        )

    def entries(self) -> list[Entry]:
        return [
            Entry(Menu.FILE, "new", self.new, Section.COMMANDS),
            Entry(Menu.FILE, "save", self.save, Section.COMMANDS),
            Entry(Menu.FILE, "settings", self.settings, Section.SETTINGS),
            Entry(Menu.FILE, "quit", self.quit, Section.EXIT),
            Entry(Menu.HELP, "about", self.about, Section.COMMANDS),
        ]
