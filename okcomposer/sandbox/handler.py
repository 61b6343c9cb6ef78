"""The sandbox's HTTP handler: reading bodies, routing, faults, and answering or dropping connections."""

from __future__ import annotations

import re
import socket
import sys
import traceback
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from okcomposer.sandbox import dispatch, hooks, oauth, uploads, video
from okcomposer.sandbox.answers import ApiError, Response, error_response, json_response
from okcomposer.sandbox.faults import ERROR_KINDS

if TYPE_CHECKING:
    from okcomposer.sandbox.server import _Server

API_PATH = re.compile(r"/api/([A-Za-z0-9]+)/([A-Za-z0-9_]+)")
FORM = "application/x-www-form-urlencoded"
MIB = 1024 * 1024
PAGE_5XX = {500: "500 Internal Server Error", 503: "503 Service Temporarily Unavailable"}


def _body_answer(fault: dict) -> Response:
    """The body a test chose for an answer_* fault, as OK would send it: HTTP 200, as is."""
    return Response(status=200, body=fault["body"].encode("utf-8"))


class BodyTooLarge(Exception):
    pass


class BadRequest(Exception):
    pass


def form_pairs(raw: bytes | str) -> tuple[list[tuple[str, str]], str | None]:
    """Form/query parameters decoded as UTF-8, or a problem description."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict"), None
    except UnicodeDecodeError:
        return [], "parameters are not valid UTF-8"


class Handler(BaseHTTPRequestHandler):
    server: _Server  # the sandbox's server: its world and its open connections
    server_version = "okcomposer-sandbox"
    protocol_version = "HTTP/1.0"  # one request per connection: a dropped answer drops exactly one call
    timeout = 60

    def log_message(self, format, *args):  # noqa: A002  (quiet: tests and the CLI print nothing per request)
        pass

    def setup(self):
        super().setup()
        self.server.connections.add(self.connection)

    def finish(self):
        try:
            super().finish()
        except OSError:
            pass
        finally:
            self.server.connections.discard(self.connection)

    @property
    def world(self):
        return self.server.world

    def do_GET(self):
        self._route("GET")

    def do_POST(self):
        self._route("POST")

    def do_DELETE(self):
        self._route("DELETE")

    # --- reading ----------------------------------------------------------------------------------------
    def _body(self, limit: int) -> bytes:
        """The whole body, read once; an oversized one is drained, so the client can read the refusal."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._chunked(limit)
        text = self.headers.get("Content-Length") or "0"
        if not text.isascii() or not text.isdigit():
            raise BadRequest(f"bad Content-Length {text!r}")
        length = int(text)
        if length > limit:
            while length > 0:
                chunk = self.rfile.read(min(length, MIB))
                if not chunk:
                    break
                length -= len(chunk)
            raise BodyTooLarge()
        return self.rfile.read(length) if length > 0 else b""

    def _chunked(self, limit: int) -> bytes:
        chunks, total = [], 0
        while True:
            try:
                size = int(self.rfile.readline(100).split(b";")[0].strip() or b"0", 16)
            except ValueError:
                raise BadRequest("bad chunked body") from None
            if size == 0:
                while self.rfile.readline(1000) not in (b"\r\n", b"\n", b""):
                    pass
                break
            total += size
            if total > limit:
                raise BodyTooLarge()
            chunks.append(self.rfile.read(size))
            self.rfile.readline(10)
        return b"".join(chunks)

    # --- routing ----------------------------------------------------------------------------------------
    def _route(self, verb: str) -> None:
        try:
            url = urlsplit(self.path)
            path = url.path
            if path.startswith("/sandbox/"):
                body = self._body(16 * MIB) if verb != "GET" else b""
                return self._send(hooks.handle(self.world, verb, path, body), delay=False)
            api = API_PATH.fullmatch(path)
            if path == "/fb.do" or api:
                if verb not in ("GET", "POST"):
                    return self._send(json_response({"error": "method not allowed"}, status=405))
                return self._fbdo(verb, url.query, f"{api.group(1)}.{api.group(2)}" if api else None)
            if path == "/oauth/authorize" and verb == "GET":
                return self._send(oauth.authorize(self.world, dict(form_pairs(url.query)[0])))
            if path == "/oauth/token.do" and verb == "POST":
                params = dict(form_pairs(url.query)[0])
                params.update(form_pairs(self._body(MIB))[0])
                return self._faulted("oauth.token", lambda: oauth.token(self.world, params))
            if path in ("/upload/photo", "/upload/video") and verb == "POST":
                return self._upload(path, dict(form_pairs(url.query)[0]))
            if path == "/upload/video" and verb == "GET":  # the resumable upload's progress
                query = dict(form_pairs(url.query)[0])
                return self._faulted("upload.video.status", lambda: video.upload_status(self.world, query))
            self._send(json_response({"error": f"no such endpoint: {verb} {path}"}, status=404), delay=False)
        except BodyTooLarge:
            self._send(json_response({"error": "request body too large"}, status=413))
        except BadRequest as exc:
            self.close_connection = True
            self._send(json_response({"error": str(exc)}, status=400), delay=False)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception:
            traceback.print_exc(file=sys.stderr)
            self._send(json_response({"error": "sandbox bug, see its stderr"}, status=500), delay=False)

    def _fbdo(self, verb: str, query: str, path_method: str | None) -> None:
        pairs, problem = form_pairs(query)
        if verb == "POST":
            body = self._body(16 * MIB)
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if body and content_type != FORM:
                problem = problem or f"fb.do takes {FORM} parameters, not {content_type or 'an untyped body'}"
            elif body:
                more, body_problem = form_pairs(body)
                pairs, problem = pairs + more, problem or body_problem
        name = dispatch.method_name(pairs, path_method)
        self._faulted(
            name,
            lambda: dispatch.call(self.world, pairs, path_method, problem),
            lambda kind: dispatch.record_fault(self.world, pairs, name, kind),
            pairs,
        )

    def _upload(self, path: str, query: dict[str, str]) -> None:
        limits = self.world.limits
        photo = path == "/upload/photo"
        limit = (
            limits.photos_per_upload_url * limits.photo_max_bytes if photo else limits.video_max_bytes
        ) + MIB
        try:
            body = self._body(limit)
        except BodyTooLarge:
            return self._send(error_response(ApiError(500 if photo else 100, "the upload is too large")))

        def action() -> Response:
            try:
                if photo:
                    return uploads.upload_photo(self.world, query, self.headers.get("Content-Type"), body)
                return video.upload_video(self.world, query, self.headers, body)
            except ApiError as error:
                return error_response(error)

        self._faulted("upload.photo" if photo else "upload.video", action)

    # --- answering --------------------------------------------------------------------------------------
    def _faulted(self, point, action, record=None, pairs=None) -> None:
        """Run an API action under whatever fault is set for this point."""
        fault = self.world.faults.take(point)
        kind = fault["kind"] if fault else None
        if kind in ("drop_before", "http500", "http503", "answer_before") and record:
            record(kind)
        if kind == "drop_before":
            return self._drop()
        if kind in ("http500", "http503"):
            status = int(kind[4:])
            page = f"<html><body><h1>{PAGE_5XX[status]}</h1></body></html>".encode()
            return self._send(Response(status=status, body=page, content_type="text/html"))
        if kind in ERROR_KINDS:
            return self._send(
                dispatch.fault_answer(self.world, pairs or [], point, kind, ERROR_KINDS[kind], bool(record))
            )
        if kind == "answer_before":
            return self._send(_body_answer(fault))
        answer = action()
        if kind == "answer_after":
            answer = _body_answer(fault)
        if kind == "drop_after":
            return self._drop()
        if kind == "slow":
            self.world.stopping.wait(fault["slow_seconds"])
        self._send(answer)

    def _drop(self) -> None:
        """Close the TCP connection without a byte of answer, so the client sees a connection error."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _send(self, answer: Response, delay: bool = True) -> None:
        if delay and self.world.latency_ms:
            self.world.stopping.wait(self.world.latency_ms / 1000)
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(answer.body)
        except (ConnectionError, OSError):
            self.close_connection = True
