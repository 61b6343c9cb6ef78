"""The photo grid's model: one row per PhotoEntry, in the post's order; rows move by dragging (moveRows)."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from okcomposer.ui.photos.state import PhotoEntry, message, status

KEY_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1
FIXABLE_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
MESSAGE_ROLE = Qt.ItemDataRole.UserRole + 4  # the tooltip's words as plain text

Index = QModelIndex | QPersistentModelIndex


def rich(text: str) -> str:
    """Plain text as a tooltip shows it unchanged: Qt would read a name like "<b>x</b>.jpg" as markup."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


class PhotoModel(QAbstractListModel):
    """The entries of one grid; each role is read from the entry, so the view never holds a stale copy."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[PhotoEntry] = []

    # --- Qt's model interface ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.name
        if role == Qt.ItemDataRole.DecorationRole:
            return entry.thumb
        if role == Qt.ItemDataRole.ToolTipRole:
            return rich(message(entry))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.name}: {status(entry)}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole or role == MESSAGE_ROLE:
            return message(entry)
        return {
            KEY_ROLE: entry.key,
            STATE_ROLE: entry.state,
            FIXABLE_ROLE: entry.fixable,
            STATUS_ROLE: status(entry),
        }.get(role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # between tiles: where a dragged tile goes
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def moveRows(self, source: Index, row: int, count: int, target: Index, to: int) -> bool:
        """Move rows [row, row + count) before row `to` (QListView's drop and tests call it)."""
        if source.isValid() or target.isValid() or count < 1 or row < 0 or row + count > len(self.entries):
            return False
        if not 0 <= to <= len(self.entries) or row <= to <= row + count:
            return False
        if not self.beginMoveRows(QModelIndex(), row, row + count - 1, QModelIndex(), to):
            return False
        moved = self.entries[row : row + count]
        rest = self.entries[:row] + self.entries[row + count :]
        at = to if to < row else to - count
        self.entries = rest[:at] + moved + rest[at:]
        self.endMoveRows()
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self.entries):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self.entries[row : row + count]
        self.endRemoveRows()
        return True

    # --- for the grid -----------------------------------------------------------------------------
    def append(self, entry: PhotoEntry) -> None:
        row = len(self.entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self.entries.append(entry)
        self.endInsertRows()

    def replace(self, entries: list[PhotoEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def row_of(self, key: int) -> int | None:
        for row, entry in enumerate(self.entries):
            if entry.key == key:
                return row
        return None

    def entry_at(self, row: int) -> PhotoEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def refresh(self, entry: PhotoEntry) -> None:
        """The entry changed: every role of its row is read again (badge, texts, thumbnail together)."""
        row = self.row_of(entry.key)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index)
