"""The drafts database file: a 0-byte, garbage or foreign file is damage, never an empty database; backups
rotate and a worse copy never pushes a good one out (issue 12, item 5)."""

from __future__ import annotations

import itertools
import logging
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from okcomposer.store import dbfile
from okcomposer.store.drafts import DraftStore


def body(n: int) -> dict:
    return {"attachment": {"media": [{"type": "text", "text": f"draft {n}"}]}}


def twenty_drafts_backed_up(path: Path) -> set[str]:
    store = DraftStore(path)
    ids = {store.save(body(n), title=f"draft {n}") for n in range(20)}
    assert store.backup() is not None
    store.close()
    return ids


def start_and_quit(path: Path) -> DraftStore:
    """What the window does: open, and on quitting back up, then close."""
    store = DraftStore(path)
    store.backup()
    store.close()
    return store


def titles(path: Path) -> list[str]:
    store = DraftStore(path)
    try:
        return sorted(d.title for d in store.list())
    finally:
        store.close()


def test_a_zero_byte_database_is_restored_from_the_backup_and_the_backup_survives(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    ids = twenty_drafts_backed_up(path)
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    path.write_bytes(b"")
    store = DraftStore(path)
    assert store.restored and "restored from the last backup" in (store.notice or "")
    assert {d.id for d in store.list()} == ids
    store.backup()
    store.close()
    broken = tmp_path / (store.damaged_file or "?")
    assert broken.exists() and broken.stat().st_size == 0  # kept aside, as it was
    path.write_bytes(b"")  # and again: the backups still hold all twenty
    again = start_and_quit(path)
    assert again.restored and len(titles(path)) == 20
    assert all(dbfile.check_file(p) == 20 for p in dbfile.backups(path))


def test_the_reported_case_twenty_drafts_survive_one_start_and_quit_on_a_zero_byte_file(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    twenty_drafts_backed_up(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.touch()
    start_and_quit(path)
    assert titles(path) == sorted(f"draft {n}" for n in range(20))


def test_a_foreign_database_is_kept_untouched_and_the_backup_restored(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    ids = twenty_drafts_backed_up(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE songs (title TEXT)")
    other.execute("INSERT INTO songs VALUES ('not a draft')")
    other.commit()
    other.close()
    foreign = path.read_bytes()
    store = DraftStore(path)
    assert store.restored and {d.id for d in store.list()} == ids
    store.close()
    assert (tmp_path / (store.damaged_file or "?")).read_bytes() == foreign  # no table of ours added


def test_garbage_with_no_backup_starts_fresh_and_says_so(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    path.write_bytes(b"")
    store = DraftStore(path)
    assert not store.restored and "no usable backup" in (store.notice or "")
    assert store.list() == [] and store.save(body(1))
    store.close()
    assert DraftStore(path).notice is None  # the new one is a whole database


@pytest.fixture
def clock(monkeypatch):
    """dbfile's clock, a second later at each reading: backups made in a row get different names."""
    seconds = itertools.count(1_700_000_000)
    monkeypatch.setattr(dbfile, "time", SimpleNamespace(time=lambda: float(next(seconds))))


def test_the_newest_good_backup_is_used_past_a_damaged_newer_one(tmp_path, clock):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    store.save(body(1), title="old")
    good = store.backup()
    store.save(body(2), title="new")
    newer = store.backup()
    store.close()
    assert good and newer and good != newer
    newer.write_bytes(b"\x00" * 4096)  # the newest backup is damaged too
    path.write_bytes(b"")
    assert titles(path) == ["old"]


def test_backups_rotate_keeping_three_and_an_empty_copy_never_replaces_one_with_data(tmp_path, clock):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    made = []
    for n in range(5):
        store.save(body(n), title=f"draft {n}")
        made.append(store.backup())
    assert dbfile.backups(path) == made[:1:-1]  # the newest three, newest first
    for draft in store.list():
        store.delete(draft.id)
    assert store.backup() is None  # empty: the backups with drafts stay
    store.close()
    assert dbfile.backups(path) == made[:1:-1] and dbfile.check_file(made[-1]) == 5


def test_a_backup_of_an_older_version_is_used(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    store.save(body(1), title="from the old .bak")
    made = store.backup()
    store.close()
    assert made is not None
    made.replace(tmp_path / "drafts.sqlite3.bak")  # the name okcomposer 0.x used
    path.write_bytes(b"")
    assert titles(path) == ["from the old .bak"]


def test_a_new_database_never_replaces_a_file_that_appeared_meanwhile(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    path.write_bytes(b"someone else's")
    dbfile.create(path, lambda db: db.execute("CREATE TABLE drafts (id)"))
    assert path.read_bytes() == b"someone else's" and list(tmp_path.iterdir()) == [path]


OPEN = """
import sys
from pathlib import Path
from okcomposer.store.drafts import DraftStore
store = DraftStore(Path(sys.argv[1]))
print(len(store.list()), store.restored)
store.close()
"""


def test_processes_opening_a_damaged_file_together_restore_it_once(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    twenty_drafts_backed_up(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"")
    procs = [
        subprocess.Popen([sys.executable, "-c", OPEN, str(path)], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    said = sorted(p.communicate(timeout=60)[0].split() for p in procs)
    assert said == [["20", "False"]] * 3 + [["20", "True"]]
    assert len(list(tmp_path.glob("drafts.sqlite3.broken-*"))) == 1


def _warnings(caplog) -> list[str]:
    # Only the drafts store's warnings: an earlier test may have left INFO on (the schema's upgrade lines).
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "okcomposer.store.drafts" and r.levelno >= logging.WARNING
    ]


def test_a_restore_is_told_to_on_notice_and_logged_with_the_names(tmp_path, caplog):
    path = tmp_path / "drafts.sqlite3"
    twenty_drafts_backed_up(path)
    [backup] = dbfile.backups(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"")
    said = []
    with caplog.at_level(logging.WARNING, logger="okcomposer.store.drafts"):
        store = DraftStore(path, on_notice=said.append)
    store.close()
    broken = store.damaged_file or "?"
    assert broken.startswith("drafts.sqlite3.broken-") and (tmp_path / broken).exists()
    assert said == [store.notice] and broken in said[0]
    assert _warnings(caplog) == [
        f"drafts database {path} is damaged; kept as {broken}",
        f"drafts database restored from {backup.name}",
    ]


def test_starting_fresh_is_told_to_on_notice_and_logged(tmp_path, caplog):
    path = tmp_path / "drafts.sqlite3"
    path.write_bytes(b"garbage" * 100)
    said = []
    with caplog.at_level(logging.WARNING, logger="okcomposer.store.drafts"):
        store = DraftStore(path, on_notice=said.append)
    store.close()
    assert not store.restored and store.damaged_file and said == [store.notice]
    assert said[0].endswith(f"The damaged file was kept as {store.damaged_file}.")
    assert _warnings(caplog) == [f"drafts database {path} is damaged; kept as {store.damaged_file}"]


def test_a_new_database_that_cannot_be_made_is_an_error_naming_it(tmp_path, monkeypatch):
    path = tmp_path / "drafts.sqlite3"
    monkeypatch.setattr(dbfile, "create", lambda where, setup: where.write_bytes(b""))  # a full disk, say
    said = re.escape(f"cannot make a new drafts database at {path}") + "$"
    with pytest.raises(sqlite3.DatabaseError, match=said):
        DraftStore(path)
