"""The History list: the outbox's entries (but discarded ones) and the rows of the legacy history table (what
okcomposer published before the outbox existed), newest first, read a page at a time through indexes.

A row's time is when it was last tried, else when it is due, else when it was written (for a legacy row:
when it was published); ties go to the greater id. Every function takes the OutboxStore it reads.
"""

from __future__ import annotations

import builtins

from okcomposer.store.drafts import HistoryEntry
from okcomposer.store.listing import ListFilter, where
from okcomposer.store.outbox import _COLUMNS, DISCARDED, PUBLISHED, Entry, OutboxStore, _entry

TIME = "COALESCE(attempt_ms, due_ms, intent_ms)"  # the expression of index outbox_time
LEGACY_STATE = PUBLISHED  # a legacy row is a publish that succeeded
_LEGACY = "kind, target, object_id, url, summary, published_ms, draft_id"


def _outbox_where(found: ListFilter) -> tuple[str, list]:
    condition, args = where(
        found, text_columns=("summary", "target_name", "url"), target="target", state="state", time=TIME
    )
    return f"state != ? AND {condition}", [DISCARDED, *args]


def _legacy_where(found: ListFilter) -> tuple[str, list]:
    if found.states and LEGACY_STATE not in found.states:
        return "0", []
    plain = ListFilter(found.text, found.target, (), found.since_ms, found.until_ms)
    return where(plain, text_columns=("summary", "url"), target="target", state="", time="published_ms")


def _has_legacy(outbox: OutboxStore) -> bool:
    return outbox._db.execute("SELECT 1 FROM history LIMIT 1").fetchone() is not None


def count(outbox: OutboxStore, found: ListFilter = ListFilter()) -> int:  # noqa: B008 (frozen)
    """How many rows the History list shows under `found`."""
    ours, ours_args = _outbox_where(found)
    with outbox._lock:
        total = outbox._db.execute(f"SELECT COUNT(*) FROM outbox WHERE {ours}", ours_args).fetchone()[0]
        if _has_legacy(outbox):
            old, old_args = _legacy_where(found)
            total += outbox._db.execute(f"SELECT COUNT(*) FROM history WHERE {old}", old_args).fetchone()[0]
    return int(total)


def page(
    outbox: OutboxStore, found: ListFilter, offset: int, limit: int
) -> builtins.list[Entry | HistoryEntry]:
    """Rows `offset` .. `offset + limit` of the History list under `found`: outbox Entries and legacy
    HistoryEntries, newest first."""
    ours, ours_args = _outbox_where(found)
    with outbox._lock:
        db = outbox._db
        if not _has_legacy(outbox):  # the usual case: one indexed walk of the outbox
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE {ours} ORDER BY {TIME} DESC, id DESC LIMIT ? OFFSET ?",
                (*ours_args, limit, offset),
            ).fetchall()
            return [_entry(r) for r in rows]
        old, old_args = _legacy_where(found)
        keys = db.execute(
            f"SELECT src, key FROM (SELECT 'o' AS src, id AS key, {TIME} AS t, id AS tie FROM outbox "
            f"WHERE {ours} UNION ALL SELECT 'h', id, published_ms, '' FROM history WHERE {old}) "
            "ORDER BY t DESC, src DESC, tie DESC, key DESC LIMIT ? OFFSET ?",
            (*ours_args, *old_args, limit, offset),
        ).fetchall()
        entries = _fetch(db, [k for s, k in keys if s == "o"], "outbox", "id", _COLUMNS)
        legacy = _fetch(db, [k for s, k in keys if s == "h"], "history", "id", f"{_LEGACY}, id")
    found_rows: list[Entry | HistoryEntry] = []
    for src, key in keys:
        if src == "o" and key in entries:
            found_rows.append(_entry(entries[key]))
        elif src == "h" and key in legacy:
            found_rows.append(HistoryEntry(*legacy[key][:-1]))
    return found_rows


def _fetch(db, keys: list, table: str, key: str, columns: str) -> dict:
    if not keys:
        return {}
    marks = ", ".join("?" * len(keys))
    rows = db.execute(f"SELECT {columns} FROM {table} WHERE {key} IN ({marks})", keys).fetchall()
    index = 0 if table == "outbox" else -1
    return {row[index]: row for row in rows}


def position_of_topic(outbox: OutboxStore, found: ListFilter, topic_id: str) -> int | None:
    """The row of the outbox entry with this topic id in the History list under `found` (None: not shown)."""
    ours, ours_args = _outbox_where(found)
    with outbox._lock:
        db = outbox._db
        mine = db.execute(
            f"SELECT {TIME}, id FROM outbox WHERE topic_id=? AND {ours} ORDER BY {TIME} DESC LIMIT 1",
            (topic_id, *ours_args),
        ).fetchone()
        if mine is None:
            return None
        when, key = mine
        before = db.execute(
            f"SELECT COUNT(*) FROM outbox WHERE {ours} AND ({TIME} > ? OR ({TIME} = ? AND id > ?))",
            (*ours_args, when, when, key),
        ).fetchone()[0]
        if _has_legacy(outbox):
            old, old_args = _legacy_where(found)
            before += db.execute(
                f"SELECT COUNT(*) FROM history WHERE {old} AND published_ms > ?", (*old_args, when)
            ).fetchone()[0]
    return int(before)


def targets(outbox: OutboxStore) -> builtins.list[tuple[str, str]]:
    """(target, its name) of every place the History list has rows for, each once, by name."""
    with outbox._lock:
        rows = outbox._db.execute(
            "SELECT target, MAX(target_name) FROM outbox WHERE state != ? GROUP BY target", (DISCARDED,)
        ).fetchall()
        legacy = outbox._db.execute("SELECT DISTINCT target FROM history").fetchall()
    names = {str(t): str(n or "") for t, n in rows}
    for (target,) in legacy:
        names.setdefault("me" if target in ("", "me") else str(target), "")
    return sorted(names.items(), key=lambda pair: (pair[0] != "me", pair[1] or pair[0]))


def latest_for(outbox: OutboxStore, draft_ids: builtins.list[str]) -> dict[str, Entry]:
    """The newest entry (but discarded ones) of each of these drafts, by draft id (index outbox_draft)."""
    latest: dict[str, Entry] = {}
    for start in range(0, len(draft_ids), 500):
        chunk = draft_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for entry in outbox._select(
            f"draft_id IN ({marks}) AND state != ? ORDER BY intent_ms", (*chunk, DISCARDED)
        ):
            latest[str(entry.draft_id)] = entry
    return latest
