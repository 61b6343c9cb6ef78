"""The outbox: one durable row per publish, written before OK is asked and updated with each answer.

The rows live in the drafts database (same file, same WAL journal), so a draft and its publishes are
backed up and restored together. Every state change is one SQL statement (atomic); a row is *claimed*
for sending with a conditional UPDATE, so two processes (the app and `okcomposer outbox run`) can never
both send it.

States (`STATES`):
- waiting: on this computer until `due_ms` (a page post OK cannot delay)
- sending: claimed by `claim` (a process); `step` is "prepare" (uploads, nothing irreversible yet)
  or "post" (the irreversible call may have reached OK since `attempt_ms`)
- published / scheduled: OK answered with a topic id (`publish_at_ms` set for a delayed group topic)
- not_sent: provably never reached OK (`detail` says why); safe to send again
- failed: OK refused (`code`, `detail`)
- unconfirmed: may have reached OK, not found when looked for: never re-sent without the user
- discarded: the user dropped a waiting entry
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from okcomposer.store.drafts import DraftStore, now_ms
from okcomposer.store.drafts_schema import OUTBOX_SCHEMA

SCHEMA = OUTBOX_SCHEMA  # created with the drafts tables, when the database is opened

WAITING, SENDING, PUBLISHED, SCHEDULED = "waiting", "sending", "published", "scheduled"
NOT_SENT, FAILED, UNCONFIRMED, DISCARDED = "not_sent", "failed", "unconfirmed", "discarded"
STATES = (WAITING, SENDING, PUBLISHED, SCHEDULED, NOT_SENT, FAILED, UNCONFIRMED, DISCARDED)
ON_OK = frozenset({PUBLISHED, SCHEDULED})
# A repeat of one of these asks the user first: it is on OK, will be, or may be.
LIVE = frozenset({WAITING, SENDING, PUBLISHED, SCHEDULED, UNCONFIRMED})

_COLUMNS = (
    "id, kind, target, target_name, fingerprint, request, summary, draft_id, state, step, intent_ms, due_ms, "
    "attempt_ms, publish_at_ms, topic_id, url, code, detail, claim, updated_ms, known_before, owner, reason"
)
_NAMES = tuple(name.strip() for name in _COLUMNS.split(","))


@dataclass(frozen=True)
class Entry:
    """One outbox row; times are ms since the epoch (UTC)."""

    id: str
    kind: str  # "post" or "moment"
    target: str  # "me" or a group id
    target_name: str
    fingerprint: str
    request: dict[str, Any]  # the post as a draft (photos as local files), or {"files": [...]} for Moments
    summary: str
    draft_id: str | None
    state: str
    step: str
    intent_ms: int
    due_ms: int | None = None
    attempt_ms: int | None = None
    publish_at_ms: int | None = None
    topic_id: str | None = None
    url: str | None = None
    code: int | None = None
    detail: str | None = None
    claim: str | None = None
    updated_ms: int = 0
    known_before: tuple[str, ...] = ()  # topic ids listed at the target just before the call: never ours
    owner: str = ""  # "API address|uid" of the account it belongs to ("" when unknown)
    # Why it was not sent or is not confirmed, as {"code": ..., "params": {...}} (an app.messages.Message),
    # so any later run words it in its language; None when written before reasons were kept (see `detail`).
    reason: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # in memory: {"error": exc}


def same_owner(entry: Entry, owner: str) -> bool:
    """Whether `entry` belongs to the account `owner` ("API address|uid"); "" on either side matches."""
    return not entry.owner or not owner or entry.owner == owner


def process_claim() -> str:
    """This process's claim mark: host, pid and a random part (a reused pid never matches)."""
    return f"{socket.gethostname()}:{os.getpid()}:{_RUN}"


_RUN = uuid.uuid4().hex[:8]


