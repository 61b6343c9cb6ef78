"""After a crash or a kill, in the window: publishes cut off are settled on OK and shown as they ended;
a drafts database found damaged is reported."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from okcomposer.app.recovery import Settled, interrupted, settle
from okcomposer.store.drafts import Draft, DraftStore, HistoryEntry, now_ms
from okcomposer.ui.context import UiContext
from okcomposer.ui.drafts_view import DraftQueue
from okcomposer.ui.tasks import TaskGroup


def check_on_ok(session, store, drafts: list[Draft], uid: str, report, cancel) -> list[tuple[Draft, Settled]]:
    """On a Task: look each draft up on OK and record its true state (recovery.settle; nothing is posted)."""
    from okcomposer.api.client import OkClient

    client = OkClient(session.credentials, session.api_base)
    try:
        found = []
        for draft in drafts:
            cancel.raise_if_cancelled()
            found.append((draft, settle(store, client, draft, uid or None)))
        return found
    finally:
        client.close()


class InterruptedPublishes(QObject):
    """Once per run, with the first session: find drafts left "publishing" and settle them on a Task."""

    settled = Signal(list)
    """Interrupted publishes were looked up: [(store.drafts.Draft, app.recovery.Settled)], maybe empty."""

    def __init__(self, context: UiContext, queue: DraftQueue, parent: QObject | None = None):
        super().__init__(parent)
        self.context, self.queue = context, queue
        self.tasks = TaskGroup(self)
        self.started = False
        context.session_changed.connect(self.check)

    def check(self) -> None:
        """Start looking (once), if signed in; the list is read in order with the other draft writes."""
        if self.started or self.context.session is None or self.tasks.stopping:
            return
        self.started = True
        store = self.context.drafts
        self.queue.submit(lambda: interrupted(store), then=self._found)

    def _found(self, drafts: list[Draft]) -> None:
        session = self.context.session
        if not drafts:
            self.settled.emit([])
            return
        if session is None:  # signed out meanwhile: try again with the next session
            self.started = False
            return
        uid = self.context.uid or (session.account.uid if session.account else "")
        store = self.context.drafts
        self.tasks.run(
            lambda report, cancel: check_on_ok(session, store, drafts, uid, report, cancel),
            succeeded=self.settled.emit,
            failed=lambda _exc: None,  # cancelled at shutdown, or a bug (the crash dialog shows it)
            name="okc-recovery",
        )


def outcome_text(draft: Draft, result: Settled) -> str:
    """One settled publish in words, as rich text (a published topic's link can be clicked)."""
    title = html.escape(draft.title or QCoreApplication.translate("InterruptedPublishes", "(no text)"))
    if result.state == "published":
        url = html.escape(result.url or "")
        text = QCoreApplication.translate(
            "InterruptedPublishes", "Publishing “{title}” was interrupted, but it is on OK: {link}"
        )
        return text.format(title=title, link=f'<a href="{url}">{url}</a>')
    if result.state == "draft":
        text = QCoreApplication.translate(
            "InterruptedPublishes",
            "Publishing “{title}” was interrupted before it reached OK: it was not published.",
        )
    else:
        text = QCoreApplication.translate(
            "InterruptedPublishes",
            "Publishing “{title}” was interrupted and OK could not tell whether it went out; "
            "check on OK before publishing it again.",
        )
    return text.format(title=title)


def summary_text(found: list[tuple[Draft, Settled]]) -> str:
    """The status bar line: the one outcome, or counts when several publishes were interrupted."""
    if len(found) == 1:
        return outcome_text(*found[0])
    states = [result.state for _, result in found]
    text = QCoreApplication.translate(
        "InterruptedPublishes",
        "{count} publishes were interrupted: {published} are on OK, {draft} were not published, "
        "{unknown} need checking on OK. See Drafts.",
    )
    locale = QLocale()
    return text.format(
        count=locale.toString(len(found)),
        published=locale.toString(states.count("published")),
        draft=locale.toString(states.count("draft")),
        unknown=locale.toString(states.count("unknown")),
    )


def plain(rich: str) -> str:
    """Rich text as plain text (for a tooltip)."""
    return html.unescape(re.sub(r"<[^>]+>", "", rich))


def history_entries(
    found: list[tuple[Draft, Settled]], target_name: Callable[[str], str]
) -> list[HistoryEntry]:
    """The publishes found on OK, for the history (target_name: a gid, "" for my page -> what to show)."""
    entries = []
    for draft, result in found:
        if result.state == "published":
            gid = draft.body.get("gid") if isinstance(draft.body, dict) else None
            where = target_name(str(gid)) if gid else "me"
            url = result.url or ""
            entries.append(
                HistoryEntry("post", where, result.topic_id or "", url, draft.title, now_ms(), draft.id)
            )
    return entries


def store_notice_dialog(store: DraftStore, parent: QWidget) -> QMessageBox:
    """The drafts database was found damaged: say so in the store's words (notice), in the UI's language."""
    if store.restored:
        text = QCoreApplication.translate(
            "MainWindow",
            "The drafts database was damaged; it was restored from the last backup. "
            "The damaged file was kept as {name}.",
        )
    else:
        text = QCoreApplication.translate(
            "MainWindow",
            "The drafts database was damaged and no usable backup was found; a new one was started. "
            "The damaged file was kept as {name}.",
        )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("MainWindow", "Drafts"),
        text.format(name=store.damaged_file or "?"),
        parent=parent,
    )
    box.setProperty("notice", store.notice)
    return box
