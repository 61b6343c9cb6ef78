"""The way to the disk from a view: store work in order on one background thread (DraftQueue), and a
view's handle on the window's queue (StoreQueue)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject

from okcomposer.ui.common.tasks import Lane, TaskGroup

log = logging.getLogger(__name__)


class DraftQueue(QObject):
    """Store work in order on one background thread (a TaskGroup on Lane(1)); results reach their
    callbacks on the GUI thread."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        # No Qt parent: the window stops its TaskGroup children at close, but this queue must take the
        # last writes after that; it is closed by close().
        self._group = TaskGroup(None, lane=Lane(1), report_bugs=False)

    def submit(
        self,
        fn: Callable[[], Any],
        then: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> Future:
        """Queue fn(); its Future settles on the queue's thread (safe to wait on from any thread).

        Raises RuntimeError once the queue is closed.
        """

        def work(_report, _cancel) -> Any:
            try:
                return fn()
            except Exception as exc:
                log.warning("draft store work failed: %r", exc)  # logged even when nobody is told
                raise

        task = self._group.run(work, then, failed or (lambda _exc: None), name="okc-drafts")
        if task is None:
            raise RuntimeError("the draft queue is closed")
        return task.future

    def close(self) -> None:
        """Finish every queued write, then stop the thread; later results are dropped."""
        self._group.close()


class StoreQueue:
    """A view's way to the disk: the window's DraftQueue when given (closed by the window), else its own."""

    def __init__(self, queue: DraftQueue | None, parent: QObject):
        self.queue = queue or DraftQueue(parent)
        self._own = queue is None
        self.closed = False

    def submit(self, fn, then=None, failed=None):
        """Queue fn (then/failed get its result on the GUI thread); nothing once closed."""
        if self.closed:
            return None
        return self.queue.submit(fn, then, failed)

    def close(self) -> None:
        """Finish the queued work; only a queue of our own is stopped. Later submits are ignored."""
        if not self.closed:
            self.closed = True
            if self._own:
                self.queue.close()
