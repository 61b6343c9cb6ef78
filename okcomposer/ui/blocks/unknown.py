"""A block of a type this version does not know: shown read-only and kept exactly as it was."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from okcomposer.api.blocks import UnknownBlock
from okcomposer.ui.blocks.base import BlockEditor, keep
from okcomposer.ui.context import UiContext


class UnknownEditor(BlockEditor):
    KIND = ""

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = UnknownBlock()
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.json = QPlainTextEdit(self)
        self.json.setReadOnly(True)
        self.json.setMaximumHeight(120)
        self.form.addRow(self.label)
        self.form.addRow(self.json)

    def title(self) -> str:
        return self.tr("Unknown block ({0})").format(self._orig.TYPE)

    def block(self) -> UnknownBlock:
        return keep(self._orig)

    def set_block(self, block: UnknownBlock) -> None:
        self._orig = keep(block)
        self.label.setText(self.tr("Block of unknown type {0} kept as is.").format(block.TYPE))
        self.json.setPlainText(json.dumps(block.raw, ensure_ascii=False, indent=2))
