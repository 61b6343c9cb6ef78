"""Drafts and publishing history in one SQLite file under the data folder, safe against crashes.

Writes are single transactions in WAL mode, so a killed process loses at most the write in flight.
A database file that is not a whole database of ours (0 bytes, garbage, another program's, failing its
quick check) is set aside (never deleted) and the newest good backup restored (store.dbfile); `notice`
then says what happened so the UI can tell the user.
"""

from __future__ import annotations

import builtins
import json
import logging
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okcomposer.store import dbfile, paths, schema
from okcomposer.store.drafts_schema import MIGRATIONS, draft_columns
from okcomposer.store.listing import ListFilter, where
from okcomposer.store.locks import FileLock

log = logging.getLogger(__name__)

# Draft states; "publishing" left behind by a crash means the outcome must be checked, never assumed.
STATES = ("draft", "publishing", "published", "scheduled", "failed", "unknown")


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass(frozen=True)
class Draft:
    id: str
    title: str
    body: dict[str, Any]
    created_ms: int
    updated_ms: int
    state: str = "draft"
    topic_id: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class HistoryEntry:
    kind: str  # "post" or "moment"
    target: str
    object_id: str
    url: str
    summary: str
    published_ms: int
    draft_id: str | None = None


class DraftStore:
    def __init__(self, path: Path | None = None, on_notice: Callable[[str], None] | None = None):
        """Open (or make) the database at `path` (default: drafts.sqlite3 in the data folder).

        A damaged file is set aside and the newest good backup restored; `on_notice(text)` is then told
        (the CLI prints it; the window shows its own dialog from `notice`). Raises LockTimeout if another
        process keeps the database's opening lock for 30 s.
        """
        self.path = path or paths.data_dir() / "drafts.sqlite3"
        self.notice: str | None = None  # what happened to a damaged database, in English (or None)
        self.damaged_file: str | None = None  # the name the damaged database was kept under
        self.restored = False  # the damaged database was replaced by the last good backup
        self._lock = threading.Lock()
        self._last_stamp = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One process at a time judges the file and restores it: the app and a CLI command may start together.
        with FileLock(self.path.with_name(self.path.name + ".lock")):
            self._db = self._open()
        if self.notice and on_notice is not None:
            on_notice(self.notice)

    # --- opening, corruption and backups (store.dbfile) ----------------------------------------
    def _connect(self) -> sqlite3.Connection | None:
        """The database at self.path if it is a whole one of ours, with the schema brought up to date."""
        if not dbfile.looks_like_sqlite(self.path):
            return None  # 0 bytes or garbage: damaged, never "empty"
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=5)
        try:
            if not (dbfile.healthy(db) and dbfile.is_ours(db)):
                db.close()
                return None
            _setup(db)
            db.execute("PRAGMA synchronous=FULL")  # an outbox intent must be on disk before OK is asked
        except sqlite3.DatabaseError:
            db.close()
            return None
        return db

    def _open(self) -> sqlite3.Connection:
        if not self.path.exists():
            dbfile.create(self.path, _setup)
        try:
            db = self._connect()
        except sqlite3.DatabaseError:
            db = None
        return db if db is not None else self._recover()

    def _recover(self) -> sqlite3.Connection:
        broken = dbfile.set_aside(self.path)
        self.damaged_file = broken.name
        log.warning("drafts database %s is damaged; kept as %s", self.path, broken.name)
        for backup, _count in dbfile.good_backups(self.path):
            tmp = self.path.with_name(self.path.name + ".restoring")
            shutil.copyfile(backup, tmp)
            tmp.replace(self.path)
            try:
                db = self._connect()
            except sqlite3.DatabaseError:
                db = None
            if db is not None:
                self.restored = True
                log.warning("drafts database restored from %s", backup.name)
                self.notice = (
                    f"The drafts database was damaged; it was restored from the last backup. "
                    f"The damaged file was kept as {broken.name}."
                )
                return db
            self.path.unlink(missing_ok=True)
        self.notice = (
            f"The drafts database was damaged and no usable backup was found; a new one was started. "
            f"The damaged file was kept as {broken.name}."
        )
        dbfile.create(self.path, _setup)
        db = self._connect()
        if db is None:
            raise sqlite3.DatabaseError(f"cannot make a new drafts database at {self.path}")
        return db

    def backup(self) -> Path | None:
        """Copy the database consistently beside it (SQLite's online backup) as `<name>.bak-<ms>`.

        The newest 3 good backups are kept; returns the new file, or None when the copy was not kept (it was
        not whole, or it was empty while the last backup holds data): see store.dbfile.write_backup.
        """
        with self._lock:
            return dbfile.write_backup(self._db, self.path)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- drafts -------------------------------------------------------------------------------
    def save(self, body: dict[str, Any], draft_id: str | None = None, title: str = "") -> str:
        """Insert or update a draft; returns its id."""
        draft_id = draft_id or uuid.uuid4().hex
        text = json.dumps(body, ensure_ascii=False)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a non-UTF-8 file name (surrogate escapes): ASCII JSON keeps it exactly
            text = json.dumps(body)
        target, when_ms = draft_columns(body)  # what the lists filter and the Calendar finds by
        with self._lock:
            stamp = self._stamp()
            self._db.execute(
                "INSERT INTO drafts (id, title, body, created_ms, updated_ms, target, when_ms) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET title=excluded.title, body=excluded.body, "
                "updated_ms=excluded.updated_ms, target=excluded.target, when_ms=excluded.when_ms",
                (draft_id, title, text, stamp, stamp, target, when_ms),
            )
        return draft_id

    def set_state(
        self, draft_id: str, state: str, topic_id: str | None = None, detail: str | None = None
    ) -> None:
        if state not in STATES:
            raise ValueError(f"unknown draft state {state!r}")
        with self._lock:
            self._db.execute(
                "UPDATE drafts SET state=?, topic_id=?, detail=?, updated_ms=? WHERE id=?",
                (state, topic_id, detail, self._stamp(), draft_id),
            )

    def _stamp(self) -> int:
        """Now (ms), strictly after every earlier stamp of this store, so "newest first" holds even for
        changes within one millisecond (a save and a state change right after it). Call with the lock held."""
        self._last_stamp = max(now_ms(), self._last_stamp + 1)
        return self._last_stamp

    def load(self, draft_id: str) -> Draft | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, title, body, created_ms, updated_ms, state, topic_id, detail FROM drafts "
                "WHERE id=?",
                (draft_id,),
            ).fetchone()
        return _draft(row) if row else None

    def list(self) -> list[Draft]:
        """Newest first (every draft: a list on screen reads pages, see page())."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, title, body, created_ms, updated_ms, state, topic_id, detail FROM drafts "
                "ORDER BY updated_ms DESC, rowid DESC"
            ).fetchall()
        return [_draft(r) for r in rows]

    def count(self, found: ListFilter = ListFilter()) -> int:  # noqa: B008 (frozen, never changed)
        """How many drafts `found` lets through (the filter's time is the last change)."""
        condition, args = _draft_where(found)
        with self._lock:
            return int(self._db.execute(f"SELECT COUNT(*) FROM drafts WHERE {condition}", args).fetchone()[0])

    def page(self, found: ListFilter, offset: int, limit: int) -> builtins.list[Draft]:
        """Drafts `offset` .. `offset + limit` of the filtered list, newest change first (drafts_updated)."""
        condition, args = _draft_where(found)
        with self._lock:
            rows = self._db.execute(
                "SELECT id, title, body, created_ms, updated_ms, state, topic_id, detail FROM drafts "
                f"WHERE {condition} ORDER BY updated_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                (*args, limit, offset),
            ).fetchall()
        return [_draft(r) for r in rows]

    def position(self, found: ListFilter, draft_id: str) -> int | None:
        """The row of `draft_id` in the filtered list (None when the filter hides it or it is gone)."""
        condition, args = _draft_where(found)
        with self._lock:
            mine = self._db.execute(
                f"SELECT updated_ms, rowid FROM drafts WHERE id=? AND {condition}", (draft_id, *args)
            ).fetchone()
            if mine is None:
                return None
            return int(
                self._db.execute(
                    f"SELECT COUNT(*) FROM drafts WHERE {condition} AND "
                    "(updated_ms > ? OR (updated_ms = ? AND rowid > ?))",
                    (*args, mine[0], mine[0], mine[1]),
                ).fetchone()[0]
            )

    def targets(self) -> builtins.list[str]:
        """The places drafts are for ("me", group ids), each once."""
        with self._lock:
            rows = self._db.execute("SELECT DISTINCT target FROM drafts ORDER BY target").fetchall()
        return [r[0] for r in rows]

    def timed_between(self, start_ms: int | None, end_ms: int | None) -> builtins.list[Draft]:
        """Drafts whose body names a publishing time in [start_ms, end_ms) (None: open), through the index
        drafts_when. The time is the stored `when_ms` (store.drafts_schema.draft_columns): callers widen the
        range a little and read the exact time from the body."""
        low = -(2**63) if start_ms is None else start_ms
        high = 2**63 - 1 if end_ms is None else end_ms
        with self._lock:
            rows = self._db.execute(
                "SELECT id, title, body, created_ms, updated_ms, state, topic_id, detail FROM drafts "
                "WHERE when_ms IS NOT NULL AND when_ms >= ? AND when_ms < ? ORDER BY when_ms, id",
                (low, high),
            ).fetchall()
        return [_draft(r) for r in rows]

    def duplicate(self, draft_id: str) -> str:
        draft = self.load(draft_id)
        if draft is None:
            raise KeyError(draft_id)
        return self.save(draft.body, title=draft.title)

    def delete(self, draft_id: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM drafts WHERE id=?", (draft_id,))

    # --- history (read only: rows okcomposer wrote before the outbox, which is the history now) ---
    def history(self, limit: int = 500) -> builtins.list[HistoryEntry]:
        with self._lock:
            rows = self._db.execute(
                "SELECT kind, target, object_id, url, summary, published_ms, draft_id FROM history "
                "ORDER BY published_ms DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [HistoryEntry(*row) for row in rows]


def _draft_where(found: ListFilter) -> tuple[str, builtins.list]:
    return where(found, text_columns=("title",), target="target", state="state", time="updated_ms")


def _setup(db: sqlite3.Connection) -> None:
    """WAL, and the schema brought up to its current version (store.drafts_schema); raises
    schema.SchemaTooNew for a newer okcomposer's database, schema.MigrationFailed if upgrading fails."""
    db.execute("PRAGMA journal_mode=WAL")
    schema.upgrade(db, MIGRATIONS, dbfile.OUR_TABLE)


def _draft(row: tuple) -> Draft:
    try:
        body = json.loads(row[2])
    except ValueError:
        body = {}
    return Draft(
        row[0], row[1], body if isinstance(body, dict) else {}, row[3], row[4], row[5], row[6], row[7]
    )
