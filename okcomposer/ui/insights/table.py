"""The Insights table: one row per topic (date, first words, thumbnail, reach, likes, comments, reshares, link
clicks, negatives), sortable by any column, read from the cached figures with no widget per row.

The thumbnail is the first photo of the post okcomposer published (read_snapshot finds its file), made by the
photos' ThumbnailLoader on its shared lane off the GUI thread and shown as the cell's decoration; a topic
published elsewhere has none (OK's statistics give no picture), its cell stays empty.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QImage, QPixmap

from okcomposer.store.figures import CachedTopic
from okcomposer.ui.insights.data import COLUMNS
from okcomposer.ui.photos import thumbnails

DATE, WORDS, PICTURE = 0, 1, 2
FIRST_FIGURE = 3
THUMB_PX = 32  # the thumbnails' box in the table, in device-independent pixels
# Thumbnails asked of the loader at a time: each answer costs the GUI thread a little (a Task delivered, a
# cell redrawn), and a hundred arriving in one turn of the event loop stalled it 45 ms (the benchmark).
THUMBS_IN_FLIGHT = 4
TOPIC_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


class TopicsModel(QAbstractTableModel):
    """Rows of CachedTopic; `sort` reorders them in place (a missing figure sorts below every number)."""

    thumbnails_done = Signal()
    """Every thumbnail asked for has been made (or found unreadable)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[CachedTopic] = []
        self.in_history: frozenset[str] = frozenset()
        self.pictures: dict[str, str] = {}  # topic id -> local photo file
        self.thumbs: dict[str, QPixmap | None] = {}  # photo file -> its thumbnail (None: unreadable)
        self._jobs: dict[int, str] = {}  # the loader's job id -> photo file
        self._waiting: list[str] = []  # photo files not yet asked for, in the rows' order
        self.loader = thumbnails.ThumbnailLoader(self)
        self.loader.loaded.connect(self._thumbnail_loaded)
        self._locale = QLocale()
        self.zone: tzinfo | None = None  # the dates' zone (the settings'); None: this computer's
        self._order: tuple[int, Qt.SortOrder] = (DATE, Qt.SortOrder.DescendingOrder)

    def headers(self) -> list[str]:
        return [
            self.tr("Date"),
            self.tr("First words"),
            "",  # the thumbnail: a picture says what it is
            self.tr("Reach"),
            self.tr("Likes"),
            self.tr("Comments"),
            self.tr("Reshares"),
            self.tr("Link clicks"),
            self.tr("Negatives"),
        ]

    def set_topics(
        self,
        topics: list[CachedTopic],
        in_history: frozenset[str],
        pictures: dict[str, str] | None = None,
        zone: tzinfo | None = None,
    ) -> None:
        """Show `topics`, their dates in `zone` (None: this computer's); those in `pictures` ({topic id:
        photo file}) get thumbnails, made off the GUI thread."""
        self.beginResetModel()
        self.rows, self.in_history, self._locale, self.zone = list(topics), in_history, QLocale(), zone
        self.pictures = {
            t.topic_id: pictures[t.topic_id] for t in self.rows if pictures and t.topic_id in pictures
        }
        self._sort_rows(*self._order)
        self.endResetModel()
        self._ask_thumbnails()

    def _ask_thumbnails(self) -> None:
        """Queue the thumbnails not made yet, the top rows' first."""
        asked = set(self._jobs.values())
        self._waiting = []
        for path in dict.fromkeys(
            self.pictures[t.topic_id] for t in self.rows if t.topic_id in self.pictures
        ):
            if path in self.thumbs or path in asked:
                continue
            image = thumbnails.cached(path)  # made earlier for the composer's grid
            if image is not None:
                self.thumbs[path] = self._small(image)
            else:
                self._waiting.append(path)
        self._next_thumbnails()

    def _next_thumbnails(self) -> None:
        while self._waiting and len(self._jobs) < THUMBS_IN_FLIGHT:
            path = self._waiting.pop(0)
            self._jobs[self.loader.check(path, None, check=False)] = path
        if not self._jobs:
            self.thumbnails_done.emit()

    @staticmethod
    def _small(image: QImage) -> QPixmap:
        mode = Qt.TransformationMode.SmoothTransformation
        return QPixmap.fromImage(image.scaled(THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio, mode))

    def _thumbnail_loaded(self, job: int, loaded: thumbnails.Loaded) -> None:
        path = self._jobs.pop(job, None)
        if path is None:
            return
        self.thumbs[path] = self._small(loaded.image) if loaded.image is not None else None
        for row, topic in enumerate(self.rows):
            if self.pictures.get(topic.topic_id) == path:
                cell = self.index(row, PICTURE)
                self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DecorationRole])
        self._next_thumbnails()

    @property
    def thumbnails_pending(self) -> int:
        """How many thumbnails are still being made."""
        return len(self._jobs) + len(self._waiting)

    def thumbnail(self, topic: CachedTopic) -> QPixmap | None:
        """The topic's thumbnail once made; None without a photo, before it is made, or if unreadable."""
        path = self.pictures.get(topic.topic_id)
        return self.thumbs.get(path) if path else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else FIRST_FIGURE + len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            left = section in (DATE, WORDS, PICTURE)
            return Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignRight
        return None

    def figure(self, topic: CachedTopic, column: int) -> int | None:
        return topic.figures.get(COLUMNS[column - FIRST_FIGURE])

    def wall_time(self, ms: int) -> QDateTime:
        """The instant `ms` (ms since the epoch) as the clock of the model's zone reads it."""
        if self.zone is None:
            return QDateTime.fromMSecsSinceEpoch(ms)
        local = datetime.fromtimestamp(ms / 1000, self.zone)
        return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        topic, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DATE:
                when = self.wall_time(topic.created_ms)
                return (
                    self._locale.toString(when, QLocale.FormatType.ShortFormat) if topic.created_ms else "–"
                )
            if column == WORDS:
                return topic.words or self.tr("(no text)")
            if column == PICTURE:
                return None
            number = self.figure(topic, column)
            return "–" if number is None else self._locale.toString(number)
        if role == Qt.ItemDataRole.DecorationRole and column == PICTURE:
            return self.thumbnail(topic)
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
        elif column == PICTURE:  # the posts with a photo together
            self.rows.sort(key=lambda t: (t.topic_id in self.pictures, t.created_ms), reverse=descending)
        else:
            name = COLUMNS[column - FIRST_FIGURE]
            self.rows.sort(key=lambda t: (t.figures.get(name, -1), t.created_ms), reverse=descending)

    def csv_headers(self) -> list[str]:
        """The headers of the CSV's columns after the id: the table's, but the thumbnail's."""
        return [name for column, name in enumerate(self.headers()) if column != PICTURE]

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
