"""Streamed multipart bodies for OK's upload URLs, with byte progress and cancel."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from requests_toolbelt import MultipartEncoder

from okcomposer.api.errors import OkCancelled

Progress = Callable[[int, int], None]  # (bytes sent, total bytes)


def text_name(name: str) -> str:
    """`name` as valid Unicode text: bytes a file name held that are not UTF-8 become U+FFFD.

    A non-UTF-8 name on Linux reaches Python as a str with surrogate escapes (b'caf\\xe9.jpg' is
    'caf\\udce9.jpg'), which no encoder, database or terminal takes; use this wherever a name is shown,
    stored as text or sent as a parameter.
    """
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte (a Windows name): replace it
        return name.encode("utf-8", "replace").decode("utf-8")


def part_filename(file: UploadFile) -> str:
    """The filename sent for a part: the file's own name when it is valid text, else a neutral one.

    OK's upload hosts do not document any use of the name (docs/ok-api.md "Upload hosts"), so a name that
    cannot be encoded (non-UTF-8 bytes) is sent as the field and the extension, e.g. "pic1.jpg".
    """
    name = file.path.name
    if text_name(name) == name:
        return name
    suffix = file.path.suffix
    return file.field + (suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,10}", suffix) else "")


@dataclass(frozen=True)
class UploadFile:
    """One file part: the form field (pic1..N, data), the path on disk and its MIME type."""

    field: str
    path: Path
    mime: str = "application/octet-stream"

    @property
    def size(self) -> int:
        return self.path.stat().st_size


class CancelToken:
    """Set from any thread; checked between steps and while a body is being sent.

    A child token is cancelled with its parent, but cancelling a child leaves the parent alone.
    """

    def __init__(self, parent: CancelToken | None = None) -> None:
        self._event = threading.Event()
        self._children: list[CancelToken] = []
        self._callbacks: list[Callable[[], None]] = []
        if parent is not None:
            parent._children.append(self)
            if parent.cancelled:
                self._event.set()

    def child(self) -> CancelToken:
        return CancelToken(self)

    def cancel(self) -> None:
        self._event.set()
        for child in self._children:
            child.cancel()
        for callback in list(self._callbacks):
            callback()

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Run `callback` when cancelled (at once if already); returns a function that unregisters it."""
        self._callbacks.append(callback)
        if self.cancelled:
            callback()
        return lambda: self._callbacks.remove(callback) if callback in self._callbacks else None

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise OkCancelled("cancelled")

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True when cancelled meanwhile."""
        return self._event.wait(seconds)


CHUNK = 256 * 1024  # big enough for full loopback speed, small enough to notice cancel quickly on slow links


class StreamingBody:
    """An iterable body of known length: requests sends it with Content-Length, chunk by chunk from disk."""

    def __init__(self, encoder: MultipartEncoder, progress: Progress | None, cancel: CancelToken | None):
        self._encoder = encoder
        self._progress = progress
        self._cancel = cancel
        self.sent = 0

    def __len__(self) -> int:
        return self._encoder.len

    def __iter__(self):
        total = self._encoder.len
        while True:
            # Raising here aborts the request mid-body: that is how cancel stops an upload at once.
            if self._cancel is not None:
                self._cancel.raise_if_cancelled()
            chunk = self._encoder.read(CHUNK)
            if not chunk:
                return
            yield chunk
            self.sent += len(chunk)
            if self._progress is not None:
                self._progress(min(self.sent, total), total)


def multipart_body(
    files: Sequence[UploadFile],
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> tuple[StreamingBody, str, list[Any]]:
    """A streaming multipart body (files are read from disk as the socket takes them).

    Returns (body, content type, open file objects the caller must close).
    """
    handles = [f.path.open("rb") for f in files]
    try:
        fields = [(f.field, (part_filename(f), h, f.mime)) for f, h in zip(files, handles, strict=True)]
        encoder = MultipartEncoder(fields=fields)
    except BaseException:
        for h in handles:
            h.close()
        raise
    return StreamingBody(encoder, progress, cancel), encoder.content_type, handles
