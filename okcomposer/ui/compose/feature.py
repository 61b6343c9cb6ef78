"""Undo and redo for the post being composed: Edit → Undo, Redo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from okcomposer.ui.common.feature import Entry, Feature, Menu
from okcomposer.ui.compose.composer import ComposerView
from okcomposer.ui.compose.undo import PostHistory
from okcomposer.ui.targets.picker import TargetPicker


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
