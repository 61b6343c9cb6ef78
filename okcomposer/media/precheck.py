"""Checks a photo against OK's limits from its header and a bounded integrity test, before any upload.

The steps are here; media.sniff reads headers, media.integrity tests the data, media.result holds the answer.
"""

from __future__ import annotations

import dataclasses
import math
import os
import stat
import struct
import threading
import warnings
from typing import IO

from PIL import Image, UnidentifiedImageError

from okcomposer.limits import Limits, current_limits
from okcomposer.media import heif
from okcomposer.media.frames import frame_sizes
from okcomposer.media.integrity import decode_problem, integrity_problem, jpeg_segments
from okcomposer.media.result import (
    CORRUPTED,
    FIX_NAMES,
    INVALID_FORMAT,
    NO_IMAGE,
    SIZE_LIMIT_EXCEEDED,
    SIZE_TOO_BIG,
    SIZE_TOO_SMALL,
    Facts,
    PrecheckResult,
    mime_type,
    notes,
    result,
    size_words,
    why,
)
from okcomposer.media.sniff import open_unchecked, read_header, unidentified

# HEIC/HEIF photos from phones: pillow-heif teaches Pillow to open them (AVIF is Pillow's own), imported
# the first time such a file is opened; without it, HEIC gets the advice to export as JPEG.
heif.register_lazily()

__all__ = [
    "CONVERTED",
    "CORRUPTED",
    "FIX_NAMES",
    "INVALID_FORMAT",
    "NO_IMAGE",
    "SIZE_LIMIT_EXCEEDED",
    "SIZE_TOO_BIG",
    "SIZE_TOO_SMALL",
    "REASONS",
    "PrecheckResult",
    "fitted_size",
    "open_image",
    "jpeg_segments",
    "mime_type",
    "precheck",
]

# Pillow's own decompression-bomb threshold (~270 MB as RGB): the most this app ever decodes at once.
SAFE_DECODE_PIXELS = 89_478_485
# The most pixels the integrity check decodes for formats without a cheaper test (GIF, BMP, WebP, TIFF).
CHECK_DECODE_PIXELS = 25_000_000
# Formats OK does not take that the app converts to JPEG by itself (the phones' formats): they pass the
# checks with the conversion as a default fix (media.fixes.default_fixes).
CONVERTED = ("HEIF", "AVIF")
# The finer causes behind a code (PrecheckResult.reason) -> the English message; the window has a translated
# template for each (ui/common/message_text.py PRECHECK_REASONS), so it says what `okcomposer check` says.
# {name}: the file name; {why}: the system's words; {dims}: WxH; {fitted}: the WxH the downscale fix gives;
# {side}, {megapixels} and {safe_megapixels}: the limits.
REASONS = {
    "missing": "{name} does not exist (moved or deleted?). Pick the file again.",
    "unopenable": "{name} cannot be opened ({why}). Pick another file.",
    "folder": "{name} is a folder, not an image file. Pick a photo inside it.",
    "not_regular": "{name} is not a regular file (a pipe or device?). Pick a photo.",
    "empty": "{name} is empty (0 bytes): an unfinished download or copy? Pick the complete photo.",
    "unreadable": "{name} cannot be read ({why}). Check its permissions.",
    "too_large_to_open": "{name} declares an image too large to open safely. Pick a smaller image.",
    "too_big": (
        "{name} is {dims} pixels; OK takes at most {side} pixels a side and {megapixels} megapixels. "
        "Downscale it to {fitted} (offered) or pick a smaller image."
    ),
    "too_large_to_shrink": (
        "{name} is {dims} pixels; OK takes at most {side} pixels a side and {megapixels} megapixels. "
        "It is too large to shrink safely here (over {safe_megapixels} megapixels): resize it in an image "
        "editor or pick another image."
    ),
}


def precheck(path: str | os.PathLike[str], limits: Limits | None = None) -> PrecheckResult:
    """Check one file against OK's limits; never raises, never decodes more than a bounded amount."""
    limits = limits or current_limits()  # a bad OKC_LIMIT_* setting is the app's error, not the file's: raise
    facts = Facts(path=str(path))
    try:
        facts.name = os.path.basename(os.path.normpath(facts.path)) or facts.path
        return _check(facts, limits)
    except Exception as exc:  # whatever the OS or Pillow throws becomes an answer, never a crash
        code = CORRUPTED if facts.format else INVALID_FORMAT
        message = f"{facts.name} could not be read as an image ({why(exc)}). Pick another file."
        return result(facts, code, message)


