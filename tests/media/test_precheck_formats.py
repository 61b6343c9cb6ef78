"""precheck on every format OK takes, made by Pillow: good, cut short, damaged, and headers it cannot read.

JPEG and PNG have their own cheap integrity tests; GIF, BMP, WebP and TIFF are decoded (up to a bound).
Sources: docs/ok-api.md, "Photos" (the formats and PHOTO_* error codes).
"""

from __future__ import annotations

import io
import random
import warnings
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from okcomposer.limits import MIB, Limits
from okcomposer.media import integrity
from okcomposer.media import precheck as pc
from okcomposer.media.precheck import mime_type, precheck
from tests.media.corpus import exif, fake_heic

SIZE = (64, 48)
# name -> (Pillow's save arguments, format precheck reports, MIME type)
FORMATS = {
    "p.jpg": ({"quality": 90}, "JPEG", "image/jpeg"),
    "p.png": ({}, "PNG", "image/png"),
    "p.gif": ({}, "GIF", "image/gif"),
    "p.bmp": ({}, "BMP", "image/bmp"),
    "p.webp": ({"quality": 80}, "WEBP", "image/webp"),
    "p.tif": ({}, "TIFF", "image/tiff"),
}


def fixed_photo(size: tuple[int, int] = SIZE) -> Image.Image:
    """A photo-like image that is the same on every run, so a damaged copy fails the same way every time."""
    noise = Image.frombytes("L", size, random.Random(13).randbytes(size[0] * size[1]))
    gradient = Image.linear_gradient("L").resize(size)
    return Image.merge("RGB", (gradient, noise, Image.blend(gradient, noise, 0.5)))


def make(tmp_path: Path, name: str, image: Image.Image | None = None, **params) -> Path:
    path = tmp_path / name
    (image or fixed_photo()).save(path, **(params or FORMATS.get(name, ({},))[0]))
    return path


def cut(tmp_path: Path, source: Path, keep: int, name: str | None = None) -> Path:
    path = tmp_path / (name or f"cut-{keep}-{source.name}")
    path.write_bytes(source.read_bytes()[:keep])
    return path


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_is_ready_with_its_facts(tmp_path, name):
    path = make(tmp_path, name)
    _, fmt, mime = FORMATS[name]
    result = precheck(path)
    size = path.stat().st_size
    assert (result.ok, result.code, result.fixes) == (True, None, ())
    assert (result.format, result.mime, result.bytes) == (fmt, mime, size)
    assert (result.width, result.height) == SIZE
    assert (result.orientation, result.has_gps) == (None, False)
    shown = f"{size / 1024:.1f}".removesuffix(".0")
    assert result.message == f"{name} is ready to upload ({fmt}, 64x48, {shown} KB)."


@pytest.mark.parametrize("name", ["p.gif", "p.bmp", "p.tif", "p.png", "p.jpg"])
@pytest.mark.parametrize("keep", [0.9, 0.6])
def test_a_file_cut_short_is_damaged(tmp_path, name, keep):
    good = make(tmp_path, name)
    path = cut(tmp_path, good, int(good.stat().st_size * keep))
    result = precheck(path)
    assert (result.code, result.ok, result.format) == ("PHOTO_IMAGE_CORRUPTED", False, FORMATS[name][1])
    assert result.message.startswith(f"{path.name} is damaged: ")
    assert result.message.endswith("An incomplete download or copy? Pick the original again.")
    assert (result.width, result.height) == SIZE


