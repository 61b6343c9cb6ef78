"""What a precheck found: the result, the facts learned on the way, the notes on a good file, sizes in words.

Shared by media.precheck (the steps) and media.sniff / media.integrity (the header and data tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PIL import Image

from okcomposer.limits import MIB

FIX_NAMES = ("downscale", "reencode_jpeg", "exif_orientation", "strip_gps")
NO_IMAGE = "PHOTO_NO_IMAGE"
INVALID_FORMAT = "PHOTO_INVALID_FORMAT"
CORRUPTED = "PHOTO_IMAGE_CORRUPTED"
SIZE_LIMIT_EXCEEDED = "PHOTO_SIZE_LIMIT_EXCEEDED"
SIZE_TOO_SMALL = "PHOTO_SIZE_TOO_SMALL"
SIZE_TOO_BIG = "PHOTO_SIZE_TOO_BIG"

_MIME = {
    "JPEG": "image/jpeg",
    "MPO": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "BMP": "image/bmp",
    "WEBP": "image/webp",
    "TIFF": "image/tiff",
    "HEIF": "image/heif",
}


@dataclass(frozen=True)
class PrecheckResult:
    """What precheck found about one file; `code` is OK's own error name for the problem, None when ok."""

    path: str
    ok: bool
    code: str | None
    message: str
    format: str | None = None
    width: int | None = None
    height: int | None = None
    bytes: int | None = None
    fixes: tuple[str, ...] = ()
    mime: str | None = None
    orientation: int | None = None
    has_gps: bool = False
    sent_as: str | None = None  # the format it is converted to before sending ("JPEG" for HEIC, AVIF)
    no_eoi: bool = False  # a JPEG complete but for its end marker (added back by the reencode_jpeg fix)
    reason: str | None = None  # the finer cause, a key of media.precheck.REASONS (the window words it too)
    details: tuple[tuple[str, Any], ...] = ()  # the reason's template values besides {name}, as pairs

    def to_json(self) -> dict[str, Any]:
        keys = ("path", "ok", "code", "message", "format", "width", "height", "bytes")
        return {key: getattr(self, key) for key in keys}


@dataclass
class Facts:
    """What has been learned so far; precheck turns it into a frozen result at whichever step stops."""

    path: str
    name: str = ""
    format: str | None = None
    width: int | None = None
    height: int | None = None
    bytes: int | None = None
    mode: str | None = None
    orientation: int | None = None
    has_gps: bool = False
    bit16: bool = False
    animated: bool = False
    sent_as: str | None = None
    no_eoi: bool = False

    @property
    def pixels(self) -> int:
        return (self.width or 0) * (self.height or 0)

    @property
    def dims(self) -> str:
        return f"{self.width}x{self.height}"


def mime_type(format: str | None) -> str | None:
    """The MIME type for a Pillow format name ("JPEG" -> "image/jpeg"), for each part of an upload."""
    if not format:
        return None
    format = format.upper()
    return _MIME.get(format) or Image.MIME.get(format) or "application/octet-stream"


def notes(f: Facts) -> list[tuple[str | None, str]]:
    """(fix offered or None, sentence) for each thing worth saying about a file that OK takes."""
    found: list[tuple[str | None, str]] = []
    if f.orientation is not None and 2 <= f.orientation <= 8:
        found.append(
            ("exif_orientation", "Its EXIF says to show it rotated; turning the pixels upright is offered.")
        )
    if f.has_gps:
        found.append(("strip_gps", "It holds the GPS location where it was taken; removing it is offered."))
    if f.format == "JPEG" and f.mode == "CMYK":
        found.append(
            ("reencode_jpeg", "It is a CMYK JPEG, which may show odd colours; converting to RGB is offered.")
        )
    if f.bit16:
        found.append(
            ("reencode_jpeg", "It is a 16-bit PNG, which OK may refuse; an 8-bit JPEG copy is offered.")
        )
    if f.sent_as:
        found.append(("reencode_jpeg", f"OK does not take {f.format}: it will be sent as JPEG."))
    if f.no_eoi:
        text = "It lacks its end-of-image marker (its data is complete); adding it is offered."
        found.append(("reencode_jpeg", text))
    if f.format == "GIF" and f.animated:
        found.append((None, "It is an animated GIF and is uploaded as is, with all its frames."))
    return found


def result(f: Facts, code: str | None, message: str, fixes: tuple[str, ...] = ()) -> PrecheckResult:
    """The frozen answer: a problem's own fixes plus those the notes offer, in FIX_NAMES order."""
    if code is not None:
        fixes += tuple(fix for fix, _ in notes(f) if fix)
    ordered = tuple(name for name in FIX_NAMES if name in fixes)
    return PrecheckResult(
        path=f.path,
        ok=code is None,
        code=code,
        message=message,
        format=f.format,
        width=f.width,
        height=f.height,
        bytes=f.bytes,
        fixes=ordered,
        mime=mime_type(f.format),
        orientation=f.orientation,
        has_gps=f.has_gps,
        sent_as=f.sent_as,
        no_eoi=f.no_eoi,
    )


def size_words(n: int, unit_of: int | None = None) -> str:
    """n bytes in MB, or in KB when unit_of (default n) is under 0.1 MB."""
    if (n if unit_of is None else unit_of) >= MIB // 10:
        return f"{n / MIB:.1f}".removesuffix(".0") + " MB"
    return f"{n / 1024:.1f}".removesuffix(".0") + " KB"


def why(exc: BaseException) -> str:
    """An exception in at most 160 characters, for a message ("ValueError" when it says nothing)."""
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
