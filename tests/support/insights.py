"""A clock the Insights tests set by hand (app.insights.Insights takes a clock)."""

from __future__ import annotations


class Clock:
    """Reads `ms` (ms since the epoch) until a test moves it."""

    def __init__(self, ms: int):
        self.ms = ms

    def __call__(self) -> int:
        return self.ms
