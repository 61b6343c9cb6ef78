"""Checks a photo against OK's limits from its header and a bounded integrity test, before any upload."""

from __future__ import annotations

import math
import os
import stat
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from PIL import ExifTags, Image, UnidentifiedImageError

from okcomposer.limits import MIB, Limits, current_limits
from okcomposer.media.frames import complete_without_eoi, frame_sizes

try:  # HEIC/HEIF photos from phones: pillow-heif teaches Pillow to open them (AVIF is Pillow's own)
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # a source install without it: HEIC gets the advice to export as JPEG
    pass

FIX_NAMES = ("downscale", "reencode_jpeg", "exif_orientation", "strip_gps")
NO_IMAGE = "PHOTO_NO_IMAGE"
INVALID_FORMAT = "PHOTO_INVALID_FORMAT"
CORRUPTED = "PHOTO_IMAGE_CORRUPTED"
SIZE_LIMIT_EXCEEDED = "PHOTO_SIZE_LIMIT_EXCEEDED"
SIZE_TOO_SMALL = "PHOTO_SIZE_TOO_SMALL"
SIZE_TOO_BIG = "PHOTO_SIZE_TOO_BIG"

# Pillow's own decompression-bomb threshold (~270 MB as RGB): the most this app ever decodes at once.
SAFE_DECODE_PIXELS = 89_478_485
# The most pixels the integrity check decodes for formats without a cheaper test (GIF, BMP, WebP, TIFF).
CHECK_DECODE_PIXELS = 25_000_000
# A camera may append data after a JPEG's end marker (motion photos append a video): look this far back.
JPEG_TAIL_BYTES = 64 * 1024
_MAX_SEGMENTS = 4096
_MAX_FILL_BYTES = 64

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
# Files that start like an image Pillow knows but cannot be identified are damaged, not of a foreign format.
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
# Formats OK does not take that the app converts to JPEG by itself (the phones' formats): they pass the
# checks with the conversion as a default fix (media.fixes.default_fixes).
CONVERTED = ("HEIF", "AVIF")
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"heif", b"mif1", b"msf1"}


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

    def to_json(self) -> dict[str, Any]:
        keys = ("path", "ok", "code", "message", "format", "width", "height", "bytes")
        return {key: getattr(self, key) for key in keys}


@dataclass
class _Facts:
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


def precheck(path: str | os.PathLike[str], limits: Limits | None = None) -> PrecheckResult:
    """Check one file against OK's limits; never raises, never decodes more than a bounded amount."""
    limits = limits or current_limits()  # a bad OKC_LIMIT_* setting is the app's error, not the file's: raise
    facts = _Facts(path=str(path))
    try:
        facts.name = os.path.basename(os.path.normpath(facts.path)) or facts.path
        return _check(facts, limits)
    except Exception as exc:  # whatever the OS or Pillow throws becomes an answer, never a crash
        code = CORRUPTED if facts.format else INVALID_FORMAT
        message = f"{facts.name} could not be read as an image ({_why(exc)}). Pick another file."
        return _result(facts, code, message)


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


def _check(f: _Facts, limits: Limits) -> PrecheckResult:
    problem = _file_problem(f)
    if problem:
        return problem
    assert f.bytes is not None
    if f.bytes > limits.photo_max_bytes:
        return _too_many_bytes(f, limits)
    try:
        im = Image.open(f.path)
    # The warning is an exception only when warnings are errors; otherwise the pixel limit below catches it.
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _bomb(f, limits)
    except UnidentifiedImageError:
        return _unidentified(f)
    except OSError as exc:
        if exc.errno is None:  # Pillow's own "truncated" errors while reading the header
            return _unidentified(f)
        return _result(f, NO_IMAGE, f"{f.name} cannot be read ({exc.strerror}). Check its permissions.")
    with im:
        _read_header(f, im)
        return _check_image(f, im, limits)


