"""Waiting on events, not on the clock: a sandbox action that has run, a call finishing on another thread.

Tests wait for what they mean ("the upload has reached the sandbox"), never for a number of seconds; the only
timeouts are guards against a hang, far from the time the wait really takes.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

HANG_S = 60.0  # a guard only: what the tests wait for takes milliseconds


def after_each_call(monkeypatch, owner: Any, name: str) -> threading.Event:
    """An Event set once `owner.name(...)` has run (returned or raised), e.g. the sandbox's
    `okcomposer.sandbox.uploads.upload_photo`: the upload has arrived and been acted on."""
    done = threading.Event()
    real = getattr(owner, name)

    @functools.wraps(real)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return real(*args, **kwargs)
        finally:
            done.set()

    monkeypatch.setattr(owner, name, wrapped)
    return done


class InThread:
    """`fn()` started on a thread; `finished()` waits for it (up to HANG_S) and says whether it ended."""

    def __init__(self, fn: Callable[[], Any]):
        self.error: BaseException | None = None
        self.result: Any = None
        self._fn = fn
        self._thread = threading.Thread(target=self._run, name="test-in-thread", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            self.error = exc

    def finished(self, guard_s: float = HANG_S) -> bool:
        self._thread.join(guard_s)
        return not self._thread.is_alive()
