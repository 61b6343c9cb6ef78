"""Retry safe steps with bounded backoff and jitter; tell apart "failed" from "outcome unknown"."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from okcomposer.api.cancel import CancelToken
from okcomposer.api.errors import OkApiError, OkCancelled, OkError, OkHttpError, OkNetworkError, OkNotSent

T = TypeVar("T")
RATE_LIMIT_CODES = frozenset({8, 11})  # FLOOD_BLOCKED, LIMIT_REACHED


class OutcomeUnknown(OkError):
    """The request may or may not have taken effect; it must not simply be sent again."""


def is_transient(exc: BaseException) -> bool:
    """Worth another try for a step that is safe to repeat."""
    if isinstance(exc, OkNetworkError):
        return True
    if isinstance(exc, OkHttpError):
        return exc.status >= 500 or exc.status == 429
    return isinstance(exc, OkApiError) and exc.transient


def outcome_unknown(exc: BaseException) -> bool:
    """After these, a request that changes something may have been carried out all the same.

    Never after OkNotSent: the request provably did not leave this computer.
    """
    if isinstance(exc, OkNotSent):
        return False
    return isinstance(exc, OkNetworkError) or (isinstance(exc, OkHttpError) and exc.status >= 500)


def backoff_delay(
    attempt: int, exc: BaseException | None = None, base: float = 0.5, cap: float = 8.0
) -> float:
    """Full jitter; rate limits wait longer (OK asks callers to slow down)."""
    if isinstance(exc, OkApiError) and exc.code in RATE_LIMIT_CODES:
        base, cap = 2.0, 30.0
    return random.uniform(base / 2, min(cap, base * 2**attempt))


def sleep(seconds: float, cancel: CancelToken | None) -> None:
    if cancel is None:
        time.sleep(seconds)
    elif cancel.wait(seconds):
        raise OkCancelled("cancelled")


def retrying(
    step: Callable[[], T],
    *,
    attempts: int = 4,
    cancel: CancelToken | None = None,
    on_wait: Callable[[BaseException, float], None] | None = None,
    only_definite: bool = False,
) -> T:
    """Run a step again after transient failures, at most `attempts` times.

    With only_definite, only answers that say the step was not done (2, 8, 11) are retried: for steps
    that must not run twice, a lost answer is passed up instead.
    """
    for attempt in range(attempts):
        if cancel is not None:
            cancel.raise_if_cancelled()
        try:
            return step()
        except OkError as exc:
            if cancel is not None and cancel.cancelled:
                raise OkCancelled("cancelled") from None
            if not is_transient(exc) or attempt == attempts - 1:
                raise
            if only_definite and outcome_unknown(exc):
                raise
            delay = backoff_delay(attempt, exc)
            if on_wait is not None:
                on_wait(exc, delay)
            sleep(delay, cancel)
    raise AssertionError("unreachable")
