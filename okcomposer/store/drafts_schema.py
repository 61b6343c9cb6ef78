"""The drafts database's schema as numbered migrations (store.schema): version N is the current schema.

1. drafts and history: the first release's tables (okcomposer before the outbox; a database of ours
   without user_version, as okcomposer up to 0.1.0 wrote it, is recognised as version 1).
2. the outbox (store.outbox): created if missing; its `known_before` and `owner` columns are added to an
   outbox table made before they existed.
3. the figures cache (store.figures): OK's statistics per topic with the time they were fetched, and when
   each group was last refreshed; a cache, so losing it loses nothing the user made.
4. list indexes (issue 16): the Drafts, History and Calendar lists read a page or a time range through an
   index instead of every row. Drafts gain `target` ("me" or the group id) and `when_ms` (the publishing
   time the body names, or NULL), kept by DraftStore.save and filled in here for the drafts already saved.
5. the group trends cache (store.figures): OK's daily figures of a group (group.getStatTrends), one row a day
   with the time fetched; a cache too.
6. outbox reasons: why an entry was not sent or is not confirmed, as a code and its parameters (JSON), so the
   window words it in the user's language; the English notes earlier releases wrote get their code here.
To change the schema, append a migration; never edit one that has shipped.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from okcomposer.store.schema import Migration, add_missing_columns, statements

SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft',
    topic_id TEXT,
    detail TEXT
);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    object_id TEXT NOT NULL,
    url TEXT NOT NULL,
    summary TEXT NOT NULL,
    published_ms INTEGER NOT NULL,
    draft_id TEXT
);
"""
OUTBOX_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    target_name TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL,
    request TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    draft_id TEXT,
    state TEXT NOT NULL,
    step TEXT NOT NULL DEFAULT '',
    intent_ms INTEGER NOT NULL,
    due_ms INTEGER,
    attempt_ms INTEGER,
    publish_at_ms INTEGER,
    topic_id TEXT,
    url TEXT,
    code INTEGER,
    detail TEXT,
    claim TEXT,
    updated_ms INTEGER NOT NULL,
    known_before TEXT,
    owner TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS outbox_fp ON outbox (target, fingerprint);
