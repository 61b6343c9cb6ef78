"""Checks an uploaded image the way OK's uploader answers: PHOTO_* errors 500-505 against the limits table."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image, JpegImagePlugin, UnidentifiedImageError

from okcomposer.limits import Limits
from okcomposer.sandbox.answers import ApiError
from okcomposer.sandbox.multipart import ViewReader

# Pillow names -> the names in limits.photo_formats (camera JPEGs often open as MPO).
ALIASES = {"MPO": "JPEG"}
MIME_TYPES = {
    "JPEG": {"image/jpeg", "image/jpg", "image/pjpeg"},
    "PNG": {"image/png"},
    "GIF": {"image/gif"},
    "BMP": {"image/bmp", "image/x-ms-bmp", "image/x-bmp"},
    "WEBP": {"image/webp"},
    "TIFF": {"image/tiff"},
}


def check_image(data: memoryview, limits: Limits, declared_type: str | None = None) -> tuple[str, int, int]:
    """(format, width, height) of a valid image, else the ApiError OK would answer."""
    if len(data) == 0:
        raise ApiError(505, "no image in the request")
    if len(data) > limits.photo_max_bytes:
        raise ApiError(500, f"{len(data)} bytes, at most {limits.photo_max_bytes} are allowed")
    with io.BufferedReader(ViewReader(data)) as reader:
        return _inspect(reader, limits, declared_type)


def _inspect(
    reader: io.BufferedReader[Any], limits: Limits, declared_type: str | None
) -> tuple[str, int, int]:
    try:
        image = Image.open(reader)
    except Image.DecompressionBombError:
        raise ApiError(502, "the image has too many pixels") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ApiError(503, "the image format could not be recognised") from None
    with image:
        name = ALIASES.get(image.format or "", image.format or "")
        if name not in limits.photo_formats:
            raise ApiError(503, f"format {name or 'unknown'} is not accepted")
        if (
            declared_type
            and declared_type.startswith("image/")
            and declared_type not in MIME_TYPES.get(name, ())
        ):
            # A part declared as one image type but holding another: OK is not known to forgive that.
            raise ApiError(503, f"the part says {declared_type} but holds a {name} image")
        width, height = image.size
        # Size checks come before decoding, so a decompression bomb is refused without being unpacked.
        if width * height > limits.photo_max_pixels or max(width, height) > limits.photo_max_side:
            raise ApiError(502, f"{width}x{height} is too big")
        if min(width, height) < limits.photo_min_side:
            raise ApiError(
                501, f"{width}x{height} is too small, each side needs {limits.photo_min_side}+ pixels"
            )
        if isinstance(image, JpegImagePlugin.JpegImageFile):
            # Decode at 1/8 scale (libjpeg's DCT scaling): every entropy-coded block is still read, so a
            # truncated or broken stream fails as a full decode does, at about a third of the CPU.
            image.draft(None, (max(1, width // 8), max(1, height // 8)))
        try:
            image.load()
        except Exception as exc:  # any decoder failure means a recognised but broken file
            raise ApiError(504, f"the {name} image is corrupted ({type(exc).__name__})") from None
    return name, width, height
