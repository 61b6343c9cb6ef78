"""An exclusive lock on a file that the operating system lets go of when its process dies (even kill -9).

POSIX uses flock(2), Windows msvcrt.locking on the first byte; so a lock is never stale: no pid files, no
guessing whether their owner still runs. Used to open the drafts database one process at a time and to
mark the working folders of uploads as in use (store.paths.work_dir).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from types import TracebackType


class LockTimeout(OSError):
    """Another process held the lock for longer than we waited."""


class FileLock:
    """`with FileLock(path):` waits for the lock (up to `timeout` seconds, then LockTimeout)."""

    def __init__(self, path: Path, timeout: float = 30.0):
        self.path = Path(path)
        self.timeout = timeout
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; False (at once) if another process holds it."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def acquire(self) -> None:
        deadline = time.monotonic() + self.timeout
        while not self.try_acquire():
            if time.monotonic() > deadline:
                raise LockTimeout(f"{self.path} stayed locked by another process for {self.timeout:g} s")
            time.sleep(0.02)

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            _unlock(fd)
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
