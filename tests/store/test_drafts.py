"""Drafts in SQLite: save/load/list/duplicate/delete, history, and recovery from a damaged file."""

from __future__ import annotations

import json
import sqlite3
import threading
from types import SimpleNamespace

import pytest
from support.legacy import old_history

from okcomposer.store import drafts, paths
from okcomposer.store.drafts import Draft, DraftStore, HistoryEntry
from okcomposer.store.locks import FileLock, LockTimeout

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


@pytest.fixture
def frozen(monkeypatch):
    """drafts' clock held at a moment the test moves: {"s": seconds since the epoch}."""
    now = {"s": 1_700_000_000.5}
    monkeypatch.setattr(drafts, "time", SimpleNamespace(time=lambda: now["s"]))
    return now


def test_the_clock_is_milliseconds_since_the_epoch(frozen):
    frozen["s"] = 1_700_000_000.123
    assert drafts.now_ms() == 1_700_000_000_123


def test_saves_stamp_created_and_updated_times_strictly_increasing(tmp_path, frozen):
    store = DraftStore(tmp_path / "d.sqlite3")
    first = store.save(BODY)
    second = store.save(BODY)
    third = store.save(BODY)  # three saves within one millisecond: still in order
    assert [(store.load(i).created_ms, store.load(i).updated_ms) for i in (first, second, third)] == [
        (1_700_000_000_500, 1_700_000_000_500),
        (1_700_000_000_501, 1_700_000_000_501),
        (1_700_000_000_502, 1_700_000_000_502),
    ]
    frozen["s"] += 60
    store.save(BODY, draft_id=first, title="edited")
    edited = store.load(first)
    assert (edited.created_ms, edited.updated_ms) == (1_700_000_000_500, 1_700_000_060_500)
    frozen["s"] += 60
    store.set_state(second, "failed", detail="OK said no")
    assert (store.load(second).created_ms, store.load(second).updated_ms) == (
        1_700_000_000_501,
        1_700_000_120_500,
    )
    assert [d.id for d in store.list()] == [second, first, third]


def test_states_keep_their_topic_and_detail_and_unknown_ones_are_refused(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    draft_id = store.save(BODY, title="T")
    assert store.load(draft_id) == Draft(
        draft_id, "T", BODY, store.load(draft_id).created_ms, store.load(draft_id).updated_ms
    )
    store.set_state(draft_id, "unknown", topic_id="77", detail="the answer was lost")
    got = store.load(draft_id)
    assert (got.state, got.topic_id, got.detail) == ("unknown", "77", "the answer was lost")
    with pytest.raises(ValueError, match="unknown draft state 'gone'"):
        store.set_state(draft_id, "gone")
    assert store.load(draft_id).state == "unknown"


def test_a_title_defaults_to_empty_and_a_duplicate_keeps_it(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    untitled = store.save(BODY)
    assert store.load(untitled).title == ""
    titled = store.save(BODY, title="Мой пост")
    copy = store.load(store.duplicate(titled))
    assert (copy.title, copy.body, copy.state) == ("Мой пост", BODY, "draft")
    with pytest.raises(KeyError) as missing:
        store.duplicate("no-such-draft")
    assert missing.value.args == ("no-such-draft",)


def _raw_bodies(path) -> list[str]:
    with sqlite3.connect(path) as db:
        found = [row[0] for row in db.execute("SELECT body FROM drafts ORDER BY rowid")]
    db.close()
    return found


def test_bodies_are_stored_as_readable_json_and_odd_file_names_come_back_exactly(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    store.save(BODY)
    odd = {"attachment": {"media": [{"type": "photo", "list": [{"file": "/photos/caf\udce9.jpg"}]}]}}
    odd_id = store.save(odd)  # a Latin-1 file name on a UTF-8 system: a surrogate escape
    assert store.load(odd_id).body == odd
    readable, escaped = _raw_bodies(store.path)
    assert "Привет 👋" in readable  # UTF-8 text, not \\u escapes
    assert json.loads(escaped) == odd and "\\udce9" in escaped


def test_a_body_that_is_not_a_json_object_reads_as_empty(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    broken, listed = store.save(BODY, title="broken"), store.save(BODY, title="a list")
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE drafts SET body='{\"attachment\": ' WHERE id=?", (broken,))
        db.execute("UPDATE drafts SET body='[1, 2]' WHERE id=?", (listed,))
    db.close()
    assert store.load(broken).body == {} and store.load(listed).body == {}
    assert {d.title: d.body for d in store.list()} == {"broken": {}, "a list": {}}


def test_history_shows_the_newest_500_unless_asked_for_more(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    old_history(store, *(HistoryEntry("post", "me", str(n), "", "", n) for n in range(501)))
    shown = store.history()
    assert len(shown) == 500 and shown[0].object_id == "500" and shown[-1].object_id == "1"
    assert len(store.history(limit=1000)) == 501


def test_the_store_can_be_used_from_another_thread(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")  # the window's drafts thread is not the one that opened it
    saved: list[str | BaseException] = []

    def save() -> None:
        try:
            saved.append(store.save(BODY))
        except Exception as exc:  # noqa: BLE001 - shown by the assertion below
            saved.append(exc)

    worker = threading.Thread(target=save)
    worker.start()
    worker.join()
    assert [d.id for d in store.list()] == saved and len(saved) == 1


def test_the_default_database_is_in_the_data_folder_made_as_needed(tmp_path):
    store = DraftStore()
    assert store.path == paths.data_dir() / "drafts.sqlite3" and store.path.is_file()
    deep = DraftStore(tmp_path / "a" / "b" / "d.sqlite3")
    assert deep.path.is_file() and deep.list() == []


def test_a_new_database_is_no_damage(tmp_path):
    said = []
    store = DraftStore(tmp_path / "d.sqlite3", on_notice=said.append)
    assert (store.notice, store.damaged_file, store.restored, said) == (None, None, False, [])
    assert not list(tmp_path.glob("d.sqlite3.broken-*"))


def test_opening_waits_for_the_lock_beside_the_database(tmp_path, monkeypatch):
    monkeypatch.setattr(drafts, "FileLock", lambda path: FileLock(path, timeout=0))
    with FileLock(tmp_path / "d.sqlite3.lock"):  # another process is judging the file
        with pytest.raises(LockTimeout):
            DraftStore(tmp_path / "d.sqlite3")
    DraftStore(tmp_path / "d.sqlite3").close()


def test_a_state_change_right_after_a_save_is_still_newer(tmp_path, monkeypatch):
    monkeypatch.setattr(drafts, "now_ms", lambda: 1_000)  # both within one millisecond
    store = DraftStore(tmp_path / "d.sqlite3")
    first = store.save({"attachment": {"media": []}}, title="first")
    second = store.save({"attachment": {"media": []}}, title="second")
    store.set_state(first, "published", "t1")
    assert store.load(first).updated_ms > store.load(second).updated_ms
    assert [d.title for d in store.list()][:1] == ["first"]
    store.close()
