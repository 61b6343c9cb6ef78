"""The video block editor: a list of OK video ids."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okcomposer.api.blocks import MovieBlock, MovieItem
from okcomposer.ui.blocks.base import BlockEditor, id_value, keep
from okcomposer.ui.blocks.rows import RowList
from okcomposer.ui.context import UiContext


class MovieEditor(BlockEditor):
    KIND = "movie"

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = MovieBlock()
        self.rows = RowList([self.tr("Video id")], self.tr("Add video"), self)
        self.rows.changed.connect(self.changed)
        self.form.addRow(self.rows)

    def block(self) -> MovieBlock:
        block = keep(self._orig)
        block.items = []
        for (video_id,), tag in self.rows.rows():
            item = keep(tag) if tag is not None else MovieItem()
            item.id = id_value(video_id, item.id)
            block.items.append(item)
        return block

    def set_block(self, block: MovieBlock) -> None:
        self._orig = keep(block)
        self.rows.set_rows([(["" if i.id is None else str(i.id)], keep(i)) for i in block.items])
