"""The Insights table: one row per topic (date, first words, reach, likes, comments, reshares, link clicks,
negatives), sortable by any column, read from the cached figures with no widget per row."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QAbstractTableModel, QDateTime, QLocale, QModelIndex, QPersistentModelIndex, Qt

from okcomposer.store.figures import CachedTopic
from okcomposer.ui.insights.data import COLUMNS

DATE, WORDS = 0, 1
FIRST_FIGURE = 2
TOPIC_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


class TopicsModel(QAbstractTableModel):
    """Rows of CachedTopic; `sort` reorders them in place (a missing figure sorts below every number)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[CachedTopic] = []
        self.in_history: frozenset[str] = frozenset()
        self._locale = QLocale()
        self._order: tuple[int, Qt.SortOrder] = (DATE, Qt.SortOrder.DescendingOrder)

    def headers(self) -> list[str]:
        return [
            self.tr("Date"),
            self.tr("First words"),
            self.tr("Reach"),
            self.tr("Likes"),
            self.tr("Comments"),
            self.tr("Reshares"),
            self.tr("Link clicks"),
            self.tr("Negatives"),
        ]

    def set_topics(self, topics: list[CachedTopic], in_history: frozenset[str]) -> None:
        self.beginResetModel()
        self.rows, self.in_history, self._locale = list(topics), in_history, QLocale()
        self._sort_rows(*self._order)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else FIRST_FIGURE + len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            left = section in (DATE, WORDS)
            return Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignRight
        return None

    def figure(self, topic: CachedTopic, column: int) -> int | None:
        return topic.figures.get(COLUMNS[column - FIRST_FIGURE])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        topic, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DATE:
                when = QDateTime.fromMSecsSinceEpoch(topic.created_ms)
                return (
                    self._locale.toString(when, QLocale.FormatType.ShortFormat) if topic.created_ms else "–"
                )
            if column == WORDS:
                return topic.words or self.tr("(no text)")
            number = self.figure(topic, column)
            return "–" if number is None else self._locale.toString(number)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= FIRST_FIGURE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == WORDS:
            if topic.topic_id in self.in_history:
                return self.tr("Double-click or press Enter to see this post in History")
            return self.tr("Published outside okcomposer: History does not list it")
        if role == TOPIC_ROLE:
            return topic
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._order = (column, order)
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if column == DATE:
            self.rows.sort(key=lambda t: (t.created_ms, t.topic_id), reverse=descending)
        elif column == WORDS:
            self.rows.sort(key=lambda t: (t.words.casefold(), t.topic_id), reverse=descending)
        else:
            name = COLUMNS[column - FIRST_FIGURE]
            self.rows.sort(key=lambda t: (t.figures.get(name, -1), t.created_ms), reverse=descending)

    def csv_rows(self, zone: tzinfo) -> list[tuple[str, str, str, list[int | None]]]:
        """The rows in their shown order: (topic id, ISO 8601 time in `zone`, first words, figures)."""
        return [
            (
                t.topic_id,
                datetime.fromtimestamp(t.created_ms / 1000, zone).isoformat(timespec="minutes")
                if t.created_ms
                else "",
                t.words,
                [t.figures.get(name) for name in COLUMNS],
            )
            for t in self.rows
        ]
