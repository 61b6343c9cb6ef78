"""Helpers for the benchmarks that run Qt: a stall meter on the GUI thread and waiting on the event loop."""

from __future__ import annotations

import time
from collections.abc import Callable

TICK_MS = 5


class StallMeter:
    """Records the gaps between the ticks of a precise 5 ms timer on the GUI thread: work done on the GUI
    thread (or the GIL held too long by a worker) shows as a long gap."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    def longest(self) -> float:
        return max(self.gaps, default=0.0)

    def __enter__(self) -> StallMeter:
        self.gaps.clear()
        self._last = time.perf_counter()
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.stop()
        self._tick()  # the time since the last tick counts too


def run_until(done: Callable[[], bool], timeout_s: float) -> None:
    """Run the Qt event loop until done() is true (checked every 10 ms); TimeoutError after `timeout_s`."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(10)
    deadline = time.monotonic() + timeout_s

    def check() -> None:  # a slot returns None: PySide6 mishandles a bool returned from a lambda slot
        if done() or time.monotonic() > deadline:
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    check()
    if not done():
        loop.exec()
    poll.stop()
    if not done():
        raise TimeoutError("the phase did not finish in time")


def run_for(seconds: float) -> None:
    """Run the Qt event loop for this long."""
    end = time.monotonic() + seconds
    run_until(lambda: time.monotonic() >= end, seconds + 5)
