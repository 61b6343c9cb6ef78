"""Best times to post: a weekday x hour heat map of engagement per reach in the user's zone, the number of
posts behind each cell written in it, cells with too few posts grey (app.best_times: nothing hidden), and
the best few listed beside it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from okcomposer.app.best_times import MIN_POSTS, Cell
from okcomposer.ui.common.times import short_time

EMPTY, THIN, RANKED = "empty", "thin", "ranked"
NBSP = "\u00a0"
THIN_COLOR = QColor(200, 200, 200)
LOW, HIGH = QColor(232, 245, 233), QColor(27, 120, 55)  # engagement per reach: lowest, highest ranked


def weekday_name(weekday: int, long: bool = False) -> str:
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().dayName(weekday + 1, kind)


def slot_name(cell: Cell) -> str:
    """ "Tue 09:00" in the UI language."""
    from datetime import datetime

    return f"{weekday_name(cell.weekday)} {short_time(datetime(2000, 1, 1, cell.hour))}"


def percent(rate: float) -> str:
    return QLocale().toString(rate * 100, "f", 1) + " %"


class HeatMap(QWidget):
    """Rows Monday to Sunday, columns 0 to 23 h; set_cells puts a group's cells in."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.cells: dict[tuple[int, int], Cell] = {}
        self.min_posts = MIN_POSTS
        self._range = (0.0, 0.0)  # the lowest and highest engagement per reach of the ranked cells
        self.setMinimumSize(300, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(520, 200)

    def set_cells(self, cells: Mapping[tuple[int, int], Cell], min_posts: int = MIN_POSTS) -> None:
        self.cells, self.min_posts = dict(cells), min_posts
        rates = [c.rate for c in self.cells.values() if not c.thin(min_posts)]
        self._range = (min(rates), max(rates)) if rates else (0.0, 0.0)
        self.update()

    def state(self, weekday: int, hour: int) -> tuple[str, str]:
        """(what the cell says: its number of posts or "", EMPTY/THIN/RANKED)."""
        cell = self.cells.get((weekday, hour))
        if cell is None or cell.posts == 0:
            return "", EMPTY
        return QLocale().toString(cell.posts), THIN if cell.thin(self.min_posts) else RANKED

    def _grid(self) -> tuple[QRectF, float, float]:
        metrics = self.fontMetrics()
        left = max(metrics.horizontalAdvance(weekday_name(d)) for d in range(7)) + 8
        top = metrics.height() + 4
        area = QRectF(left, top, self.width() - left - 2, self.height() - top - 2)
        return area, area.width() / 24, area.height() / 7

    def cell_rect(self, weekday: int, hour: int, grid: tuple[QRectF, float, float] | None = None) -> QRectF:
        area, w, h = grid or self._grid()
        return QRectF(area.left() + hour * w, area.top() + weekday * h, w, h)

    def color(self, weekday: int, hour: int) -> QColor | None:
        """The cell's fill: grey when thin, green by engagement per reach when ranked, None when empty."""
        text, kind = self.state(weekday, hour)
        if kind == EMPTY:
            return None
        if kind == THIN:
            return THIN_COLOR
        low, high = self._range
        t = 1.0 if high == low else (self.cells[(weekday, hour)].rate - low) / (high - low)
        return QColor(
            round(LOW.red() + (HIGH.red() - LOW.red()) * t),
            round(LOW.green() + (HIGH.green() - LOW.green()) * t),
            round(LOW.blue() + (HIGH.blue() - LOW.blue()) * t),
        )

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        try:
            self._draw(painter)
        finally:
            painter.end()

    def _draw(self, painter: QPainter) -> None:
        palette = self.palette()
        text, grid = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Midlight)
        grid_shape = self._grid()
        area, w, h = grid_shape
        metrics = painter.fontMetrics()
        base = palette.color(QPalette.ColorRole.Base)
        painter.setPen(text)
        for hour in range(0, 24, 3):
            label = QRectF(area.left() + hour * w, 0, w * 3, metrics.height())
            painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{hour:02d}")
        for weekday in range(7):
            label = QRectF(0, area.top() + weekday * h, area.left() - 6, h)
            painter.setPen(text)
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             weekday_name(weekday))  # fmt: skip
            painter.setPen(QPen(grid, 0.5))
            for hour in range(24):
                rect = self.cell_rect(weekday, hour, grid_shape).adjusted(0.5, 0.5, -0.5, -0.5)
                painter.fillRect(rect, base)
                painter.drawRect(rect)
            for hour in range(24):
                if (weekday, hour) not in self.cells:
                    continue
                rect = self.cell_rect(weekday, hour, grid_shape).adjusted(0.5, 0.5, -0.5, -0.5)
                fill = self.color(weekday, hour)
                if fill is not None:
                    painter.fillRect(rect, fill)
                    painter.setPen(QPen(grid, 0.5))
                    painter.drawRect(rect)
                number, kind = self.state(weekday, hour)
                if number:
                    dark = fill is not None and kind == RANKED and fill.lightness() < 140
                    painter.setPen(QColor("white") if dark else QColor(40, 40, 40))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, number)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.tooltip_at(QPointF(event.pos())), self)
            return True
        return super().event(event)

    def tooltip_at(self, point: QPointF) -> str:
        for (weekday, hour), cell in self.cells.items():
            if self.cell_rect(weekday, hour).contains(point):
                return self.describe(cell)
        return ""

    def describe(self, cell: Cell) -> str:
        words = self.tr(
            "%n post(s), reach {reach}, engagement {engagement}: {rate} per reach", "", cell.posts
        )
        text = words.format(
            reach=QLocale().toString(cell.reach),
            engagement=QLocale().toString(cell.engagement),
            rate=percent(cell.rate),
        )
        if cell.thin(self.min_posts):
            text += "\n" + self.tr("Too few posts to rank")
        return f"{slot_name(cell)}: {text}"


