"""The Moments tab: images checked in a grid, published as Moments through the outbox on a background Task.

A repeat of the same images (the outbox's fingerprint: names and sizes) is asked first: "Post again" sends
them once more, "Cancel" sends nothing. The outbox entry is the history; nothing else is written here.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.cancel import CancelToken
from okcomposer.api.errors import error_name
from okcomposer.app.outbox import AlreadyPublished, SendOptions
from okcomposer.store.outbox import PUBLISHED, UNCONFIRMED, Entry
from okcomposer.ui.common import i18n
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.i18n import byte_progress
from okcomposer.ui.common.tasks import Task, TaskGroup
from okcomposer.ui.common.times import qt_zone, window_tz
from okcomposer.ui.photos.grid import PhotoGrid


class MomentsView(QWidget):
    """Each image becomes one Moment; the images stay until they are published."""

    published = Signal(list)
    """Moments were published: their ids, in image order."""

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.tasks = TaskGroup(self)
        self.task: Task | None = None
        self.dialog: QMessageBox | None = None  # "Already posted … Post again / Cancel"
        intro = QLabel(
            self.tr("Each image becomes one Moment. Drop images here, paste them or add them."), self
        )
        intro.setWordWrap(True)
        self.grid = PhotoGrid(context, self)
        self.publish_button = QPushButton(self.tr("Publish Moments"), self)
        self.publish_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results = QListWidget(self)
        self.results.setMaximumHeight(140)
        self.results.hide()  # until Moments are published
        row = QHBoxLayout()  # as on the Post tab: what is going on, then Cancel and Publish on the right
        row.addWidget(self.status, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.publish_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.progress)
        layout.addLayout(row)
        layout.addWidget(self.results)

        self.publish_button.clicked.connect(self.publish)
        self.cancel_button.clicked.connect(self.cancel)
        self.grid.changed.connect(self._update)
        self.grid.checked.connect(self._update)
        context.session_changed.connect(self._update)
        self.progress.hide()
        self._update()

    @property
    def running(self) -> bool:
        """Whether Moments are being published."""
        return self.task is not None

    def can_publish(self) -> bool:
        """Signed in, images all checked, nothing running."""
        return (
            not self.running
            and self.context.session is not None
            and self.grid.count() > 0
            and self.grid.all_ok()
        )

    def _update(self) -> None:
        self.publish_button.setEnabled(self.can_publish())
        self.cancel_button.setEnabled(self.running)
        self.cancel_button.setVisible(self.running)
        self.grid.setEnabled(not self.running)
        if self.running:
            return
        if self.context.session is None:
            self.publish_button.setToolTip(self.tr("Sign in to publish Moments."))
        elif self.grid.count() and not self.grid.all_ok():
            self.publish_button.setToolTip(self.tr("Some images are still being checked or need a fix."))
        else:
            self.publish_button.setToolTip("")

    # --- publishing -----------------------------------------------------------------------------
    def publish(self, again: bool = False) -> bool:
        """Start publishing every image as a Moment; False when that is not possible now.

        Images already posted as Moments in the last 7 days are asked about first, unless `again`.
        """
        if not self.can_publish():
            return False
        paths = [Path(p) for p in self.grid.paths()]
        settings, outbox, client = self.context.settings, self.context.outbox, self.context.client()
        options = SendOptions(
            uid=self.context.uid or None,
            limits=self.context.limits,
            strip_gps=settings.strip_gps,
            parallel=settings.parallel_uploads,
        )

        def work(report, cancel: CancelToken) -> Entry | AlreadyPublished:
            """On the Task: the outbox entry, or AlreadyPublished (nothing sent)."""
            sending = replace(options, progress=lambda *numbers: report(numbers), cancel=cancel)
            try:
                return outbox.publish_moments(client, paths, again=again, options=sending)
            except AlreadyPublished as exc:  # nothing was sent: the user is asked on the GUI thread
                return exc
            finally:
                client.close()

        self.results.clear()
        self.results.hide()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Publishing %n Moments…", "", len(paths)))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Preparing…"))
        self.progress.show()
        self.task = self.tasks.run(
            work, self._on_succeeded, self._on_failed, self._on_progress, name="okc-moments"
        )
        if self.task is None:
            client.close()
        else:
            self.task.finished.connect(self._on_finished)
        self._update()
        return self.task is not None

    def cancel(self) -> None:
        """Stop the running publish; the images stay."""
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def shutdown(self, timeout_ms: int = 15_000) -> bool:
        """Cancel and wait for a running publish (window closing); the images stay."""
        return self.tasks.stop(timeout_ms)

    def _on_progress(self, numbers: tuple[int, int, int, int]) -> None:
        sent, total, done, count = numbers
        locale = QLocale()
        self.progress.setValue(int(1000 * sent / total) if total else 0)
        self.progress.setFormat(
            self.tr("{done} of %n images · {sent} of {total} {unit}", "", count).format(
                done=locale.toString(done), **byte_progress(sent, total)
            )
        )

    def _on_succeeded(self, outcome: Entry | AlreadyPublished) -> None:
        if isinstance(outcome, AlreadyPublished):
            self._ask_again(outcome.entries[0])
            return
        if outcome.state != PUBLISHED:
            self._show_failure(outcome)
            return
        ids = [i for i in (outcome.topic_id or "").split(",") if i]
        names = [Path(p).name for p in self.grid.paths()]
        for moment_id, name in itertools.zip_longest(ids, names):
            if moment_id is None:
                continue
            self.results.addItem(self.tr("Moment {0} ({1})").format(moment_id, name or ""))
        self.results.setVisible(self.results.count() > 0)
        count = len(ids) or len(names)  # OK may answer a bare `true`: every image was published
        text = self.tr("Published %n Moments.", "", count)
        if outcome.detail:  # OK created them, but its answer had a shape we do not know
            text += "\n" + self.tr(
                "OK's answer was not understood, so the Moments' ids are not known: look at your Moments "
                "on ok.ru."
            )
        self.status.setText(text)
        self.progress.setValue(1000)
        self.grid.clear()
        self.published.emit(list(ids))

    def _ask_again(self, earlier: Entry) -> None:
        """ "Already posted … at 14:02 — Post again / Cancel"; nothing is sent unless the user says so."""
        self.progress.hide()
        self.status.setText(self.tr("Nothing was sent yet: these images were posted as Moments before."))
        zone = qt_zone(window_tz())  # the settings' zone, as every time in the window
        moment = QDateTime.fromMSecsSinceEpoch(earlier.attempt_ms or earlier.intent_ms, zone)
        same_day = moment.date() == QDateTime.currentDateTime().toTimeZone(zone).date()
        when = QLocale().toString(moment, "HH:mm" if same_day else "d MMM HH:mm")
        if earlier.state == UNCONFIRMED:
            text = self.tr(
                "These images were sent as Moments at {when}, but OK did not confirm them. "
                "Look at your Moments on ok.ru before posting them again."
            )
        else:
            text = self.tr("Already posted these images as Moments at {when}.")
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Already posted"), text.format(when=when), parent=self
        )
        again = box.addButton(self.tr("Post again"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        again.clicked.connect(lambda: self.publish(again=True))
        for signal in (cancel.clicked, box.rejected):
            signal.connect(self._nothing_sent)
        self.dialog = box
        box.open()

    def _nothing_sent(self) -> None:
        if not self.running:
            self.status.setText(self.tr("Nothing was sent."))

    def _show_failure(self, entry: Entry) -> None:
        """Not published (the images stay): why, in the UI's language; not confirmed says to look first."""
        self.status.setStyleSheet("color: #c62828;")
        self.progress.hide()
        if entry.state == UNCONFIRMED:
            self.status.setText(
                self.tr(
                    "Not confirmed: OK did not confirm the Moments (the connection broke, or its answer said "
                    "nothing), so they may or may not be there. Look at your Moments on ok.ru before "
                    "posting them again."
                )
            )
            return
        error = entry.extra.get("error")
        if isinstance(error, BaseException):
            reason = i18n.error_text(error)
        elif entry.code is not None:
            reason = f"{entry.code} {error_name(entry.code)}\n{i18n.error_help(entry.code)}"
        else:
            reason = entry.detail or ""
        head = self.tr("The Moments were not published; the images are still here.")
        self.status.setText(f"{head}\n{reason}" if reason else head)

    def _on_failed(self, exc: BaseException) -> None:
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText(
            self.tr("The Moments were not published; the images are still here.")
            + "\n"
            + i18n.error_text(exc)
        )
        self.progress.hide()

    def _on_finished(self) -> None:
        self.task = None
        self._update()
