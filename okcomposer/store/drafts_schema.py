"""The drafts database's schema as numbered migrations (store.schema): version N is the current schema.

1. drafts and history: the first release's tables (okcomposer before the outbox; a database of ours
   without user_version, as okcomposer up to 0.1.0 wrote it, is recognised as version 1).
2. the outbox (store.outbox): created if missing; its `known_before` and `owner` columns are added to an
   outbox table made before they existed.
3. the figures cache (store.figures): OK's statistics per topic with the time they were fetched, and when
   each group was last refreshed; a cache, so losing it loses nothing the user made.
To change the schema, append a migration; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3

from okcomposer.store.schema import Migration, add_missing_columns

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
# Columns the outbox gained while it was being written; a table made before them gets them added.
OUTBOX_LATER_COLUMNS = (("known_before", "TEXT"), ("owner", "TEXT NOT NULL DEFAULT ''"))


def _outbox_columns(db: sqlite3.Connection) -> None:
    add_missing_columns(db, "outbox", OUTBOX_LATER_COLUMNS)


MIGRATIONS = (
    Migration(1, "drafts and history", SCHEMA),
    Migration(2, "the outbox", OUTBOX_SCHEMA, _outbox_columns),
    Migration(3, "the figures cache", FIGURES_SCHEMA),
)
VERSION = len(MIGRATIONS)  # the current schema
