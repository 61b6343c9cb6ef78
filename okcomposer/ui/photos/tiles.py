"""The photo tiles: a QListView of the PhotoModel whose delegate draws each whole tile (thumbnail, badge,
name, status line and Fix button) from the model's roles, so nothing else is drawn and nothing stays behind.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeySequence, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from okcomposer.ui.photos.drops import Dropped, has_photos, read_drop
from okcomposer.ui.photos.model import FIXABLE_ROLE, KEY_ROLE, STATE_ROLE, STATUS_ROLE, Index, PhotoModel
from okcomposer.ui.photos.state import BADGES
from okcomposer.ui.photos.thumbnails import THUMB_SIZE

PAD = 6  # around the thumbnail inside a tile
MIN_SIDE = 96  # the smallest thumbnail square, in a narrow column (two tiles a row down to this)


@dataclass(frozen=True)
class Tile:
    """What a tile shows, all from its model row: the tests compare it with the model."""

    key: int
    name: str
    status: str
    mark: str
    colour: str
    fix: bool


class TileDelegate(QStyledItemDelegate):
    """Draws whole tiles; a click on a tile's Fix button emits fix_clicked(row)."""

    fix_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # What the viewport shows now: a cell (x, y) -> the tile last painted there. A repaint of a region
        # forgets the cells in it first (TileView.paintEvent), so a cell nothing drew over again keeps its
        # old tile, as the screen would: that is how a stale tile shows up in a test.
        self.screen: dict[tuple[int, int], Tile] = {}
        self.cells: dict[tuple[int, int], QRect] = {}
        self.side = THUMB_SIZE  # the thumbnail square: smaller in a narrow column (TileView._fit_grid)

    @property
    def painted(self) -> dict[int, Tile]:
        """The tiles on screen by key."""
        return {tile.key: tile for tile in self.screen.values()}

    def forget(self, region) -> None:
        """A paint of `region` (viewport coordinates) begins: what was drawn in it is being drawn over."""
        for cell, rect in list(self.cells.items()):
            if region.intersects(rect):
                del self.cells[cell], self.screen[cell]

    @staticmethod
    def tile(index: Index) -> Tile:
        state = index.data(STATE_ROLE) or "pending"
        colour, mark = BADGES.get(state, BADGES["pending"])
        return Tile(
            key=index.data(KEY_ROLE),
            name=index.data(Qt.ItemDataRole.DisplayRole) or "",
            status=index.data(STATUS_ROLE) or "",
            mark=mark,
            colour=colour,
            fix=bool(index.data(FIXABLE_ROLE)),
        )

    def fix_text(self) -> str:
        return self.tr("Fix")

    def fix_rect(self, cell: QRect, metrics: QFontMetrics, pixmap: object = None) -> QRect:
        """The Fix button: in the picture's lower left corner, as wide as its word needs."""
        width = min(self.side - 8, max(44, metrics.horizontalAdvance(self.fix_text()) + 16))
        height = metrics.height() + 8
        frame = self.anchor_rect(cell, pixmap)
        return QRect(frame.left() + 4, frame.bottom() - height - 3, width, height)

    def thumb_rect(self, cell: QRect) -> QRect:
        """The square the thumbnail is fitted into, centred at the top of the cell."""
        side = self.side
        return QRect(cell.left() + (cell.width() - side) // 2, cell.top() + PAD, side, side)

    def image_rect(self, cell: QRect, pixmap: object) -> QRect:
        """Where the thumbnail is drawn: its own size (never blown up) centred in thumb_rect; the whole
        square for a placeholder."""
        box = self.thumb_rect(cell)
        if not isinstance(pixmap, QPixmap) or pixmap.isNull():
            return box
        size = pixmap.size()
        if size.width() > box.width() or size.height() > box.height():
            size = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(box.center())
        return target

    def anchor_rect(self, cell: QRect, pixmap: object) -> QRect:
        """What the badge and the Fix button sit on: the picture, or a bigger frame round a small one."""
        image, box = self.image_rect(cell, pixmap), self.thumb_rect(cell)
        frame = QRect(0, 0, max(image.width(), 110), max(image.height(), 70))
        frame.moveCenter(image.center())
        return frame.intersected(box)

    def cell_size(self, metrics: QFontMetrics, side: int | None = None) -> QSize:
        """A tile's cell for a thumbnail square of `side` pixels (default: the current one)."""
        side = self.side if side is None else side
        return QSize(side + 2 * PAD + 8, side + 2 * PAD + 2 * metrics.lineSpacing() + 6)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return self.cell_size(option.fontMetrics)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        tile = self.tile(index)
        cell_at = (option.rect.x(), option.rect.y())
        self.screen[cell_at], self.cells[cell_at] = tile, QRect(option.rect)
        cell, palette, metrics = option.rect, option.palette, option.fontMetrics
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        painter.save()
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self._background(painter, option)
        self._thumbnail(painter, self.image_rect(cell, pixmap), pixmap, palette)
        frame = self.anchor_rect(cell, pixmap)
        self._badge(painter, QRect(frame.right() - 25, frame.top() + 3, 22, 22), tile)
        if tile.fix:
            button = self.fix_rect(cell, metrics, pixmap)
            painter.setPen(QColor("white"))  # a white rim keeps it apart from an orange photo
            painter.setBrush(QColor(tile.colour))
            painter.drawRoundedRect(button, 4, 4)
            painter.drawText(button, Qt.AlignmentFlag.AlignCenter, self.fix_text())
        active = bool(option.state & QStyle.StateFlag.State_Active)
        group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
        line = metrics.lineSpacing()
        name_rect = QRect(cell.left() + 4, cell.top() + PAD + self.side + 4, cell.width() - 8, line)
        painter.setPen(palette.color(group, QPalette.ColorRole.Text))
        name = metrics.elidedText(tile.name, Qt.TextElideMode.ElideMiddle, name_rect.width())
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, name)
        status_rect = name_rect.translated(0, line)
        if tile.mark == "!":
            painter.setPen(QColor(tile.colour))
        else:
            painter.setPen(palette.color(group, QPalette.ColorRole.PlaceholderText))
        status = metrics.elidedText(tile.status, Qt.TextElideMode.ElideRight, status_rect.width())
        painter.drawText(status_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, status)
        widget = option.widget
        if option.state & QStyle.StateFlag.State_HasFocus and widget is not None:
            focus = QStyleOptionViewItem(option)
            focus.rect = cell.adjusted(3, 3, -3, -3)
            widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)
        painter.restore()

    @staticmethod
    def _background(painter: QPainter, option: QStyleOptionViewItem) -> None:
        """Selected: a tint and a frame in the highlight colour (a full fill would hide orange badges)."""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hover = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if not (selected or hover):
            return
        colour = QColor(option.palette.color(QPalette.ColorRole.Highlight))
        fill = QColor(colour)
        fill.setAlpha(60 if selected else 25)
        painter.setBrush(fill)
        painter.setPen(QPen(colour, 2) if selected else Qt.PenStyle.NoPen)
        painter.drawRoundedRect(option.rect.adjusted(2, 2, -2, -2), 6, 6)

    @staticmethod
    def _thumbnail(painter: QPainter, target: QRect, pixmap: object, palette: QPalette) -> None:
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            painter.drawPixmap(target, pixmap)
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Midlight))
        painter.drawRoundedRect(target, 6, 6)

    @staticmethod
    def _badge(painter: QPainter, badge: QRect, tile: Tile) -> None:
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.setBrush(QColor(tile.colour))
        painter.drawEllipse(badge)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, tile.mark)

    def editorEvent(self, event, model, option, index) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and index.data(FIXABLE_ROLE):
            pixmap = index.data(Qt.ItemDataRole.DecorationRole)
            if self.fix_rect(option.rect, option.fontMetrics, pixmap).contains(event.position().toPoint()):
                self.fix_clicked.emit(index.row())
                return True
        return super().editorEvent(event, model, option, index)


