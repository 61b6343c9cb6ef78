"""One window per profile: a second start hands its files to the running window, which comes forward.

Two windows on one profile both reopened the same draft and the last writer won (issue 12). The lock is a
QLockFile in the profile's data folder: its owner's pid is inside, and a lock whose process is gone
(kill -9, a crash) is stale and taken over at once. The running window listens on a QLocalServer named
after the profile folder (this user only); a second start connects, sends one JSON line
{"files": [absolute paths]} and waits for "ok". The CLI's commands take no window lock: SQLite and the
outbox's claims keep them safe beside a running window.

The lock is taken before the window shows; listening comes once it is built (QtNetwork and hashlib, ~8 ms,
stay out of the time to the first paint, issue 16): a second start meanwhile keeps trying to connect.
"""

from __future__ import annotations

import getpass
import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
HAND_OVER_MS = 5000
LOCK_NAME = "window.lock"
MAX_MESSAGE = 1024 * 1024  # one line of paths; more is not a second start of ours


def server_name(folder: Path) -> str:
    """The local server's name for a profile folder: the same for every start on it, short enough for a
    Unix socket path, and per user (another user's profile at the same path is another name)."""
    import hashlib

    try:
        user = getpass.getuser()
    except Exception:  # no user name in this environment: the folder alone still tells profiles apart
        user = ""
    digest = hashlib.sha256(f"{user}\0{folder.resolve()}".encode()).hexdigest()[:20]
    return f"okcomposer-{digest}"


class SingleInstance(QObject):
    """claim() once at start, then listen() once the window is built; if claim() fails, hand_over(files) to
    the window that has the profile."""

    # Another start asked this window to come forward, with its files (paths). `object`, not `list`: Qt's
    # string list would drop the surrogate escapes of a non-UTF-8 file name.
    opened = Signal(object)

    def __init__(self, folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.folder = folder
        self.lock = QLockFile(str(folder / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # held for the window's life: only a dead owner makes it stale
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """Take the profile (False: another live process has it)."""
        return self.lock.tryLock(0)

    def listen(self) -> None:
        """Listen for second starts (after a successful claim)."""
        from PySide6.QtNetwork import QLocalServer

        name = server_name(self.folder)
        QLocalServer.removeServer(name)  # a socket a killed window left behind
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(name):
            server.newConnection.connect(self._accept)
            self.server = server
        else:  # still the only window; a second start then says so instead of handing over
            log.warning("cannot listen for other starts on %s: %s", name, server.errorString())

    def holder(self) -> int | None:
        """The pid of the process that has the profile, if the lock file tells."""
        info = self.lock.getLockInfo()  # PySide6: (pid, host name, app name)
        pid = info[0] if isinstance(info, tuple) and info else None
        return pid if isinstance(pid, int) and pid > 0 else None

    def hand_over(self, files: list[str], timeout_ms: int | None = None) -> bool:
        """Ask the running window to come forward and add `files`; True once it said "ok" (connecting and
        the answer each wait up to `timeout_ms`, HAND_OVER_MS by default)."""
        from PySide6.QtNetwork import QLocalSocket

        timeout_ms = HAND_OVER_MS if timeout_ms is None else timeout_ms
        socket, name = QLocalSocket(), server_name(self.folder)
        deadline = time.monotonic() + timeout_ms / 1000
        while True:  # the window may hold the lock a moment before it listens: try again until the deadline
            socket.connectToServer(name)
            left = int((deadline - time.monotonic()) * 1000)
            if socket.waitForConnected(max(1, left)):
                break
            if left <= 0:
                return False
            socket.abort()
            time.sleep(0.05)
        # ASCII JSON: a non-UTF-8 file name (surrogate escapes) crosses as \udcXX and comes back the same.
        line = json.dumps({"files": [str(Path(f).resolve()) for f in files]})
        socket.write(line.encode() + b"\n")
        answer = b""
        while socket.waitForReadyRead(timeout_ms) or socket.bytesAvailable():
            answer += bytes(socket.readAll().data())
            if b"\n" in answer:
                break
        socket.disconnectFromServer()
        return answer.startswith(b"ok")

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()

    def _accept(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_MESSAGE:
                socket.abort()
            return
        try:
            message = json.loads(bytes(socket.readLine(MAX_MESSAGE).data()))
            files = [str(f) for f in message.get("files", []) if isinstance(f, str)]
        except (ValueError, AttributeError, TypeError):
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        self.opened.emit(files)
