"""Faults injected on purpose, per method name, so clients can be tested against a misbehaving OK."""

from __future__ import annotations

import threading

KINDS = (
    "drop_before",  # close the connection without acting or answering
    "drop_after",  # act, store the result, then close without answering
    "http500",
    "http503",
    "service",  # error 2 SERVICE, nothing done
    "slow",  # act, then answer only after slow_seconds
    "session_expired",  # answer 102 and expire the session
    "flood",  # error 8 FLOOD_BLOCKED
    "limit",  # error 11 LIMIT_REACHED
    "answer_before",  # answer `body` (HTTP 200, as is) without acting
    "answer_after",  # act, store the result, then answer `body` instead of the real answer
)
# Kinds that answer a body of the test's choosing (an answer shape OK has not documented, an empty body).
BODY_KINDS = ("answer_before", "answer_after")
# Places that are not fb.do methods but can fail too.
EXTRA_POINTS = ("upload.photo", "upload.video", "upload.video.status", "oauth.token")
# Kinds answered with an OK error JSON instead of acting.
ERROR_KINDS = {"service": 2, "flood": 8, "limit": 11, "session_expired": 102}


class Faults:
    """Pending faults; each call of a method takes the first one that still has hits left."""

    def __init__(self, slow_seconds: float = 10.0):
        self._lock = threading.Lock()
        self._items: list[dict] = []
        self.slow_seconds = slow_seconds

    def add(
        self,
        method: str,
        kind: str,
        times: int = 1,
        slow_seconds: float | None = None,
        body: str | None = None,
    ) -> dict:
        """Queue a fault; `body` (text, "" for an empty body) is required by the answer_* kinds only."""
        if not isinstance(method, str) or not method or any(ch.isspace() for ch in method):
            raise ValueError(f"bad fault method {method!r}")
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r} (one of: {', '.join(KINDS)})")
        if not isinstance(times, int) or isinstance(times, bool) or times < 0:
            raise ValueError(f"fault times must be a whole number >= 0, not {times!r}")
        if (kind in BODY_KINDS) != isinstance(body, str):
            raise ValueError(
                f"fault kind {kind!r} " + ("needs a text body" if kind in BODY_KINDS else "takes no body")
            )
        seconds = self.slow_seconds if slow_seconds is None else float(slow_seconds)
        item = {
            "method": method,
            "kind": kind,
            "times": times,
            "hits": 0,
            "slow_seconds": seconds,
            "body": body,
        }
        with self._lock:
            self._items.append(item)
        return dict(item)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def take(self, method: str | None) -> dict | None:
        """The fault that hits this call, if any (times=0 hits every call)."""
        if not method:
            return None
        with self._lock:
            for item in self._items:
                if item["method"] == method and (item["times"] == 0 or item["hits"] < item["times"]):
                    item["hits"] += 1
                    return dict(item)
        return None

    def snapshot(self) -> list[dict]:
        with self._lock:
            return [dict(item) for item in self._items]


def parse_spec(spec: str) -> tuple[str, str, int, str | None]:
    """`METHOD=KIND[:TIMES]`, or `METHOD=answer_after:TIMES:BODY` (BODY is the rest, colons and all),
    as given to `okcomposer sandbox --fault`; (method, kind, times, body)."""
    method, sep, rest = spec.partition("=")
    if not sep or not method or not rest:
        raise ValueError(
            f"bad --fault {spec!r}: expected METHOD=KIND[:TIMES], e.g. mediatopic.post=drop_after:1"
        )
    kind, colon, times_text = rest.partition(":")
    if kind not in KINDS:
        raise ValueError(f"bad --fault {spec!r}: unknown kind {kind!r} (one of: {', '.join(KINDS)})")
    body = None
    if kind in BODY_KINDS:
        times_text, body_colon, body = times_text.partition(":")
        if not body_colon:
            raise ValueError(
                f"bad --fault {spec!r}: expected {kind}:TIMES:BODY, e.g. moments.commit={kind}:1:true"
            )
    times = 1
    if colon:
        if not times_text.isdigit():
            raise ValueError(f"bad --fault {spec!r}: TIMES must be a whole number >= 0 (0 = every call)")
        times = int(times_text)
    return method, kind, times, body
