"""The photo tiles: an icon grid reordered by dragging, with a precheck badge and a Fix button per tile."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QWidget,
)

from okcomposer.ui.photos.thumbnails import THUMB_SIZE

KEY_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1
FIXABLE_ROLE = Qt.ItemDataRole.UserRole + 2
_BADGES = {
    "pending": ("#9e9e9e", "…"),
    "fixing": ("#1e88e5", "↻"),
    "ok": ("#2e7d32", "✓"),
    "note": ("#ef6c00", "!"),
    "bad": ("#c62828", "!"),
    "remote": ("#607d8b", "☁"),
}


def local_files(mime: QMimeData) -> list[str]:
    """The local files among the URLs of a drop or the clipboard."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class Badges(QStyledItemDelegate):
    """Draws the precheck state as a coloured badge in the thumbnail's corner, and Fix when offered."""

    fix_clicked = Signal(int)
    """The Fix button drawn on the thumbnail in this row was clicked."""

    @staticmethod
    def _fix_rect(r: QRect) -> QRect:
        return QRect(r.left() + 6, r.top() + THUMB_SIZE - 24, 44, 22)

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        colour, mark = _BADGES.get(index.data(STATE_ROLE) or "pending", _BADGES["pending"])
        r = option.rect
        badge = QRect(r.right() - 26, r.top() + 4, 22, 22)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(badge)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, mark)
        if index.data(FIXABLE_ROLE):
            button = self._fix_rect(r)
            painter.setBrush(QColor(colour))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(button, 4, 4)
            painter.setPen(QColor("white"))
            painter.drawText(button, Qt.AlignmentFlag.AlignCenter, self.tr("Fix"))
        painter.restore()

    def editorEvent(self, event, model, option, index) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and index.data(FIXABLE_ROLE):
            if self._fix_rect(option.rect).contains(event.position().toPoint()):
                self.fix_clicked.emit(index.row())
                return True
        return super().editorEvent(event, model, option, index)


class TileList(QListWidget):
    """Icon grid reordered by dragging; files dropped from outside are handed to the grid."""

    files_dropped = Signal(list)
    paste_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(
            QListView.Movement.Static
        )  # Static: a drop reorders the rows (Free only moves icons)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(THUMB_SIZE, THUMB_SIZE))
        self.setGridSize(QSize(THUMB_SIZE + 24, THUMB_SIZE + 44))
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.badges = Badges(self)
        self.setItemDelegate(self.badges)
        self.setMinimumHeight(THUMB_SIZE + 60)
        self.max_rows = 0  # see follow_contents()
        self.model().rowsInserted.connect(self._fit)
        self.model().rowsRemoved.connect(self._fit)

    def follow_contents(self, max_rows: int) -> None:
        """Be as tall as the tiles need, up to max_rows rows (then scroll): in the composer's photo block."""
        self.max_rows = max_rows
        self._fit()

    def _fit(self, *_args) -> None:
        if not self.max_rows:
            return
        grid = self.gridSize()
        # The scroll bar's width is always set aside, so its coming and going cannot change the count.
        room = self.contentsRect().width() - self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        per_row = max(1, room // grid.width())
        rows = max(1, min(self.max_rows, -(-self.count() // per_row)))
        self.setFixedHeight(rows * grid.height() + 2 * self.frameWidth() + 4)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()

    def _external(self, event) -> bool:
        return event.source() is not self and bool(local_files(event.mimeData()))

    def dragEnterEvent(self, event) -> None:
        if self._external(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if self._external(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        if self._external(event):
            self.files_dropped.emit(local_files(event.mimeData()))
            event.acceptProposedAction()
        else:
            super().dropEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
        else:
            super().keyPressEvent(event)
