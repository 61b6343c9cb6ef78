"""Files written by earlier releases (tests/data/previous-release, made by that release's own store code
with make.py there) open in this one: the databases are upgraded to the current schema version and the
settings, slots and accounts read as they were, with nothing lost."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from support.legacy import old_history

from okcomposer.store import drafts_schema, schema
from okcomposer.store.accounts import AccountStore
from okcomposer.store.drafts import DraftStore, HistoryEntry
from okcomposer.store.options import to_json
from okcomposer.store.outbox import WAITING, OutboxStore
from okcomposer.store.settings import Settings, SettingsStore
from okcomposer.store.slots import SlotStore
from okcomposer.store.templates import TemplateStore

DATA = Path(__file__).parent.parent / "data" / "previous-release"
PREVIOUS, FIRST = "d5da1d7", "29ce911"  # the second release (stop 19, with the outbox) and the first


@pytest.fixture(params=[PREVIOUS, FIRST])
def release(request, tmp_path) -> tuple[Path, dict]:
    """A copy of a release's files (the fixture itself is never written) and what that release read."""
    home = tmp_path / request.param
    shutil.copytree(DATA / request.param, home)
    return home, json.loads((home / "expected.json").read_text(encoding="utf-8"))


def version(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return schema.version_of(db)
    finally:
        db.close()


def rows(path: Path, table: str) -> list[dict]:
    db = sqlite3.connect(path)
    try:
        cursor = db.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        db.close()


def test_the_fixtures_are_unversioned_as_the_releases_wrote_them():
    for name in (PREVIOUS, FIRST):
        for file in ("drafts.sqlite3", "templates.sqlite3"):
            assert version(DATA / name / "data" / file) == 0  # read only: no upgrade happens here
    assert json.loads((DATA / PREVIOUS / "expected.json").read_text())["outbox"]  # the outbox is in it


def test_the_drafts_database_is_upgraded_with_nothing_lost(release):
    home, expected = release
    path = home / "data" / "drafts.sqlite3"
    store = DraftStore(path)
    assert store.notice is None and not store.restored and not list(path.parent.glob("*.broken-*"))
    assert version(path) == drafts_schema.VERSION == 6
    upgraded = rows(path, "drafts")
    # Migration 4 added the lists' columns, derived from each body; the rest is as the release wrote it.
    for row in upgraded:
        assert (row.pop("target"), row.pop("when_ms")) == drafts_schema.draft_columns(json.loads(row["body"]))
    assert upgraded == expected["drafts"]
    assert rows(path, "history") == expected["history"]
    outbox = rows(path, "outbox")
    # Migration 6 gave the release's English notes their codes (the window words them in its language).
    reasons = {row["id"]: row.pop("reason") for row in outbox}
    assert outbox == expected["outbox"]
    for row in expected["outbox"]:
        known = drafts_schema.legacy_reason(row["detail"]) if row["detail"] else None
        assert reasons[row["id"]] == (json.dumps(known) if known else None)
    assert any(reasons.values()) or not outbox  # the second release's "not found when looked for" has one
    by_id = {d.id: d for d in store.list()}
    for row in expected["drafts"]:
        draft = by_id[row["id"]]
        assert (draft.title, draft.body, draft.state, draft.topic_id) == (
            row["title"], json.loads(row["body"]), row["state"], row["topic_id"]
        )  # fmt: skip
    assert [h.object_id for h in store.history()] == [h["object_id"] for h in expected["history"]]
    box = OutboxStore(store)
    for row in expected["outbox"]:
        entry = box.get(row["id"])
        assert entry is not None and (entry.state, entry.owner, entry.topic_id) == (
            row["state"], row["owner"], row["topic_id"]
        )  # fmt: skip
    # and the upgraded database takes new work: an outbox entry (the first release had no table for it)
    new = box.add(kind="post", target="me", fingerprint="fp", request={}, state=WAITING, owner="o|1")
    draft_id = store.save({"attachment": {"media": []}}, title="new")
    old_history(store, HistoryEntry("post", "me", "1", "https://ok.ru/x", "new", 1, draft_id))
    store.close()
    again = DraftStore(path)
    assert OutboxStore(again).get(new.id) is not None and again.load(draft_id) is not None
    assert len(again.list()) == len(expected["drafts"]) + 1
    again.close()
    assert version(path) == drafts_schema.VERSION


def test_templates_are_upgraded_with_nothing_lost(release):
    home, expected = release
    path = home / "data" / "templates.sqlite3"
    store = TemplateStore(path)
    listed = {(t.id, t.kind, t.name, json.dumps(t.body)) for t in store.list()}
    assert listed == {
        (r["id"], r["kind"], r["name"], json.dumps(json.loads(r["body"]))) for r in expected["templates"]
    }
    store.close()
    assert version(path) == 1 and rows(path, "templates") == expected["templates"]


def test_settings_slots_and_accounts_read_as_the_release_wrote_them(release):
    home, expected = release
    config = home / "config"
    before = {name: json.loads((config / name).read_text()) for name in ("settings.json", "slots.json")}
    settings = SettingsStore(config / "settings.json")
    assert settings.load() == Settings(**expected["settings"]) and settings.notice is None
    slots = SlotStore(config / "slots.json").load()
    assert slots.gap_minutes == expected["slots"]["gap_minutes"] == 90
    assert slots.slots == {t: [tuple(w) for w in ws] for t, ws in expected["slots"]["slots"].items()}
    accounts = AccountStore(config / "accounts.json")
    assert [dataclasses.asdict(a) for a in accounts.accounts()] == expected["accounts"]
    current = accounts.current()
    assert current is not None and current.key == expected["current"]
    # Written back unchanged, each file is what the release wrote (so that release still reads it).
    SettingsStore(config / "settings.json").save(settings.load())
    SlotStore(config / "slots.json").save(slots)
    accounts.set_current(current.key)
    for name, data in before.items():
        after = json.loads((config / name).read_text())
        # Options added since that release are written with their defaults; that release ignores them.
        assert {key: after[key] for key in data} == data, name
        added = {key: value for key, value in after.items() if key not in data}
        assert name != "settings.json" or added == {
            k: v for k, v in to_json(Settings()).items() if k not in data
        }, added
    assert json.loads((config / "accounts.json").read_text()) == json.loads(
        (DATA / home.name / "config" / "accounts.json").read_text()
    )
    assert sorted(p.name for p in config.iterdir()) == ["accounts.json", "settings.json", "slots.json"]
