"""Drafts in SQLite: save/load/list/duplicate/delete, history, and recovery from a damaged file."""

from __future__ import annotations

from support.legacy import old_history

from okcomposer.store.drafts import DraftStore, HistoryEntry

BODY = {"type": "USER", "attachment": {"media": [{"type": "text", "text": "Привет 👋"}]}}


def test_save_load_update_list(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    first = store.save(BODY, title="One")
    second = store.save({"attachment": {"media": []}}, title="Two")
    assert store.load(first).body == BODY and store.load(first).state == "draft"
    store.save({**BODY, "gid": "1"}, draft_id=first, title="One+")
    assert [d.id for d in store.list()] == [first, second]
    assert store.load(first).title == "One+" and store.load(first).body["gid"] == "1"
    store.close()
    reopened = DraftStore(tmp_path / "d.sqlite3")
    assert {d.id for d in reopened.list()} == {first, second} and reopened.notice is None


def test_duplicate_delete_and_states(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    original = store.save(BODY, title="T")
    copy = store.duplicate(original)
    assert copy != original and store.load(copy).body == BODY
    store.set_state(original, "published", topic_id="123")
    assert store.load(original).state == "published" and store.load(original).topic_id == "123"
    store.delete(copy)
    assert store.load(copy) is None


def test_history_newest_first(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    old_history(store, HistoryEntry("post", "group 1", "11", "https://ok.ru/group/1/topic/11", "Hello", 1000))
    old_history(store, HistoryEntry("moment", "me", "22", "https://ok.ru/moment/22", "Moment", 2000))
    assert [h.object_id for h in store.history()] == ["22", "11"]


def test_damaged_database_restored_from_backup(tmp_path):
    path = tmp_path / "d.sqlite3"
    store = DraftStore(path)
    kept = store.save(BODY, title="kept")
    store.backup()
    store.save(BODY, title="after the backup")
    store.close()
    for extra in ("-wal", "-shm"):
        (tmp_path / f"d.sqlite3{extra}").unlink(missing_ok=True)
    path.write_bytes(path.read_bytes()[:1024] + b"\x00garbage" * 100)  # truncated and overwritten
    again = DraftStore(path)
    assert again.notice and "restored from the last backup" in again.notice
    assert [d.id for d in again.list()] == [kept]
    assert list(tmp_path.glob("d.sqlite3.broken-*"))


def test_damaged_database_without_backup_starts_fresh_and_says_so(tmp_path):
    path = tmp_path / "d.sqlite3"
    path.write_bytes(b"this is not a database" * 50)
    store = DraftStore(path)
    assert store.notice and "no usable backup" in store.notice
    assert store.list() == []
    assert store.save(BODY)
    assert list(tmp_path.glob("d.sqlite3.broken-*"))[0].read_bytes().startswith(b"this is not")
