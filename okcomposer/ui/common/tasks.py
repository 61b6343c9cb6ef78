"""The one way to run work off the GUI thread: a TaskGroup runs fn(report, cancel) on a Lane of threads.

Every view that needs a thread (publishing, Moments, imports, history, accounts, groups, thumbnails, the
drafts' disk queue) runs its work through a TaskGroup; the callbacks come back on the GUI thread. The threads
are plain Python threads (a Lane); the use cases in app/ know nothing of Qt and get a CancelToken to stop on.

- TaskGroup(parent): a thread per Task, as many at a time as are started (publishing, sign-in, ...).
- TaskGroup(parent, lane=Lane(1)): in order, one at a time (the drafts' disk queue).
- TaskGroup(parent, lane=shared_lane): several groups share a limit (the thumbnail loaders of all grids).

A group's callbacks stop when its QObject is deleted, so a view that goes away with work still running is
never called back; the Task itself is owned by Python and lives until its thread is done with it.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal

from okcomposer.api.cancel import CancelToken
from okcomposer.ui.common import qtfix  # noqa: F401 - guards PySide6 6.12 emit() before any Task emits

log = logging.getLogger(__name__)


class Lane:
    """Threads that take queued jobs in order, at most `limit` at a time (None: a thread for each job).

    Plain Python: a thread starts when a job is queued and a thread is free to start, takes jobs until
    the queue is empty, then ends. Each thread is named after the job it runs (the tests look for "okc-").
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._jobs: deque[tuple[Callable[[], None], str]] = deque()
        self._threads: set[threading.Thread] = set()
        self._leaving: set[threading.Thread] = set()  # out of jobs but maybe not ended yet

    def put(self, job: Callable[[], None], name: str) -> None:
        """Queue job() (it must not raise) to run on one of the lane's threads."""
        with self._lock:
            self._jobs.append((job, name))
            if self.limit is not None and len(self._threads) >= self.limit:
                return
            thread = threading.Thread(target=self._take, name=name)
            self._threads.add(thread)
        thread.start()

    def _take(self) -> None:
        me = threading.current_thread()
        while True:
            with self._lock:
                if not self._jobs:
                    self._threads.discard(me)
                    self._leaving.add(me)  # wait() joins it too: "no jobs" is not "thread ended"
                    return
                job, me.name = self._jobs.popleft()
            job()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every queued job has run and the threads have ended; False on timeout (seconds)."""
        end = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._lock:
                self._leaving = {t for t in self._leaving if t.is_alive()}
                threads = [*self._threads, *self._leaving]
            if not threads:
                return True
            for thread in threads:
                left = None if end is None else end - time.monotonic()
                if left is not None and left <= 0:
                    return False
                thread.join(left)


class Task(QObject):
    """One fn(report, cancel) of a TaskGroup; its signals arrive on the GUI thread, `finished` last.

    `future` settles on the worker thread as soon as fn returns, so other threads may wait on it
    (a publish waits until its draft is marked "publishing" on disk).
    """

    progress = Signal(object)
    """Anything fn reports through its `report` argument."""
    succeeded = Signal(object)
    """fn's return value."""
    failed = Signal(object, str)
    """The exception and its formatted traceback (log it through the redacting logger)."""
    finished = Signal()

    _reported = Signal(object)
    _done = Signal(bool, object, str)

    def __init__(self, fn: Callable[[Callable[[Any], None], CancelToken], Any], name: str = "okc-task"):
        super().__init__()
        self.name = name
        self.cancel_token = CancelToken()
        self.future: Future = Future()
        self.running = True
        """Until its results have been delivered (queued, running, or answered but not yet told)."""
        self._fn = fn
        self._reported.connect(self.progress, Qt.ConnectionType.QueuedConnection)
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def execute(self) -> None:
        """Run fn here (a Lane thread) and post the outcome to the GUI thread; never raises."""
        self.future.set_running_or_notify_cancel()
        try:
            result = self._fn(self._reported.emit, self.cancel_token)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI, not vanish
            self.future.set_exception(exc)
            self._done.emit(False, exc, "".join(traceback.format_exception(exc)))
        else:
            self.future.set_result(result)
            self._done.emit(True, result, "")

    def _deliver(self, ok: bool, value: object, text: str) -> None:
        self.running = False
        if ok:
            self.succeeded.emit(value)
        else:
            self.failed.emit(value, text)
        self.finished.emit()


class TaskGroup(QObject):
    """The Tasks of one view: kept alive until they finish, cancelled and waited for at shutdown."""

    all_done = Signal()
    """No Task of the group is running any more."""

    def __init__(self, parent: QObject | None = None, lane: Lane | None = None, report_bugs: bool = True):
        """lane: where the Tasks run (default: a thread each); report_bugs: a bug goes to the crash dialog."""
        super().__init__(parent)
        self.lane = lane or Lane()
        self._own_lane = lane is None
        self.report_bugs = report_bugs
        self._tasks: set[Task] = set()
        self.stopping = False
        self._closed = False

    def run(
        self,
        fn: Callable[[Callable[[Any], None], Any], Any],
        succeeded: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        progress: Callable[[Any], None] | None = None,
        name: str = "okc-task",
    ) -> Task | None:
        """Start fn(report, cancel) off the GUI thread; the callbacks run on the GUI thread.

        None when the group is stopping. A failure that is a bug (crash.is_bug: not an OkError or another
        expected failure) is also shown in the crash dialog, after `failed` has run (unless report_bugs
        is off).
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
        self.lane.put(task.execute, name)
        return task

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def _settled(self, task: Task, handler, value, text: str = "", name: str = "") -> None:
        # Out of the group before its handler runs, so a handler may close the view (and stop() the group).
        self._tasks.discard(task)
        if self._closed or not shiboken6.isValid(self):
            return  # the view is gone (or closed its queue): nobody to tell
        if handler is not None:
            handler(value)
        elif text:
            log.warning("background task failed: %s", text)
        if text and self.report_bugs:
            from okcomposer.ui.common import crash

            if crash.is_bug(value):
                crash.report_task_failure(name, text)

    def _finished(self, task: Task) -> None:
        self._tasks.discard(task)
        task.deleteLater()
        if self._tasks:
            return
        if self._own_lane:
            # Every job of our own lane has posted its answer, so its threads are ending now: when
            # all_done comes, no thread of ours is left.
            self.lane.wait(1.0)
        if shiboken6.isValid(self):
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
        # Results are delivered by events on this thread, so wait in an event loop.
        loop = QEventLoop()
        self.all_done.connect(loop.quit)
        # A deferred delete run by this loop may take the group's parent, and the group with it: its Tasks'
        # answers then tell no one and all_done never comes, so that ends the wait too (not the timeout).
        self.destroyed.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if shiboken6.isValid(self):  # a deferred delete may have taken the view (and us) meanwhile
            self.all_done.disconnect(loop.quit)
            self.destroyed.disconnect(loop.quit)
        return not self._tasks

    def close(self, timeout_ms: int | None = None) -> bool:
        """Refuse new Tasks, let the queued ones run to the end (blocking, nothing cancelled) and drop
        their results not yet delivered; False when timeout_ms passed first."""
        self.stopping = True
        done = self.lane.wait(None if timeout_ms is None else timeout_ms / 1000)
        self._closed = True
        return done