def claim_alive(claim: str | None) -> bool:
    """Whether the process that claimed a row may still be working on it (same host, pid alive)."""
    if not claim:
        return False
    host, _, rest = claim.partition(":")
    pid_text, _, run = rest.partition(
        ":"
    )  # pragma: no mutate (the run mark has no ":": rpartition is the same)
    if claim == process_claim():
        return True
    if host != socket.gethostname() or not pid_text.isdigit():
        return True  # another computer's claim: we cannot tell, so never take it over
    if int(pid_text) == os.getpid():
        return run == _RUN
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutboxStore:
    """The outbox table of a DraftStore's database; safe to use from several threads."""

    def __init__(self, drafts: DraftStore):
        self.drafts = drafts
        self._db: sqlite3.Connection = drafts._db
        self._lock: threading.Lock = drafts._lock

    def add(
        self,
        *,
        kind: str,
        target: str,
        fingerprint: str,
        request: dict[str, Any],
        state: str,
        target_name: str = "",
        summary: str = "",
        draft_id: str | None = None,
        due_ms: int | None = None,
        intent_ms: int | None = None,
        owner: str = "",
    ) -> Entry:
        """Write a new entry (durably, before anything is sent); a SENDING one is claimed by this process."""
        if state not in (WAITING, SENDING):
            raise ValueError(f"a new outbox entry is waiting or sending, not {state!r}")
        entry_id = uuid.uuid4().hex
        stamp = now_ms() if intent_ms is None else intent_ms
        claim = process_claim() if state == SENDING else None
        with self._lock:
            self._db.execute(
                f"INSERT INTO outbox ({_COLUMNS}) VALUES ({', '.join('?' * len(_NAMES))})",
                (
                    entry_id, kind, target, target_name, fingerprint,
                    json.dumps(request), summary, draft_id, state,
                    "prepare" if state == SENDING else "", stamp, due_ms, None, None,
                    None, None, None, None, claim, stamp, None, owner, None,
                ),
            )  # fmt: skip
        found = self.get(entry_id)
        assert found is not None
        return found

    def get(self, entry_id: str) -> Entry | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id=?", (entry_id,)).fetchone()
        return _entry(row) if row else None

    def claim(self, entry_id: str, from_states: Iterable[str]) -> Entry | None:
        """Take the entry for sending if it is still in one of `from_states`; None if someone else has it."""
        states = tuple(from_states)
        marks = ", ".join("?" * len(states))
        with self._lock:
            cursor = self._db.execute(
                f"UPDATE outbox SET state=?, step='prepare', claim=?, updated_ms=? "
                f"WHERE id=? AND state IN ({marks})",
                (SENDING, process_claim(), now_ms(), entry_id, *states),
            )
            taken = cursor.rowcount == 1
        return self.get(entry_id) if taken else None

    def take_over(self, entry: Entry) -> Entry | None:
        """Claim a SENDING entry whose process died; None when it changed meanwhile."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE outbox SET claim=?, updated_ms=? WHERE id=? AND state=? AND claim IS ?",
                (process_claim(), now_ms(), entry.id, SENDING, entry.claim),
            )
            taken = cursor.rowcount == 1
        return self.get(entry.id) if taken else None

    def mark_posting(self, entry_id: str, attempt_ms: int, known_before: Iterable[str] = ()) -> None:
        """The irreversible call starts now: from here on a lost answer must be looked for, not re-sent.

        `known_before`: the topic ids OK listed at the target just before the call (none of them is ours).
        """
        listed = json.dumps(sorted(known_before))
        self._update(entry_id, step="post", attempt_ms=attempt_ms, known_before=listed)

    def finish(
        self,
        entry_id: str,
        state: str,
        *,
        topic_id: str | None = None,
        url: str | None = None,
        publish_at_ms: int | None = None,
        code: int | None = None,
        detail: str | None = None,
        reason: Mapping[str, Any] | None = None,
    ) -> None:
        """Record an outcome; the claim is released. `detail` is the reason in English (the command line's
        words), `reason` the same as {"code", "params"} for the window to translate."""
        if state not in STATES or state == SENDING:
            raise ValueError(f"not an outcome: {state!r}")
        self._update(
            entry_id,
            state=state,
            topic_id=topic_id,
            url=url,
            publish_at_ms=publish_at_ms,
            code=code,
            detail=detail,
            reason=json.dumps(dict(reason), default=str) if reason is not None else None,
            claim=None,
            step="",
        )

    def reschedule(self, entry_id: str, due_ms: int) -> bool:
        """A new time for a waiting (or overdue) entry; False when it is no longer waiting."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE outbox SET due_ms=?, updated_ms=? WHERE id=? AND state=?",
                (due_ms, now_ms(), entry_id, WAITING),
            )
            return cursor.rowcount == 1

    def discard(self, entry_id: str, states: tuple[str, ...] = (WAITING, NOT_SENT, UNCONFIRMED)) -> bool:
        """Drop an entry that is in one of `states` (by default: waiting, not sent or not confirmed; never one
        that is sending or on OK); False when it is not (any more), checked and changed in one statement."""
        marks = ", ".join("?" * len(states))
        with self._lock:
            cursor = self._db.execute(
                f"UPDATE outbox SET state=?, claim=NULL, updated_ms=? WHERE id=? AND state IN ({marks})",
                (DISCARDED, now_ms(), entry_id, *states),
            )
            return cursor.rowcount == 1

    def _update(self, entry_id: str, **values: Any) -> None:
        names = ", ".join(f"{k}=?" for k in values)
        with self._lock:
            self._db.execute(
                f"UPDATE outbox SET {names}, updated_ms=? WHERE id=?", (*values.values(), now_ms(), entry_id)
            )

    # --- queries ---------------------------------------------------------------------------------
    def same_content(self, target: str, fingerprint: str, since_ms: int) -> list[Entry]:
        """Entries for `target` with this fingerprint written since `since_ms`, newest first."""
        return self._select(
            "target=? AND fingerprint=? AND intent_ms>=? ORDER BY intent_ms DESC",
            (target, fingerprint, since_ms),
        )

    def in_states(self, states: Iterable[str], limit: int = 10_000) -> list[Entry]:  # pragma: no mutate
        """Entries in any of `states`, oldest intent first."""
        states = tuple(states)
        marks = ", ".join("?" * len(states))
        return self._select(f"state IN ({marks}) ORDER BY intent_ms, id LIMIT ?", (*states, limit))

    def waiting_until(self, at_ms: int) -> list[Entry]:
        """Waiting entries due by `at_ms`, earliest first."""
        return self._select("state=? AND due_ms<=? ORDER BY due_ms, id", (WAITING, at_ms))

    def known_topic_ids(self, target: str) -> set[str]:
        """Topic ids already accounted for at `target` (a lost answer can never be one of these)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT topic_id FROM outbox WHERE target=? AND topic_id IS NOT NULL", (target,)
            ).fetchall()
            legacy = self._db.execute("SELECT object_id FROM history").fetchall()
        return {r[0] for r in rows} | {r[0] for r in legacy}

    def latest_by_draft(self) -> dict[str, Entry]:
        """The newest entry of each draft that has been published (or tried), by draft id."""
        latest: dict[str, Entry] = {}
        for entry in self._select("draft_id IS NOT NULL AND state != ? ORDER BY intent_ms", (DISCARDED,)):
            latest[str(entry.draft_id)] = entry
        return latest

    def moments_with(self, marks: list[list], since_ms: int, states: Iterable[str]) -> list[Entry]:
        """Moment entries in `states` since `since_ms` sharing any image mark ([path, size]), newest first."""
        wanted, states = {tuple(m) for m in marks}, set(states)
        found = self._select("kind='moment' AND intent_ms>=? ORDER BY intent_ms DESC", (since_ms,))
        return [
            e for e in found if e.state in states and wanted & {tuple(m) for m in e.request.get("marks", [])}
        ]

    def for_draft(self, draft_id: str) -> list[Entry]:
        return self._select("draft_id=? ORDER BY intent_ms DESC", (draft_id,))

    def recent(self, limit: int = 500, offset: int = 0) -> list[Entry]:  # pragma: no mutate
        """Every entry but discarded ones, newest first."""
        return self._select(
            "state != ? ORDER BY COALESCE(attempt_ms, intent_ms) DESC, id DESC LIMIT ? OFFSET ?",
            (DISCARDED, limit, offset),
        )

    def between(self, start_ms: int, end_ms: int) -> list[Entry]:
        """Waiting and scheduled entries whose time falls in [start_ms, end_ms)."""
        return self._select(
            "((state=? AND due_ms>=? AND due_ms<?) OR (state=? AND publish_at_ms>=? AND publish_at_ms<?)) "
            "ORDER BY COALESCE(due_ms, publish_at_ms), id",
            (WAITING, start_ms, end_ms, SCHEDULED, start_ms, end_ms),
        )

    def sent_between(self, start_ms: int, end_ms: int) -> list[Entry]:
        """Entries that waited on this computer (due_ms) for [start_ms, end_ms) and have been sent since:
        published, sending, failed or not confirmed (the calendar keeps them at their time)."""
        return self._select(
            "due_ms>=? AND due_ms<? AND state IN (?, ?, ?, ?) ORDER BY due_ms, id",
            (start_ms, end_ms, PUBLISHED, SENDING, FAILED, UNCONFIRMED),
        )

    def _select(self, where: str, args: tuple) -> list[Entry]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE {where}", args).fetchall()
        return [_entry(r) for r in rows]


def _entry(row: tuple) -> Entry:
    values = dict(zip(_NAMES, row, strict=True))  # pragma: no mutate (the lengths always agree)
    request, known = _json(values["request"]), _json(values["known_before"])
    values["request"] = request if isinstance(request, dict) else {}
    values["known_before"] = tuple(str(i) for i in known) if isinstance(known, list) else ()
    reason = _json(values["reason"])
    values["reason"] = reason if isinstance(reason, dict) and isinstance(reason.get("code"), str) else None
    return Entry(**values)


def _json(text: str | None) -> Any:
    """A stored JSON value, or None when the column is empty or damaged."""
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None
