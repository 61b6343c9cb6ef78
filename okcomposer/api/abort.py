"""Let cancel interrupt a request that is waiting on the network, by shutting its socket down."""

from __future__ import annotations

import socket
import threading

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class SocketRegistry:
    """The sockets a session has open right now."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()

    def add(self, sock: socket.socket | None) -> None:
        if sock is not None:
            with self._lock:
                self._sockets.add(sock)

    def discard(self, sock: socket.socket | None) -> None:
        with self._lock:
            self._sockets.discard(sock)

    def abort_all(self) -> int:
        """Shut every open socket down; blocked sends and reads fail at once. Returns how many."""
        with self._lock:
            sockets = list(self._sockets)
            self._sockets.clear()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        return len(sockets)


def _tracked(base: type, registry: SocketRegistry) -> type:
    class Tracked(base):
        def connect(self) -> None:
            super().connect()
            registry.add(self.sock)

        def close(self) -> None:
            registry.discard(self.sock)
            super().close()

    return Tracked


class AbortableAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections register their sockets, so they can be aborted."""

    def __init__(self, registry: SocketRegistry, **kwargs):
        self.registry = registry
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        registry = self.registry
        http_pool = type("Pool", (HTTPConnectionPool,), {"ConnectionCls": _tracked(HTTPConnection, registry)})
        https_pool = type(
            "TlsPool", (HTTPSConnectionPool,), {"ConnectionCls": _tracked(HTTPSConnection, registry)}
        )
        self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}
