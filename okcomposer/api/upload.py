"""Streamed multipart bodies for OK's upload URLs, with byte progress and cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from requests_toolbelt import MultipartEncoder, MultipartEncoderMonitor

from okcomposer.api.errors import OkCancelled

Progress = Callable[[int, int], None]  # (bytes sent, total bytes)


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

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise OkCancelled("cancelled")

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True when cancelled meanwhile."""
        return self._event.wait(seconds)


def multipart_body(
    files: Sequence[UploadFile],
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> tuple[Any, str, list[Any]]:
    """A streaming multipart body (files are read from disk as the socket takes them).

    Returns (body, content type, open file objects the caller must close).
    """
    handles = [f.path.open("rb") for f in files]
    try:
        fields = [(f.field, (f.path.name, h, f.mime)) for f, h in zip(files, handles, strict=True)]
        encoder = MultipartEncoder(fields=fields)
    except BaseException:
        for h in handles:
            h.close()
        raise
    total = encoder.len

    def on_read(monitor: MultipartEncoderMonitor) -> None:
        # Raising here aborts the request mid-body: that is how cancel stops an upload at once.
        if cancel is not None:
            cancel.raise_if_cancelled()
        if progress is not None:
            progress(min(monitor.bytes_read, total), total)

    monitor = MultipartEncoderMonitor(encoder, on_read)
    return monitor, monitor.content_type, handles
