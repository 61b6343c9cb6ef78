"""The calendar's pieces: draggable entry chips, day or hour cells that take them, and the grid of cells."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, tzinfo

from PySide6.QtCore import QLocale, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from okcomposer.app.schedule import Entry, resolve_local
from okcomposer.ui.common.times import short_date, short_time

MIME = "application/x-okcomposer-draft"
CONFLICT_STYLE = "EntryChip { border: 2px solid #d32f2f; border-radius: 4px; padding: 2px; background: %s; }"
CHIP_STYLE = "EntryChip { border: 1px solid palette(mid); border-radius: 4px; padding: 2px; background: %s; }"
ON_OK, LOCAL, DRAFT = "#e3f2fd", "#fff3e0", "#f1f8e9"  # chip colours: held by OK, local queue, a draft


def draft_mime(draft_id: str) -> QMimeData:
    """What a dragged entry carries: its draft id."""
    data = QMimeData()
    data.setData(MIME, draft_id.encode("ascii"))
    return data


def dropped_draft(mime: QMimeData) -> str | None:
    if not mime.hasFormat(MIME):
        return None
    return bytes(mime.data(MIME).data()).decode("ascii", "replace")


class EntryChip(QLabel):
    """One scheduled post in the grid; drag it to another cell to move it, double-click to open it."""

    open_requested = Signal(str)
    """Double-clicked: open the draft (its id) in the composer."""

    def __init__(self, entry: Entry, text: str, tooltip: str, conflict: bool, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.entry = entry
        self.conflict = conflict
        self.setWordWrap(True)
        self.setToolTip(tooltip)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        colour = ON_OK if entry.on_ok else LOCAL if entry.needs_app_running else DRAFT
        style = (CONFLICT_STYLE if conflict else CHIP_STYLE) % colour
        self.setStyleSheet(style + " EntryChip { color: #212121; }")
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._press: QPoint | None = None

    def mime_data(self) -> QMimeData:
        return draft_mime(self.entry.draft_id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        if (event.position().toPoint() - self._press).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        drag = QDrag(self)
        drag.setMimeData(self.mime_data())
        drag.setPixmap(self.grab())
        drag.exec(Qt.DropAction.MoveAction)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.open_requested.emit(self.entry.draft_id)


class DayCell(QFrame):
    """A day (month view) or an hour of a day (week view); dropping an entry here moves it to `start`."""

    def __init__(
        self,
        start: datetime,
        keep_hour: bool,
        on_drop: Callable[[str, datetime, bool], object],
        title: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.start, self.keep_hour, self._on_drop = start, keep_hour, on_drop
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(34)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(2, 2, 2, 2)
        self.box.setSpacing(2)
        self.head: QLabel | None = None
        if title:
            self.head = QLabel(title)
            self.head.setStyleSheet("font-size: 11px")
            self.box.addWidget(self.head)
        self.box.addStretch(1)  # chips go above it: the day number and the chips stay at the top

    def add(self, chip: EntryChip) -> None:
        self.box.insertWidget(self.box.count() - 1, chip)

    def chips(self) -> list[EntryChip]:
        return self.findChildren(EntryChip)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        draft_id = dropped_draft(event.mimeData())
        if draft_id is None:
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self._on_drop(draft_id, self.start, self.keep_hour)


class CalendarGrid(QWidget):
    """Day names on top (they stay when the hours scroll), then hour rows (week) or day cells (month)."""

    HOURS = 64  # the width of the hour column

    def __init__(self, on_drop: Callable[[str, datetime, bool], object], parent: QWidget | None = None):
        super().__init__(parent)
        self.on_drop = on_drop
        self.cells: list[DayCell] = []
        self.week = True
        self.header = QWidget()
        self.heads = QGridLayout(self.header)
        self.host = QWidget()
        self.grid = QGridLayout(self.host)
        for grid in (self.heads, self.grid):
            grid.setSpacing(2)
            grid.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(widgetResizable=True)
        self.scroll_area.setWidget(self.host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll_area, 1)

    def build(self, rows: list[list[datetime]], week: bool, month: int, tz: tzinfo) -> None:
        """New cells for one week (24 hour rows) or one month (a row per week)."""
        for grid in (self.heads, self.grid):
            while grid.count():
                item = grid.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.setParent(None)
                    widget.deleteLater()
        self.cells, self.week = [], week
        locale = QLocale()
        for column, day in enumerate(rows[0]):
            name = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            head = QLabel(f"{name} {short_date(day)}" if week else name)
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.heads.addWidget(head, 0, column + 1)
        if week:
            for hour in range(24):
                label = QLabel(short_time(datetime.combine(rows[0][0].date(), time(hour))))
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                self.grid.addWidget(label, hour, 0)
                for column, day in enumerate(rows[0]):
                    start = resolve_local(datetime.combine(day.date(), time(hour)), tz)
                    self._add(DayCell(start, False, self.on_drop), hour, column + 1)
        else:
            for row, days in enumerate(rows):
                for column, day in enumerate(days):
                    cell = DayCell(day, True, self.on_drop, str(day.day))
                    cell.setMinimumHeight(90)
                    day_head = cell.head
                    assert day_head is not None  # a cell made with a title has its head label
                    if day.month != month:  # the neighbouring months' days at the edges
                        day_head.setStyleSheet("font-size: 11px; color: palette(placeholder-text)")
                    elif day.date() == datetime.now(tz).date():
                        day_head.setStyleSheet("font-size: 11px; font-weight: bold")
                    self._add(cell, row, column + 1)
        width = self.HOURS if week else 0
        self.grid.setColumnMinimumWidth(0, width)
        self.heads.setColumnMinimumWidth(0, width)
        # The header has no scroll bar: leave its width free so that the columns line up.
        frame = self.scroll_area.frameWidth()
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        self.heads.setContentsMargins(frame, 0, frame + bar, 0)
        for column in range(1, 8):
            self.grid.setColumnStretch(column, 1)
            self.heads.setColumnStretch(column, 1)

    def _add(self, cell: DayCell, row: int, column: int) -> None:
        self.grid.addWidget(cell, row, column)
        self.cells.append(cell)

    def cell_for(self, local: datetime) -> DayCell | None:
        """The cell a local time falls in (its hour in the week view, its day in the month view)."""
        for cell in self.cells:
            if cell.start.date() == local.date() and (not self.week or cell.start.hour == local.hour):
                return cell
        return None

    def clear_chips(self) -> None:
        for cell in self.cells:
            for chip in cell.chips():
                chip.setParent(None)
                chip.deleteLater()

    def scroll_to_hour(self, hour: int) -> None:
        """Week view: scroll so that `hour` is at the top (the night hours are rarely wanted)."""
        cell = next((c for c in self.cells if c.start.hour == hour), None)
        if cell is not None and self.week:
            self.host.adjustSize()
            self.scroll_area.verticalScrollBar().setValue(cell.y())
