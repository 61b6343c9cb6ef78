"""What the outbox runner reports, told in the window: interrupted publishes settled and waiting page posts
sent (the status bar's note, the draft states, the lists), and the question about late page posts."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from okcomposer.app.multi_draft import record_draft
from okcomposer.ui.shell import recovery
from okcomposer.ui.targets.multi_draft import let_go

if TYPE_CHECKING:
    from okcomposer.ui.shell.main_window import MainWindow


class OutboxNotes(QObject):
    """Connected to the window's OutboxRunner (settled, sent, overdue); writes in `window.recovery_note`."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def settled(self, entries: list) -> None:
        """Publishes a crash cut off are settled: say how each ended, in the status bar and the lists."""
        window = self.window
        window.recovery_note.setText(recovery.settled_text(entries))
        window.recovery_note.setToolTip("\n".join(recovery.plain(recovery.entry_text(e)) for e in entries))
        self._record_drafts(entries)
        for entry in entries:
            if entry.draft_id == window.keeper.draft_id and not window.publish_panel.running:
                window.publish_panel.show_entry(entry)

    def sent(self, entries: list) -> None:
        """Waiting page posts went out (or did not): say so, and show the lists as they are now."""
        self.window.recovery_note.setText(recovery.sent_text(entries))
        for entry in entries:  # the Post tab's "Waiting on this computer" banner follows its entry
            self.window.compose_tab.waiting.entry_changed(entry)
        self._record_drafts(entries)

    def _record_drafts(self, entries: list) -> None:
        """Each draft's state from all its targets' entries (app.multi_draft: a draft sent to several places
        is "published" once all are done), the Many targets rows of these entries, then the lists."""
        window = self.window
        workflow = window.workflow
        if workflow is not None:
            workflow.many.view.entries_changed(entries)
        drafts = list(dict.fromkeys(e.draft_id for e in entries if e.draft_id))
        for draft_id in drafts:
            window.queue.submit(
                partial(record_draft, window.context.outbox, draft_id),
                then=partial(self._draft_recorded, draft_id),
            )
        if not drafts:
            window.drafts_view.refresh()
        window.history_view.refresh()

    def _draft_recorded(self, draft_id: str, state: str | None) -> None:
        let_go(self.window.keeper, draft_id, state)
        self.window.drafts_view.refresh()

    def ask_overdue(self, entries: list) -> None:
        """One question per late page post: send now, a new time, or discard."""
        if entries:
            recovery.ask_overdue(self.window, entries, then=lambda: self.window.outbox_runner.look())
