"""The reshare editors: a topic (with "group topic") and a video, each by id."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okcomposer.api.blocks import MovieReshareBlock, TopicReshareBlock
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose.blocks.base import BlockEditor, id_value, keep, required_id


class TopicReshareEditor(BlockEditor[TopicReshareBlock]):
    KIND = "topic"

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = TopicReshareBlock()
        self._group_set = False
        self.topic_id = self.line(self.tr("Topic id"))
        self.group = self.check(self.tr("It is a group's topic"))
        self.group.toggled.connect(self._on_group_toggled)

    def _on_group_toggled(self) -> None:
        self._group_set = True

    def block(self) -> TopicReshareBlock:
        block = keep(self._orig)
        block.topic_id = required_id(id_value(self.topic_id.text(), block.topic_id))
        if self._group_set or block.group is not None:
            block.group = self.group.isChecked()
        return block

    def set_block(self, block: TopicReshareBlock) -> None:
        self._orig = keep(block)
        self.topic_id.setText(str(block.topic_id))
        self.group.setChecked(bool(block.group))
        self._group_set = False  # a draft without "group" keeps it unset until the user decides


class MovieReshareEditor(BlockEditor[MovieReshareBlock]):
    KIND = "movie-reshare"

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = MovieReshareBlock()
        self.movie_id = self.line(self.tr("Video id"))

    def block(self) -> MovieReshareBlock:
        block = keep(self._orig)
        block.movie_id = required_id(id_value(self.movie_id.text(), block.movie_id))
        return block

    def set_block(self, block: MovieReshareBlock) -> None:
        self._orig = keep(block)
        self.movie_id.setText(str(block.movie_id))
