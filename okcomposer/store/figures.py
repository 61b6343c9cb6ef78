"""The figures cache: OK's statistics per topic, kept in the drafts database with the time they were fetched.

Rows are keyed by the account (`owner`, "API address|uid", as the outbox marks it) and the topic id, so a
sandbox's figures never mix with a real account's. Writes are one short transaction each, never held across
a network call: a refresh never keeps a publish waiting for the database.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from okcomposer.store.drafts import DraftStore


@dataclass(frozen=True)
class CachedTopic:
    """One topic's figures as last fetched: times in ms since the epoch (UTC), figures by OK's names."""

    topic_id: str
    target: str  # the group id
    created_ms: int
    fetched_ms: int
    words: str = ""  # the first words of the post, when known
    figures: dict[str, int] = field(default_factory=dict)


class FiguresStore:
    """The figures tables of a DraftStore's database; safe to use from several threads."""

    def __init__(self, drafts: DraftStore):
        self._db: sqlite3.Connection = drafts._db
        self._lock: threading.Lock = drafts._lock

    def put(self, owner: str, topics: Iterable[CachedTopic]) -> int:
        """Insert or replace rows (known words are kept when a row comes without); returns how many."""
        rows = [
            (owner, t.topic_id, t.target, t.created_ms, t.words, json.dumps(t.figures), t.fetched_ms)
            for t in topics
        ]
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.executemany(
                    "INSERT INTO figures (owner, topic_id, target, created_ms, words, figures, fetched_ms) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(owner, topic_id) DO UPDATE SET "
                    "target=excluded.target, created_ms=excluded.created_ms, figures=excluded.figures, "
                    "fetched_ms=excluded.fetched_ms, "
                    "words=CASE WHEN excluded.words = '' THEN figures.words ELSE excluded.words END",
                    rows,
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return len(rows)

    def set_words(self, owner: str, words: dict[str, str]) -> None:
        """The first words of topics already cached ({topic_id: words}); empty words are skipped."""
        with self._lock:
            self._db.executemany(
                "UPDATE figures SET words=? WHERE owner=? AND topic_id=?",
                [(text, owner, topic_id) for topic_id, text in words.items() if text],
            )

    def topics(self, owner: str, target: str | None = None, since_ms: int = 0) -> list[CachedTopic]:
        """Cached topics of `target` (every group when None) created at or after since_ms, newest first."""
        query = (
            "SELECT topic_id, target, created_ms, fetched_ms, words, figures FROM figures "
            "WHERE owner=? AND created_ms>=?"
        )
        args: list[object] = [owner, since_ms]
        if target is not None:
            query += " AND target=?"
            args.append(target)
        with self._lock:
            rows = self._db.execute(query + " ORDER BY created_ms DESC, topic_id DESC", args).fetchall()
        return [CachedTopic(r[0], r[1], r[2], r[3], r[4], _figures(r[5])) for r in rows]

    def refreshed_ms(self, owner: str, target: str) -> int | None:
        """When `target`'s figures were last refreshed whole (ms), None if never."""
        with self._lock:
            row = self._db.execute(
                "SELECT fetched_ms FROM figures_refresh WHERE owner=? AND target=?", (owner, target)
            ).fetchone()
        return int(row[0]) if row else None

    def mark_refreshed(self, owner: str, target: str, fetched_ms: int) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO figures_refresh (owner, target, fetched_ms) VALUES (?, ?, ?) "
                "ON CONFLICT(owner, target) DO UPDATE SET fetched_ms=excluded.fetched_ms",
                (owner, target, fetched_ms),
            )

    def put_trends(self, owner: str, target: str, days: dict[int, dict[str, int]], fetched_ms: int) -> None:
        """A group's daily figures ({day start ms: {field: value}}, as group.getStatTrends gave them),
        replacing those cached for the same days; the other days are kept. One transaction."""
        rows = [(owner, target, day, json.dumps(values), fetched_ms) for day, values in days.items()]
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.executemany(
                    "INSERT INTO figures_trends (owner, target, day_ms, figures, fetched_ms) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT(owner, target, day_ms) DO UPDATE SET "
                    "figures=excluded.figures, fetched_ms=excluded.fetched_ms",
                    rows,
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def trends(self, owner: str, target: str, since_ms: int = 0) -> list[tuple[int, dict[str, int], int]]:
        """The cached daily figures of `target` from since_ms on: (day start ms, {field: value}, fetched ms),
        oldest day first; [] when none were ever fetched."""
        with self._lock:
            rows = self._db.execute(
                "SELECT day_ms, figures, fetched_ms FROM figures_trends WHERE owner=? AND target=? "
                "AND day_ms>=? ORDER BY day_ms",
                (owner, target, since_ms),
            ).fetchall()
        return [(int(r[0]), _figures(r[1]), int(r[2])) for r in rows]


def _figures(text: str) -> dict[str, int]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, int) and not isinstance(v, bool)}