def _file_problem(f: _Facts) -> PrecheckResult | None:
    try:
        st = os.stat(f.path)
    except FileNotFoundError:
        return _result(f, NO_IMAGE, f"{f.name} does not exist (moved or deleted?). Pick the file again.")
    except (OSError, ValueError) as exc:
        return _result(f, NO_IMAGE, f"{f.name} cannot be opened ({_why(exc)}). Pick another file.")
    if stat.S_ISDIR(st.st_mode):
        return _result(f, NO_IMAGE, f"{f.name} is a folder, not an image file. Pick a photo inside it.")
    if not stat.S_ISREG(st.st_mode):  # a pipe or device could block or never end: never open one
        return _result(f, NO_IMAGE, f"{f.name} is not a regular file (a pipe or device?). Pick a photo.")
    f.bytes = st.st_size
    if not f.bytes:
        message = f"{f.name} is empty (0 bytes): an unfinished download or copy? Pick the complete photo."
        return _result(f, NO_IMAGE, message)
    return None


def _too_many_bytes(f: _Facts, limits: Limits) -> PrecheckResult:
    # The code comes from the byte count alone; the header is read only to know whether shrinking it can help.
    fixable = False
    try:
        with Image.open(f.path) as im:
            _read_header(f, im)
            fixable = f.pixels <= SAFE_DECODE_PIXELS
    except Exception:
        pass
    assert f.bytes is not None
    advice = "Downscale it (offered) or pick a smaller file." if fixable else "Pick a smaller file."
    limit = limits.photo_max_bytes
    message = f"{f.name} is {_size(f.bytes, limit)}; OK takes at most {_size(limit, limit)}. {advice}"
    return _result(f, SIZE_LIMIT_EXCEEDED, message, ("downscale",) if fixable else ())


def _bomb(f: _Facts, limits: Limits) -> PrecheckResult:
    try:
        f.format, size = _open_unchecked(f.path)
        f.width, f.height = size or (None, None)
    except Exception:
        pass
    if f.width is None:
        message = f"{f.name} declares an image too large to open safely. Pick a smaller image."
        return _result(f, SIZE_TOO_BIG, message)
    return _too_big(f, limits)


def _open_unchecked(path: str) -> tuple[str | None, tuple[int, int] | None]:
    """Format and size of an image Image.open refused as a bomb, read by its plugin without that check."""
    # Image.ID / Image.OPEN are Pillow's plugin registry: the same loop as Image.open, minus the bomb check.
    with open(path, "rb") as fp:
        prefix = fp.read(16)
        for name in list(Image.ID):
            factory, accept = Image.OPEN[name]
            verdict = accept(prefix) if accept else True
            if not verdict or isinstance(verdict, str):
                continue
            fp.seek(0)
            try:
                im = factory(fp, path)
            except (SyntaxError, IndexError, TypeError, struct.error, OSError):
                continue
            return im.format, im.size
    return None, None


def _unidentified(f: _Facts) -> PrecheckResult:
    with open(f.path, "rb") as fp:
        head = fp.read(32)
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        f.format = "HEIF"
        message = (
            f"{f.name} is a HEIC/HEIF photo (the iPhone format), which OK does not take and this app cannot "
            "convert. Export it as JPEG (or set the iPhone camera to 'Most Compatible') and pick that file."
        )
        return _result(f, INVALID_FORMAT, message)
    # A BMP starts "BM", a 4-byte size and 4 reserved zero bytes (the zeros tell it from a text "BM...").
    bmp = head[:2] == b"BM" and head[6:10] == bytes(4)
    if head.startswith(_SIGNATURES) or bmp or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        message = f"{f.name} starts like an image but its header is broken. Pick the original file again."
        return _result(f, CORRUPTED, message)
    message = f"{f.name} is not an image this app can read (OK takes JPEG, PNG, GIF, BMP, WebP, TIFF). "
    message += "Pick a photo file."
    return _result(f, INVALID_FORMAT, message)


def _read_header(f: _Facts, im: Image.Image) -> None:
    # MPO is how Pillow names a camera JPEG with an embedded preview: to OK it is a JPEG.
    f.format = "JPEG" if im.format == "MPO" else im.format
    f.width, f.height = im.size
    f.mode = im.mode
    f.animated = bool(getattr(im, "is_animated", False))
    if f.format == "PNG":
        with open(f.path, "rb") as fp:
            f.bit16 = fp.read(25)[24:25] == b"\x10"  # IHDR bit depth
    try:
        _read_exif(f, im)
    except Exception:
        pass  # broken EXIF does not stop an upload; it only hides the notes


