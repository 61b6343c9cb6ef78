"""Drafts: ordered saves on one background thread, autosave of the post being composed, the list."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.topic import Post, TextBlock
from okcomposer.ui.common import core_strings
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.store_queue import DraftQueue
from okcomposer.ui.common.window_state import current_draft, remember_draft

log = logging.getLogger(__name__)
ID_ROLE = Qt.ItemDataRole.UserRole
IDLE_MS = 400  # autosave this long after the last change...
LATEST_MS = 600  # ...or this long after the first unsaved one, whichever comes first


def draft_title(post: Post) -> str:
    for block in post.attachment.media:
        if isinstance(block, TextBlock) and block.text.strip():
            line = block.text.strip().splitlines()[0]
            return line if len(line) <= 80 else line[:79] + "…"
    return ""


class DraftKeeper(QObject):
    """Autosaves the post being composed, as the remembered current draft.

    A save comes 400 ms after the last change, and at the latest 600 ms after the first unsaved one,
    so steady typing is on disk within a second however long it goes on (a kill loses less than that).
    """

    saved = Signal(str)
    """The current draft (its id) is on disk."""
    restored = Signal(object)
    """The draft open at the last exit (a store.drafts.Draft), read back at start."""

    def __init__(
        self, context: UiContext, queue: DraftQueue, build: Callable[[], Post], parent: QObject | None = None
    ):
        super().__init__(parent)
        self.context, self.queue, self.build = context, queue, build
        self.draft_id: str | None = None
        self.pending = False
        self.timer = QTimer(self, singleShot=True, interval=IDLE_MS)
        self.timer.timeout.connect(self.save_now)
        self.deadline = QTimer(self, singleShot=True, interval=LATEST_MS)
        self.deadline.timeout.connect(self.save_now)

    def changed(self) -> None:
        self.pending = True
        self.timer.start()
        if not self.deadline.isActive():
            self.deadline.start()

    def save_now(self) -> str | None:
        """Queue the save of pending changes; returns the draft id (None when nothing was ever saved)."""
        self.timer.stop()
        self.deadline.stop()
        if not self.pending:
            return self.draft_id
        self.pending = False
        post = self.build()
        body, title, store = post.to_draft(), draft_title(post), self.context.drafts
        if self.draft_id is None:
            self.draft_id = uuid.uuid4().hex
            draft_id = self.draft_id
            self.queue.submit(lambda: remember_draft(draft_id))
        draft_id = self.draft_id
        self.queue.submit(
            lambda: store.save(body, draft_id, title), then=lambda _id: self.saved.emit(draft_id)
        )
        return draft_id

    def start_new(self, draft_id: str | None = None) -> None:
        """Forget pending changes and make `draft_id` (None: a new one on the first change) current."""
        self.timer.stop()
        self.deadline.stop()
        self.pending = False
        self.draft_id = draft_id
        self.queue.submit(lambda: remember_draft(draft_id))

    def restore(self) -> None:
        store = self.context.drafts

        def load():
            draft_id = current_draft()
            return store.load(draft_id) if draft_id else None

        self.queue.submit(load, then=self._restored)

    def _restored(self, draft) -> None:
        if draft is not None and self.draft_id is None and not self.pending:
            self.draft_id = draft.id
            self.restored.emit(draft)

    def set_state(self, state: str, topic_id: str | None = None, detail: str | None = None) -> None:
        if self.draft_id is not None:
            draft_id, store = self.draft_id, self.context.drafts
            self.queue.submit(lambda: store.set_state(draft_id, state, topic_id, detail))


def state_name(state: str) -> str:
    source = core_strings.DRAFT_STATES.get(state)
    return QCoreApplication.translate("drafts", source) if source else state


class DraftsView(QWidget):
    """The saved drafts, newest first: open, duplicate, delete."""

    open_requested = Signal(object)
    """Open this draft (a store.drafts.Draft) in the composer."""
    deleted = Signal(str)
    """The draft with this id was deleted."""

    def __init__(self, context: UiContext, queue: DraftQueue, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.queue = context, queue
        self.drafts: dict[str, Any] = {}
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels([self.tr("Draft"), self.tr("State"), self.tr("Changed")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.open_button = QPushButton(self.tr("Open"))
        self.duplicate_button = QPushButton(self.tr("Duplicate"))
        self.delete_button = QPushButton(self.tr("Delete"))
        buttons = QHBoxLayout()
        for button in (self.open_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self.on_open_button_clicked)
        self.duplicate_button.clicked.connect(self.on_duplicate_button_clicked)
        self.delete_button.clicked.connect(self.on_delete_button_clicked)
        self.tree.itemDoubleClicked.connect(lambda *_: self.on_open_button_clicked())
        self.tree.currentItemChanged.connect(lambda *_: self._update())
        self._update()

    def refresh(self) -> None:
        store, outbox = self.context.drafts, self.context.outbox.store
        self.queue.submit(lambda: (store.list(), outbox.latest_by_draft()), then=self._show)

    def _show(self, found: tuple) -> None:
        from okcomposer.ui.common import outbox_words

        drafts, sent = found
        selected = self.selected()
        self.tree.clear()
        self.drafts = {d.id: d for d in drafts}
        for draft in drafts:
            changed = QLocale().toString(
                QDateTime.fromMSecsSinceEpoch(draft.updated_ms), QLocale.FormatType.ShortFormat
            )
            entry = sent.get(draft.id)
            # The outbox knows how the last publish ended; a draft never published has only its own state.
            state = outbox_words.state_name(entry) if entry else state_name(draft.state)
            tip = (outbox_words.detail_text(entry) + (f"\n{entry.url}" if entry.url else "")) if entry else ""
            item = QTreeWidgetItem([draft.title or self.tr("(no text)"), state, changed])
            item.setData(0, ID_ROLE, draft.id)
            item.setToolTip(1, tip or self._state_tip(draft))
            self.tree.addTopLevelItem(item)
            if draft.id == selected:
                self.tree.setCurrentItem(item)
        for column in (1, 2):
            self.tree.resizeColumnToContents(column)
        self._update()

    def _state_tip(self, draft) -> str:
        """Where a published draft is on OK; why a draft failed or is unknown."""
        if draft.state == "published" and draft.topic_id:
            from okcomposer.api.blocks import DraftError
            from okcomposer.app.publish import topic_url

            try:
                return topic_url(Post.from_draft(draft.body), draft.topic_id, self.context.uid or None)
            except DraftError:
                return draft.topic_id
        return draft.detail or ""

    def selected(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def _update(self) -> None:
        for button in (self.open_button, self.duplicate_button, self.delete_button):
            button.setEnabled(self.selected() is not None)

    def on_open_button_clicked(self) -> None:
        draft = self.drafts.get(self.selected() or "")
        if draft is not None:
            self.open_requested.emit(draft)

    def on_duplicate_button_clicked(self) -> None:
        draft_id, store = self.selected(), self.context.drafts
        if draft_id:
            self.queue.submit(lambda: store.duplicate(draft_id), then=lambda _new: self.refresh())

    def on_delete_button_clicked(self) -> None:
        draft_id = self.selected()
        if not draft_id:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete draft"),
            self.tr("Delete the draft “{title}”? This cannot be undone.").format(
                title=self.drafts[draft_id].title or self.tr("(no text)")
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(lambda: self._delete(draft_id))
        box.open()

    def _delete(self, draft_id: str) -> None:
        store = self.context.drafts

        def deleted(_none: None) -> None:
            self.deleted.emit(draft_id)
            self.refresh()

        self.queue.submit(lambda: store.delete(draft_id), then=deleted)
