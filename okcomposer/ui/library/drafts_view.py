"""Drafts: ordered saves on one background thread, autosave of the post being composed, the list."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.blocks import PhotoBlock
from okcomposer.api.topic import Post, TextBlock
from okcomposer.store import history
from okcomposer.ui.common import core_strings
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.store_queue import DraftQueue
from okcomposer.ui.common.times import list_time, window_tz, zone_name
from okcomposer.ui.common.window_state import current_draft, remember_draft
from okcomposer.ui.library.list_filter import ListFilterBar
from okcomposer.ui.library.paged_model import SIZED_ROWS, PagedModel, PagedRows, Row, fit_columns

log = logging.getLogger(__name__)
IDLE_MS = 400  # autosave this long after the last change...
LATEST_MS = 600  # ...or this long after the first unsaved one, whichever comes first


def draft_title(post: Post) -> str:
    """The first line of text; a post with photos only is named by them ("3 photos: IMG_0012.jpg…")."""
    for block in post.attachment.media:
        if isinstance(block, TextBlock) and block.text.strip():
            line = block.text.strip().splitlines()[0]
            return line if len(line) <= 80 else line[:79] + "…"
    blocks = [block for block in post.attachment.media if isinstance(block, PhotoBlock)]
    photos = [item for block in blocks for item in block.items]
    if not photos:
        return ""
    names = [Path(item.file).name for item in photos if item.file]
    title = DraftWords().photos(len(photos))
    return f"{title}: {names[0]}{'…' if len(photos) > 1 else ''}" if names else title


class DraftWords(QObject):
    """Counted words (lupdate takes a count in a variable only from tr())."""

    def photos(self, count: int) -> str:
        return self.tr("%n photo(s)", "", count)


class DraftKeeper(QObject):
    """Autosaves the post being composed, as the remembered current draft.

    A save comes 400 ms after the last change, and at the latest 600 ms after the first unsaved one,
    so steady typing is on disk within a second however long it goes on (a kill loses less than that).
    """

    saved = Signal(str)
    """The current draft (its id) is on disk."""
    restored = Signal(object)
    """The draft open at the last exit (a store.drafts.Draft), read back at start."""
    opened = Signal(str)
    """A stored draft (its id) became the current one (opened from the list or at start)."""

    def __init__(
        self, context: UiContext, queue: DraftQueue, build: Callable[[], Post], parent: QObject | None = None
    ):
        super().__init__(parent)
        self.context, self.queue, self.build = context, queue, build
        self.draft_id: str | None = None
        self.pending = False
        # When a post for my page waits (ms since the epoch, or None): kept in the draft as publishAtMs, as a
        # group topic's time is, though OK never gets it for a page post (docs/ok-api.md, "Page posts later").
        self.page_due: Callable[[], int | None] = lambda: None
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
        due = self.page_due()
        if due is not None and post.gid is None:
            body["attachment"]["publishAtMs"] = due
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
        if draft_id is not None:
            self.opened.emit(draft_id)

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


def with_outcomes(context: UiContext, drafts: list) -> list[tuple]:
    """On the store queue: each draft with the newest outbox entry of its publishes (or None)."""
    latest = history.latest_for(context.outbox.store, [d.id for d in drafts])
    return [(d, latest.get(d.id)) for d in drafts]


class DraftsView(QWidget, PagedRows):
    """The saved drafts, newest first: open, duplicate, delete; searched and filtered by place, state and
    when they last changed. A model over the database (ui/library/paged_model.py): pages are read on the
    store queue as they are shown, so 100,000 drafts open as fast as 100, every one reachable."""

    open_requested = Signal(object)
    """Open this draft (a store.drafts.Draft) in the composer."""
    deleted = Signal(str)
    """The draft with this id was deleted."""

    def __init__(self, context: UiContext, queue: DraftQueue, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.queue = context, queue
        self._selected_id: str | None = None  # kept across a reload
        store = context.drafts
        self.model = PagedModel(
            [self.tr("Draft"), self.tr("State"), self.tr("Changed")],
            queue,
            store.count,
            lambda found, offset, limit: with_outcomes(context, store.page(found, offset, limit)),
            self._rows,
            self,
        )
        self.filters = ListFilterBar(
            [
                (self.tr("Drafts"), ("draft",)),
                (self.tr("Published"), ("published",)),
                (self.tr("Scheduled"), ("scheduled",)),
                (self.tr("Failed"), ("failed",)),
                (self.tr("Not confirmed"), ("publishing", "unknown")),
            ]
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()  # no per-row header: 100,000 rows cost nothing to lay out
        self.table.setWordWrap(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Widths come from the rows read so far, never from rows still to be read (they would be asked for).
        self.table.horizontalHeader().setResizeContentsPrecision(SIZED_ROWS)
        rows = self.table.verticalHeader()
        rows.setResizeContentsPrecision(SIZED_ROWS)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.open_button = QPushButton(self.tr("Open"))
        self.duplicate_button = QPushButton(self.tr("Duplicate"))
        self.delete_button = QPushButton(self.tr("Delete"))
        buttons = QHBoxLayout()
        for button in (self.open_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.filters.changed.connect(self.refresh)
        self.open_button.clicked.connect(self.on_open_button_clicked)
        self.duplicate_button.clicked.connect(self.on_duplicate_button_clicked)
        self.delete_button.clicked.connect(self.on_delete_button_clicked)
        self.table.doubleClicked.connect(lambda *_: self.on_open_button_clicked())
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update())
        self.model.loaded.connect(self._loaded)
        self._sized = False
        self._update()

    def refresh(self) -> None:
        """Read the list again under the chosen filter (on the store queue), and the places drafts are for."""
        self._selected_id = self.selected() or self._selected_id
        self.model.reload(self.filters.current())
        store = self.context.drafts
        self.queue.submit(store.targets, then=self._targets)

    def _targets(self, targets: list[str]) -> None:
        self.filters.set_targets([(t, t) for t in targets], self.tr("My page"))

    def _rows(self, pairs: list) -> list[Row]:
        from okcomposer.ui.common import outbox_words

        rows = []
        zone = self.tr("Times in {zone}").format(zone=zone_name(window_tz()))  # as the Calendar says
        for draft, entry in pairs:
            changed = list_time(draft.updated_ms)  # in the settings' zone, as the composer and Calendar
            # The outbox knows how the last publish ended; a draft never published has only its own state.
            state = outbox_words.state_name(entry) if entry else state_name(draft.state)
            tip = (outbox_words.detail_text(entry) + (f"\n{entry.url}" if entry.url else "")) if entry else ""
            texts = [draft.title or self.tr("(no text)"), state, changed]
            rows.append(Row(draft, texts, {1: tip or self._state_tip(draft), 2: zone}))
        return rows

    def _loaded(self) -> None:
        if not self._sized and self.model.total:
            self._sized = True  # sized once from the first page; the user's widths are kept after that
            fit_columns(self.table, self.model, (1, 2))
        if self._selected_id:
            for number, row in self.model.loaded_rows():
                if row.obj.id == self._selected_id:
                    self.table.setCurrentIndex(self.model.index(number, 0))
                    break
        self._update()

    def _state_tip(self, draft) -> str:
        """Where a published draft is on OK; why a draft failed or is unknown."""
        if draft.state == "published" and draft.topic_id:
            from okcomposer.api.blocks import DraftError
            from okcomposer.api.client import OK_API_BASE
            from okcomposer.app.publish import topic_url

            try:
                base = self.context.session.api_base if self.context.session else OK_API_BASE
                return topic_url(Post.from_draft(draft.body), draft.topic_id, self.context.uid or None, base)
            except DraftError:
                return draft.topic_id
        return draft.detail or ""

    # --- rows --------------------------------------------------------------------------------------------
    def selected_draft(self):
        """The store.drafts.Draft of the selected row (None: no row, or its page is being read)."""
        index = self.table.currentIndex()
        return self.model.obj(index.row()) if index.isValid() else None

    def selected(self) -> str | None:
        draft = self.selected_draft()
        return draft.id if draft is not None else None

    def _update(self) -> None:
        for button in (self.open_button, self.duplicate_button, self.delete_button):
            button.setEnabled(self.selected() is not None)

    def on_open_button_clicked(self) -> None:
        draft = self.selected_draft()
        if draft is not None:
            self.open_requested.emit(draft)

    def on_duplicate_button_clicked(self) -> None:
        draft_id, store = self.selected(), self.context.drafts
        if draft_id:
            self.queue.submit(lambda: store.duplicate(draft_id), then=lambda _new: self.refresh())

    def on_delete_button_clicked(self) -> None:
        draft = self.selected_draft()
        if draft is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete draft"),
            self.tr("Delete the draft “{title}”? This cannot be undone.").format(
                title=draft.title or self.tr("(no text)")
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)  # Enter does not delete: it cannot be undone
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(lambda: self._delete(draft.id))
        box.open()

    def _delete(self, draft_id: str) -> None:
        store = self.context.drafts

        def deleted(_none: None) -> None:
            self.deleted.emit(draft_id)
            self.refresh()

        self.queue.submit(lambda: store.delete(draft_id), then=deleted)