def _read_exif(f: _Facts, im: Image.Image) -> None:
    # For PNG, getexif() decodes the whole image to find a late eXIf chunk: only read what the header gave.
    if f.format in ("JPEG", "TIFF") or "exif" in im.info:
        exif = im.getexif()
        orientation = exif.get(ExifTags.Base.Orientation)
        f.orientation = int(orientation) if orientation is not None else None
        f.has_gps = bool(exif.get_ifd(ExifTags.IFD.GPSInfo))
    xmp = im.info.get("xmp") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode("utf-8", "replace")
    f.has_gps = f.has_gps or b"GPSLatitude" in xmp or b"GPSLongitude" in xmp


def _check_image(f: _Facts, im: Image.Image, limits: Limits) -> PrecheckResult:
    assert f.width is not None and f.height is not None
    if f.format in CONVERTED and f.format not in limits.photo_formats and f.pixels <= SAFE_DECODE_PIXELS:
        f.sent_as = "JPEG" if _decode_problem(im) is None else None
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
        return _result(f, SIZE_TOO_SMALL, message)
    broken = _integrity_problem(f, im)
    if broken:
        message = f"{f.name} is damaged: {broken}. An incomplete download or copy? Pick the original again."
        return _result(f, CORRUPTED, message)
    return _ready(f)


def _unsupported(f: _Facts, im: Image.Image, limits: Limits) -> PrecheckResult:
    fixes: tuple[str, ...] = ()
    if f.pixels <= SAFE_DECODE_PIXELS and _decode_problem(im) is None:
        fixes = ("reencode_jpeg",)
    if fixes and _downscale_helps(f, limits):
        fixes += ("downscale",)
    taken = ", ".join(limits.photo_formats)
    advice = "Convert it to JPEG (offered)." if fixes else "Export it as JPEG in an image editor."
    message = f"{f.name} is in {f.format} format, which OK does not take (it takes {taken}). {advice}"
    return _result(f, INVALID_FORMAT, message, fixes)


def _too_big(f: _Facts, limits: Limits) -> PrecheckResult:
    megapixels = f"{limits.photo_max_pixels / 1e6:g}"
    limit = f"OK takes at most {limits.photo_max_side} pixels a side and {megapixels} megapixels"
    if _downscale_helps(f, limits):
        width, height = fitted_size(f.width or 0, f.height or 0, limits)
        advice = f"Downscale it to {width}x{height} (offered) or pick a smaller image."
        return _result(f, SIZE_TOO_BIG, f"{f.name} is {f.dims} pixels; {limit}. {advice}", ("downscale",))
    advice = "It is too large to shrink safely here: resize it in an image editor or pick another image."
    return _result(f, SIZE_TOO_BIG, f"{f.name} is {f.dims} pixels; {limit}. {advice}")


def _big_frame(f: _Facts, limits: Limits) -> PrecheckResult | None:
    """A later frame whose header declares more than the limits (checked without decoding it)."""
    try:
        for number, (width, height) in enumerate(frame_sizes(f.path, f.format), start=1):
            if max(width, height) > limits.photo_max_side or width * height > limits.photo_max_pixels:
                message = (
                    f"{f.name} has a frame of {width}x{height} pixels (frame {number}); OK takes at most "
                    f"{limits.photo_max_side} pixels a side. Pick another image."
                )
                return _result(f, SIZE_TOO_BIG, message)
    except (ValueError, OSError, EOFError, struct.error) as exc:
        advice = "An incomplete download or copy? Pick the original again."
        return _result(f, CORRUPTED, f"{f.name} is damaged: {_why(exc)}. {advice}")
    return None


def _downscale_helps(f: _Facts, limits: Limits) -> bool:
    over = max(f.width or 0, f.height or 0) > limits.photo_max_side or f.pixels > limits.photo_max_pixels
    fitted = fitted_size(f.width or 0, f.height or 0, limits)
    return over and f.pixels <= SAFE_DECODE_PIXELS and min(fitted) >= limits.photo_min_side


def _integrity_problem(f: _Facts, im: Image.Image) -> str | None:
    if f.format == "JPEG":
        return _jpeg_problem(f, im)
    if f.format == "PNG":
        try:
            im.verify()  # reads every chunk and checks its CRC without inflating the pixels
        except Exception as exc:
            return _why(exc)
        return None
    if f.pixels > CHECK_DECODE_PIXELS:
        return None  # a huge GIF/BMP/WebP/TIFF is rare: leave it to OK's own check rather than decode it all
    return _decode_problem(im)


