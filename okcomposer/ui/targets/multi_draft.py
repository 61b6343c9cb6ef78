"""The draft behind a Many targets publish: its id goes on every outbox entry, and once the outbox says how
they went (at once, or later when a page post waiting on this computer is sent) the draft gets its state
(app.multi_draft.record_draft), as a publish from the Post tab does: "published" once every target is done,
and then it is no longer the current draft (the composer's next edit starts a new one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from okcomposer.app.multi_draft import record_draft

if TYPE_CHECKING:
    from okcomposer.app.outbox import Outbox
    from okcomposer.ui.library.drafts_view import DraftKeeper

DONE_STATES = ("published", "scheduled")


class DraftRecorder(QObject):
    """Records the state of the draft a publish belongs to, through the keeper's disk queue (so after the
    draft's own save). Without a keeper (a view on its own, the screenshots) nothing is recorded."""

    recorded = Signal(str, str)
    """A draft's state was written: (draft id, state)."""

    def __init__(self, keeper: DraftKeeper | None, parent: QObject | None = None):
        super().__init__(parent)
        self.keeper = keeper
        self.draft_id: str | None = None  # the draft of the publish shown

    def start(self) -> str | None:
        """At "Publish to all": the composer's draft, saved now (None when there is no keeper or no draft)."""
        self.draft_id = self.keeper.save_now() if self.keeper is not None else None
        return self.draft_id

    def record(self, outbox: Outbox, draft_id: str | None = None) -> None:
        """Write the state of `draft_id` (the publish's draft by default) from its outbox entries."""
        keeper, draft_id = self.keeper, draft_id or self.draft_id
        if keeper is None or draft_id is None:
            return
        keeper.queue.submit(
            lambda: record_draft(outbox, draft_id), then=lambda state: self._done(draft_id, state)
        )

    def _done(self, draft_id: str, state: str | None) -> None:
        if state is not None and self.keeper is not None:
            let_go(self.keeper, draft_id, state)
            self.recorded.emit(draft_id, state)


def let_go(keeper: DraftKeeper, draft_id: str, state: str | None) -> None:
    """A draft done everywhere is no longer the current one: the post stays on screen, but an edit now makes
    a new draft (the Post tab's way after a publish), and a restart does not reopen it as the draft to
    publish. Edits not saved yet go into it first, so none is lost."""
    if state in DONE_STATES and keeper.draft_id == draft_id:
        keeper.save_now()
        keeper.start_new(None)
