"""A stand-in for OK in front of a sandbox that holds mediatopic.post without answering it (OK has not
acted yet), so a test can kill the client while it waits; every other call goes through to the sandbox.

With `release()`, held posts are dropped unanswered and later ones go through too, so the same address
(the same OK, as far as the outbox knows) serves the run after the kill.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests


class HoldServer:
    def __init__(self, forward_to: str) -> None:
        self.forward_to = forward_to.rstrip("/")
        self.received: list[bytes] = []  # each request's path and body
        self.holding = True
        self.released = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                outer.received.append(self.path.encode() + b" " + body)
                if b"mediatopic.post" in body and outer.holding:
                    outer.released.wait(120)
                    self.close_connection = True  # no answer at all: it never reached OK
                    return
                answer = requests.post(
                    outer.forward_to + self.path,
                    data=body,
                    headers={"Content-Type": self.headers.get("Content-Type", "")},
                    timeout=30,
                )
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("Content-Type", "application/json"))
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def got(self, text: bytes) -> bool:
        """Whether a request containing `text` (e.g. b"mediatopic.post") has arrived."""
        return any(text in request for request in list(self.received))

    def release(self) -> None:
        """Drop the held posts unanswered; from now on every call goes through."""
        self.holding = False
        self.released.set()

    def __enter__(self) -> HoldServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()
