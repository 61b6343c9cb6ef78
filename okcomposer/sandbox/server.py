"""The Sandbox: a local OK API emulator on 127.0.0.1 (okcomposer.cli.sandbox is its command line)."""

from __future__ import annotations

import ipaddress
import socket
import threading
from http.server import ThreadingHTTPServer

from okcomposer.limits import Limits, current_limits
from okcomposer.sandbox import demo
from okcomposer.sandbox.faults import EXTRA_POINTS, Faults
from okcomposer.sandbox.handler import Handler
from okcomposer.sandbox.params import METHODS
from okcomposer.sandbox.state import Store


def is_loopback(host: str) -> bool:
    """True when `host` (an address or a name) means this computer only: every address it resolves to is a
    loopback one (127.0.0.0/8, ::1). "", "0.0.0.0" (every interface) and names that do not resolve are not."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    if not host.strip():
        return False
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {str(info[4][0]).partition("%")[0] for info in found}
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # stop() shuts open connections itself instead of waiting for them

    def __init__(self, address, world):
        self.world = world
        self.connections: set[socket.socket] = set()
        super().__init__(address, Handler)


class Sandbox:
    """A real HTTP server speaking OK's API for the demo world; see ok-api.md for the contract it enforces."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        latency_ms: int = 0,
        upload_ttl_ms: int = 86_400_000,
        limits: Limits | None = None,
        group_info_shape: str = "array",
        video_processing_s: float = 0.0,
        slow_seconds: float = 10.0,
        allow_remote: bool = False,
        with_history: bool = False,
    ):
        """Raises ValueError for a `host` other computers could reach, unless `allow_remote`: the sandbox
        has no passwords, and its /sandbox/* hooks give its state, faults and demo tokens to anyone.
        `with_history`: the demo groups carry a month of earlier topics with figures (sandbox.history)."""
        if not allow_remote and not is_loopback(host):
            raise ValueError(f"{host!r} is not a loopback address (allow_remote=True to listen on it)")
        if group_info_shape not in ("array", "object"):
            raise ValueError('group_info_shape must be "array" or "object"')
        self.host, self.port = host, port
        self.latency_ms = latency_ms
        self.upload_ttl_ms = upload_ttl_ms
        self.limits = limits or current_limits()
        self.group_info_shape = group_info_shape
        self.state = Store(video_processing_s=video_processing_s, with_history=with_history)
        self.faults = Faults(slow_seconds=slow_seconds)
        self.stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # --- life cycle -------------------------------------------------------------------------------------
    def start(self) -> Sandbox:
        if self._server is not None:
            return self
        self.stopping.clear()
        self._server = _Server((self.host, self.port), self)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="okc-sandbox", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self.stopping.set()  # wakes handlers waiting out latency or a slow fault
        server.shutdown()
        for connection in list(server.connections):
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # --- what tests and the app see ---------------------------------------------------------------------
    def info(self) -> dict:
        return {
            "base_url": self.base_url,
            "application_id": demo.APPLICATION_ID,
            "application_key": demo.APPLICATION_KEY,
            "application_secret_key": demo.APPLICATION_SECRET_KEY,
            "access_token": demo.ACCESS_TOKEN,
            "session_secret_key": demo.SESSION_SECRET_KEY,
            "redirect_uris": list(demo.REDIRECT_URIS),
            "user": {"uid": demo.USER["uid"], "name": demo.USER["name"]},
            "groups": [
                {"id": gid, "name": demo.GROUPS[gid]["name"], "status": demo.GROUPS[gid]["status"]}
                for gid in demo.USER_GROUP_IDS
            ],
        }

    def snapshot(self) -> dict:
        return {**self.state.snapshot(), "faults": self.faults.snapshot()}

    def add_fault(
        self,
        method: str,
        kind: str,
        times: int = 1,
        slow_seconds: float | None = None,
        body: str | None = None,
    ) -> dict:
        if method not in METHODS and method not in EXTRA_POINTS:
            known = ", ".join(sorted(METHODS) + list(EXTRA_POINTS))
            raise ValueError(f"unknown fault method {method!r} (one of: {known})")
        return self.faults.add(method, kind, times, slow_seconds, body)

    def clear_faults(self) -> None:
        self.faults.clear()

    def expire_session(self, access_token: str | None = None) -> bool:
        return self.state.expire_session(access_token or demo.ACCESS_TOKEN)

    def reset(self) -> None:
        """Forget topics, moments, photos, videos, calls and faults; the demo world stays."""
        self.state.reset()
        self.faults.clear()
