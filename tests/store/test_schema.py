"""SQLite schema versions: PRAGMA user_version, migrations in order in one transaction, an unversioned
database of ours taken as version 1, a newer one refused (never set aside as damaged)."""

from __future__ import annotations

import sqlite3

import pytest

from okcomposer.store import drafts_schema, schema
from okcomposer.store.drafts import DraftStore
from okcomposer.store.outbox import WAITING, OutboxStore
from okcomposer.store.schema import Migration, MigrationFailed, SchemaTooNew

STEPS = (
    Migration(1, "notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"),
    Migration(2, "note titles", "ALTER TABLE notes ADD COLUMN title TEXT NOT NULL DEFAULT '';"),
    Migration(3, "tags", run=lambda db: db.execute("CREATE TABLE tags (name TEXT)")),
)


def connect(path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def tables(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_a_new_database_runs_every_migration_in_order(tmp_path):
    db = connect(tmp_path / "n.sqlite3")
    assert schema.upgrade(db, STEPS, "notes") == 0
    assert schema.version_of(db) == 3 and tables(db) == {"notes", "tags"}
    db.execute("INSERT INTO notes (text) VALUES ('x')")
    assert db.execute("SELECT title FROM notes").fetchone() == ("",)
    assert schema.upgrade(db, STEPS, "notes") == 3  # nothing to do the second time


def test_an_unversioned_database_with_the_marker_table_is_version_1(tmp_path):
    db = connect(tmp_path / "old.sqlite3")
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    db.execute("INSERT INTO notes (text) VALUES ('kept')")
    assert schema.upgrade(db, STEPS, "notes") == 1
    assert schema.version_of(db) == 3 and db.execute("SELECT text, title FROM notes").fetchall() == [
        ("kept", "")
    ]


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path):
    db = connect(tmp_path / "f.sqlite3")
    schema.upgrade(db, STEPS[:1], "notes")
    broken = (*STEPS[:2], Migration(3, "bad", "CREATE TABLE tags (name TEXT); CREATE TABLE notes (x);"))
    with pytest.raises(MigrationFailed):
        schema.upgrade(db, broken, "notes")
    assert schema.version_of(db) == 1 and tables(db) == {"notes"} and not db.in_transaction
    assert [r[1] for r in db.execute("PRAGMA table_info(notes)")] == ["id", "text"]  # step 2 undone too


def test_a_newer_database_is_refused(tmp_path):
    db = connect(tmp_path / "new.sqlite3")
    schema.upgrade(db, STEPS, "notes")
    with pytest.raises(SchemaTooNew, match="newer okcomposer"):
        schema.upgrade(db, STEPS[:2], "notes")
    assert schema.version_of(db) == 3 and not db.in_transaction


def test_migrations_must_be_numbered_from_1_in_order(tmp_path):
    db = connect(tmp_path / "m.sqlite3")
    for wrong in ((STEPS[1],), (STEPS[0], STEPS[2]), (STEPS[1], STEPS[0])):
        with pytest.raises(ValueError, match="numbered"):
            schema.upgrade(db, wrong, "notes")
    assert schema.version_of(db) == 0 and tables(db) == set()


def test_statements_are_split_whole():
    script = "CREATE TABLE a (x TEXT DEFAULT ';');\nCREATE INDEX i ON a (x);\n"
    assert schema.statements(script) == ["CREATE TABLE a (x TEXT DEFAULT ';');", "CREATE INDEX i ON a (x);"]
    with pytest.raises(ValueError, match="incomplete"):
        schema.statements("CREATE TABLE b (x TEXT")


def test_a_new_drafts_database_is_at_the_current_version(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    DraftStore(path).close()
    db = connect(path)
    assert schema.version_of(db) == drafts_schema.VERSION == len(drafts_schema.MIGRATIONS)


def test_an_outbox_made_before_its_last_columns_gets_them(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    db = connect(path)
    db.executescript(drafts_schema.SCHEMA)
    early = drafts_schema.OUTBOX_SCHEMA.replace(
        "    known_before TEXT,\n    owner TEXT NOT NULL DEFAULT ''\n", ""
    )
    db.executescript(early.replace("updated_ms INTEGER NOT NULL,", "updated_ms INTEGER NOT NULL"))
    db.close()
    store = DraftStore(path)
    entry = OutboxStore(store).add(
        kind="post", target="me", fingerprint="f", request={}, state=WAITING, owner="a|1"
    )
    assert entry.owner == "a|1" and entry.known_before == ()
    store.close()


def test_a_drafts_database_from_a_newer_release_is_refused_and_kept_in_place(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    draft_id = store.save({"attachment": {"media": []}}, title="mine")
    store.close()
    db = connect(path)
    db.execute(f"PRAGMA user_version = {drafts_schema.VERSION + 1}")
    db.close()
    with pytest.raises(SchemaTooNew):
        DraftStore(path)
    assert sorted(p.name for p in tmp_path.iterdir() if ".broken-" in p.name) == []  # not taken for damage
    db = connect(path)
    db.execute(f"PRAGMA user_version = {drafts_schema.VERSION}")
    db.close()
    assert DraftStore(path).load(draft_id) is not None
