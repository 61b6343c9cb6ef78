"""The music block editor: rows of track id, title, artist and album."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okcomposer.api.blocks import MusicBlock, MusicItem
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose.blocks.base import BlockEditor, id_value, keep, opt_text
from okcomposer.ui.compose.blocks.rows import RowList


class MusicEditor(BlockEditor[MusicBlock]):
    KIND = "music"

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = MusicBlock()
        columns = [self.tr("Track id"), self.tr("Title"), self.tr("Artist"), self.tr("Album")]
        self.rows = RowList(columns, self.tr("Add track"), self)
        self.rows.changed.connect(self.changed)
        self.form.addRow(self.rows)

    def block(self) -> MusicBlock:
        block = keep(self._orig)
        block.items = []
        for (track_id, title, artist, album), tag in self.rows.rows():
            item = keep(tag) if tag is not None else MusicItem()
            item.id = id_value(track_id, item.id)
            item.title = opt_text(title, item.title)
            item.artist_name = opt_text(artist, item.artist_name)
            item.album_name = opt_text(album, item.album_name)
            block.items.append(item)
        return block

    def set_block(self, block: MusicBlock) -> None:
        self._orig = keep(block)
        rows = []
        for item in block.items:
            values = [item.id, item.title, item.artist_name, item.album_name]
            rows.append((["" if v is None else str(v) for v in values], keep(item)))
        self.rows.set_rows(rows)
