"""The text block editor: a plain text field with a live character count against OK's limit."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from okcomposer.api.blocks import TextBlock
from okcomposer.ui.blocks.base import BlockEditor, keep
from okcomposer.ui.context import UiContext


class TextEditor(BlockEditor):
    KIND = "text"

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = TextBlock()
        self.edit = self.area(None, self.tr("Write your post…"))
        self.edit.setMinimumHeight(90)
        self.count_label = QLabel(self)
        self.form.addRow(self.count_label)
        self.edit.textChanged.connect(self._update_count)
        self._update_count()

    def _update_count(self) -> None:
        count, limit = len(self.edit.toPlainText()), self.context.limits.text_max_chars
        self.count_label.setText(self.tr("{0} / {1} characters").format(f"{count:,}", f"{limit:,}"))
        self.count_label.setStyleSheet("color: #c62828;" if count > limit else "")

    def block(self) -> TextBlock:
        block = keep(self._orig)
        block.text = self.edit.toPlainText()
        return block

    def set_block(self, block: TextBlock) -> None:
        self._orig = keep(block)
        self.edit.setPlainText(block.text)
