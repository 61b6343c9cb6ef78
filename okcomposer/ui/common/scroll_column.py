"""A column that scrolls up and down but never sideways: as narrow as its contents can wrap, no narrower."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QStyle, QWidget


class ScrollColumn(QScrollArea):
    """A QScrollArea whose minimum width is its widget's minimum width plus the vertical scroll bar.

    A splitter or layout then cannot squeeze it below what its contents need, so its horizontal scroll bar
    never has anything to scroll; the minimum follows the contents as they change (a block added)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # The contents keep one width whether the vertical bar shows or not: contents whose height follows
        # their width (wrapping text, a photo grid sizing its tiles) otherwise fed back into the bar at the
        # threshold - bar on, narrower, shorter, bar off, wider, taller - relaying out and repainting the
        # whole window about 100 times a second (seen while publishing: stalls of 80-190 ms).
        self.verticalScrollBar().rangeChanged.connect(self._reserve_bar)
        self._reserve_bar(0, 0)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the contents' minimum may have changed
        return super().eventFilter(watched, event)

    def _reserve_bar(self, _low: int, high: int) -> None:
        """While the vertical bar is hidden, keep its room empty (a transient, overlaid bar takes none)."""
        bar = self.verticalScrollBar()
        room = 0
        if high <= 0 and not self.style().styleHint(QStyle.StyleHint.SH_ScrollBar_Transient, None, bar):
            room = bar.sizeHint().width()
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            self.setViewportMargins(room, 0, 0, 0)
        else:
            self.setViewportMargins(0, 0, room, 0)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        widget = self.widget()
        if widget is None:
            return hint
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        frame = 2 * self.frameWidth()
        return QSize(max(hint.width(), widget.minimumSizeHint().width() + bar + frame), hint.height())