class BestTimesPanel(QWidget):
    """The heat map, what it shows, and the best few weekday/hour slots."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel()
        self.heat = HeatMap()
        self.legend = QLabel(wordWrap=True)
        self.ranking = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.heat, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.ranking)

    def needed_height(self, width: int) -> int:
        """The least height in px at `width` px that shows the title, the smallest heat map and every wrapped
        line of the notes (a splitter asks no widget's height for its width, so the panel says it itself)."""
        layout = self.layout()
        assert layout is not None
        inner = max(1, width - layout.contentsMargins().left() - layout.contentsMargins().right())
        texts = self.title.sizeHint().height()
        texts += sum(max(0, label.heightForWidth(inner)) for label in (self.legend, self.ranking))
        spacing = max(0, layout.spacing()) * (layout.count() - 1)
        margins = layout.contentsMargins().top() + layout.contentsMargins().bottom()
        return self.heat.minimumHeight() + texts + spacing + margins

    def _fit_height(self) -> None:
        need = self.needed_height(self.width())
        if need != self.minimumHeight():
            self.setMinimumHeight(need)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def show_cells(self, cells: Mapping[tuple[int, int], Cell], best: list[Cell], zone_name: str) -> None:
        self.title.setText("<b>" + self.tr("Best times to post") + "</b>")
        self.heat.set_cells(cells)
        self.legend.setText(
            self.tr(
                "Engagement per reach by the weekday and hour posts went out ({zone}). Each cell says how "
                "many posts it stands on; grey cells have fewer than %n and are not ranked.",
                "",
                MIN_POSTS,
            ).format(zone=zone_name)
        )
        if best:
            # Each slot kept on one line ("7.4 %" was split from its "%"); lines break between slots only.
            items = [
                self.tr("{place}. {slot}: {rate}")
                .format(place=i, slot=slot_name(c), rate=percent(c.rate))
                .replace(" ", NBSP)
                for i, c in enumerate(best, 1)
            ]
            self.ranking.setText(self.tr("Best: {list}").format(list="  ·  ".join(items)))
        else:
            self.ranking.setText(self.tr("Too few posts with figures to rank any weekday and hour yet."))
        self._fit_height()
