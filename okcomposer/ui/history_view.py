"""What was published: posts and Moments with their time, place and a link to open them on OK."""

from __future__ import annotations

import html

from PySide6.QtCore import QDateTime, QLocale
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from okcomposer.store.drafts import HistoryEntry
from okcomposer.ui.context import UiContext
from okcomposer.ui.drafts_view import DraftQueue

LINK_COLUMN = 4


class HistoryView(QWidget):
    def __init__(self, context: UiContext, queue: DraftQueue, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.queue = context, queue
        self.entries: list[HistoryEntry] = []
        self.tree = QTreeWidget(rootIsDecorated=False, alternatingRowColors=True)
        self.tree.setHeaderLabels(
            [self.tr("Published"), self.tr("What"), self.tr("Where"), self.tr("Text"), self.tr("Link")]
        )
        header = self.tree.header()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.empty = QLabel(self.tr("Nothing published yet. Posts and Moments you publish appear here."))
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree)

    def refresh(self) -> None:
        self.queue.submit(self.context.drafts.history, then=self._show)

    def _kind(self, kind: str) -> str:
        return {"post": self.tr("Post"), "moment": self.tr("Moment")}.get(kind, kind)

    def _show(self, entries: list[HistoryEntry]) -> None:
        self.entries = entries
        self.tree.clear()
        for entry in entries:
            when = QLocale().toString(
                QDateTime.fromMSecsSinceEpoch(entry.published_ms), QLocale.FormatType.ShortFormat
            )
            where = self.tr("My page") if entry.target in ("", "me") else entry.target
            item = QTreeWidgetItem([when, self._kind(entry.kind), where, entry.summary, ""])
            item.setToolTip(3, entry.summary)
            self.tree.addTopLevelItem(item)
            link = QLabel(f'<a href="{html.escape(entry.url)}">{html.escape(entry.object_id)}</a>')
            link.setOpenExternalLinks(True)
            link.setToolTip(entry.url)
            self.tree.setItemWidget(item, LINK_COLUMN, link)
        for column in (0, 1, 2, LINK_COLUMN):
            self.tree.resizeColumnToContents(column)
        self.empty.setVisible(not entries)