def test_a_webp_cut_short_has_a_broken_header(tmp_path):
    # Pillow reads a whole WebP when it opens it: a cut one fails there, and only its RIFF/WEBP mark is left.
    good = make(tmp_path, "p.webp")
    path = cut(tmp_path, good, good.stat().st_size * 6 // 10)
    result = precheck(path)
    assert (result.code, result.format) == ("PHOTO_IMAGE_CORRUPTED", None)
    assert result.message == (
        f"{path.name} starts like an image but its header is broken. Pick the original file again."
    )


def test_damaged_compressed_data_is_found(tmp_path):
    # GIF's LZW codes and PNG's CRCs show damage; uncompressed BMP/TIFF and lossy WebP have nothing to check.
    for name, params in (("z.gif", {}), ("z.png", {})):
        data = bytearray(make(tmp_path, name, **params).read_bytes())
        middle = len(data) // 2
        data[middle : middle + 40] = bytes(b ^ 0x55 for b in data[middle : middle + 40])
        path = tmp_path / f"flipped-{name}"
        path.write_bytes(bytes(data))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's notes about the damage
            assert precheck(path).code == "PHOTO_IMAGE_CORRUPTED", name


@pytest.mark.parametrize(
    ("name", "keep"),
    [("p.gif", 8), ("p.gif", 12), ("p.tif", 6), ("p.tif", 12), ("p.png", 20), ("p.jpg", 3), ("p.bmp", 10)],
)
def test_a_header_cut_short_starts_like_an_image(tmp_path, name, keep):
    path = cut(tmp_path, make(tmp_path, name), keep)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = precheck(path)
    assert result.code == "PHOTO_IMAGE_CORRUPTED"
    assert "header is broken" in result.message


@pytest.mark.parametrize(
    "head",
    [
        b"BMW cars are fast.\n" * 4,  # "BM" without a BMP's reserved zero bytes
        b"RIFF\x00\x00\x00\x00AVI LIST" + bytes(40),  # a RIFF file that is not WebP
        b"GIF90a" + bytes(40),
        b"\x89PNG\r\n\x1a" + bytes(40),  # one byte short of PNG's mark
        b"\x00\x00\x00\x18ftypmp42" + bytes(40),  # an MP4 video, not HEIF
    ],
)
def test_other_files_are_not_images(tmp_path, head):
    path = tmp_path / "file.jpg"
    path.write_bytes(head)
    result = precheck(path)
    assert (result.code, result.format, result.fixes) == ("PHOTO_INVALID_FORMAT", None, ())
    assert result.message == (
        "file.jpg is not an image this app can read (OK takes JPEG, PNG, GIF, BMP, WebP, TIFF). "
        "Pick a photo file."
    )


@pytest.mark.parametrize("brand", [b"heic", b"heix", b"mif1", b"msf1", b"hevc"])
def test_heif_brands(tmp_path, brand):
    path = tmp_path / "photo.heic"
    path.write_bytes(fake_heic().replace(b"ftypheic", b"ftyp" + brand, 1))
    result = precheck(path)
    assert (result.code, result.format, result.mime) == ("PHOTO_INVALID_FORMAT", "HEIF", "image/heif")
    assert result.message.startswith("photo.heic is a HEIC/HEIF photo (the iPhone format)")


def test_formats_ok_does_not_take_are_offered_as_jpeg(tmp_path):
    path = make(tmp_path, "p.tga", fixed_photo(), format="TGA")
    result = precheck(path)
    assert (result.code, result.format, result.fixes) == ("PHOTO_INVALID_FORMAT", "TGA", ("reencode_jpeg",))
    assert result.message == (
        "p.tga is in TGA format, which OK does not take (it takes JPEG, PNG, GIF, BMP, WEBP, TIFF). "
        "Convert it to JPEG (offered)."
    )
    # A format the limits leave out is refused the same way, whatever Pillow reads.
    only_jpeg = replace(Limits(), photo_formats=("JPEG",))
    png = precheck(make(tmp_path, "p.png"), only_jpeg)
    assert (png.code, png.fixes) == ("PHOTO_INVALID_FORMAT", ("reencode_jpeg",))
    assert "(it takes JPEG)" in png.message


def test_a_damaged_file_of_a_foreign_format_is_not_offered_as_jpeg(tmp_path):
    good = make(tmp_path, "p.tga", fixed_photo(), format="TGA")
    path = cut(tmp_path, good, good.stat().st_size // 2, "half.tga")
    result = precheck(path)
    assert (result.code, result.fixes) == ("PHOTO_INVALID_FORMAT", ())
    assert result.message.endswith("Export it as JPEG in an image editor.")


def test_the_decode_bound_for_gif_bmp_webp_tiff(tmp_path, monkeypatch):
    # A file over CHECK_DECODE_PIXELS is left to OK's own check; one at the bound is decoded.
    good = make(tmp_path, "p.bmp")
    path = cut(tmp_path, good, good.stat().st_size - 200)
    monkeypatch.setattr(pc, "CHECK_DECODE_PIXELS", 64 * 48)
    assert precheck(path).code == "PHOTO_IMAGE_CORRUPTED"
    monkeypatch.setattr(pc, "CHECK_DECODE_PIXELS", 64 * 48 - 1)
    assert precheck(path).code is None


def test_notes_on_good_files(tmp_path):
    gif = Image.new("P", SIZE, 3)
    still = precheck(make(tmp_path, "still.gif", gif))
    assert still.message == "still.gif is ready to upload (GIF, 64x48, " + still.message.split(", ")[-1]
    frames = [Image.new("RGB", SIZE, c) for c in ("red", "blue")]
    anim = precheck(make(tmp_path, "anim.gif", frames[0], save_all=True, append_images=frames[1:]))
    assert anim.ok and anim.fixes == ()
    assert anim.message.endswith(" It is an animated GIF and is uploaded as is, with all its frames.")
    cmyk_tiff = precheck(make(tmp_path, "cmyk.tif", fixed_photo().convert("CMYK")))
    assert (cmyk_tiff.ok, cmyk_tiff.fixes) == (True, ())  # the CMYK note is for JPEG only
    cmyk = precheck(make(tmp_path, "cmyk.jpg", fixed_photo().convert("CMYK"), quality=90))
    note = " It is a CMYK JPEG, which may show odd colours; converting to RGB is offered."
    assert cmyk.message.endswith(note)
    deep = precheck(make(tmp_path, "deep.png", Image.new("I;16", SIZE, 300)))
    assert deep.fixes == ("reencode_jpeg",)
    assert deep.message.endswith(" It is a 16-bit PNG, which OK may refuse; an 8-bit JPEG copy is offered.")


@pytest.mark.parametrize(("orientation", "noted"), [(1, False), (2, True), (6, True), (8, True), (9, False)])
def test_exif_orientation(tmp_path, orientation, noted):
    result = precheck(make(tmp_path, "r.jpg", exif=exif(orientation=orientation), quality=90))
    assert result.ok and result.orientation == orientation
    assert result.fixes == (("exif_orientation",) if noted else ())
    note = " Its EXIF says to show it rotated; turning the pixels upright is offered."
    assert result.message.endswith(note) is noted


def test_gps_in_exif_and_in_xmp(tmp_path):
    # TIFF's EXIF is its own first directory (Pillow writes no GPS directory into a TIFF).
    tiff = precheck(make(tmp_path, "r.tif", exif=exif(orientation=6)))
    assert (tiff.orientation, tiff.has_gps, tiff.fixes) == (6, False, ("exif_orientation",))
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>55,45N</exif:GPSLatitude></x:xmpmeta>'
    jpeg = precheck(make(tmp_path, "x.jpg", xmp=xmp, quality=90))
    assert (jpeg.has_gps, jpeg.fixes) == (True, ("strip_gps",))
    assert jpeg.message.endswith(" It holds the GPS location where it was taken; removing it is offered.")
    longitude = precheck(make(tmp_path, "y.jpg", xmp=xmp.replace(b"Latitude", b"Longitude"), quality=90))
    assert longitude.has_gps
    plain = precheck(make(tmp_path, "n.jpg", xmp=b"<x:xmpmeta>GPSVersion</x:xmpmeta>", quality=90))
    assert (plain.has_gps, plain.fixes) == (False, ())


def test_an_error_keeps_the_notes_fixes(tmp_path):
    # A panorama with GPS: too big, and both fixes are offered in FIX_NAMES order.
    path = make(tmp_path, "wide.jpg", fixed_photo((200, 40)), exif=exif(orientation=3, gps=True), quality=90)
    result = precheck(path, replace(Limits(), photo_max_side=100, photo_min_side=8))
    assert result.code == "PHOTO_SIZE_TOO_BIG"
    assert result.fixes == ("downscale", "exif_orientation", "strip_gps")


def test_mime_types_of_other_formats():
    assert mime_type("jpeg") == "image/jpeg" and mime_type("bmp") == "image/bmp"
    assert mime_type("HEIF") == "image/heif" and mime_type("") is None
    Image.init()  # Pillow fills its MIME table as it loads its plugins (precheck has opened a file by then)
    assert mime_type("TGA") == "image/x-tga"  # from Pillow's table
    assert mime_type("NOSUCH") == "application/octet-stream"


def test_jpeg_segments_read_fill_bytes_and_standalone_markers():
    app0 = b"\xff\xe0\x00\x04ab"
    data = b"\xff\xd8" + b"\xff\xff\xff" + app0[1:] + b"\xff\xd0" + b"\xff\xda\x00\x02" + b"scan"
    assert list(pc.jpeg_segments(io.BytesIO(data))) == [(0xFFE0, 4, 6), (0xFFD0, 10, 2), (0xFFDA, 12, 4)]
    assert list(pc.jpeg_segments(io.BytesIO(b"\xff\xd8\xff\x01\xff\xd9"))) == [(0xFF01, 2, 2)]
    assert list(pc.jpeg_segments(io.BytesIO(b"\x00\xd8\xff\xe0\x00\x04ab"))) == []
    assert list(pc.jpeg_segments(io.BytesIO(b"\xff\xd8\xff\xe0\x00\x01"))) == []  # a length under 2
    assert list(pc.jpeg_segments(io.BytesIO(b"\xff\xd8\xff\xe0\x00"))) == []  # cut inside the length
    assert list(pc.jpeg_segments(io.BytesIO(b"\xff\xd8\x00\xe0"))) == []  # no marker where one must be
    # the segment after one is found by its length, not by scanning
    two = b"\xff\xd8\xff\xfe\x00\x05\xff\xd9x\xff\xdb\x00\x02"
    assert list(pc.jpeg_segments(io.BytesIO(two))) == [(0xFFFE, 2, 7), (0xFFDB, 9, 4)]


def test_an_end_marker_split_across_blocks_is_found():
    data = b"x" * (MIB - 1) + b"\xff\xd9" + b"y" * 10
    assert integrity.contains_eoi(io.BytesIO(data), 0)
    assert not integrity.contains_eoi(io.BytesIO(b"x" * (MIB - 1) + b"\xff" + b"y" * MIB), 0)
    assert not integrity.contains_eoi(io.BytesIO(b"\xff\xd9" + b"y" * 10), 1)  # only from `start` on
    assert integrity.contains_eoi(io.BytesIO(b"\xff\xd9" + b"y" * 10), 0)


def test_a_jpeg_with_a_long_tail_after_its_end(tmp_path):
    # An end marker, then more than JPEG_TAIL_BYTES without one (a motion photo): found by the full scan.
    good = make(tmp_path, "p.jpg")
    path = tmp_path / "motion.jpg"
    path.write_bytes(good.read_bytes() + b"\x00" * (integrity.JPEG_TAIL_BYTES + 10))
    assert precheck(path).code is None
    cut_short = tmp_path / "cut-motion.jpg"
    data = good.read_bytes()
    cut_short.write_bytes(data[: len(data) * 8 // 10] + b"\x00" * (integrity.JPEG_TAIL_BYTES + 10))
    result = precheck(cut_short)
    assert result.code == "PHOTO_IMAGE_CORRUPTED"
    assert "it stops before its end-of-image marker, so it is cut short" in result.message
