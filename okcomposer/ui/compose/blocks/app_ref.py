"""The app-ref block editor: application id, text, HD image, launch arguments and snippet."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okcomposer.api.blocks import AppRefBlock
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose.blocks.base import BlockEditor, id_value, keep, opt_text, required_id


class AppRefEditor(BlockEditor[AppRefBlock]):
    KIND = "app-ref"

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = AppRefBlock()
        self.app_id = self.line(self.tr("Application id"))
        self.text = self.line(self.tr("Text"))
        self.image_hd = self.line(self.tr("HD image address"), "https://")
        self.args = self.line(self.tr("Launch arguments"))
        self.snippet = self.line(self.tr("Snippet"))

    def block(self) -> AppRefBlock:
        block = keep(self._orig)
        block.app_id = required_id(id_value(self.app_id.text(), block.app_id))
        block.text = opt_text(self.text.text(), block.text)
        block.image_hd = opt_text(self.image_hd.text(), block.image_hd)
        block.args = opt_text(self.args.text(), block.args)
        block.snippet = opt_text(self.snippet.text(), block.snippet)
        return block

    def set_block(self, block: AppRefBlock) -> None:
        self._orig = keep(block)
        self.app_id.setText(str(block.app_id))
        self.text.setText(block.text or "")
        self.image_hd.setText(block.image_hd or "")
        self.args.setText(block.args or "")
        self.snippet.setText(block.snippet or "")
