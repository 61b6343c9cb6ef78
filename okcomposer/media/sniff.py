"""What a file is, from its first bytes and its header: the format, size and mode, EXIF orientation and GPS,
and for files Pillow cannot identify, whether they are damaged images, HEIC photos or not images at all."""

from __future__ import annotations

import struct

from PIL import ExifTags, Image

from okcomposer.media.result import CORRUPTED, INVALID_FORMAT, Facts, PrecheckResult, result

# Files that start like an image Pillow knows but cannot be identified are damaged, not of a foreign format.
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"heif", b"mif1", b"msf1"}


def open_unchecked(path: str) -> tuple[str | None, tuple[int, int] | None]:
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


def unidentified(f: Facts) -> PrecheckResult:
    """The answer for a file Pillow cannot identify: a HEIC it cannot open, a broken header, or no image."""
    with open(f.path, "rb") as fp:
        head = fp.read(32)
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        f.format = "HEIF"
        message = (
            f"{f.name} is a HEIC/HEIF photo (the iPhone format), which OK does not take and this app cannot "
            "convert. Export it as JPEG (or set the iPhone camera to 'Most Compatible') and pick that file."
        )
        return result(f, INVALID_FORMAT, message)
    # A BMP starts "BM", a 4-byte size and 4 reserved zero bytes (the zeros tell it from a text "BM...").
    bmp = head[:2] == b"BM" and head[6:10] == bytes(4)
    if head.startswith(_SIGNATURES) or bmp or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        message = f"{f.name} starts like an image but its header is broken. Pick the original file again."
        return result(f, CORRUPTED, message)
    message = f"{f.name} is not an image this app can read (OK takes JPEG, PNG, GIF, BMP, WebP, TIFF). "
    message += "Pick a photo file."
    return result(f, INVALID_FORMAT, message)


def read_header(f: Facts, im: Image.Image) -> None:
    """Fill in the format, size, mode, animation, PNG bit depth and EXIF facts from an opened image."""
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


def _read_exif(f: Facts, im: Image.Image) -> None:
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