def _jpeg_problem(f: _Facts, im: Image.Image) -> str | None:
    with open(f.path, "rb") as fp:
        scan = next((off + n for marker, off, n in jpeg_segments(fp) if marker == 0xFFDA), None)
        size = fp.seek(0, os.SEEK_END)
        if scan is None or scan >= size:
            return "its headers end before the image data"
        fp.seek(max(scan, size - JPEG_TAIL_BYTES))
        # In the compressed data 0xFF is always escaped, so FFD9 there can only be the end-of-image marker.
        if b"\xff\xd9" in fp.read():
            return None
        if not _contains_eoi(fp, scan):
            fp.seek(0)
            if f.pixels <= SAFE_DECODE_PIXELS and complete_without_eoi(fp.read()):
                f.no_eoi = True  # all its data is there: only the marker is missing
                return None
            return "it stops before its end-of-image marker, so it is cut short"
    return _jpeg_draft_problem(im)  # data appended after the end (motion photos): decode at 1/8 to be sure


def _contains_eoi(fp: IO[bytes], start: int) -> bool:
    """Whether FFD9 occurs anywhere from start on, read in 1 MB blocks (only for files with odd tails)."""
    fp.seek(start)
    last = b""
    while block := fp.read(MIB):
        if b"\xff\xd9" in last[-1:] + block:
            return True
        last = block
    return False


def _jpeg_draft_problem(im: Image.Image) -> str | None:
    """Decode at 1/8 scale: libjpeg still reads every scan to its end, so a truncation shows, for less."""
    try:
        im.draft(None, (max(1, im.width // 8), max(1, im.height // 8)))
        im.load()
    except Exception as exc:
        return _why(exc)
    return None


def _decode_problem(im: Image.Image) -> str | None:
    try:
        im.seek(0)
        im.load()
    except Exception as exc:
        return _why(exc)
    return None


def _ready(f: _Facts) -> PrecheckResult:
    notes = _notes(f)
    summary = f"{f.name} is ready to upload ({f.format}, {f.dims}, {_size(f.bytes or 0)})."
    message = " ".join([summary, *(text for _, text in notes)])
    return _result(f, None, message, tuple(fix for fix, _ in notes if fix))


def _notes(f: _Facts) -> list[tuple[str | None, str]]:
    notes: list[tuple[str | None, str]] = []
    if f.orientation is not None and 2 <= f.orientation <= 8:
        notes.append(
            ("exif_orientation", "Its EXIF says to show it rotated; turning the pixels upright is offered.")
        )
    if f.has_gps:
        notes.append(("strip_gps", "It holds the GPS location where it was taken; removing it is offered."))
    if f.format == "JPEG" and f.mode == "CMYK":
        notes.append(
            ("reencode_jpeg", "It is a CMYK JPEG, which may show odd colours; converting to RGB is offered.")
        )
    if f.bit16:
        notes.append(
            ("reencode_jpeg", "It is a 16-bit PNG, which OK may refuse; an 8-bit JPEG copy is offered.")
        )
    if f.sent_as:
        notes.append(("reencode_jpeg", f"OK does not take {f.format}: it will be sent as JPEG."))
    if f.no_eoi:
        text = "It lacks its end-of-image marker (its data is complete); adding it is offered."
        notes.append(("reencode_jpeg", text))
    if f.format == "GIF" and f.animated:
        notes.append((None, "It is an animated GIF and is uploaded as is, with all its frames."))
    return notes


def _result(f: _Facts, code: str | None, message: str, fixes: tuple[str, ...] = ()) -> PrecheckResult:
    if code is not None:
        fixes += tuple(fix for fix, _ in _notes(f) if fix)
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


def _size(n: int, unit_of: int | None = None) -> str:
    """n bytes in MB, or in KB when unit_of (default n) is under 0.1 MB."""
    if (n if unit_of is None else unit_of) >= MIB // 10:
        return f"{n / MIB:.1f}".removesuffix(".0") + " MB"
    return f"{n / 1024:.1f}".removesuffix(".0") + " KB"


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
