"""A tiny HTTP server on a chosen loopback address that records every request and answers what the test sets:
for redirects that must not be followed and hosts that must receive nothing."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Answer:
    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})


class RecordingServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.answer = Answer()
        self.seen: list[Seen] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                outer.seen.append(Seen(self.command, self.path, dict(self.headers.items()), body))
                self.send_response(outer.answer.status)
                for name, value in outer.answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(outer.answer.body)))
                self.end_headers()
                self.wfile.write(outer.answer.body)

            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args: object) -> None:
                pass

        try:
            self.server = ThreadingHTTPServer((host, 0), Handler)
        except OSError as exc:  # 127.0.0.2 is loopback on Linux, not on every system
            pytest.skip(f"cannot listen on {host}: {exc}")
        self.host = host
        self.port = self.server.server_address[1]
        self.base_url = f"http://{host}:{self.port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def respond(self, status: int = 200, body: bytes = b"{}", **headers: str) -> None:
        merged = {"Content-Type": "application/json", **{k.replace("_", "-"): v for k, v in headers.items()}}
        self.answer = Answer(status, body, merged)

    def __enter__(self) -> RecordingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
