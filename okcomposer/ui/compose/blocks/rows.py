"""A list of rows of text fields with add and remove, used by the video, music and poll editors."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QToolButton, QVBoxLayout, QWidget


class RowList(QWidget):
    """Rows of QLineEdits; each row carries a tag (the item it was loaded from) so unshown keys survive."""

    changed = Signal()
    """A row was added or removed, or a field edited."""
    edit_added = Signal(object)
    """A new row's QLineEdit (for spell checking)."""

    def __init__(self, placeholders: list[str], add_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.placeholders = placeholders
        self._rows: list[tuple[QWidget, list[QLineEdit], Any]] = []
        self._box = QVBoxLayout()
        self._box.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(add_text, self)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._box)
        layout.addWidget(self.add_button)

    def add_row(self, values: list[str] | None = None, tag: Any = None, focus: bool = False) -> None:
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        edits = []
        for i, placeholder in enumerate(self.placeholders):
            edit = QLineEdit(row)
            edit.setPlaceholderText(placeholder)
            edit.setText(values[i] if values and i < len(values) else "")
            edit.textChanged.connect(self.changed)
            line.addWidget(edit)
            edits.append(edit)
            self.edit_added.emit(edit)
        remove = QToolButton(row)
        remove.setText("✕")
        remove.setToolTip(self.tr("Remove this row"))
        remove.setAccessibleName(self.tr("Remove this row"))
        remove.clicked.connect(lambda: self.remove_row(self._index_of(row)))
        line.addWidget(remove)
        self._rows.append((row, edits, tag))
        self._box.addWidget(row)
        if focus:
            edits[0].setFocus()
        self.changed.emit()

    def remove_row(self, index: int) -> None:
        if not 0 <= index < len(self._rows):
            return
        row, _, _ = self._rows.pop(index)
        self._box.removeWidget(row)
        row.hide()  # at once: until deleteLater() runs, a shown row would lie under the next one
        row.deleteLater()
        self.changed.emit()

    def set_rows(self, rows: list[tuple[list[str], Any]]) -> None:
        self.blockSignals(True)
        while self._rows:
            self.remove_row(len(self._rows) - 1)
        for values, tag in rows:
            self.add_row(values, tag)
        self.blockSignals(False)

    def rows(self) -> list[tuple[list[str], Any]]:
        return [([e.text() for e in edits], tag) for _, edits, tag in self._rows]

    def edits(self, index: int) -> list[QLineEdit]:
        return self._rows[index][1]

    def count(self) -> int:
        return len(self._rows)

    def _index_of(self, row: QWidget) -> int:
        return next((i for i, (w, _, _) in enumerate(self._rows) if w is row), -1)
