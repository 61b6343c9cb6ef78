"""Publishing the post: a Task with photo and byte progress, Cancel, and the outcome (a link or an error)."""

from __future__ import annotations

import html
import time
from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.errors import OkApiError
from okcomposer.api.topic import Post
from okcomposer.store.outbox import Entry
from okcomposer.ui.common import outbox_words as words
from okcomposer.ui.common import theme
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.i18n import byte_progress, error_text
from okcomposer.ui.common.quiet_label import QuietLabelBox
from okcomposer.ui.common.tasks import Task, TaskGroup
from okcomposer.ui.library.drafts_view import DraftKeeper


def send(client, outbox, job: dict, recorded: Future, report, cancel):
    """On the Task: publish through the outbox (or keep a page post until job["due_ms"]: Outbox.queue);
    returns its Entry. Reports ("step", name) and byte counts."""
    from okcomposer.app.outbox import SendOptions

    last = [0.0]

    def progress(sent: int, total: int, done: int, count: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.1 or done == count:  # at most ten updates a second reach the GUI
            last[0] = now
            report(("bytes", sent, total, done, count))

    recorded.result(timeout=30)  # the draft is marked "publishing" on disk before anything is sent
    options = SendOptions(
        uid=job["uid"],
        progress=progress,
        cancel=cancel,
        on_step=lambda step: report(("step", step)),
        **job["values"],
    )
    try:
        if job.get("anyway"):
            return outbox.publish_anyway(client, job["anyway"], options)
        if job.get("check"):
            return outbox.check(client, job["check"], job["uid"])
        if job.get("due_ms") is not None:  # my page later: OK cannot delay it, this computer keeps it
            return outbox.queue(
                job["post"],
                job["due_ms"],
                target_name=job["target_name"],
                draft_id=job["draft_id"],
                again=job["again"],
            )
        return outbox.publish(
            client,
            job["post"],
            again=job["again"],
            target_name=job["target_name"],
            draft_id=job["draft_id"],
            options=options,
        )
    finally:
        client.close()


# The draft's state for each outbox outcome (the Drafts list shows it).
DRAFT_STATE = {
    "published": "published",
    "scheduled": "scheduled",
    "unconfirmed": "unknown",
    "failed": "failed",
    "not_sent": "draft",
}
# Nothing more to do here: the post is on OK, or waits on this computer for its time.
DONE = ("published", "scheduled", "waiting")


class PublishPanel(QWidget):
    """Publish, its progress and Cancel, and the outcome as the outbox recorded it.

    After a post is published or scheduled it stays shown as such (a banner with the link and "Duplicate as
    new draft") and Publish is disabled until the post is edited; a repeat of content already on OK asks
    first. The running guard is set on the first click, so a double-click cannot start two publishes.
    """

    publish_clicked = Signal()
    """The user asked to publish (button or Ctrl+Enter)."""
    published = Signal(object)
    """The post is on OK, published or scheduled (a store.outbox.Entry)."""
    queued = Signal(object)
    """The post waits on this computer (a store.outbox.Entry): the draft stays current, edits follow it."""
    duplicate_requested = Signal()
    """The user wants the published post as a new draft to edit and publish again."""
    session_expired = Signal()
    """Publishing failed with OK's error 102; the post is untouched."""

    def __init__(self, context: UiContext, keeper: DraftKeeper, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.keeper = context, keeper
        self.tasks = TaskGroup(self)
        self.task: Task | None = None
        self.done: Entry | None = None  # the entry shown as published or scheduled
        self.pending: Entry | None = None  # a not-confirmed entry waiting for the user's decision
        self.dialog: QMessageBox | None = None
        self.publish_button = QPushButton(theme.icon("publish"), self.tr("Publish"))
        self.publish_button.setToolTip(self.tr("Publish the post on OK (Ctrl+Enter)"))
        self.publish_button.setEnabled(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.duplicate_button = QPushButton(self.tr("Duplicate as new draft"))
        self.check_button = QPushButton(self.tr("Check again"))
        self.anyway_button = QPushButton(self.tr("Publish anyway"))
        for button in (self.duplicate_button, self.check_button, self.anyway_button):
            button.hide()
        self.progress = QProgressBar(maximum=1000, textVisible=False)
        # Its room stays when hidden: showing it at the start of a publish would otherwise resize the post
        # and the preview above (a relayout, a repaint of the window and a new preview: 20-50 ms).
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(policy)
        self.progress.hide()
        self.status = QLabel(wordWrap=True, openExternalLinks=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.status_box = QuietLabelBox(self.status)  # progress text 10x a second: no window relayout
        self.row = row = QHBoxLayout()
        row.addWidget(self.status_box, 1)
        for button in (self.duplicate_button, self.check_button, self.anyway_button, self.cancel_button):
            row.addWidget(button)
        row.addWidget(self.publish_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addLayout(row)
        self.publish_button.clicked.connect(self.publish_clicked)
        self.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        self.duplicate_button.clicked.connect(self.on_duplicate_button_clicked)
        self.check_button.clicked.connect(
            lambda: self._run({"check": self.pending.id} if self.pending else {})
        )
        self.anyway_button.clicked.connect(
            lambda: self._run({"anyway": self.pending.id} if self.pending else {})
        )

    @property
    def running(self) -> bool:
        return self.task is not None

    def add_beside_publish(self, widget: QWidget) -> None:
        """Put a widget between the outcome and the buttons (the post's problems list)."""
        self.row.insertWidget(self.row.indexOf(self.status_box) + 1, widget, 1)

    def set_ready(self, ready: bool, why: str = "") -> None:
        """Publish on or off; `why` is its tooltip (the problems list beside it names every reason)."""
        if self.done is not None:
            ready, why = (
                False,
                self.tr("This post is already on OK; Duplicate as new draft to post it again.")
                if self.done.state != "waiting"
                else self.tr(
                    "This post already waits for its time; Duplicate as new draft to post it again."
                ),
            )
        self.publish_button.setEnabled(ready and not self.running)
        self.publish_button.setToolTip(why or self.tr("Publish the post on OK (Ctrl+Enter)"))

    def clear_outcome(self) -> None:
        """The post was edited or another one opened: the last outcome no longer describes it."""
        self.done = self.pending = None
        for button in (self.duplicate_button, self.check_button, self.anyway_button):
            button.hide()
        if not self.running:
            self.status.clear()

    def start(self, post: Post, target_name: str, again: bool = False, due_ms: int | None = None) -> None:
        """Save the draft, mark it "publishing", and send the post through the outbox on a Task; with
        `due_ms` (a page post later) the outbox keeps it until then instead."""
        from okcomposer.app.messages import MessageError
        from okcomposer.app.publish import check_page_time

        if self.running or self.context.session is None:
            return
        try:
            if due_ms is not None:
                check_page_time(due_ms)
        except MessageError as exc:  # a page time that has passed would wait forever
            text = error_text(exc)  # a message fragment ("the time for your page has passed; …")
            self.status.setText(
                f'<span style="color:#d32f2f">{html.escape(text[:1].upper() + text[1:])}</span>'
            )
            return
        draft_id = self.keeper.save_now()
        job = {"post": post, "target_name": target_name, "again": again, "draft_id": draft_id}
        self._run({**job, "due_ms": due_ms})

    def _run(self, job: dict) -> None:
        session = self.context.session
        if not job or session is None or self.running:
            return
        settings = self.context.settings
        job.setdefault("draft_id", self.keeper.draft_id)
        job["uid"] = self.context.uid or (session.account.uid if session.account else None)
        job["values"] = {
            "limits": self.context.limits,
            "strip_gps": settings.strip_gps,
            "parallel": settings.parallel_uploads,
        }
        recorded = self._set_state(job["draft_id"], "publishing") if "post" in job else _done_future()
        self._job = job
        client, outbox = self.context.client(), self.context.outbox
        self.task = self.tasks.run(
            lambda report, cancel: send(client, outbox, job, recorded, report, cancel),
            succeeded=self._succeeded,
            failed=self._failed,
            progress=self._progress,
            name="okc-publish",
        )
        for button in (self.duplicate_button, self.check_button, self.anyway_button):
            button.hide()
        self.progress.setValue(0)
        self.progress.setMaximum(0)  # busy until the first byte count
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.publish_button.setEnabled(False)
        self.status.setText(self.tr("Checking…") if "check" in job else self.tr("Publishing…"))

    def _set_state(
        self, draft_id: str | None, state: str, topic_id: str | None = None, detail: str | None = None
    ) -> Future:
        """Record the draft's state through the ordered store queue."""
        if draft_id is None:
            return _done_future()
        store = self.context.drafts
        return self.keeper.queue.submit(lambda: store.set_state(draft_id, state, topic_id, detail))

    def _progress(self, event: tuple) -> None:
        if event[0] == "step":
            steps = {
                "upload": self.tr("Uploading photos…"),
                "post": self.tr("Publishing the post…"),
                "rate_limited": self.tr("OK asks to slow down; trying again in a moment…"),
                "waiting": self.tr("OK is busy; trying again in a moment…"),
                "confirming": self.tr("The connection broke; checking whether the post was published…"),
            }
            self.status.setText(steps.get(event[1], self.tr("Publishing…")))
            return
        _, sent, total, done, count = event
        locale = QLocale()
        self.progress.setMaximum(1000)
        self.progress.setValue(int(1000 * sent / total) if total else 0)
        self.status.setText(
            self.tr("{done} of %n photos, {sent} of {total} {unit}", "", count).format(
                done=locale.toString(done), **byte_progress(sent, total)
            )
        )

    def on_cancel_button_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def on_duplicate_button_clicked(self) -> None:
        self.clear_outcome()
        self.duplicate_requested.emit()

    def _finish(self) -> None:
        self.task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.publish_button.setEnabled(self.done is None)

    def _succeeded(self, entry: Entry) -> None:
        self._finish()
        self._set_state(entry.draft_id, DRAFT_STATE.get(entry.state, "draft"), entry.topic_id, entry.detail)
        self.show_entry(entry)
        if entry.state in DONE:
            (self.queued if entry.state == "waiting" else self.published).emit(entry)
        if entry.state == "failed" and entry.code == 102 and not self.tasks.stopping:
            self.session_expired.emit()

    def show_entry(self, entry: Entry) -> None:
        """Show how a publish of this post ended (also one settled after a crash)."""
        error = entry.extra.get("error")
        if error is not None:  # OK's code with a plain explanation, or the failure in words
            text = html.escape(error_text(error)).replace("\n", "<br>")
            self.status.setText(f'<span style="color:#d32f2f">{text}</span>')
        else:
            self.status.setText(words.outcome_html(entry))
        self.pending = entry if entry.state == "unconfirmed" else None
        self.check_button.setVisible(self.pending is not None)
        self.anyway_button.setVisible(self.pending is not None)
        if entry.state in DONE:
            self.done = entry
            self.duplicate_button.show()
            self.publish_button.setEnabled(False)

    def _failed(self, exc: BaseException) -> None:
        from okcomposer.app.outbox import AlreadyPublished

        self._finish()
        job = self._job
        if "post" in job:
            self._set_state(job["draft_id"], "draft")
        if isinstance(exc, AlreadyPublished):
            self.status.clear()
            self.ask_repeat(exc.entries[0], job)
            return
        text = html.escape(error_text(exc)).replace("\n", "<br>")
        self.status.setText(f'<span style="color:#d32f2f">{text}</span>')
        if isinstance(exc, OkApiError) and exc.code == 102 and not self.tasks.stopping:
            self.session_expired.emit()

    def ask_repeat(self, earlier: Entry, job: dict) -> None:
        """ "Already published to Sunrise Bakery at 14:02 — Open it / Publish again / Cancel"."""
        self.dialog = box = repeat_dialog(earlier, self)
        again = box.property("again_button")

        def decided(_result: int) -> None:
            clicked = box.clickedButton()
            if clicked is box.property("open_button") and earlier.url:
                QDesktopServices.openUrl(QUrl(earlier.url))
            elif clicked is again and "post" in job:
                self.start(job["post"], job["target_name"], again=True, due_ms=job.get("due_ms"))

        box.finished.connect(decided)
        box.open()

    def shutdown(self) -> None:
        """Cancel a running publish and wait for it (the draft stays as it is)."""
        self.tasks.stop()


def repeat_dialog(earlier: Entry, parent: QWidget) -> QMessageBox:
    """The question before a repeat: where and when the same post went, and what to do."""
    where = words.where_name(earlier)
    when = words.when_text(earlier.attempt_ms or earlier.intent_ms)
    texts = {
        "published": QCoreApplication.translate("PublishPanel", "Already published to {where} at {when}."),
        "scheduled": QCoreApplication.translate(
            "PublishPanel", "Already scheduled on OK in {where}: {state}."
        ),
        "waiting": QCoreApplication.translate(
            "PublishPanel", "Already waiting on this computer for {where}: {state}."
        ),
        "unconfirmed": QCoreApplication.translate(
            "PublishPanel",
            "Publishing this to {where} at {when} may have gone out (OK did not confirm it). "
            "Look on OK first.",
        ),
        "sending": QCoreApplication.translate(
            "PublishPanel", "This post is being published to {where} right now."
        ),
    }
    text = texts.get(earlier.state, texts["published"]).format(
        where=where, when=when, state=words.state_name(earlier)
    )
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("PublishPanel", "Publish again?"),
        text,
        parent=parent,
    )
    opened = (
        box.addButton(
            QCoreApplication.translate("PublishPanel", "Open it"), QMessageBox.ButtonRole.ActionRole
        )
        if earlier.url
        else None
    )
    again = box.addButton(
        QCoreApplication.translate("PublishPanel", "Publish again"), QMessageBox.ButtonRole.AcceptRole
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setProperty("open_button", opened)
    box.setProperty("again_button", again)
    return box


def _done_future() -> Future:
    done: Future = Future()
    done.set_result(None)
    return done
