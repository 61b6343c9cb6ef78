"""Cancelling work from any thread: a CancelToken, checked between steps and while a body is sent.

Its own module (no network imports), so the window's background helper (ui/common/tasks.py) can use it
without importing requests and urllib3 before the window's first paint (issue 16).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from okcomposer.api.errors import OkCancelled


class CancelToken:
    """Set from any thread; checked between steps and while a body is being sent.

    A child token is cancelled with its parent, but cancelling a child leaves the parent alone.
    """

    def __init__(self, parent: CancelToken | None = None) -> None:
        self._event = threading.Event()
        self._children: list[CancelToken] = []
        self._callbacks: list[Callable[[], None]] = []
        if parent is not None:
            parent._children.append(self)
            if parent.cancelled:
                self._event.set()

    def child(self) -> CancelToken:
        return CancelToken(self)

    def cancel(self) -> None:
        self._event.set()
        for child in self._children:
            child.cancel()
        for callback in list(self._callbacks):
            callback()

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Run `callback` when cancelled (at once if already); returns a function that unregisters it."""
        self._callbacks.append(callback)
        if self.cancelled:
            callback()
        return lambda: self._callbacks.remove(callback) if callback in self._callbacks else None

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise OkCancelled("cancelled")

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True when cancelled meanwhile."""
        return self._event.wait(seconds)
