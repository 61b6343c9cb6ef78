"""The compose features: the Post tab, and undo and redo for the post being composed (Edit → Undo, Redo)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from okcomposer.ui.common import theme
from okcomposer.ui.common.feature import Entry, Feature, Menu, Section, Tab, command
from okcomposer.ui.compose.compose_tab import ComposeTab
from okcomposer.ui.compose.composer import ComposerView
from okcomposer.ui.compose.undo import PostHistory
from okcomposer.ui.targets.picker import TargetPicker


class PostFeature(Feature):
    """The Post tab, the window's first: the composer, where it goes, the preview and Publish; and
    Post → Add block…, Publish. `bring_forward` makes the tab the current one."""

    def __init__(self, tab: ComposeTab, bring_forward: Callable[[], None], parent: QObject):
        self.tab = tab
        self.bring_forward = bring_forward
        self.add_block = command(
            parent,
            QCoreApplication.translate("MainWindow", "Add block…"),
            self.show_block_menu,
            ("Ctrl+Shift+B",),
            "block",
        )
        self.publish = command(
            parent,
            QCoreApplication.translate("MainWindow", "Publish"),
            self.tab.publish,
            ("Ctrl+Return", "Ctrl+Enter"),
            "publish",
        )

    def tabs(self) -> list[Tab]:
        title = QCoreApplication.translate("MainWindow", "Post")
        return [Tab(self.tab, title, icon=theme.icon("new"))]

    def entries(self) -> list[Entry]:
        return [
            Entry(Menu.POST, "add_block", self.add_block, Section.COMMANDS),
            Entry(Menu.POST, "publish", self.publish, Section.COMMANDS),
        ]

    def show_block_menu(self) -> None:
        """The composer's block menu, under its Add button."""
        self.bring_forward()
        button = self.tab.composer.add_button
        self.tab.composer.add_block_menu().popup(button.mapToGlobal(button.rect().bottomLeft()))


class UndoFeature(Feature):
    """`restored` runs after an undo or redo put a post back (the window validates and autosaves it)."""

    def __init__(
        self, composer: ComposerView, target: TargetPicker, restored: Callable[[], None], parent: QObject
    ):
        self.history = PostHistory(composer, target, parent)
        self.history.restored.connect(restored)

    def entries(self) -> list[Entry]:
        return [
            Entry(Menu.EDIT, "undo", self.history.undo_action),
            Entry(Menu.EDIT, "redo", self.history.redo_action),
        ]
