"""History: a view of the outbox — every publish with its time, place, true state and link.

Rows are plain items (no widget per row), so thousands of entries show at once; a link opens on
double-click or Enter. Entries written before the outbox existed (the legacy history table) are shown too.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okcomposer.app.outbox import SendOptions
from okcomposer.store.outbox import Entry
from okcomposer.ui.common import outbox_words
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.i18n import error_text
from okcomposer.ui.common.store_queue import DraftQueue
from okcomposer.ui.common.tasks import TaskGroup

LINK_COLUMN = 5
URL_ROLE = Qt.ItemDataRole.UserRole
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
LIMIT = 5000


def load(context: UiContext) -> tuple[list, list]:
    """On the store queue: the outbox entries and the legacy history, newest first."""
    return context.outbox.store.recent(LIMIT), context.drafts.history(LIMIT)


class HistoryView(QWidget):
    def __init__(self, context: UiContext, queue: DraftQueue, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.queue = context, queue
        self.entries: list = []
        self.wanted_topic = ""  # a topic to select once the list is (re)loaded (see show_topic)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(
            [
                self.tr("Time"),
                self.tr("What"),
                self.tr("Where"),
                self.tr("Text"),
                self.tr("State"),
                self.tr("Link"),
            ]
        )
        header = self.tree.header()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.empty = QLabel(self.tr("Nothing published yet. Posts and Moments you publish appear here."))
        self.empty.setWordWrap(True)
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
        layout.addWidget(self.empty)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.tree.itemActivated.connect(self.on_tree_itemActivated)
        self.tree.currentItemChanged.connect(lambda *_: self._update())
        self._update()

    def refresh(self) -> None:
        context = self.context
        self.queue.submit(lambda: load(context), then=self._show)

    def _kind(self, kind: str) -> str:
        return {"post": self.tr("Post"), "moment": self.tr("Moment")}.get(kind, kind)

    def selected(self):
        """The outbox entry of the selected row (None for a row from before the outbox)."""
        item = self.tree.currentItem()
        return item.data(0, ENTRY_ROLE) if item is not None else None

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

    def _row(self, when_ms: int, kind: str, where: str, text: str, state: str, url: str, shown: str):
        when = QLocale().toString(QDateTime.fromMSecsSinceEpoch(when_ms), QLocale.FormatType.ShortFormat)
        item = QTreeWidgetItem([when, self._kind(kind), where, text, state, shown])
        item.setToolTip(3, text)
        item.setToolTip(4, state)
        if url:
            item.setData(LINK_COLUMN, URL_ROLE, url)
            item.setToolTip(LINK_COLUMN, url)
            item.setForeground(LINK_COLUMN, QBrush(QColor("#1565c0")))
        return item

    def _show(self, found: tuple) -> None:
        entries, legacy = found
        self.entries = list(entries) + list(legacy)
        items = []
        for entry in entries:
            state = outbox_words.detail_text(entry) if entry.state != "scheduled" else None
            row = self._row(
                entry.attempt_ms or entry.due_ms or entry.intent_ms,
                entry.kind,
                outbox_words.where_name(entry),
                entry.summary or self.tr("(no text)"),
                outbox_words.state_name(entry) if state is None or len(state) > 60 else state,
                entry.url or "",
                entry.topic_id or "",
            )
            row.setData(0, ENTRY_ROLE, entry)
            items.append((entry.attempt_ms or entry.due_ms or entry.intent_ms, row))
        for old in legacy:
            where = self.tr("My page") if old.target in ("", "me") else old.target
            row = self._row(
                old.published_ms, old.kind, where, old.summary, self.tr("Published"), old.url, old.object_id
            )
            items.append((old.published_ms, row))
        items.sort(key=lambda pair: pair[0], reverse=True)
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self.tree.addTopLevelItems([item for _, item in items])
        self.tree.setUpdatesEnabled(True)
        for column in (0, 1, 2, 4, LINK_COLUMN):
            self.tree.resizeColumnToContents(column)
        self.empty.setVisible(not items)
        if self.wanted_topic:
            self._select_topic(self.wanted_topic)
            self.wanted_topic = ""
        self._update()

    def show_topic(self, topic_id: str) -> bool:
        """Select and scroll to the post with this topic id (Insights opens a post here), now if the list
        shows it (True) and again once the list is next loaded."""
        self.wanted_topic = topic_id
        return self._select_topic(topic_id)

    def _select_topic(self, topic_id: str) -> bool:
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is not None and item.text(LINK_COLUMN) == topic_id:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return True
        return False

    def on_tree_itemActivated(self, item: QTreeWidgetItem, _column: int) -> None:
        url = item.data(LINK_COLUMN, URL_ROLE)
        if url:
            QDesktopServices.openUrl(QUrl(url))
