"""The Insights tab: a group you administer, its posts' reach and engagement over time, a sortable table of
its topics, and the best times to post; the figures come from the cache and are refreshed off the GUI thread.

Reading the cache goes through the window's store queue (about 10 ms for 500 topics); asking OK runs on a
TaskGroup of its own, one group after another, so it never holds up a draft's save or a publish
(app.insights writes each group in one short transaction).
"""

from __future__ import annotations

import html
from contextlib import closing
from datetime import tzinfo
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.errors import OkApiError
from okcomposer.app.insights import Insights, administered_groups
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.i18n import error_text
from okcomposer.ui.common.store_queue import DraftQueue, StoreQueue
from okcomposer.ui.common.tasks import Lane, Task, TaskGroup
from okcomposer.ui.common.times import user_tz, zone_name
from okcomposer.ui.insights.chart import ReachChart
from okcomposer.ui.insights.data import GroupFigures, Snapshot, csv_text, read_snapshot
from okcomposer.ui.insights.heatmap import BestTimesPanel
from okcomposer.ui.insights.table import DATE, FIRST_FIGURE, PICTURE, THUMB_PX, WORDS, TopicsModel

ME_ITEM = ""  # the picker's "my page" entry: OK has no statistics for a personal page


class InsightsView(QWidget):
    open_requested = Signal(str)
    """A row of a post History lists was activated: its topic id."""
    shown_figures = Signal()
    """The cache was read and put on screen (after opening, a refresh or another account)."""
    exported = Signal(str)
    """A CSV or PNG file was written: its path."""

    def __init__(
        self, context: UiContext, queue: DraftQueue, tz: tzinfo | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.context, self._fixed_tz = context, tz  # tz: a zone for tests; else the settings' choice
        self.store = StoreQueue(queue, self)
        self.tasks = TaskGroup(self, lane=Lane(1))  # OK's figures, one group after another
        self.files = TaskGroup(self)  # the exports' writes
        self.snapshot = Snapshot({})
        self.names: dict[str, str] = {}  # the groups you administer, once loaded: id -> name
        self.groups_loaded = False
        self._task: Task | None = None  # the one asking OK now
        self._generation = 0  # counts account changes
        self.picker = QComboBox()
        # As wide as its longest entry (group names are short), at most 40 characters: longer ones are cut
        # and their whole name is the entry's tooltip.
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.picker.setMinimumContentsLength(12)
        self.picker.setMaximumWidth(self.fontMetrics().averageCharWidth() * 40 + 40)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.fetched = QLabel(wordWrap=True)  # wraps rather than widen the window
        self.csv_button = QPushButton(self.tr("Export table…"))
        self.png_button = QPushButton(self.tr("Save chart…"))
        self.note = QLabel(wordWrap=True, openExternalLinks=True, textFormat=Qt.TextFormat.RichText)
        self.chart = ReachChart()
        self.best = BestTimesPanel()
        self.model = TopicsModel(self)
        self.table = QTableView()
        self._layout()
        self.picker.currentIndexChanged.connect(lambda _i: self.show_group())
        self.refresh_button.clicked.connect(lambda: self.refresh(force=True))
        self.csv_button.clicked.connect(self.on_csv_button_clicked)
        self.png_button.clicked.connect(self.on_png_button_clicked)
        self.table.activated.connect(self.on_table_activated)
        context.session_changed.connect(self.on_session_changed)
        context.settings_changed.connect(self.on_settings_changed)
        self._zone_name = self.zone_name()

    def _layout(self) -> None:
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(max(self.fontMetrics().height() + 8, THUMB_PX + 4))
        self.table.setIconSize(QSize(THUMB_PX, THUMB_PX))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(WORDS, QHeaderView.ResizeMode.Stretch)
        # Widths from the font, not from the rows: sizing to 500 rows' contents would stall the opening.
        metrics = self.fontMetrics()
        date_text = QLocale().toString(QDateTime(2000, 12, 28, 23, 59, 0), QLocale.FormatType.ShortFormat)
        header.resizeSection(DATE, metrics.horizontalAdvance(date_text) + 24)
        header.resizeSection(PICTURE, THUMB_PX + 12)
        for column in range(FIRST_FIGURE, len(self.model.headers())):
            # The header's own hint counts its font and the sort arrow ("Негатив" was cut by them)
            figures = metrics.horizontalAdvance("00 000") + 24
            header.resizeSection(column, max(header.sectionSizeHint(column), figures))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Group")))
        top.addWidget(self.picker)
        top.addWidget(self.refresh_button)
        top.addWidget(self.fetched, 1)
        top.addWidget(self.csv_button)
        top.addWidget(self.png_button)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.chart)
        upper.addWidget(self.best)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        # Neither part can be dragged away or squeezed below its minimum: the heat map's notes keep the
        # height their wrapped lines need (BestTimesPanel sets it).
        upper.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.splitter, 1)

    # --- reading the cache -------------------------------------------------------------------------
    def owner(self) -> str:
        return self.context.outbox.owner

    def shown(self) -> None:
        """The tab became current: show the cache now, then load the groups and refresh those due."""
        self.load()
        if not self.groups_loaded and self.context.session is not None:
            self.load_groups()

    def load(self) -> None:
        drafts, owner, zone, gids = self.context.drafts, self.owner(), self.tz, list(self.names)
        self.store.submit(lambda: read_snapshot(drafts, owner, zone, gids), then=self._show_snapshot)

    def _show_snapshot(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        current = self.current_group()
        gids = sorted(snapshot.groups, key=lambda gid: (gid not in self.names, self.names.get(gid, ""), gid))
        self.picker.blockSignals(True)
        self.picker.clear()
        tip = Qt.ItemDataRole.ToolTipRole
        for gid in gids:
            name = self.names.get(gid) or self.tr("Group {gid}").format(gid=gid)
            self.picker.addItem(name, gid)
            self.picker.setItemData(self.picker.count() - 1, name, tip)
        self.picker.addItem(self.tr("My page (no statistics)"), ME_ITEM)
        me = self.picker.count() - 1
        self.picker.setItemData(me, self.tr("My page: OK gives statistics for groups only"), tip)
        model = self.picker.model()
        if isinstance(model, QStandardItemModel):
            item = model.item(me)
            if item is not None:
                item.setEnabled(False)
        self.picker.setCurrentIndex(gids.index(current) if current in gids else 0 if gids else me)
        self.picker.blockSignals(False)
        self.show_group()
        self.shown_figures.emit()

    def current_group(self) -> str:
        return self.picker.currentData() or ""

    def figures(self) -> GroupFigures:
        gid = self.current_group()
        return self.snapshot.groups.get(gid) or GroupFigures(gid)

    def show_group(self) -> None:
        """Put the chosen group's figures in the chart, the table and the heat map."""
        figures = self.figures()
        self.model.set_topics(figures.topics, self.snapshot.in_history, self.snapshot.pictures, self.tz)
        self.chart.set_days(figures.days, figures.from_trends)
        self.best.show_cells(figures.cells, figures.best, self.zone_name())
        for button in (self.csv_button, self.png_button):
            button.setEnabled(bool(figures.topics))
        self.refresh_button.setEnabled(bool(figures.gid) and self.context.session is not None)
        self._say_fetched(figures)
        if not self.snapshot.groups:
            self._say_why_empty()

    @property
    def tz(self) -> tzinfo:
        """The zone of dates and best times: the one given, else the settings' (`time_zone`), else this
        computer's."""
        return self._fixed_tz if self._fixed_tz is not None else user_tz(self.context.settings.time_zone)

    def zone_name(self) -> str:
        return zone_name(self.tz)

    def on_settings_changed(self) -> None:
        """Another zone chosen in the settings: days and best times are counted again in it."""
        if self.zone_name() != self._zone_name:
            self._zone_name = self.zone_name()
            self.load()

    def _say_fetched(self, figures: GroupFigures) -> None:
        if figures.refreshed_ms is None:
            self.fetched.setText(self.tr("Not fetched yet") if figures.gid else "")
            return
        # On the same clock as the table's dates (the settings' zone), not the computer's.
        when = QLocale().toString(self.model.wall_time(figures.refreshed_ms), QLocale.FormatType.ShortFormat)
        count = self.tr("%n post(s)", "", len(figures.topics))
        self.fetched.setText(self.tr("Figures fetched {time}; {posts}").format(time=when, posts=count))

    def _say_why_empty(self) -> None:
        if self.context.session is None:
            self.note.setText(self.tr("Sign in to see the figures of the groups you administer."))
        elif self.groups_loaded:
            self.note.setText(
                self.tr("You administer no group: OK gives statistics to a group's admins only.")
            )

    # --- asking OK ---------------------------------------------------------------------------------
    def on_session_changed(self) -> None:
        self.names, self.groups_loaded = {}, False
        self._generation += 1  # the old account's answers are dropped when they come
        if self._task is not None:
            self._task.cancel()
        if self.isVisible():
            self.shown()

    def _run(self, work, succeeded, progress=None) -> None:
        """Start work on the tasks' lane; its answer is dropped if the account changed meanwhile (the new
        account's work starts then)."""
        generation = self._generation

        def answer(handler):
            def call(value) -> None:
                self._task = None
                if generation == self._generation:
                    handler(value)
                elif self.isVisible():
                    self.shown()

            return call

        self._task = self.tasks.run(
            work, answer(succeeded), answer(self._failed), progress, name="okc-insights"
        )

    def load_groups(self) -> None:
        """The groups you administer (their statistics are yours to read), then refresh those due."""
        session = self.context.session
        if session is None or self._task is not None:
            return
        uid = self.context.uid or (session.account.uid if session.account else "")
        client = self.context.client()

        def work(_report, cancel):
            with closing(client):
                return administered_groups(client, uid, cancel)

        self.note.setText(self.tr("Loading the groups you administer…"))
        self._run(work, self._groups_found)

    def _groups_found(self, groups: list) -> None:
        self.names = {group.uid: group.name for group in groups}
        self.groups_loaded = True
        self.note.clear()
        self.load()
        self.refresh(force=False, gids=list(self.names))

    def refresh(self, force: bool = True, gids: list[str] | None = None) -> None:
        """Ask OK for the figures of `gids` (default: the chosen group) off the GUI thread; unless forced,
        only groups not refreshed in the last 15 minutes are asked."""
        gids = [g for g in (gids if gids is not None else [self.current_group()]) if g]
        if not gids or self.context.session is None or self._task is not None:
            return
        insights, client = Insights(self.context.drafts, self.owner()), self.context.client()

        def work(report, cancel):
            done, refused = [], []
            with closing(client):
                for gid in gids:

                    def waiting(_exc, delay: float, gid: str = gid) -> None:
                        report(delay)

                    try:
                        done.append(
                            insights.refresh(client, gid, force=force, cancel=cancel, on_wait=waiting)
                        )
                    except OkApiError as exc:
                        if force:
                            raise
                        refused.append(exc)  # a group OK will not give figures for: the others still count
            return done, refused

        self.refresh_button.setEnabled(False)
        self.fetched.setText(self.tr("Refreshing…"))
        self._run(work, self._refreshed, self._waiting)

    def _waiting(self, delay: float) -> None:
        seconds = max(1, round(delay))
        self.fetched.setText(self.tr("OK asks to wait: trying again in %n second(s)", "", seconds))

    def _refreshed(self, result: tuple) -> None:
        done, refused = result
        self.note.setText(error_text(refused[0]) if refused and not done else "")
        self.load()

    def _failed(self, exc: BaseException) -> None:
        self.note.setText(self.tr("The figures could not be fetched.") + " " + error_text(exc))
        self.refresh_button.setEnabled(self.context.session is not None)
        self._say_fetched(self.figures())

    # --- rows, files -------------------------------------------------------------------------------
    def on_table_activated(self, index) -> None:
        topic = self.model.rows[index.row()]
        if topic.topic_id in self.snapshot.in_history:
            self.note.clear()
            self.open_requested.emit(topic.topic_id)
            return
        url = f"https://ok.ru/group/{topic.target}/topic/{topic.topic_id}"
        words = html.escape(self.tr("open it on OK"))
        text = self.tr("This post was not published with okcomposer, so History does not list it: {link}")
        self.note.setText(html.escape(text).format(link=f'<a href="{url}">{words}</a>'))

    def _ask_path(self, title: str, kinds: str, suffix: str, then) -> None:
        dialog = QFileDialog(self, title, str(Path.home()), kinds)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.selectFile(f"insights-{self.current_group()}.{suffix}")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(then)
        dialog.open()

    def on_csv_button_clicked(self) -> None:
        self._ask_path(self.tr("Export the table"), self.tr("CSV files (*.csv)"), "csv", self.write_csv)

    def on_png_button_clicked(self) -> None:
        self._ask_path(self.tr("Save the chart"), self.tr("PNG pictures (*.png)"), "png", self.write_png)

    def write_csv(self, path: str) -> None:
        """The table as shown (its sort order), written off the GUI thread; `exported` says when."""
        head = ["id", *self.model.csv_headers()]
        text = csv_text(self.model.csv_rows(self.tz), head)
        self._write(path, lambda: Path(path).write_text(text, encoding="utf-8-sig", newline=""))

    def write_png(self, path: str) -> None:
        """The chart at twice its size on screen; drawn here, encoded and written off the GUI thread."""
        picture = self.chart.image()

        def save() -> None:
            if not picture.save(path, "PNG"):  # type: ignore[call-overload]  # the stubs say bytes, PySide6 wants str
                raise OSError(f"the picture could not be written to {path}")

        self._write(path, save)

    def _write(self, path: str, write) -> None:
        self.files.run(
            lambda _report, _cancel: write(),
            succeeded=lambda _none: self._written(path),
            failed=lambda exc: self.note.setText(error_text(exc)),
            name="okc-insights-file",
        )

    def _written(self, path: str) -> None:
        self.note.setText(self.tr("Written to {path}").format(path=path))
        self.exported.emit(path)

    def shutdown(self) -> None:
        self.store.close()
