"""The video block editor: OK video ids, and a video file uploaded from here (added once OK is ready)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okcomposer.api.blocks import MovieBlock, MovieItem
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose.blocks.base import BlockEditor, id_value, keep
from okcomposer.ui.compose.blocks.rows import RowList
from okcomposer.ui.compose.video_upload import VideoUploader


class MovieEditor(BlockEditor[MovieBlock]):
    KIND = "movie"

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = MovieBlock()
        self.rows = RowList([self.tr("Video id")], self.tr("Add video"), self)
        self.rows.changed.connect(self.changed)
        self.form.addRow(self.rows)
        # A local file is uploaded in chunks and only joins the block once OK has processed it, so the post
        # cannot go out with a video that is not ready.
        self.uploader = VideoUploader(context, self)
        self.uploader.ready.connect(self.on_uploader_ready)
        self.form.addRow(self.uploader)

    def on_uploader_ready(self, video_id: str) -> None:
        self.rows.add_row([video_id])
        self.changed.emit()

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
