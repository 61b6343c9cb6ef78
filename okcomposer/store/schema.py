"""SQLite schemas versioned with `PRAGMA user_version`: a list of migrations run in order, in a transaction.

A database's `user_version` is the number of the last migration done on it; the current schema is the
last migration's number. A database of ours made before versions existed (user_version 0 with our tables
in it, written by okcomposer up to 0.1.0, second release) is taken as version 1 and upgraded from there,
so every migration after 1 must also hold on a database that already has some of its changes (CREATE ...
IF NOT EXISTS; a column added only when missing). A database from a newer okcomposer (a higher version)
is refused with SchemaTooNew rather than written by a program that does not know its schema.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)


class SchemaTooNew(RuntimeError):
    """The database was written by a newer okcomposer (its user_version is above ours)."""


class MigrationFailed(RuntimeError):
    """A migration failed on a database that is whole (a bug, a full disk, a lock held too long): not
    damage, so the caller must not set the file aside as damaged; the database is left as it was."""


@dataclass(frozen=True)
class Migration:
    """Step to `version`: `sql` (a script of statements) or `run(db)`, inside the caller's transaction."""

    version: int
    what: str
    sql: str = ""
    run: Callable[[sqlite3.Connection], None] | None = None

    def apply(self, db: sqlite3.Connection) -> None:
        for statement in statements(self.sql):
            db.execute(statement)
        if self.run is not None:
            self.run(db)


def statements(script: str) -> list[str]:
    """The statements of an SQL script, one by one (executescript would commit the open transaction)."""
    found, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement: {current.strip()[:60]}")
    return found


def version_of(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def has_table(db: sqlite3.Connection, name: str) -> bool:
    row = db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone()
    return row is not None


def add_missing_columns(db: sqlite3.Connection, table: str, columns: Sequence[tuple[str, str]]) -> None:
    """ALTER TABLE `table` ADD COLUMN for each (name, declaration) it does not have yet."""
    have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
    for name, declaration in columns:
        if name not in have:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {declaration}")


def upgrade(db: sqlite3.Connection, migrations: Sequence[Migration], marker_table: str) -> int:
    """Bring `db` (opened with isolation_level=None) up to the last migration; returns the version it had.

    A new, empty database runs every migration; an unversioned one holding `marker_table` is version 1.
    The migrations due and the new user_version commit in one transaction, so a crash leaves the database
    as it was or fully upgraded. Raises SchemaTooNew for a version above ours, MigrationFailed (from the
    sqlite3.Error) if the upgrade fails; nothing of a failed upgrade is kept.
    """
    numbers = [m.version for m in migrations]
    if numbers != list(range(1, len(migrations) + 1)):
        raise ValueError(f"migrations must be numbered 1, 2, 3... in order, not {numbers}")
    latest = len(migrations)
    if version_of(db) == latest:
        return latest  # the usual case: no write lock taken
    db.execute("BEGIN IMMEDIATE")  # one process upgrades; the others wait, then find it done
    try:
        found = version_of(db)
        if found == 0 and has_table(db, marker_table):
            found = 1  # written before the schema had a version: the first release's tables are there
            db.execute("PRAGMA user_version = 1")
        if found > latest:
            raise SchemaTooNew(
                f"this database was written by a newer okcomposer (schema version {found}, this one knows "
                f"{latest}); use that version, or move the file away to start a new one"
            )
        for migration in migrations[found:]:
            migration.apply(db)
            db.execute(f"PRAGMA user_version = {migration.version}")
            log.info("database schema %d: %s", migration.version, migration.what)
        db.execute("COMMIT")
    except BaseException as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise MigrationFailed(f"upgrading the database schema failed: {exc}") from exc
        raise
    return found