# catch_warnings changes the process-wide filters: one thread at a time, so none restores another's.
_QUIET_OPEN = threading.Lock()


def open_image(path: str | os.PathLike[str] | IO[bytes]) -> Image.Image:
    """Image.open without Pillow's DecompressionBombWarning (a stderr line not starting "okcomposer:"): the
    callers compare the pixel count with SAFE_DECODE_PIXELS themselves before decoding. Pillow's
    DecompressionBombError (over twice its limit) is still raised; other warnings are shown as usual."""
    with _QUIET_OPEN, warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(path)


def fitted_size(width: int, height: int, limits: Limits) -> tuple[int, int]:
    """The largest size with the same aspect ratio that fits OK's side and pixel limits."""
    # The side limit in whole numbers: a float scale floors 97 * (50 / 97) to 49, one pixel short.
    longest = max(width, height, 1)
    side = min(longest, limits.photo_max_side)
    width, height = max(1, width * side // longest), max(1, height * side // longest)
    if width * height > limits.photo_max_pixels:
        scale = math.sqrt(limits.photo_max_pixels / (width * height))
        width, height = max(1, math.floor(width * scale)), max(1, math.floor(height * scale))
    return width, height


def _said(f: Facts, code: str, reason: str, fixes: tuple[str, ...] = (), **details: object) -> PrecheckResult:
    """The answer for one of REASONS, the message from its template and `details`, with `fixes`."""
    message = REASONS[reason].format(name=f.name, **details)
    answer = result(f, code, message, fixes)
    return dataclasses.replace(answer, reason=reason, details=tuple(details.items()))


def _damaged(f: Facts, message: str) -> PrecheckResult:
    """A damaged file: no fix is offered, since each one rewrites the same damaged data and its copy would
    fail the check again (removing a GPS location leaves the image cut short)."""
    return dataclasses.replace(result(f, CORRUPTED, message), fixes=())


def _check(f: Facts, limits: Limits) -> PrecheckResult:
    problem = _file_problem(f)
    if problem:
        return problem
    assert f.bytes is not None
    if f.bytes > limits.photo_max_bytes:
        return _too_many_bytes(f, limits)
    try:
        im = open_image(f.path)  # over SAFE_DECODE_PIXELS: the pixel limit below refuses it without decoding
    except Image.DecompressionBombError:
        return _bomb(f, limits)
    except UnidentifiedImageError:
        return unidentified(f)
    except OSError as exc:
        if exc.errno is None:  # Pillow's own "truncated" errors while reading the header
            return unidentified(f)
        return _said(f, NO_IMAGE, "unreadable", why=exc.strerror)
    with im:
        read_header(f, im)
        return _check_image(f, im, limits)


def _file_problem(f: Facts) -> PrecheckResult | None:
    try:
        st = os.stat(f.path)
    except FileNotFoundError:
        return _said(f, NO_IMAGE, "missing")
    except (OSError, ValueError) as exc:
        return _said(f, NO_IMAGE, "unopenable", why=why(exc))
    if stat.S_ISDIR(st.st_mode):
        return _said(f, NO_IMAGE, "folder")
    if not stat.S_ISREG(st.st_mode):  # a pipe or device could block or never end: never open one
        return _said(f, NO_IMAGE, "not_regular")
    f.bytes = st.st_size
    if not f.bytes:
        return _said(f, NO_IMAGE, "empty")
    return None


def _too_many_bytes(f: Facts, limits: Limits) -> PrecheckResult:
    # The code comes from the byte count alone; the header is read only to know whether shrinking it can help.
    fixable = False
    try:
        with open_image(f.path) as im:
            read_header(f, im)
            fixable = f.pixels <= SAFE_DECODE_PIXELS
    except Exception:
        pass
    assert f.bytes is not None
    advice = "Downscale it (offered) or pick a smaller file." if fixable else "Pick a smaller file."
    limit = limits.photo_max_bytes
    sizes = f"{f.name} is {size_words(f.bytes, limit)}; OK takes at most {size_words(limit, limit)}."
    message = f"{sizes} {advice}"
    return result(f, SIZE_LIMIT_EXCEEDED, message, ("downscale",) if fixable else ())


def _bomb(f: Facts, limits: Limits) -> PrecheckResult:
    try:
        f.format, size = open_unchecked(f.path)
        f.width, f.height = size or (None, None)
    except Exception:
        pass
    if f.width is None:
        return _said(f, SIZE_TOO_BIG, "too_large_to_open")
    return _too_big(f, limits)


def _check_image(f: Facts, im: Image.Image, limits: Limits) -> PrecheckResult:
    assert f.width is not None and f.height is not None
    if f.format in CONVERTED and f.format not in limits.photo_formats and f.pixels <= SAFE_DECODE_PIXELS:
        f.sent_as = "JPEG" if decode_problem(im) is None else None
    if f.format not in limits.photo_formats and f.sent_as is None:
        return _unsupported(f, im, limits)
    if max(f.width, f.height) > limits.photo_max_side or f.pixels > limits.photo_max_pixels:
        return _too_big(f, limits)
    big = _big_frame(f, limits)
    if big is not None:
        return big
    if min(f.width, f.height) < limits.photo_min_side:
        message = (
            f"{f.name} is only {f.dims} pixels; OK needs at least {limits.photo_min_side} pixels on each "
            "side. Pick a larger image."
        )
        return result(f, SIZE_TOO_SMALL, message)
    broken = integrity_problem(f, im, SAFE_DECODE_PIXELS, CHECK_DECODE_PIXELS)
    if broken:
        message = f"{f.name} is damaged: {broken}. An incomplete download or copy? Pick the original again."
        return _damaged(f, message)
    return _ready(f)


def _unsupported(f: Facts, im: Image.Image, limits: Limits) -> PrecheckResult:
    fixes: tuple[str, ...] = ()
    if f.pixels <= SAFE_DECODE_PIXELS and decode_problem(im) is None:
        fixes = ("reencode_jpeg",)
    if fixes and _downscale_helps(f, limits):
        fixes += ("downscale",)
    taken = ", ".join(limits.photo_formats)
    advice = "Convert it to JPEG (offered)." if fixes else "Export it as JPEG in an image editor."
    message = f"{f.name} is in {f.format} format, which OK does not take (it takes {taken}). {advice}"
    return result(f, INVALID_FORMAT, message, fixes)


def _too_big(f: Facts, limits: Limits) -> PrecheckResult:
    megapixels = f"{limits.photo_max_pixels / 1e6:g}"
    limit = f"OK takes at most {limits.photo_max_side} pixels a side and {megapixels} megapixels"
    if _downscale_helps(f, limits):
        width, height = fitted_size(f.width or 0, f.height or 0, limits)
        side = limits.photo_max_side
        fitted = f"{width}x{height}"
        return _said(
            f,
            SIZE_TOO_BIG,
            "too_big",
            ("downscale",),
            dims=f.dims,
            side=side,
            megapixels=megapixels,
            fitted=fitted,
        )
    if f.pixels > SAFE_DECODE_PIXELS:  # decoding it whole to shrink it could exhaust the memory
        safe = f"{SAFE_DECODE_PIXELS / 1e6:.1f}"
        side = limits.photo_max_side
        return _said(
            f,
            SIZE_TOO_BIG,
            "too_large_to_shrink",
            dims=f.dims,
            side=side,
            megapixels=megapixels,
            safe_megapixels=safe,
        )
    advice = "It is too large to shrink safely here: resize it in an image editor or pick another image."
    return result(f, SIZE_TOO_BIG, f"{f.name} is {f.dims} pixels; {limit}. {advice}")


def _big_frame(f: Facts, limits: Limits) -> PrecheckResult | None:
    """A later frame whose header declares more than the limits (checked without decoding it)."""
    try:
        for number, (width, height) in enumerate(frame_sizes(f.path, f.format), start=1):
            if max(width, height) > limits.photo_max_side or width * height > limits.photo_max_pixels:
                message = (
                    f"{f.name} has a frame of {width}x{height} pixels (frame {number}); OK takes at most "
                    f"{limits.photo_max_side} pixels a side. Pick another image."
                )
                return result(f, SIZE_TOO_BIG, message)
    except (ValueError, OSError, EOFError, struct.error) as exc:
        advice = "An incomplete download or copy? Pick the original again."
        return _damaged(f, f"{f.name} is damaged: {why(exc)}. {advice}")
    return None


def _downscale_helps(f: Facts, limits: Limits) -> bool:
    over = max(f.width or 0, f.height or 0) > limits.photo_max_side or f.pixels > limits.photo_max_pixels
    fitted = fitted_size(f.width or 0, f.height or 0, limits)
    return over and f.pixels <= SAFE_DECODE_PIXELS and min(fitted) >= limits.photo_min_side


def _ready(f: Facts) -> PrecheckResult:
    found = notes(f)
    summary = f"{f.name} is ready to upload ({f.format}, {f.dims}, {size_words(f.bytes or 0)})."
    message = " ".join([summary, *(text for _, text in found)])
    return result(f, None, message, tuple(fix for fix, _ in found if fix))
