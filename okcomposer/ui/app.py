"""Starting the desktop app (run_gui), and TaskGroup: how views run, track and stop background Tasks."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from okcomposer.app.worker import Task

log = logging.getLogger(__name__)
DESKTOP_ID = "io.github.okcomposer.OkComposer"


class TaskGroup(QObject):
    """The Tasks of one view: kept alive until they finish, cancelled and waited for at shutdown."""

    all_done = Signal()
    """No Task of the group is running any more."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._tasks: set[Task] = set()
        self.stopping = False

    def run(
        self,
        fn: Callable[[Callable[[Any], None], Any], Any],
        succeeded: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        progress: Callable[[Any], None] | None = None,
        name: str = "okc-task",
    ) -> Task | None:
        """Start fn(report, cancel) on its own thread; the callbacks run on the GUI thread."""
        if self.stopping:
            return None
        task = Task(fn, name)
        if progress is not None:
            task.progress.connect(progress)
        task.succeeded.connect(lambda value: self._settled(task, succeeded, value))
        task.failed.connect(lambda exc, text: self._settled(task, failed, exc, text))
        task.finished.connect(lambda: self._finished(task))
        self._tasks.add(task)
        task.start()
        return task

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def _settled(self, task: Task, handler, value, text: str = "") -> None:
        # Out of the group before its handler runs, so a handler may close the view (and stop() the group).
        self._tasks.discard(task)
        if handler is not None:
            handler(value)
        elif text:
            log.warning("background task failed: %s", text)

    def _finished(self, task: Task) -> None:
        self._tasks.discard(task)
        task.deleteLater()
        if not self._tasks:
            self.all_done.emit()

    def cancel(self) -> None:
        """Refuse new Tasks and ask the running ones to stop."""
        self.stopping = True
        for task in list(self._tasks):
            task.cancel()

    def stop(self, timeout_ms: int = 15_000) -> bool:
        """cancel(), then wait (events flowing) until every Task has ended."""
        self.cancel()
        if not self._tasks:
            return True
        # Task ends its thread from a slot on this thread, so wait in an event loop, not with QThread.wait().
        loop = QEventLoop()
        self.all_done.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        self.all_done.disconnect(loop.quit)
        return not self._tasks


def _excepthook(kind, value, tb) -> None:
    """PySide only prints an exception raised in a slot: show it, so it cannot vanish."""
    import traceback

    from PySide6.QtWidgets import QApplication, QMessageBox

    text = "".join(traceback.format_exception(kind, value, tb))
    log.error("unhandled exception:\n%s", text)
    if QApplication.instance() is not None:
        box = QMessageBox(
            QMessageBox.Icon.Critical, "okcomposer", QApplication.translate("app", "Unexpected error")
        )
        box.setInformativeText(QApplication.translate("app", "Please report it with the details below."))
        box.setDetailedText(text)
        box.exec()


def run_gui(
    argv: Sequence[str] | None = None,
    sandbox_factory: Callable[[], Any] | None = None,
    on_shown: Callable[[], None] | None = None,
) -> int:
    """Open the main window and run until it closes; sandbox_factory() gives a not-yet-started Sandbox."""
    from PySide6.QtWidgets import QApplication

    from okcomposer import __version__
    from okcomposer.ui import i18n, theme

    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("okcomposer")
    app.setApplicationDisplayName("okcomposer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(theme.icon("okcomposer"))
    from okcomposer.ui.context import UiContext

    context = UiContext()
    i18n.install(context.settings.language)
    theme.apply(context.settings.theme)
    from okcomposer.ui.main_window import MainWindow

    window = MainWindow(context, sandbox_factory=sandbox_factory)
    window.show()
    if on_shown is not None:
        QTimer.singleShot(0, on_shown)
    previous, sys.excepthook = sys.excepthook, _excepthook
    try:
        return app.exec()
    finally:
        sys.excepthook = previous
        from okcomposer.ui import thumbnails

        thumbnails.wait_all()  # photo checks still running on the thread pool
        context.drafts.close()