class TileView(QListView):
    """The tiles in rows, reordered by dragging; photos dropped from outside are handed over as `dropped`."""

    dropped = Signal(object)
    """A Dropped: files, folders, web addresses or image data from another program."""
    paste_requested = Signal()
    delete_requested = Signal()
    """Delete (or Backspace) was pressed: remove the selected photos."""

    def __init__(self, model: PhotoModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)  # Static: a drop moves rows (Free only moves icons)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setWrapping(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.delegate = TileDelegate(self)
        self.setItemDelegate(self.delegate)
        self.max_rows = 0  # see follow_contents()
        self._fit_grid()
        model.rowsInserted.connect(self._fit)
        model.rowsRemoved.connect(self._fit)
        model.modelReset.connect(self._fit)

    def count(self) -> int:
        """How many tiles (the model's rows)."""
        return self.model().rowCount()

    def _fit_grid(self) -> None:
        """Full-size tiles when two fit side by side; smaller ones (down to MIN_SIDE) so that two do."""
        metrics, delegate = self.fontMetrics(), self.delegate
        full = delegate.cell_size(metrics, THUMB_SIZE).width()
        room = self._room() - 8  # QListView wraps a little before the last pixel
        side = THUMB_SIZE if room >= 2 * full else max(MIN_SIDE, THUMB_SIZE - (2 * full - room + 1) // 2)
        changed = side != delegate.side or self.gridSize() != delegate.cell_size(metrics, side)
        delegate.side = side
        cell = delegate.cell_size(metrics)
        if changed:
            self.setGridSize(cell)
            self.setMinimumHeight(cell.height() + 2 * self.frameWidth() + 4)
        self._fit()

    def _room(self) -> int:
        # The scroll bar's width is always set aside, so its coming and going cannot change the count.
        return self.contentsRect().width() - self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)

    def follow_contents(self, max_rows: int) -> None:
        """Be as tall as the tiles need, up to max_rows rows (then scroll): in the composer's photo block."""
        self.max_rows = max_rows
        self._fit()

    def _fit(self, *_args) -> None:
        if not self.max_rows:
            return
        grid = self.gridSize()
        per_row = max(1, self._room() // grid.width())
        rows = max(1, min(self.max_rows, -(-self.model().rowCount() // per_row)))
        self.setFixedHeight(rows * grid.height() + 2 * self.frameWidth() + 4)

    def paintEvent(self, event) -> None:
        self.delegate.forget(event.region())
        super().paintEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.delegate.screen.clear()  # everything moves: the record starts again with the next paint
        self.delegate.cells.clear()
        super().scrollContentsBy(dx, dy)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_grid()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit_grid()

    def _external(self, event) -> bool:
        return event.source() is not self and has_photos(event.mimeData())

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
            found: Dropped = read_drop(event.mimeData())
            event.acceptProposedAction()
            self.dropped.emit(found)
        else:
            super().dropEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
        elif (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selectionModel().hasSelection()
        ):
            self.delete_requested.emit()  # taken here: the block around would not see it as its own Delete
        else:
            super().keyPressEvent(event)
