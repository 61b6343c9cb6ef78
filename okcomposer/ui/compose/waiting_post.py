"""A post for My page that waits on this computer, as the Post tab shows it: the waiting entry follows the
composer's edits, a reopened draft shows that it waits, the banner follows the entry when the app sends it.

OK cannot delay a page post (docs/ok-api.md, "Page posts later"): the outbox keeps it (state "waiting") and
the running app sends it at its time; an entry can be replaced only while it still waits.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from okcomposer.api.topic import Post
from okcomposer.store.outbox import Entry
from okcomposer.ui.common.i18n import error_text
from okcomposer.ui.compose.publish_panel import DONE, PublishPanel

WAITING = "waiting"


class WaitingPost(QObject):
    """Between the composer, its DraftKeeper and the publish panel, for the entry the panel shows as waiting.

    `build` gives the composer's post, target name and page time (ms since the epoch, None: not a page post
    for later) and whether the post may be published as it is."""

    changed = Signal()
    """The panel's outcome changed without a publish (Publish may be possible again): check the post."""

    def __init__(
        self,
        panel: PublishPanel,
        build: Callable[[], tuple[Post, str, int | None, bool]],
        show_time: Callable[[int], None],
    ):
        """`show_time(ms)`: put the waiting entry's time in the composer (the Calendar may have moved it)."""
        super().__init__(panel)
        self.panel, self.build, self.show_time = panel, build, show_time
        self.keeper = panel.keeper
        self.edited_since = False  # an edit not yet in the waiting entry
        self.keeper.saved.connect(self.saved)
        self.keeper.opened.connect(self.opened)

    def waiting(self) -> Entry | None:
        done = self.panel.done
        return done if done is not None and done.state == WAITING else None

    def edited(self) -> bool:
        """The composer's post changed: True when it waits (the banner stays; the next autosave takes the
        edit to the waiting entry), False when the panel's outcome no longer describes it."""
        if self.waiting() is None or self.panel.running:
            return False
        self.edited_since = True
        return True

    def saved(self, draft_id: str) -> None:
        """The draft is on disk: replace its waiting entry by the post as it is now."""
        entry = self.waiting()
        if not self.edited_since or entry is None or entry.draft_id != draft_id or self.panel.running:
            return
        from okcomposer.app.messages import MessageError
        from okcomposer.app.page_waiting import requeue
        from okcomposer.app.publish import check_page_time

        post, target_name, due_ms, valid = self.build()
        self.panel.show_entry(entry)  # a note below replaces the last one
        if not valid:
            self._note(self.tr("The waiting post stays as it was until the problems in your edit are fixed."))
            return
        try:
            if due_ms is not None:
                check_page_time(due_ms)
        except MessageError as exc:  # the old time stays rather than one that would wait forever
            text = error_text(exc)
            self._note(
                text[:1].upper() + text[1:] + " " + self.tr("The waiting post stays as it was."), error=True
            )
            return
        self.edited_since = False
        outbox = self.panel.context.outbox
        self.keeper.queue.submit(
            lambda: requeue(outbox, draft_id, post, due_ms, target_name=target_name),
            then=lambda found: self._followed(entry, found),
            failed=lambda exc: self._note(error_text(exc), error=True),
        )

    def _followed(self, before: Entry, entry: Entry | None) -> None:
        panel, done = self.panel, self.panel.done
        if done is None or done.state != WAITING or done.draft_id != before.draft_id or panel.running:
            return  # another draft was opened, or a publish started meanwhile
        if entry is not None and entry.state == WAITING:
            panel.show_entry(entry)
            self._note(self.tr("Your edit is in the waiting post."))
        elif entry is None or entry.state == "discarded":
            panel.clear_outcome()
            self._note(self.tr("This post no longer waits; publish it when you are ready."))
        else:  # the app took it to OK first: it went as it was queued, the edit becomes a new draft
            panel.done = None
            panel.show_entry(entry)
            self._note(
                self.tr(
                    "It went to OK as it was queued; your edit did not go with it and is kept as a new draft."
                ),
                error=True,
            )
            self.keeper.start_new(None)
            self.keeper.changed()
        self.changed.emit()

    def opened(self, draft_id: str) -> None:
        """A stored draft became current: when its post waits, show so (Publish stays off)."""
        store = self.panel.context.outbox.store

        def shown(entries: list[Entry]) -> None:
            if self.keeper.draft_id == draft_id and not self.panel.running and entries:
                if entries[0].state == WAITING:
                    if entries[0].due_ms is not None:
                        self.show_time(entries[0].due_ms)
                    self.edited_since = False
                    self.panel.show_entry(entries[0])
                    self.changed.emit()

        self.keeper.queue.submit(lambda: store.for_draft(draft_id), then=shown)

    def entry_changed(self, entry: Entry) -> None:
        """The outbox runner sent (or failed to send) an entry: the banner of that entry follows it."""
        waiting, panel = self.waiting(), self.panel
        if waiting is None or waiting.id != entry.id or panel.running:
            return
        if entry.state not in DONE:
            panel.done = None  # not sent: Publish is possible again
        panel.show_entry(entry)
        self.changed.emit()

    def _note(self, text: str, error: bool = False) -> None:
        line = html.escape(text)
        if error:
            line = f'<span style="color:#d32f2f">{line}</span>'
        shown = self.panel.status.text()
        self.panel.status.setText(f"{shown}<br>{line}" if shown else line)
