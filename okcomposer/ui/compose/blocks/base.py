"""The base of every block editor: a widget that turns one block dataclass into fields and back."""

from __future__ import annotations

import copy
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from okcomposer.api.blocks import Block, Id
from okcomposer.api.rules import Problem
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose.spell_check import SpellService


def kind_title(kind: str) -> str:
    """The user-visible name of a block kind (translated)."""
    titles = {
        "text": QCoreApplication.translate("BlockKinds", "Text"),
        "link": QCoreApplication.translate("BlockKinds", "Link"),
        "photo": QCoreApplication.translate("BlockKinds", "Photos"),
        "movie": QCoreApplication.translate("BlockKinds", "Videos"),
        "music": QCoreApplication.translate("BlockKinds", "Music"),
        "poll": QCoreApplication.translate("BlockKinds", "Poll"),
        "app": QCoreApplication.translate("BlockKinds", "Game block"),
        "app-ref": QCoreApplication.translate("BlockKinds", "App link"),
        "topic": QCoreApplication.translate("BlockKinds", "Shared topic"),
        "movie-reshare": QCoreApplication.translate("BlockKinds", "Shared video"),
    }
    return titles[kind]


def opt_text(text: str, original: str | None) -> str | None:
    """An optional text field: the original value (None or "") while untouched, None when emptied."""
    return original if text == (original or "") else (text or None)


def id_value(text: str, original: Id | None) -> Id | None:
    """An id field: keeps the draft's JSON type (number or string) while the text is unchanged."""
    if original is not None and str(original) == text:
        return original
    text = text.strip()
    if not text:
        return None if original is None else ""
    return text


def required_id(value: Id | None) -> Id:
    """A required id is "" rather than absent, so the rules can say it is missing."""
    return "" if value is None else value


BlockT = TypeVar("BlockT", bound=Block)


class BlockEditor(QWidget, Generic[BlockT]):
    """Edits one block; block() gives a new dataclass with the fields, keeping keys it does not show."""

    KIND: ClassVar[str] = ""
    changed = Signal()
    """The user edited a field."""

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)

    def title(self) -> str:
        return kind_title(self.KIND)

    def use_spelling(self, service: SpellService) -> None:
        """Spell-check the editor's text fields with `service` (editors without text keep this no-op)."""

    def block(self) -> BlockT:
        raise NotImplementedError

    def set_block(self, block: BlockT) -> None:
        raise NotImplementedError

    def field_for(self, problem: Problem) -> QWidget | None:
        """The field a problem of this block is about (None: the block's first field)."""
        return None

    # --- helpers for subclasses -------------------------------------------------------------------
    def line(self, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self.changed)
        self.form.addRow(label, edit)
        return edit

    def area(self, label: str | None, placeholder: str = "") -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)  # Tab leaves the field, so keyboard users can reach the next block
        edit.textChanged.connect(self.changed)
        if label is None:
            self.form.addRow(edit)
        else:
            self.form.addRow(label, edit)
        return edit

    def check(self, text: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.toggled.connect(self.changed)
        self.form.addRow(box)
        return box


def keep(block: Any) -> Any:
    """A deep copy of the block as loaded, so fields and keys the editor does not show survive."""
    return copy.deepcopy(block)
