"""The command line meets a 0-byte drafts database: it says the backup was restored, and no draft is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.cli import run

from okcomposer.store import paths
from okcomposer.store.drafts import DraftStore


def zero_byte_database_with_twenty_drafts_backed_up() -> Path:
    store = DraftStore()
    for n in range(20):
        store.save({"attachment": {"media": [{"type": "text", "text": f"draft {n}"}]}}, title=f"draft {n}")
    store.backup()
    store.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store.path}{suffix}").unlink(missing_ok=True)
    store.path.touch()
    return store.path


def titles() -> list[str]:
    store = DraftStore()
    try:
        return [d.title for d in store.list()]
    finally:
        store.close()


def test_import_on_a_zero_byte_database_restores_the_backup_and_adds_its_draft(tmp_path):
    path = zero_byte_database_with_twenty_drafts_backed_up()
    csv = tmp_path / "rows.csv"
    csv.write_text("text;target\nOne more;me\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "okcomposer", "import", str(csv)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "OKCOMPOSER_HOME": str(paths._base("data").parent)},
    )
    assert done.returncode == 0, done.stderr
    assert "okcomposer: The drafts database was damaged; it was restored from the last backup." in done.stderr
    assert len(titles()) == 21 and list(path.parent.glob("drafts.sqlite3.broken-*"))


def test_the_outbox_list_on_a_zero_byte_database_says_what_happened(capsys):
    zero_byte_database_with_twenty_drafts_backed_up()
    code, out, err = run(capsys, "outbox")
    assert code == 0 and "restored from the last backup" in err.splitlines()[0]
    assert len(titles()) == 20
    code, _, err = run(capsys, "outbox")  # said once: the restored database is whole
    assert code == 0 and "damaged" not in err
