"""Where okcomposer keeps its files; OKCOMPOSER_HOME moves them all (tests, portable installs)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from okcomposer.store.locks import FileLock

APP = "okcomposer"


def _base(kind: str) -> Path:
    home = os.environ.get("OKCOMPOSER_HOME")
    if home:
        return Path(home) / kind
    getter = {
        "config": platformdirs.user_config_dir,
        "data": platformdirs.user_data_dir,
        "cache": platformdirs.user_cache_dir,
        "log": platformdirs.user_log_dir,
    }[kind]
    return Path(getter(APP, appauthor=False))


def folder(kind: str) -> Path:
    """The config, data, cache or log folder, created on first use."""
    path = _base(kind)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    return folder("config")


def data_dir() -> Path:
    return folder("data")


def cache_dir() -> Path:
    return folder("cache")


def log_dir() -> Path:
    return folder("log")


# --- working copies of uploads ----------------------------------------------------------------------
WORK = "work"  # under the cache folder: one folder per upload, each marked in use by a lock on its LOCK file
LOCK = ".in-use"
_swept = False


@contextlib.contextmanager
def work_dir(prefix: str) -> Iterator[Path]:
    """A private folder for the GPS-stripped or converted copies of one upload, removed on leaving.

    It lives under the app's cache folder (not the system temp folder), locked while in use: if the process
    is killed, the next start (sweep_work) removes it. The first call in a process sweeps first.
    """
    if not _swept:
        sweep_work()
    root = cache_dir() / WORK
    root.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=root))
    lock = FileLock(folder / LOCK)
    lock.acquire()
    try:
        yield folder
    finally:
        lock.release()  # first: Windows cannot delete a file that is open
        shutil.rmtree(folder, ignore_errors=True)


def sweep_work(grace_seconds: float = 60.0) -> list[Path]:
    """Remove the working folders that no live process holds (left by a crash or kill -9); returns them.

    A folder without its lock file yet is left alone for `grace_seconds` (it may be being made right now).
    Never creates the cache folder.
    """
    global _swept
    _swept = True
    root = _base("cache") / WORK
    removed: list[Path] = []
    try:
        folders = [p for p in root.iterdir() if p.is_dir()]
    except OSError:
        return removed
    for folder in folders:
        lock = FileLock(folder / LOCK)
        try:
            if not (folder / LOCK).exists():
                if time.time() - folder.stat().st_mtime < grace_seconds:
                    continue
            elif not lock.try_acquire():
                continue  # its process is alive and using it
        except OSError:
            continue  # gone meanwhile, or not ours to touch
        lock.release()
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder)
    return removed
