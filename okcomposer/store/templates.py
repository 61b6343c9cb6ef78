"""Saved snippets and post templates in a small SQLite file next to the drafts (templates.sqlite3)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okcomposer.store import paths, schema

SCHEMA = """
CREATE TABLE IF NOT EXISTS templates (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS templates_kind ON templates (kind, name);
"""
# Versioned like the drafts database (store.schema); an unversioned file of 0.1.0 is version 1.
MIGRATIONS = (schema.Migration(1, "templates", SCHEMA),)
# Bodies: signature, text {"text"}; hashtags {"tags": [...]}; poll: a poll block's JSON; post: a draft.
KINDS = ("signature", "hashtags", "text", "poll", "post")


@dataclass(frozen=True)
class Template:
    id: str
    kind: str
    name: str
    body: dict[str, Any]
    created_ms: int
    updated_ms: int


class TemplateStore:
    """One table; every write is one transaction (WAL), like the drafts store.

    Raises schema.SchemaTooNew for a newer okcomposer's file, schema.MigrationFailed if upgrading fails.
    """

    def __init__(self, path: Path | None = None):
        self.path = path or paths.data_dir() / "templates.sqlite3"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=5)
        self._db.execute("PRAGMA journal_mode=WAL")
        schema.upgrade(self._db, MIGRATIONS, "templates")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def save(self, kind: str, name: str, body: dict[str, Any], template_id: str | None = None) -> str:
        """Insert or update; returns the id."""
        if kind not in KINDS:
            raise ValueError(f"unknown template kind {kind!r} (one of: {', '.join(KINDS)})")
        if not name.strip():
            raise ValueError("a template needs a name")
        template_id = template_id or uuid.uuid4().hex
        stamp = int(time.time() * 1000)
        with self._lock:
            self._db.execute(
                "INSERT INTO templates (id, kind, name, body, created_ms, updated_ms) "
                "VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET kind=excluded.kind, name=excluded.name, body=excluded.body, "
                "updated_ms=excluded.updated_ms",
                (template_id, kind, name.strip(), json.dumps(body, ensure_ascii=False), stamp, stamp),
            )
        return template_id

    def load(self, template_id: str) -> Template | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, kind, name, body, created_ms, updated_ms FROM templates WHERE id=?",
                (template_id,),
            ).fetchone()
        return _template(row) if row else None

    def list(self, kind: str | None = None) -> list[Template]:
        """By kind, then name (case-insensitive)."""
        query = "SELECT id, kind, name, body, created_ms, updated_ms FROM templates"
        args: tuple = ()
        if kind is not None:
            query, args = query + " WHERE kind=?", (kind,)
        with self._lock:
            rows = self._db.execute(query + " ORDER BY kind, name COLLATE NOCASE, id", args).fetchall()
        return [_template(r) for r in rows]

    def delete(self, template_id: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM templates WHERE id=?", (template_id,))


def _template(row: tuple) -> Template:
    try:
        body = json.loads(row[3])
    except ValueError:
        body = {}
    return Template(row[0], row[1], row[2], body if isinstance(body, dict) else {}, row[4], row[5])
