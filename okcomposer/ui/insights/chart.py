"""The reach and engagement chart, drawn with QPainter: bars of reach per day (left axis), a line of
engagement (right axis), in the user's zone.

QPainter, not a plotting library: pyqtgraph with numpy adds 310-470 ms of imports (the Insights tab must
open in under 300 ms) and Qt Charts is not part of PySide6-Essentials; a few hundred bars need neither.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from okcomposer.ui.insights.data import Day

REACH = QColor(66, 133, 244)
ENGAGEMENT = QColor(238, 130, 0)  # OK's orange


def nice_step(top: float, ticks: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) that covers `top` in about `ticks` steps."""
    if top <= 0:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return max(1, int(factor * power))
    return max(1, int(10 * power))


class ReachChart(QWidget):
    """Set the days with set_days; `image()` gives the chart as a picture for the PNG export."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.days: list[Day] = []
        self.from_trends = False
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(560, 260)

    def set_days(self, days: list[Day], from_trends: bool = False) -> None:
        """Draw `days`; `from_trends` says they are OK's daily figures of the group (group.getStatTrends),
        not sums of each day's posts (the tooltip tells which)."""
        self.days, self.from_trends = list(days), from_trends
        if not days:
            self.setToolTip("")
        elif from_trends:
            self.setToolTip(self.tr("Daily reach and engagement of the whole group, from OK's statistics"))
        else:
            self.setToolTip(self.tr("Each day's posts summed: OK gave no daily figures for this group"))
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        try:
            self.draw(painter, QRectF(self.rect()))
        finally:
            painter.end()

    def image(self, scale: float = 2.0) -> QImage:
        """The chart at its current size times `scale`, on the window's background (for a PNG file)."""
        size = self.size() * scale
        picture = QImage(size, QImage.Format.Format_ARGB32)
        picture.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(picture)
        try:
            painter.scale(scale, scale)
            self.draw(painter, QRectF(self.rect()))
        finally:
            painter.end()
        return picture

    def draw(self, painter: QPainter, area: QRectF) -> None:
        palette = self.palette()
        text, grid = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Mid)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(area, palette.color(QPalette.ColorRole.Base))
        metrics = painter.fontMetrics()
        line = metrics.height()
        locale = QLocale()
        if not self.days:
            painter.setPen(text)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No figures yet: press Refresh"))
            return
        top_reach = max(d.reach for d in self.days) or 1
        top_engagement = max(d.engagement for d in self.days) or 1
        reach_step, engagement_step = nice_step(top_reach), nice_step(top_engagement)
        reach_top = reach_step * math.ceil(top_reach / reach_step)
        engagement_top = engagement_step * math.ceil(top_engagement / engagement_step)
        left = metrics.horizontalAdvance(locale.toString(reach_top)) + 10
        right = metrics.horizontalAdvance(locale.toString(engagement_top)) + 10
        plot = QRectF(area.left() + left, area.top() + line * 2, area.width() - left - right, 0)
        plot.setBottom(area.bottom() - line - 8)
        if plot.width() < 40 or plot.height() < 30:
            return
        self._legend(painter, area, text)
        # Grid lines and both axes' labels, at the reach axis's steps.
        ticks = int(reach_top / reach_step)
        for i in range(ticks + 1):
            y = plot.bottom() - plot.height() * i / ticks
            painter.setPen(QPen(grid, 0.5))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(REACH.darker(120))
            label = QRectF(area.left(), y - line / 2, left - 6, line)
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             locale.toString(reach_step * i))  # fmt: skip
            painter.setPen(ENGAGEMENT.darker(120))
            label = QRectF(plot.right() + 6, y - line / 2, right - 6, line)
            value = round(engagement_top * i / ticks)
            painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             locale.toString(value))  # fmt: skip
        first, last = self.days[0].day, self.days[-1].day
        span = (last - first).days + 1
        slot = plot.width() / span

        def x_of(day: date) -> float:
            return plot.left() + slot * ((day - first).days + 0.5)

        bar = max(1.0, slot * 0.7)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(REACH)
        for d in self.days:
            height = plot.height() * d.reach / reach_top
            painter.drawRect(QRectF(x_of(d.day) - bar / 2, plot.bottom() - height, bar, height))
        path = QPainterPath()
        for i, d in enumerate(self.days):
            point = QPointF(x_of(d.day), plot.bottom() - plot.height() * d.engagement / engagement_top)
            path.moveTo(point) if i == 0 else path.lineTo(point)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(ENGAGEMENT, 2))
        painter.drawPath(path)
        self._dates(painter, plot, first, span, slot, text)

    def _legend(self, painter: QPainter, area: QRectF, text: QColor) -> None:
        metrics = painter.fontMetrics()
        x, y, line = area.left() + 8, area.top() + 4, metrics.height()
        for color, name in (
            (REACH, self.tr("Reach, per day (left)")),
            (ENGAGEMENT, self.tr("Engagement, per day (right)")),
        ):
            painter.fillRect(QRectF(x, y + line / 4, line / 2, line / 2), color)
            painter.setPen(text)
            painter.drawText(QPointF(x + line * 0.8, y + metrics.ascent()), name)
            x += line * 0.8 + metrics.horizontalAdvance(name) + line

    def _dates(self, painter: QPainter, plot: QRectF, first: date, span: int, slot: float, text: QColor):
        """Day labels under the bars, as many as fit without touching."""
        locale = QLocale()
        metrics = painter.fontMetrics()
        fmt = "d MMM"
        width = metrics.horizontalAdvance(locale.toString(QDate(2000, 12, 28), fmt)) + 12
        every = max(1, math.ceil(width / slot))
        painter.setPen(text)
        for offset in range(0, span, every):
            day = date.fromordinal(first.toordinal() + offset)
            x = plot.left() + slot * (offset + 0.5)
            label = QRectF(x - width / 2, plot.bottom() + 4, width, metrics.height())
            painter.drawText(
                label,
                Qt.AlignmentFlag.AlignHCenter,
                locale.toString(QDate(day.year, day.month, day.day), fmt),
            )
