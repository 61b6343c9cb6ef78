"""An HTTP server that takes every request and never answers it (until closed): a call OK has not acted on
yet, held open so a test can kill the client while it waits. Listings (mediatopic.getTopics) are answered
at once, with nothing listed."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HoldServer:
    def __init__(self) -> None:
        self.received: list[bytes] = []  # each request's path and body
        self.release = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                outer.received.append(self.path.encode() + b" " + body)
                if b"mediatopic.getTopics" in body:  # the look before a post: nothing there yet
                    answer = b'{"media_topics": []}'
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                    return
                outer.release.wait(120)
                self.close_connection = True  # no answer at all

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

    def __enter__(self) -> HoldServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
