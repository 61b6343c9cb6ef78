"""The photo block editor: the photo grid, with the block's own keys kept."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okcomposer.api.blocks import PhotoBlock
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose.blocks.base import BlockEditor, keep
from okcomposer.ui.photos.grid import PhotoGrid


class PhotoEditor(BlockEditor[PhotoBlock]):
    KIND = "photo"

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = PhotoBlock()
        self.grid = PhotoGrid(context, self)
        self.grid.list.follow_contents(3)  # the block grows with its photos; more than 3 rows scroll
        self.grid.changed.connect(self.changed)
        self.form.addRow(self.grid)

    def block(self) -> PhotoBlock:
        block = keep(self._orig)
        block.items = self.grid.items()
        return block

    def set_block(self, block: PhotoBlock) -> None:
        self._orig = keep(block)
        self.grid.set_items(block.items)
