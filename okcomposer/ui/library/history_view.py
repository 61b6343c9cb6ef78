"""History: a view of the outbox — every publish with its time, place, true state and link.

A model over the database (ui/library/paged_model.py): the count and the pages on screen are read on the
store queue through indexes (store/history.py), so 100,000 entries open as fast as 100 and every one can
be scrolled to, searched for and filtered (place, state, period). A link opens on double-click or Enter.
Entries written before the outbox existed (the legacy history table) are shown too.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from okcomposer.app.outbox import SendOptions
from okcomposer.store import history
from okcomposer.store import outbox as box
from okcomposer.store.outbox import Entry
from okcomposer.ui.common import outbox_words
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.i18n import error_text
from okcomposer.ui.common.store_queue import DraftQueue
from okcomposer.ui.common.tasks import TaskGroup
from okcomposer.ui.common.times import list_time
from okcomposer.ui.library.list_filter import ListFilterBar
from okcomposer.ui.library.paged_model import SIZED_ROWS, PagedModel, PagedRows, Row, fit_columns

LINK_COLUMN = 5


class HistoryView(QWidget, PagedRows):
    def __init__(self, context: UiContext, queue: DraftQueue, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.queue = context, queue
        self.wanted_topic = ""  # a topic to select once the list is (re)loaded (see show_topic)
        self._selected_id: str | None = None  # the outbox entry selected before a reload
        outbox = context.outbox.store
        self.model = PagedModel(
            [
                self.tr("Time"),
                self.tr("What"),
                self.tr("Where"),
                self.tr("Text"),
                self.tr("State"),
                self.tr("Link"),
            ],
            queue,
            lambda found: history.count(outbox, found),
            lambda found, offset, limit: history.page(outbox, found, offset, limit),
            self._rows,
            self,
        )
        self.filters = ListFilterBar(
            [
                (self.tr("Published"), (box.PUBLISHED,)),
                (self.tr("Scheduled on OK"), (box.SCHEDULED,)),
                (self.tr("Waiting"), (box.WAITING, box.SENDING)),
                (self.tr("Not confirmed"), (box.UNCONFIRMED,)),
                (self.tr("Not sent"), (box.NOT_SENT,)),
                (self.tr("Failed"), (box.FAILED,)),
            ]
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()  # no per-row header: 100,000 rows cost nothing to lay out
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Widths come from the rows read so far, never from rows still to be read (they would be asked for).
        self.table.horizontalHeader().setResizeContentsPrecision(SIZED_ROWS)
        rows = self.table.verticalHeader()
        rows.setResizeContentsPrecision(SIZED_ROWS)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.empty = QLabel(self.tr("Nothing published yet. Posts and Moments you publish appear here."))
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.tasks = TaskGroup(self)
        self.check_button = QPushButton(self.tr("Check again"))
        self.anyway_button = QPushButton(self.tr("Publish anyway"))
        self.send_button = QPushButton(self.tr("Send now"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.note = QLabel(wordWrap=True)
        buttons = QHBoxLayout()
        for button, how in (
            (self.check_button, "check"),
            (self.anyway_button, "anyway"),
            (self.send_button, "send"),
            (self.discard_button, "discard"),
        ):
            buttons.addWidget(button)
            button.clicked.connect(lambda _checked=False, how=how: self.act(how))
        buttons.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.filters.changed.connect(self.refresh)
        self.table.activated.connect(self.on_table_activated)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update())
        self.model.loaded.connect(self._loaded)
        self.model.page_arrived.connect(lambda _page: self._select_wanted())
        self._sized = False
        self._update()

    def refresh(self) -> None:
        """Read the list again under the chosen filter (on the store queue), and the places it has."""
        current = self.selected()
        self._selected_id = current.id if current is not None else self._selected_id
        self.model.reload(self.filters.current())
        outbox = self.context.outbox.store
        self.queue.submit(
            lambda: history.targets(outbox),
            then=lambda found: self.filters.set_targets(found, self.tr("My page")),
        )

    def _kind(self, kind: str) -> str:
        return {"post": self.tr("Post"), "moment": self.tr("Moment")}.get(kind, kind)

    def _rows(self, objects: list) -> list[Row]:
        """How entries (and legacy rows) show: time, kind, place, text, state, the topic id as the link."""
        rows = []
        for obj in objects:
            if isinstance(obj, Entry):
                detail = outbox_words.detail_text(obj) if obj.state != "scheduled" else None
                state = outbox_words.state_name(obj) if detail is None or len(detail) > 60 else detail
                when = obj.attempt_ms or obj.due_ms or obj.intent_ms
                texts = [obj.kind, outbox_words.where_name(obj), obj.summary or self.tr("(no text)"), state]
                url, shown = obj.url or "", obj.topic_id or ""
            else:
                where = self.tr("My page") if obj.target in ("", "me") else obj.target
                when, url, shown = obj.published_ms, obj.url, obj.object_id
                texts = [obj.kind, where, obj.summary, self.tr("Published")]
            stamp = list_time(when)  # in the settings' zone, as the composer and Calendar
            cells = [stamp, self._kind(texts[0]), *texts[1:], shown]
            rows.append(Row(obj, cells, {3: cells[3], 4: cells[4]}, {LINK_COLUMN: url} if url else {}))
        return rows

    def _loaded(self) -> None:
        self.empty.setVisible(
            self.model.total == 0 and self.filters.current() == type(self.filters.current())()
        )
        if not self._sized and self.model.total:
            self._sized = True  # sized once from the first page; the user's widths are kept after that
            fit_columns(self.table, self.model, (0, 1, 2, 4, LINK_COLUMN))
        if self._selected_id:
            for number, row in self.model.loaded_rows():
                if isinstance(row.obj, Entry) and row.obj.id == self._selected_id:
                    self.table.setCurrentIndex(self.model.index(number, 0))
                    break
        self._select_wanted()
        self._update()

    # --- rows --------------------------------------------------------------------------------------------
    def selected(self):
        """The outbox entry of the selected row (None for a row from before the outbox)."""
        index = self.table.currentIndex()
        obj = self.model.obj(index.row()) if index.isValid() else None
        return obj if isinstance(obj, Entry) else None

    def show_topic(self, topic_id: str) -> bool:
        """Select and scroll to the post with this topic id (Insights opens a post here): now if its row is
        loaded (True), else once the list has found it."""
        self.wanted_topic = topic_id
        if self._select_wanted():
            return True
        outbox, chosen = self.context.outbox.store, self.model.filter
        self.queue.submit(lambda: history.position_of_topic(outbox, chosen, topic_id), then=self._go_to)
        return False

    def _go_to(self, number: int | None) -> None:
        if number is not None and self.wanted_topic:
            self.table.scrollTo(self.model.index(number, 0))
            self.model.row(number)  # asks for its page; _select_wanted runs when it arrives
            self._select_wanted()

    def _select_wanted(self) -> bool:
        if not self.wanted_topic:
            return False
        for number, row in self.model.loaded_rows():
            if isinstance(row.obj, Entry) and row.obj.topic_id == self.wanted_topic:
                index = self.model.index(number, 0)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                self.wanted_topic = ""
                return True
        return False

    # --- actions -----------------------------------------------------------------------------------------
    def _update(self) -> None:
        entry = self.selected()
        state = entry.state if entry is not None and not self.tasks.busy else ""
        self.check_button.setVisible(state == "unconfirmed")
        self.anyway_button.setVisible(state == "unconfirmed")
        self.send_button.setVisible(state in ("waiting", "not_sent"))
        self.discard_button.setVisible(state in ("waiting", "not_sent", "unconfirmed"))

    def act(self, how: str) -> None:
        """Check again / publish anyway / send now / discard the selected entry, on a Task."""
        entry, session = self.selected(), self.context.session
        if entry is None or self.tasks.busy or (session is None and how != "discard"):
            return
        outbox, context = self.context.outbox, self.context
        uid = context.uid or (session.account.uid if session and session.account else None)
        client = context.client() if how != "discard" else None  # handed out here, used on the Task

        def work(_report, cancel):
            if client is None:
                return outbox.store.discard(entry.id)
            try:
                options = SendOptions(uid=uid, limits=context.limits, cancel=cancel)
                if how == "check":
                    return outbox.check(client, entry.id, uid)
                if how == "anyway":
                    return outbox.publish_anyway(client, entry.id, options)
                return outbox.send_entry(client, entry.id, options)
            finally:
                client.close()

        self.note.setText(self.tr("Working…"))
        self.tasks.run(work, succeeded=self._acted, failed=self._acted, name="okc-history")
        self._update()

    def _acted(self, result) -> None:
        """The entry as it now stands (or why the action failed), and the list as it is now."""
        if isinstance(result, BaseException):
            self.note.setText(error_text(result))
        else:
            self.note.setText(outbox_words.detail_text(result) if isinstance(result, Entry) else "")
        self.refresh()

    def on_table_activated(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        url = row.links.get(LINK_COLUMN) if row is not None else None
        if url:
            QDesktopServices.openUrl(QUrl(url))
