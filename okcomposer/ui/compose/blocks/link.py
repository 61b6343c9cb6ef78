"""The link block editor: one web address."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okcomposer.api.blocks import LinkBlock
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose.blocks.base import BlockEditor, keep


class LinkEditor(BlockEditor[LinkBlock]):
    KIND = "link"

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = LinkBlock()
        self.url = self.line(self.tr("Web address"), "https://")

    def block(self) -> LinkBlock:
        block = keep(self._orig)
        block.url = self.url.text()
        return block

    def set_block(self, block: LinkBlock) -> None:
        self._orig = keep(block)
        self.url.setText(block.url)
