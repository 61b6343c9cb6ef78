"""TaskGroup: how views run, track and stop their background Tasks; a Task's bug reaches the crash dialog."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from okcomposer.app.worker import Task

log = logging.getLogger(__name__)


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
        """Start fn(report, cancel) on its own thread; the callbacks run on the GUI thread.

        A failure that is a bug (crash.is_bug: not an OkError or another expected failure) is also shown
        in the crash dialog, after `failed` has run.
        """
        if self.stopping:
            return None
        task = Task(fn, name)
        if progress is not None:
            task.progress.connect(progress)
        task.succeeded.connect(lambda value: self._settled(task, succeeded, value))
        task.failed.connect(lambda exc, text: self._settled(task, failed, exc, text, name))
        task.finished.connect(lambda: self._finished(task))
        self._tasks.add(task)
        task.start()
        return task

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def _settled(self, task: Task, handler, value, text: str = "", name: str = "") -> None:
        # Out of the group before its handler runs, so a handler may close the view (and stop() the group).
        self._tasks.discard(task)
        if handler is not None:
            handler(value)
        elif text:
            log.warning("background task failed: %s", text)
        if text:
            from okcomposer.ui import crash

            if crash.is_bug(value):
                crash.report_task_failure(name, text)

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