CREATE INDEX IF NOT EXISTS outbox_state ON outbox (state, due_ms);
"""
FIGURES_SCHEMA = """
CREATE TABLE IF NOT EXISTS figures (
    owner TEXT NOT NULL,
    topic_id TEXT NOT NULL,
    target TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    words TEXT NOT NULL DEFAULT '',
    figures TEXT NOT NULL,
    fetched_ms INTEGER NOT NULL,
    PRIMARY KEY (owner, topic_id)
);
CREATE INDEX IF NOT EXISTS figures_target ON figures (owner, target, created_ms);
CREATE TABLE IF NOT EXISTS figures_refresh (
    owner TEXT NOT NULL,
    target TEXT NOT NULL,
    fetched_ms INTEGER NOT NULL,
    PRIMARY KEY (owner, target)
);
"""
LIST_INDEXES = """
CREATE INDEX IF NOT EXISTS drafts_updated ON drafts (updated_ms);
CREATE INDEX IF NOT EXISTS drafts_when ON drafts (when_ms) WHERE when_ms IS NOT NULL;
CREATE INDEX IF NOT EXISTS outbox_time ON outbox (COALESCE(attempt_ms, due_ms, intent_ms), id);
CREATE INDEX IF NOT EXISTS outbox_draft ON outbox (draft_id, intent_ms);
CREATE INDEX IF NOT EXISTS outbox_publish_at ON outbox (state, publish_at_ms);
CREATE INDEX IF NOT EXISTS history_time ON history (published_ms);
"""
TRENDS_SCHEMA = """
CREATE TABLE IF NOT EXISTS figures_trends (
    owner TEXT NOT NULL,
    target TEXT NOT NULL,
    day_ms INTEGER NOT NULL,
    figures TEXT NOT NULL,
    fetched_ms INTEGER NOT NULL,
    PRIMARY KEY (owner, target, day_ms)
);
"""
DRAFT_LIST_COLUMNS = (("target", "TEXT NOT NULL DEFAULT 'me'"), ("when_ms", "INTEGER"))
MOSCOW = ZoneInfo("Europe/Moscow")  # OK reads publishAt as Moscow wall time (docs/ok-api.md "Post rules")


def draft_columns(body: Any) -> tuple[str, int | None]:
    """(target, when_ms) of a draft body: the group id it names or "me"; its publishAtMs, or its publishAt
    read as Moscow wall time, or None. A filter's help only: the Calendar reads the body again for the exact
    time (app.schedule), so an odd body costs nothing but a place in a list."""
    if not isinstance(body, dict):
        return "me", None
    gid = body.get("gid")
    target = str(gid) if isinstance(gid, (str, int)) and str(gid) else "me"
    attachment = body.get("attachment")
    when = attachment.get("publishAtMs") if isinstance(attachment, dict) else None
    if isinstance(when, int) and not isinstance(when, bool) and abs(when) < 2**62:
        return target, when
    text = attachment.get("publishAt") if isinstance(attachment, dict) else None
    try:
        local = datetime.strptime(text, "%Y-%m-%d %H:%M:%S") if isinstance(text, str) else None
        return target, int(local.replace(tzinfo=MOSCOW).timestamp() * 1000) if local else None
    except (ValueError, OverflowError):
        return target, None


def _draft_list_columns(db: sqlite3.Connection) -> None:
    add_missing_columns(db, "drafts", DRAFT_LIST_COLUMNS)
    rows = db.execute("SELECT id, body FROM drafts").fetchall()
    for draft_id, text in rows:
        try:
            body = json.loads(text)
        except ValueError:
            body = None
        db.execute("UPDATE drafts SET target=?, when_ms=? WHERE id=?", (*draft_columns(body), draft_id))
    for statement in statements(LIST_INDEXES):
        db.execute(statement)


# Columns the outbox gained while it was being written; a table made before them gets them added.
OUTBOX_LATER_COLUMNS = (("known_before", "TEXT"), ("owner", "TEXT NOT NULL DEFAULT ''"))


def _outbox_columns(db: sqlite3.Connection) -> None:
    add_missing_columns(db, "outbox", OUTBOX_LATER_COLUMNS)


# The English notes earlier releases kept in outbox.detail -> (code, the parameter holding the rest).
LEGACY_REASONS = {
    "cancelled": ("outbox.cancelled", ""),
    "cancelled while checking whether OK published it": ("outbox.cancelled_checking", ""),
    "okcomposer stopped before sending it": ("outbox.stopped", ""),
    "OK lists no Moments to check": ("outbox.no_moments_list", ""),
    "not among the latest topics on OK": ("outbox.not_listed", ""),
    "not found when looked for": ("outbox.not_listed", ""),
    "the post could not be read back: ": ("outbox.read_back", "error"),
    "OK could not be asked: ": ("outbox.not_asked", "error"),
}


def legacy_reason(detail: str) -> dict | None:
    """The {"code", "params"} of a note an earlier release wrote, or None for any other text."""
    for note, (code, rest) in LEGACY_REASONS.items():
        if rest and detail.startswith(note):
            return {"code": code, "params": {rest: detail[len(note) :]}}
        if detail == note:
            return {"code": code, "params": {}}
    return None


def _outbox_reasons(db: sqlite3.Connection) -> None:
    add_missing_columns(db, "outbox", (("reason", "TEXT"),))
    rows = db.execute("SELECT id, detail FROM outbox WHERE detail IS NOT NULL AND reason IS NULL").fetchall()
    for entry_id, detail in rows:
        found = legacy_reason(detail)
        if found is not None:
            db.execute("UPDATE outbox SET reason=? WHERE id=?", (json.dumps(found), entry_id))


MIGRATIONS = (
    Migration(1, "drafts and history", SCHEMA),
    Migration(2, "the outbox", OUTBOX_SCHEMA, _outbox_columns),
    Migration(3, "the figures cache", FIGURES_SCHEMA),
    Migration(4, "list indexes", run=_draft_list_columns),
    Migration(5, "the group trends cache", TRENDS_SCHEMA),
    Migration(6, "outbox reasons", run=_outbox_reasons),
)
VERSION = len(MIGRATIONS)  # the current schema
