"""The Moments tab: images checked in a grid, published as Moments on a background Task with progress."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.client import OkClient
from okcomposer.api.upload import CancelToken
from okcomposer.app.moments import post_moments
from okcomposer.app.worker import Task
from okcomposer.store.drafts import HistoryEntry, now_ms
from okcomposer.ui import i18n
from okcomposer.ui.context import UiContext
from okcomposer.ui.photos import PhotoGrid
from okcomposer.ui.tasks import TaskGroup

MB = 1024 * 1024


class MomentsView(QWidget):
    """Each image becomes one Moment; the images stay until they are published."""

    published = Signal(list)
    """Moments were published: their ids, in image order."""

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.tasks = TaskGroup(self)
        self.task: Task | None = None
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
        return self.task is not None

    def can_publish(self) -> bool:
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
    def publish(self) -> bool:
        """Start publishing every image as a Moment; False when that is not possible now."""
        if not self.can_publish():
            return False
        session = self.context.session
        assert session is not None
        paths = [Path(p) for p in self.grid.paths()]
        settings, limits, drafts = self.context.settings, self.context.limits, self.context.drafts
        profile = f"https://ok.ru/profile/{self.context.uid}" if self.context.uid else "https://ok.ru/"

        def work(report, cancel: CancelToken) -> list[str]:
            client = OkClient(session.credentials, session.api_base)
            try:
                ids = post_moments(
                    client,
                    paths,
                    limits=limits,
                    strip_gps=settings.strip_gps,
                    parallel=settings.parallel_uploads,
                    progress=lambda *numbers: report(numbers),
                    cancel=cancel,
                )
            finally:
                client.close()
            stamp = now_ms()
            for moment_id, path in itertools.zip_longest(ids, paths):
                if path is not None:  # history is written here, off the GUI thread
                    drafts.add_history(
                        HistoryEntry("moment", "me", moment_id or "", profile, path.name, stamp)
                    )
            return ids

        self.results.clear()
        self.results.hide()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Publishing {0} Moments…").format(QLocale().toString(len(paths))))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Preparing…"))
        self.progress.show()
        self.task = self.tasks.run(
            work, self._on_succeeded, self._on_failed, self._on_progress, name="okc-moments"
        )
        if self.task is not None:
            self.task.finished.connect(self._on_finished)
        self._update()
        return self.task is not None

    def cancel(self) -> None:
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
            self.tr("{0} of {1} images · {2} of {3} MB").format(
                locale.toString(done),
                locale.toString(count),
                locale.toString(sent / MB, "f", 1),
                locale.toString(total / MB, "f", 1),
            )
        )

    def _on_succeeded(self, ids: list[str]) -> None:
        names = [Path(p).name for p in self.grid.paths()]
        for moment_id, name in itertools.zip_longest(ids, names):
            if moment_id is None:
                continue
            self.results.addItem(self.tr("Moment {0} ({1})").format(moment_id, name or ""))
        self.results.setVisible(self.results.count() > 0)
        self.status.setText(self.tr("Published {0} Moments.").format(QLocale().toString(len(names))))
        self.progress.setValue(1000)
        self.grid.clear()
        self.published.emit(list(ids))

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
