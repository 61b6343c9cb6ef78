"""A small multipart/form-data parser over one in-memory body, handing out zero-copy views of each part."""

from __future__ import annotations

import io
from dataclasses import dataclass
from email.message import Message


class NotMultipart(ValueError):
    """The body is not a well-formed multipart/form-data body."""


@dataclass
class Part:
    name: str | None
    filename: str | None
    content_type: str | None
    data: memoryview


def boundary_of(content_type: str | None) -> bytes | None:
    """The boundary of a multipart/form-data Content-Type, or None for any other type."""
    if not content_type:
        return None
    header = Message()
    header["content-type"] = content_type
    if header.get_content_type() != "multipart/form-data":
        return None
    boundary = header.get_param("boundary")
    if not isinstance(boundary, str) or not 1 <= len(boundary) <= 200:
        return None
    return boundary.encode("latin-1")


def _headers(block: bytes) -> Message:
    header = Message()
    for line in block.decode("utf-8", "replace").split("\r\n"):
        name, sep, value = line.partition(":")
        if not sep:
            raise NotMultipart(f"bad part header line {line[:60]!r}")
        header[name.strip()] = value.strip()
    return header


def parse(body: bytes, boundary: bytes) -> list[Part]:
    """Split a multipart body into parts; each part's data is a view into `body`, not a copy."""
    view = memoryview(body)
    delimiter = b"--" + boundary
    position = body.find(delimiter)
    if position < 0:
        raise NotMultipart("no boundary in the body")
    parts: list[Part] = []
    while True:
        position += len(delimiter)
        if body[position : position + 2] == b"--":
            return parts  # the closing delimiter
        if body[position : position + 2] != b"\r\n":
            raise NotMultipart("a boundary is not followed by CRLF")
        head_end = body.find(b"\r\n\r\n", position + 2)
        if head_end < 0:
            raise NotMultipart("a part has no end of headers")
        header = _headers(body[position + 2 : head_end]) if head_end > position + 2 else Message()
        data_start = head_end + 4
        next_delimiter = body.find(b"\r\n" + delimiter, data_start)
        if next_delimiter < 0:
            raise NotMultipart("the body ends before the closing boundary")
        disposition = header.get("content-disposition")
        name = filename = None
        if disposition is not None:
            name = header.get_param("name", header="content-disposition")
            filename = header.get_filename()
        parts.append(
            Part(
                name=name if isinstance(name, str) else None,
                filename=filename,
                content_type=header.get_content_type() if header.get("content-type") else None,
                data=view[data_start:next_delimiter],
            )
        )
        position = next_delimiter + 2


class ViewReader(io.RawIOBase):
    """A seekable read-only file over a memoryview, so Pillow reads an upload without copying it."""

    def __init__(self, data: memoryview):
        super().__init__()
        self._data = data
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._data[self._pos : self._pos + len(buffer)]
        buffer[: len(chunk)] = chunk
        self._pos += len(chunk)
        return len(chunk)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._data)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos
