"""The drafts database as a file: is it ours and whole, making a new one, and its rotating backups.

A file where the database should be is only used if it is a SQLite file with our tables that passes its
quick check; a 0-byte, garbage or foreign file is *damaged*, never "empty" (issue 12: a 0-byte file was
once taken as a new database and the good backup overwritten with it). A new database is made under
another name and moved into place complete, so a 0-byte file is never a database being born.
Backups are separate files named by time, `<name>.bak-<ms>`; the newest 3 good ones are kept, a new one
never replaces an older one by name, and an empty database is not backed up over backups holding data.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file
KEEP_BACKUPS = 3
OUR_TABLE = "drafts"
DATA_TABLES = ("drafts", "history", "outbox")


def looks_like_sqlite(path: Path) -> bool:
    """Whether `path` starts with SQLite's header (a 0-byte or garbage file does not)."""
    try:
        with open(path, "rb") as file:
            return file.read(len(HEADER)) == HEADER
    except OSError:
        return False


def is_ours(db: sqlite3.Connection) -> bool:
    """Whether the open database has our drafts table (another program's database has not)."""
    row = db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (OUR_TABLE,)).fetchone()
    return row is not None


def healthy(db: sqlite3.Connection) -> bool:
    return db.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def rows(db: sqlite3.Connection) -> int:
    """How many drafts, history entries and outbox entries it holds."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return sum(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in DATA_TABLES if t in tables)


def check_file(path: Path) -> int | None:
    """The rows of a good database file of ours (it must be whole and ours), or None for any other file."""
    if not looks_like_sqlite(path):
        return None
    try:
        # immutable: a backup is written by no one, and so no -wal/-shm files appear beside it
        db = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    except sqlite3.Error:
        return None
    try:
        return rows(db) if healthy(db) and is_ours(db) else None
    except sqlite3.Error:
        return None
    finally:
        db.close()


def create(path: Path, setup: Callable[[sqlite3.Connection], None]) -> None:
    """Make a new database at `path` (which must not exist) with `setup(db)` done, complete or not at all."""
    new = path.with_name(f"{path.name}.new-{os.getpid()}")
    for part in (new, Path(f"{new}-wal"), Path(f"{new}-shm")):
        part.unlink(missing_ok=True)
    db = sqlite3.connect(new, isolation_level=None)
    try:
        setup(db)
    finally:
        db.close()  # the last connection checkpoints the WAL into the file and removes it
    try:
        os.link(new, path)  # fails if a file appeared there meanwhile: that one is never replaced
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        if not path.exists():
            new.replace(path)
    new.unlink(missing_ok=True)


def set_aside(path: Path) -> Path:
    """Rename the database and its -wal/-shm to `<name>.broken-<ms>` (kept, never deleted); the new name."""
    broken = path.with_name(f"{path.name}.broken-{int(time.time() * 1000)}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.replace(Path(f"{broken}{suffix}"))
    return broken


# --- backups -----------------------------------------------------------------------------------------
def backups(path: Path) -> list[Path]:
    """The backup files of the database at `path`, newest first (`.bak` of older versions last)."""
    stamped = []
    for candidate in path.parent.glob(f"{path.name}.bak-*"):
        stamp = candidate.name.rsplit("-", 1)[1]
        if stamp.isdigit():
            stamped.append((int(stamp), candidate))
    found = [p for _, p in sorted(stamped, reverse=True)]
    legacy = path.with_name(path.name + ".bak")
    return [*found, legacy] if legacy.exists() else found


def good_backups(path: Path) -> list[tuple[Path, int]]:
    """[(backup file, its rows)] of the backups that are whole databases of ours, newest first."""
    checked = [(p, check_file(p)) for p in backups(path)]
    return [(p, n) for p, n in checked if n is not None]


def write_backup(db: sqlite3.Connection, path: Path) -> Path | None:
    """Back up the open database `db` (kept at `path`) with SQLite's online backup; the new file or None.

    Not kept (None) if the copy is not a whole database of ours, or it is empty while the newest good
    backup holds data. Afterwards the newest KEEP_BACKUPS good backups are kept; bad ones are removed.
    """
    stamp = int(time.time() * 1000)
    older = good_backups(path)
    while path.with_name(f"{path.name}.bak-{stamp}").exists():
        stamp += 1
    final = path.with_name(f"{path.name}.bak-{stamp}")
    tmp = path.with_name(f"{final.name}.tmp")
    target = sqlite3.connect(tmp)
    try:
        db.backup(target)
    finally:
        target.close()
    count = check_file(tmp)
    if count is None or (count == 0 and older and older[0][1] > 0):
        tmp.unlink(missing_ok=True)
        reason = "is not a whole database" if count is None else "is empty, the last backup is not"
        log.warning("drafts backup not kept: the copy %s", reason)
        return None
    tmp.replace(final)
    kept = {final, *(p for p, _ in older[: KEEP_BACKUPS - 1])}
    for old in backups(path):
        if old not in kept:
            with contextlib.suppress(OSError):
                old.unlink()
    return final
