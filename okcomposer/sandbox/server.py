"""The Sandbox: a local OK API emulator on 127.0.0.1, and the `okcomposer sandbox` command line."""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sys
import threading
from http.server import ThreadingHTTPServer

from okcomposer.limits import Limits, current_limits
from okcomposer.sandbox import demo
from okcomposer.sandbox.faults import EXTRA_POINTS, Faults, parse_spec
from okcomposer.sandbox.handler import Handler
from okcomposer.sandbox.params import METHODS
from okcomposer.sandbox.state import Store


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
    ):
        if group_info_shape not in ("array", "object"):
            raise ValueError('group_info_shape must be "array" or "object"')
        self.host, self.port = host, port
        self.latency_ms = latency_ms
        self.upload_ttl_ms = upload_ttl_ms
        self.limits = limits or current_limits()
        self.group_info_shape = group_info_shape
        self.state = Store(video_processing_s=video_processing_s)
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


# --- command line ---------------------------------------------------------------------------------------
def _non_negative(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, not {text!r}")
    return int(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=_non_negative, default=0, help="port (default 0: a free port)")
    parser.add_argument("--latency-ms", type=_non_negative, default=0, help="delay every answer by this much")
    parser.add_argument("--upload-ttl-ms", type=_non_negative, default=86_400_000, help="upload URL lifetime")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="METHOD=KIND[:TIMES]",
        help="inject a fault, e.g. mediatopic.post=drop_after:1 (TIMES 0 = every call); repeatable",
    )
    parser.add_argument(
        "--exit-with-parent", action="store_true", help="stop when the process that started this one ends"
    )


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl+C or SIGTERM; prints sb.info() as one JSON line first."""
    sandbox = Sandbox(
        host=args.host, port=args.port, latency_ms=args.latency_ms, upload_ttl_ms=args.upload_ttl_ms
    )
    try:
        for spec in args.fault:
            method, kind, times, body = parse_spec(spec)
            sandbox.add_fault(method, kind, times, body=body)
    except ValueError as exc:
        print(f"okcomposer sandbox: {exc}", file=sys.stderr)
        return 2
    try:
        sandbox.start()
    except OSError as exc:
        print(f"okcomposer sandbox: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    done = threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        # Ctrl+C and SIGTERM both end the loop quietly, even where SIGINT was inherited as ignored.
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, lambda *_: done.set())
    try:
        print(json.dumps(sandbox.info()), flush=True)
        parent = os.getppid()
        while not done.wait(0.2):
            if args.exit_with_parent and os.getppid() != parent:
                break  # the app that started us died (even by SIGKILL): do not linger
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="okcomposer sandbox", description="A local emulator of the OK API.")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
