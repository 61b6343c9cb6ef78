"""A local web server for photo addresses (issue 17, item 4): each path answers with a fixed status, content
type and body; `hold` paths wait until released, to test timeouts without sleeping. No internet involved."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    body: bytes
    kind: str = "image/jpeg"
    status: int = 200
    length: int | None = None  # a Content-Length to claim (None: the body's; -1: none, the end is the close)
    hold: bool = False  # send the headers, then wait for release() before the body


class ImageServer:
    def __init__(self) -> None:
        self.answers: dict[str, Answer] = {}
        self.released = threading.Event()
        self.requests: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append(self.path)
                answer = outer.answers.get(self.path, Answer(b"not here", "text/plain", 404))
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.kind)
                size = answer.length if answer.length is not None else len(answer.body)
                if size >= 0:
                    self.send_header("Content-Length", str(size))
                self.end_headers()
                if answer.hold:
                    self.wfile.flush()
                    outer.released.wait(60)
                try:
                    self.wfile.write(answer.body)
                except OSError:
                    pass  # the client gave up first

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def release(self) -> None:
        self.released.set()


@contextmanager
def image_server() -> Iterator[ImageServer]:
    server = ImageServer()
    thread = threading.Thread(target=server.server.serve_forever, name="image-server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release()
        server.server.shutdown()
        server.server.server_close()
        thread.join(10)
