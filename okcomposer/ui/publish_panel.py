"""Publishing the post: a Task with photo and byte progress, Cancel, and the outcome (a link or an error)."""

from __future__ import annotations

import html
import time
from concurrent.futures import Future

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from okcomposer.api.errors import OkApiError, OkCancelled
from okcomposer.api.topic import Post
from okcomposer.app.retry import OutcomeUnknown
from okcomposer.store.drafts import HistoryEntry, now_ms
from okcomposer.ui import theme
from okcomposer.ui.context import UiContext
from okcomposer.ui.drafts_view import DraftKeeper, draft_title
from okcomposer.ui.i18n import error_text
from okcomposer.ui.tasks import TaskGroup

MB = 1024 * 1024


def send(session, post: Post, uid: str | None, context_values: dict, recorded: Future, report, cancel):
    """On the Task: publish, reporting ("step", name) and ("bytes", sent, total, done, count)."""
    from okcomposer.api.client import OkClient
    from okcomposer.app.publish import publish

    last = [0.0]

    def progress(sent: int, total: int, done: int, count: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.1 or done == count:  # at most ten updates a second reach the GUI
            last[0] = now
            report(("bytes", sent, total, done, count))

    recorded.result(timeout=30)  # the draft is marked "publishing" on disk before anything is sent
    client = OkClient(session.credentials, session.api_base)
    try:
        return publish(
            client,
            post,
            uid=uid,
            progress=progress,
            cancel=cancel,
            on_step=lambda step: report(("step", step)),
            **context_values,
        )
    finally:
        client.close()


class PublishPanel(QWidget):
    publish_clicked = Signal()
    """The user asked to publish (button or Ctrl+Enter)."""
    published = Signal(object)
    """The post is on OK (an app.publish.Published)."""
    session_expired = Signal()
    """Publishing failed with OK's error 102; the post is untouched."""

    def __init__(self, context: UiContext, keeper: DraftKeeper, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.keeper = context, keeper
        self.tasks = TaskGroup(self)
        self.task = None
        self.publish_button = QPushButton(theme.icon("publish"), self.tr("Publish"))
        self.publish_button.setToolTip(self.tr("Publish the post on OK (Ctrl+Enter)"))
        self.publish_button.setEnabled(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.progress = QProgressBar(maximum=1000, textVisible=False)
        self.progress.hide()
        self.status = QLabel(wordWrap=True, openExternalLinks=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.publish_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addLayout(row)
        self.publish_button.clicked.connect(self.publish_clicked)
        self.cancel_button.clicked.connect(self.on_cancel_button_clicked)

    @property
    def running(self) -> bool:
        return self.task is not None

    def set_ready(self, ready: bool, why: str = "") -> None:
        self.publish_button.setEnabled(ready and not self.running)
        self.publish_button.setToolTip(why or self.tr("Publish the post on OK (Ctrl+Enter)"))

    def start(self, post: Post, target_name: str) -> None:
        """Save the draft, mark it "publishing", and send the post on a Task."""
        session = self.context.session
        if session is None or self.running:
            return
        draft_id = self.keeper.save_now()
        recorded = self._set_state(draft_id, "publishing")
        uid = self.context.uid or (session.account.uid if session.account else None)
        settings = self.context.settings
        values = {
            "limits": self.context.limits,
            "strip_gps": settings.strip_gps,
            "parallel": settings.parallel_uploads,
        }
        self._job = (draft_id, target_name, draft_title(post))
        self.task = self.tasks.run(
            lambda report, cancel: send(session, post, uid, values, recorded, report, cancel),
            succeeded=self._succeeded,
            failed=self._failed,
            progress=self._progress,
            name="okc-publish",
        )
        self.progress.setValue(0)
        self.progress.setMaximum(0)  # busy until the first byte count
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.publish_button.setEnabled(False)
        self.status.setText(self.tr("Publishing…"))

    def _set_state(
        self, draft_id: str | None, state: str, topic_id: str | None = None, detail: str | None = None
    ) -> Future:
        """Record the draft's state through the ordered store queue."""
        if draft_id is None:
            done: Future = Future()
            done.set_result(None)
            return done
        store = self.context.drafts
        return self.keeper.queue.submit(lambda: store.set_state(draft_id, state, topic_id, detail))

    def _progress(self, event: tuple) -> None:
        if event[0] == "step":
            steps = {
                "upload": self.tr("Uploading photos…"),
                "commit": self.tr("Saving the photos…"),
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
            self.tr("{done} of {count} photos, {sent} of {total} MB").format(
                done=locale.toString(done),
                count=locale.toString(count),
                sent=locale.toString(sent / MB, "f", 1),
                total=locale.toString(total / MB, "f", 1),
            )
        )

    def on_cancel_button_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def _finish(self) -> None:
        self.task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.publish_button.setEnabled(True)

    def _succeeded(self, result) -> None:
        self._finish()
        draft_id, target, summary = self._job
        self._set_state(draft_id, "published", result.topic_id)
        entry = HistoryEntry("post", target, result.topic_id, result.url, summary, now_ms(), draft_id)
        store = self.context.drafts
        self.keeper.queue.submit(lambda: store.add_history(entry))
        link = f'<a href="{html.escape(result.url)}">{html.escape(result.url)}</a>'
        self.status.setText(
            self.tr("Published: topic {id}").format(id=html.escape(result.topic_id)) + f" — {link}"
        )
        self.published.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        draft_id = self._job[0]
        if isinstance(exc, OkCancelled):
            self._set_state(draft_id, "draft")
        elif isinstance(exc, OutcomeUnknown):  # OK may have published it: never assume either way
            self._set_state(draft_id, "unknown", detail=str(exc))
        else:
            self._set_state(draft_id, "failed", detail=str(exc))
        text = html.escape(error_text(exc)).replace("\n", "<br>")
        self.status.setText(f'<span style="color:#d32f2f">{text}</span>')
        if isinstance(exc, OkApiError) and exc.code == 102 and not self.tasks.stopping:
            self.session_expired.emit()

    def shutdown(self) -> None:
        """Cancel a running publish and wait for it (the draft stays as it is)."""
        self.tasks.stop()
