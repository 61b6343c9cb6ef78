"""A video file to OK: upload with progress, a visible "processing…" until OK is done with it, its id.

A small widget a movie block can host: start(path) (or "Add video file…"), then `ready` carries the id that
the block holds from then on (movie_item()). The file goes to the group set with set_group(), else to the
user's own videos.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.blocks import MovieItem
from okcomposer.api.errors import OkCancelled
from okcomposer.app.video import BadVideo, LocalVideo, check_video, status_note, upload_video, wait_ready
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.i18n import byte_progress, error_text
from okcomposer.ui.common.tasks import Task, TaskGroup

IDLE, UPLOADING, PROCESSING, READY, FAILED = "idle", "uploading", "processing", "ready", "failed"


def upload_and_wait(client, path: Path, title: str, gid: str | None, options: dict, report, cancel):
    """On a Task: check, upload, name it, wait until OK has processed it; the video id. Closes `client`.

    A file OK would refuse is returned as BadVideo (the user's choice to fix, not a bug to report).
    """
    try:
        check_video(path, options["limits"])
    except BadVideo as exc:
        client.close()
        return exc
    last = [0.0]

    def progress(sent: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.1 or sent >= total:  # at most ten updates a second reach the GUI
            last[0] = now
            report(("bytes", sent, total))

    def on_state(state: str) -> None:
        report(("state", state))

    try:
        video = LocalVideo(0, 0, path, title or path.stem)
        video_id = upload_video(
            client,
            video,
            gid=gid,
            chunk_size=options["chunk_size"],
            progress=progress,
            cancel=cancel,
            on_state=on_state,
        )
        report(("uploaded", video_id))
        info = wait_ready(
            client,
            video_id,
            cancel=cancel,
            on_state=on_state,
            poll_s=options["poll_s"],
            timeout_s=options["timeout_s"],
        )
        if info is not None and info.status and status_note(info) is not None:
            report(("note", info.status))  # a status word none of our lists know: the user sees it
        return video_id
    finally:
        client.close()


class VideoUploader(QWidget):
    """ "Add video file…", a progress bar while uploading, "processing…" until ready, then the video id."""

    state_changed = Signal(str)
    """uploading, processing, ready, failed or idle (cancelled)."""
    ready = Signal(str)
    """OK has processed the video: its id, for the movie block."""
    failed = Signal(str)
    """The upload or the processing failed: the message shown."""

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.tasks = TaskGroup(self)
        self.task: Task | None = None
        self.gid: str | None = None
        self.state = IDLE
        self.video_id: str | None = None
        self.chunk_size: int | None = None  # None: one multipart POST (or chunks for a very large file)
        self.note = ""
        self.poll_s, self.timeout_s = 1.0, 1800.0
        self.add_button = QPushButton(self.tr("Add video file…"))
        self.title = QLineEdit(placeholderText=self.tr("Title on OK (the file name if empty)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.progress = QProgressBar(maximum=1000, textVisible=False)
        self.progress.hide()
        self.status = QLabel(wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.title, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.cancel_button.clicked.connect(self.cancel)

    def set_group(self, gid: str | None) -> None:
        """Upload into this group's videos (None: the user's own)."""
        self.gid = gid

    def movie_item(self) -> MovieItem | None:
        """The movie block's item once the video is ready."""
        return MovieItem(id=self.video_id) if self.video_id else None

    @property
    def running(self) -> bool:
        return self.task is not None

    def on_add_button_clicked(self) -> None:
        dialog = QFileDialog(
            self, self.tr("Choose a video"), "", self.tr("Videos (*.mp4 *.mov *.avi *.mkv *.webm)")
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.start)
        dialog.open()

    def start(self, path: str | Path, title: str = "") -> None:
        """Upload `path` in the background; `ready` (or `failed`) tells how it ended."""
        session = self.context.session
        if self.running:
            return
        if session is None:
            self._fail(self.tr("Sign in to upload videos."))
            return
        path = Path(path)
        self.video_id = None
        self.note = ""
        options = {
            "limits": self.context.limits,
            "chunk_size": self.chunk_size,
            "poll_s": self.poll_s,
            "timeout_s": self.timeout_s,
        }
        title, gid = title or self.title.text().strip(), self.gid
        client = self.context.client()  # handed out here, used and closed on the Task
        self.name = path.name
        self.task = self.tasks.run(
            lambda report, cancel: upload_and_wait(client, path, title, gid, options, report, cancel),
            succeeded=self._succeeded,
            failed=self._failed,
            progress=self._on_progress,
            name="okc-video",
        )
        self.add_button.setEnabled(False)
        self.cancel_button.show()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.show()
        self._set_state(UPLOADING, self.tr("Uploading {name}…").format(name=self.name))

    def _on_progress(self, event: tuple) -> None:
        if event[0] == "bytes":
            _, sent, total = event
            self.progress.setValue(int(1000 * sent / total) if total else 0)
            self.status.setText(
                self.tr("Uploading {name}: {sent} of {total} {unit}").format(
                    name=self.name, **byte_progress(sent, total)
                )
            )
        elif event[0] == "uploaded":
            self.video_id = None  # not ready yet: the block gets the id only once OK has processed it
        elif event[0] == "note":
            self.note = event[1]
        elif event == ("state", "processing"):
            self.progress.setRange(0, 0)  # a busy bar: OK tells no percentage
            self._set_state(
                PROCESSING, self.tr("Uploaded. OK is processing the video… this can take a few minutes.")
            )

    def _succeeded(self, result) -> None:
        self._end()
        if isinstance(result, BadVideo):
            self._fail(error_text(result))
            return
        self.video_id = str(result)
        text = self.tr("Ready: video {id}").format(id=self.video_id)
        if self.note:
            text += " " + self.tr("(OK reports the video as '{status}')").format(status=self.note)
        self._set_state(READY, text)
        self.ready.emit(self.video_id)

    def _failed(self, exc: BaseException) -> None:
        self._end()
        if isinstance(exc, OkCancelled):
            self._set_state(IDLE, self.tr("Upload cancelled."))
            return
        self._fail(error_text(exc))

    def _fail(self, message: str) -> None:
        self._set_state(FAILED, message)
        self.status.setStyleSheet("color: #d32f2f")
        self.failed.emit(message)

    def _set_state(self, state: str, text: str) -> None:
        self.state = state
        self.status.setStyleSheet("")
        self.status.setText(text)
        self.state_changed.emit(state)

    def _end(self) -> None:
        self.task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.add_button.setEnabled(True)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def shutdown(self) -> None:
        self.tasks.stop()
