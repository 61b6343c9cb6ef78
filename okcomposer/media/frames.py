"""Every frame's declared size in a multi-frame image, read from the headers without decoding any pixels.

A decompression bomb may hide in a later frame: a small first frame, then one that declares 60000x60000.
GIF image descriptors, APNG fcTL chunks and WebP ANMF chunks are walked by hand (Pillow would decode the
frames before them to seek); TIFF directories and MPO pictures are read by Pillow's seek, which reads headers
only. Also: whether a JPEG lacking its end marker still holds all of its scan data (complete_without_eoi).
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from typing import IO

from PIL import Image

MAX_FRAMES = 10_000  # more frames than this is refused rather than walked
_JUNK = (b"\x00" * 256, b"\x55" * 256)


def frame_sizes(path: str, fmt: str | None) -> Iterator[tuple[int, int]]:
    """(width, height) of each frame as its header declares (GIF, APNG, WebP: every frame; TIFF, MPO: those
    after the first); nothing for a single image.

    Raises ValueError for a header cut short or more than MAX_FRAMES frames (the caller reports it).
    """
    walkers = {"GIF": _gif, "PNG": _apng, "WEBP": _webp}
    if fmt in walkers:
        with open(path, "rb") as fp:
            yield from _counted(walkers[fmt](fp))
    elif fmt in ("TIFF", "MPO", "JPEG"):
        with Image.open(path) as im:
            count = getattr(im, "n_frames", 1)
            if count > MAX_FRAMES:
                raise ValueError(f"{count} frames")
            for index in range(1, count):
                im.seek(index)
                yield im.size


def _counted(sizes: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    for index, size in enumerate(sizes):
        if index > MAX_FRAMES:
            raise ValueError(f"more than {MAX_FRAMES} frames")
        yield size


def _read(fp: IO[bytes], n: int) -> bytes:
    data = fp.read(n)
    if len(data) < n:
        raise ValueError("the file ends inside a frame header")
    return data


def _gif(fp: IO[bytes]) -> Iterator[tuple[int, int]]:
    head = _read(fp, 13)
    if head[10] & 0x80:
        fp.seek(3 * (2 << (head[10] & 7)), io.SEEK_CUR)  # the global colour table
    while True:
        kind = fp.read(1)
        if kind == b"!":  # an extension: its label, then sub-blocks
            _read(fp, 1)
            _skip_blocks(fp)
        elif kind == b",":
            _x, _y, width, height, flags = struct.unpack("<HHHHB", _read(fp, 9))
            yield width, height
            if flags & 0x80:
                fp.seek(3 * (2 << (flags & 7)), io.SEEK_CUR)  # a local colour table
            _read(fp, 1)  # LZW minimum code size
            _skip_blocks(fp)
        else:  # the trailer, or the end of a file without one
            return


def _skip_blocks(fp: IO[bytes]) -> None:
    while size := _read(fp, 1)[0]:
        fp.seek(size, io.SEEK_CUR)


def _apng(fp: IO[bytes]) -> Iterator[tuple[int, int]]:
    fp.seek(8)
    while len(header := fp.read(8)) == 8:
        length, kind = struct.unpack(">I4s", header)
        if kind == b"fcTL":
            _seq, width, height = struct.unpack(">III", _read(fp, 12))
            yield width, height
            fp.seek(length - 12 + 4, io.SEEK_CUR)
        elif kind == b"IEND":
            return
        else:
            fp.seek(length + 4, io.SEEK_CUR)


def _webp(fp: IO[bytes]) -> Iterator[tuple[int, int]]:
    fp.seek(12)
    while len(header := fp.read(8)) == 8:
        kind, length = struct.unpack("<4sI", header)
        if kind == b"ANMF":
            frame = _read(fp, 12)
            width = 1 + int.from_bytes(frame[6:9], "little")
            height = 1 + int.from_bytes(frame[9:12], "little")
            yield width, height
            fp.seek(length - 12 + (length & 1), io.SEEK_CUR)
        else:
            fp.seek(length + (length & 1), io.SEEK_CUR)


def complete_without_eoi(data: bytes) -> bool:
    """Whether a JPEG whose end-of-image marker is missing still holds all its scan data.

    Decoded in full (a progressive file's last scans refine detail only) with the marker added, and again
    with two kinds of junk before it: complete data ignores the junk; data cut short decodes the junk as
    the missing blocks, so the pictures differ. Trailing zero bytes are left out first. Raises whatever
    Pillow raises for a file it cannot decode.
    """
    data = data.rstrip(b"\x00")  # zeros a failed download left would be read as the missing data
    if data.endswith(b"\xff"):
        data += b"\x00"  # that zero was the stuffing after a 0xFF data byte, not padding
    picture = _decode(data + b"\xff\xd9")
    for junk in _JUNK:
        try:
            if _decode(data + junk + b"\xff\xd9") != picture:
                return False
        except OSError:  # the junk was read as scan data and did not decode: the data was cut short
            return False
    return True


def _decode(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        return im.tobytes()
