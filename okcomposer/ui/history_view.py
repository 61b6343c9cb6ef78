"""History: a view of the outbox — every publish with its time, place, true state and link.

Rows are plain items (no widget per row), so thousands of entries show at once; a link opens on
double-click or Enter. Entries written before the outbox existed (the legacy history table) are shown too.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from okcomposer.ui import outbox_words
from okcomposer.ui.context import UiContext
from okcomposer.ui.drafts_view import DraftQueue

LINK_COLUMN = 5
URL_ROLE = Qt.ItemDataRole.UserRole
LIMIT = 5000


def load(context: UiContext) -> tuple[list, list]:
    """On the store queue: the outbox entries and the legacy history, newest first."""
    return context.outbox.store.recent(LIMIT), context.drafts.history(LIMIT)


class HistoryView(QWidget):
    def __init__(self, context: UiContext, queue: DraftQueue, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.queue = context, queue
        self.entries: list = []
        self.tree = QTreeWidget(rootIsDecorated=False, alternatingRowColors=True, uniformRowHeights=True)
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree)
        self.tree.itemActivated.connect(self.on_tree_itemActivated)

    def refresh(self) -> None:
        context = self.context
        self.queue.submit(lambda: load(context), then=self._show)

    def _kind(self, kind: str) -> str:
        return {"post": self.tr("Post"), "moment": self.tr("Moment")}.get(kind, kind)

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
            items.append(
                (
                    entry.attempt_ms or entry.due_ms or entry.intent_ms,
                    self._row(
                        entry.attempt_ms or entry.due_ms or entry.intent_ms,
                        entry.kind,
                        outbox_words.where_name(entry),
                        entry.summary or self.tr("(no text)"),
                        outbox_words.state_name(entry) if state is None or len(state) > 60 else state,
                        entry.url or "",
                        entry.topic_id or "",
                    ),
                )
            )
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

    def on_tree_itemActivated(self, item: QTreeWidgetItem, _column: int) -> None:
        url = item.data(LINK_COLUMN, URL_ROLE)
        if url:
            QDesktopServices.openUrl(QUrl(url))
