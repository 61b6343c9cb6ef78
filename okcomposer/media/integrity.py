"""Whether an image's data is all there, tested for a bounded cost: JPEG markers and a 1/8-scale decode,
PNG chunk CRCs, and a full decode only for other formats up to a pixel bound."""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from typing import IO

from PIL import Image

from okcomposer.limits import MIB
from okcomposer.media.frames import complete_without_eoi
from okcomposer.media.result import Facts, why

# A camera may append data after a JPEG's end marker (motion photos append a video): look this far back.
JPEG_TAIL_BYTES = 64 * 1024
_MAX_SEGMENTS = 4096
_MAX_FILL_BYTES = 64


def jpeg_segments(fp: IO[bytes]) -> Iterator[tuple[int, int, int]]:
    """(marker, offset, length) of each JPEG header segment after SOI, up to and including SOS."""
    if fp.read(2) != b"\xff\xd8":
        return
    for _ in range(_MAX_SEGMENTS):
        if fp.read(1) != b"\xff":
            return
        code = fp.read(1)
        for _ in range(_MAX_FILL_BYTES):  # 0xFF fill bytes may pad a marker
            if code != b"\xff":
                break
            code = fp.read(1)
        if not code or code == b"\xd9":
            return
        start = fp.tell() - 2
        marker = 0xFF00 | code[0]
        if code[0] == 0x01 or 0xD0 <= code[0] <= 0xD7:  # standalone markers carry no length
            yield marker, start, 2
            continue
        raw = fp.read(2)
        if len(raw) < 2 or struct.unpack(">H", raw)[0] < 2:
            return
        length = 2 + struct.unpack(">H", raw)[0]
        yield marker, start, length
        if marker == 0xFFDA:
            return
        fp.seek(start + length)


def integrity_problem(f: Facts, im: Image.Image, safe_pixels: int, check_pixels: int) -> str | None:
    """Why the image's data is damaged, or None. safe_pixels: the most ever decoded (an EOI-less JPEG's
    completeness test); check_pixels: the most decoded for GIF, BMP, WebP and TIFF (bigger ones pass)."""
    if f.format == "JPEG":
        return _jpeg_problem(f, im, safe_pixels)
    if f.format == "PNG":
        try:
            im.verify()  # reads every chunk and checks its CRC without inflating the pixels
        except Exception as exc:
            return why(exc)
        return None
    if f.pixels > check_pixels:
        return None  # a huge GIF/BMP/WebP/TIFF is rare: leave it to OK's own check rather than decode it all
    return decode_problem(im)


def _jpeg_problem(f: Facts, im: Image.Image, safe_pixels: int) -> str | None:
    with open(f.path, "rb") as fp:
        scan = next((off + n for marker, off, n in jpeg_segments(fp) if marker == 0xFFDA), None)
        size = fp.seek(0, os.SEEK_END)
        if scan is None or scan >= size:
            return "its headers end before the image data"
        fp.seek(max(scan, size - JPEG_TAIL_BYTES))
        # In the compressed data 0xFF is always escaped, so FFD9 there can only be the end-of-image marker.
        if b"\xff\xd9" in fp.read():
            return None
        if not contains_eoi(fp, scan):
            fp.seek(0)
            if f.pixels <= safe_pixels and complete_without_eoi(fp.read()):
                f.no_eoi = True  # all its data is there: only the marker is missing
                return None
            return "it stops before its end-of-image marker, so it is cut short"
    return jpeg_draft_problem(im)  # data appended after the end (motion photos): decode at 1/8 to be sure


def contains_eoi(fp: IO[bytes], start: int) -> bool:
    """Whether FFD9 occurs anywhere from start on, read in 1 MB blocks (only for files with odd tails)."""
    fp.seek(start)
    last = b""
    while block := fp.read(MIB):
        if b"\xff\xd9" in last[-1:] + block:
            return True
        last = block
    return False


def jpeg_draft_problem(im: Image.Image) -> str | None:
    """Decode at 1/8 scale: libjpeg still reads every scan to its end, so a truncation shows, for less."""
    try:
        im.draft(None, (max(1, im.width // 8), max(1, im.height // 8)))
        im.load()
    except Exception as exc:
        return why(exc)
    return None


def decode_problem(im: Image.Image) -> str | None:
    """Why decoding the first frame fails, or None when it decodes."""
    try:
        im.seek(0)
        im.load()
    except Exception as exc:
        return why(exc)
    return None
