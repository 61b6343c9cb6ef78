"""The app started on a 0-byte drafts database with a good backup: every draft is listed, the user is told,
and quitting leaves the backups whole (issue 12: 20 drafts once became 0 after one start and quit)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from ui.test_kill import Driven

from okcomposer.store import dbfile
from okcomposer.store.drafts import DraftStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the driver is POSIX-only")


def test_a_zero_byte_database_starts_with_every_draft_of_the_backup(tmp_path):
    home = tmp_path / "home"
    path = home / "data" / "drafts.sqlite3"
    path.parent.mkdir(parents=True)
    store = DraftStore(path)
    for n in range(20):
        store.save({"attachment": {"media": [{"type": "text", "text": f"draft {n}"}]}}, title=f"draft {n}")
    store.backup()
    store.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.touch()
    shown = Driven(home, "report").finish()
    assert "restored from the last backup" in shown["notice"] and shown["dialog"] == shown["notice"]
    assert sorted(title for title, _ in shown["drafts"]) == sorted(f"draft {n}" for n in range(20))
    assert all(dbfile.check_file(p) == 20 for p in dbfile.backups(path))  # quitting backed up all 20
    again = DraftStore(path)
    try:
        assert again.notice is None and len(again.list()) == 20
    finally:
        again.close()
