"""Rows sent a few at a time: lanes keep rows of the same content in file order, a throttle bounds how many
run at once and backs off when OK answers with a rate limit (docs/ok-api.md "Rate limits").

Each row still goes through the outbox, which makes it exactly once; what runs together are rows that can
never be repeats of each other (a different place or content), so the outbox's repeat check sees every
earlier row of the same content finished before the next one starts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from okcomposer.api.cancel import CancelToken

R = TypeVar("R")
CALM_S = 3.0  # after a rate-limit answer no new row starts for this long, and half as many run at once


class Throttle:
    """At most `limit` rows at once; after a rate limit (`slow_down`), half as many and a pause first."""

    def __init__(self, limit: int, clock: Callable[[], float] = time.monotonic):
        self.limit = max(1, limit)
        self.running = 0
        self.calm_until = 0.0
        self.slowed = 0  # how many rate-limit answers were seen
        self._clock = clock
        self._cond = threading.Condition()

    def enter(self, cancel: CancelToken | None = None) -> bool:
        """Wait for a free place (False when cancelled meanwhile)."""
        with self._cond:
            while True:
                if cancel is not None and cancel.cancelled:
                    return False
                wait = self.calm_until - self._clock()
                if self.running < self.limit and wait <= 0:
                    self.running += 1
                    return True
                self._cond.wait(min(0.2, wait) if wait > 0 else 0.2)

    def leave(self) -> None:
        with self._cond:
            self.running -= 1
            self._cond.notify_all()

    def slow_down(self) -> None:
        """OK said FLOOD_BLOCKED or LIMIT_REACHED: fewer rows at once, and a pause before the next starts."""
        with self._cond:
            self.slowed += 1
            self.limit = max(1, self.limit // 2)
            self.calm_until = max(self.calm_until, self._clock() + CALM_S)


def run_in_lanes(
    count: int,
    key: Callable[[int], Hashable],
    work: Callable[[int], R],
    skipped: Callable[[int], R | None],
    *,
    concurrency: int,
    throttle: Throttle,
    cancel: CancelToken | None = None,
    on_result: Callable[[R], None] | None = None,
) -> list[R]:
    """work(i) for i in range(count), rows with the same key(i) one after another in order, others up to
    `concurrency` (and the throttle's limit) at once. skipped(i) gives the result of a row that must not
    start (a value: the rows are stopping), else None. on_result gets every result in row order, on the
    calling thread, as soon as the rows before it are done. Returns the results in row order."""
    lanes: dict[Hashable, list[int]] = {}
    for i in range(count):
        lanes.setdefault(key(i), []).append(i)
    results: list[Future[R]] = [Future() for _ in range(count)]

    def lane(rows: Sequence[int]) -> None:
        for i in rows:
            try:
                results[i].set_result(_one(i))
            except BaseException as exc:  # given to the caller in row order, below
                results[i].set_exception(exc)

    def _one(i: int) -> R:
        early = skipped(i)
        if early is not None:
            return early
        if not throttle.enter(cancel):
            late = skipped(i)  # cancelled while waiting: the stop says so
            if late is not None:
                return late
            return work(i)
        try:
            late = skipped(i)  # a row that ended meanwhile may have stopped the rest
            return late if late is not None else work(i)
        finally:
            throttle.leave()

    found: list[R] = []
    with ThreadPoolExecutor(max(1, concurrency), thread_name_prefix="okc-rows") as pool:
        for rows in sorted(lanes.values(), key=lambda r: r[0]):
            pool.submit(lane, rows)
        for future in results:
            result = future.result()
            found.append(result)
            if on_result is not None:
                on_result(result)
    return found
