"""Photos as phones, browsers and editors hand them over (issue 17, items 6-9): HEIC and AVIF sent as JPEG
(upright, colour profile kept, no GPS), CMYK, 16-bit, palette with transparency, every frame of a multi-frame
image checked from its header (later-frame bombs), lossless formats fixed losslessly, JPEGs without their
end marker accepted when their data is complete. Sources: docs/ok-api.md, "Photos"."""

from __future__ import annotations

import io
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageOps
from support.images import allow_writing_heif

from okcomposer.limits import Limits
from okcomposer.media.fixes import default_fixes, prepare
from okcomposer.media.precheck import precheck

CASES = Path(__file__).parent.parent / "data" / "cases"
GPS = {1: "N", 2: (55.0, 45.0, 0.0), 3: "E", 4: (37.0, 37.0, 0.0)}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def exif(orientation: int | None = None, gps: bool = False) -> bytes:
    data = Image.Exif()
    if orientation:
        data[0x0112] = orientation
    if gps:
        data[0x8825] = GPS
    return data.tobytes()


def picture(size=(300, 200), mode="RGB") -> Image.Image:
    im = Image.linear_gradient("L").resize(size)
    if mode == "RGB":
        return Image.merge(
            "RGB", (im, im.transpose(Image.Transpose.FLIP_LEFT_RIGHT), Image.new("L", size, 90))
        )
    return im.convert(mode)


def fixed(path: Path, tmp_path: Path) -> tuple[Path, object]:
    result = precheck(path)
    assert result.ok, result.message
    out = prepare(path, result, fixes=default_fixes(result), out_dir=tmp_path / "out")
    return out, result


@pytest.mark.parametrize("kind", ["HEIF", "AVIF"])
def test_phone_formats_are_sent_as_upright_jpeg_without_gps(tmp_path, kind):
    path = tmp_path / f"phone.{kind.lower()}"
    if kind == "HEIF":
        allow_writing_heif()
    picture().save(path, kind, exif=exif(orientation=6, gps=True), icc_profile=SRGB, quality=90)
    out, result = fixed(path, tmp_path)
    assert result.sent_as == "JPEG" and "it will be sent as JPEG" in result.message
    assert {"reencode_jpeg", "strip_gps"} <= set(result.fixes)
    with Image.open(out) as im:
        assert im.format == "JPEG" and im.size == (200, 300)  # turned upright, as the phone shows it
        assert im.getexif().get(0x0112) in (None, 1) and not im.getexif().get_ifd(0x8825)
        assert im.info.get("icc_profile") == SRGB
    assert precheck(out).ok and not precheck(out).has_gps


@pytest.mark.parametrize(
    "name, make, offered",
    [
        ("cmyk.jpg", lambda p: picture().convert("CMYK").save(p, "JPEG"), ("reencode_jpeg",)),
        ("deep.png", lambda p: picture(mode="I;16").save(p, "PNG"), ("reencode_jpeg",)),
        ("grey.png", lambda p: picture(mode="L").save(p, "PNG"), ()),
        ("clear.png", lambda p: _palette_with_transparency().save(p, "PNG"), ()),
        ("clear.gif", lambda p: _palette_with_transparency().save(p, "GIF"), ()),
    ],
)
def test_colour_kinds_pass_with_the_fixes_they_need(tmp_path, name, make, offered):
    path = tmp_path / name
    make(path)
    result = precheck(path)
    assert result.ok, result.message
    assert result.fixes == offered


def _palette_with_transparency() -> Image.Image:
    im = picture().convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    im.info["transparency"] = 0
    return im


def test_a_cmyk_jpeg_converted_is_rgb(tmp_path):
    path = tmp_path / "cmyk.jpg"
    picture().convert("CMYK").save(path, "JPEG")
    result = precheck(path)
    out = prepare(path, result, fixes={"reencode_jpeg"}, out_dir=tmp_path / "out")
    with Image.open(out) as im:
        assert im.mode == "RGB"


@pytest.mark.parametrize(
    "name, save", [("p.png", {"format": "PNG"}), ("p.webp", {"format": "WEBP", "lossless": True})]
)
def test_turning_a_lossless_photo_upright_stays_lossless(tmp_path, name, save):
    source = picture()
    path = tmp_path / name
    source.save(path, exif=exif(orientation=6), **save)
    out, _ = fixed(path, tmp_path)
    assert out.suffix == path.suffix
    with Image.open(out) as im:
        assert im.format == save["format"]
        assert im.convert("RGB").tobytes() == ImageOps.exif_transpose(_with_orientation(source, 6)).tobytes()
    if save["format"] == "WEBP":
        assert b"VP8L" in out.read_bytes()[:4096]


def _with_orientation(im: Image.Image, orientation: int) -> Image.Image:
    copy = im.copy()
    copy.getexif()[0x0112] = orientation
    return copy


def _frames(kind: str, sizes: list[tuple[int, int]]) -> list[Image.Image]:
    mode = "P" if kind == "GIF" else "RGB"
    # Each frame differs from the one before: APNG and WebP writers merge equal frames.
    return [picture(size).rotate(90 * i).convert(mode) for i, size in enumerate(sizes)]


MULTI = {
    "GIF": {"format": "GIF", "loop": 0, "duration": 100},
    "PNG": {"format": "PNG", "duration": 100},  # APNG
    "WEBP": {"format": "WEBP", "duration": 100, "lossless": True},
    "TIFF": {"format": "TIFF"},
    "MPO": {"format": "MPO"},
}


@pytest.mark.parametrize("kind", MULTI)
def test_multi_frame_images_pass_when_every_frame_fits(tmp_path, kind):
    path = tmp_path / f"many.{kind.lower()}"
    first, *rest = _frames(kind, [(300, 200)] * 3)
    first.save(path, save_all=True, append_images=rest, **MULTI[kind])
    assert precheck(path).ok, precheck(path).message


@pytest.mark.parametrize("kind", ["TIFF", "MPO"])
def test_a_later_page_over_the_limits_is_refused(tmp_path, kind):
    path = tmp_path / f"pages.{kind.lower()}"
    first, *rest = _frames(kind, [(300, 200), (300, 200), (1200, 200)])
    first.save(path, save_all=True, append_images=rest, **MULTI[kind])
    result = precheck(path, Limits(photo_max_side=1000))
    assert result.code == "PHOTO_SIZE_TOO_BIG" and "frame of 1200x200 pixels" in result.message


def _bomb(kind: str, path: Path) -> None:
    """Two small frames, then the second's header patched to declare 60000x60000."""
    first, second = _frames(kind, [(300, 200), (300, 200)])
    buffer = io.BytesIO()
    first.save(buffer, save_all=True, append_images=[second], **MULTI[kind])
    data = bytearray(buffer.getvalue())
    if kind == "GIF":
        data = data[:-1] + b"," + struct.pack("<HHHHB", 0, 0, 60000, 60000, 0) + b"\x02\x02\x4c\x01\x00;"
    elif kind == "PNG":
        at = data.index(b"fcTL", data.index(b"fcTL") + 4)
        data[at + 8 : at + 16] = struct.pack(">II", 60000, 60000)
        data[at + 30 : at + 34] = struct.pack(">I", zlib.crc32(bytes(data[at : at + 30])))
    else:
        at = data.index(b"ANMF", data.index(b"ANMF") + 4)
        data[at + 14 : at + 20] = (59999).to_bytes(3, "little") * 2
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["GIF", "PNG", "WEBP"])
def test_a_bomb_in_a_later_frame_is_refused_from_its_header(tmp_path, kind):
    path = tmp_path / f"bomb.{kind.lower()}"
    _bomb(kind, path)
    started = time.process_time()
    result = precheck(path)
    assert result.code == "PHOTO_SIZE_TOO_BIG", result.message
    assert "60000x60000" in result.message
    assert time.process_time() - started < 5  # nothing near 3.6 gigapixels was decoded


def test_the_users_jpeg_without_its_end_marker_is_accepted_and_repaired_losslessly(tmp_path):
    path = CASES / "no_eoi_complete.jpg"
    out, result = fixed(path, tmp_path)
    assert result.no_eoi and "lacks its end-of-image marker" in result.message
    assert out.read_bytes() == path.read_bytes() + b"\xff\xd9"  # only the marker added: no re-encode
    with Image.open(out) as im:
        im.load()


@pytest.mark.parametrize("progressive", [False, True])
def test_jpegs_without_end_marker_complete_or_cut(tmp_path, progressive):
    buffer = io.BytesIO()
    picture((640, 480)).save(buffer, "JPEG", quality=90, progressive=progressive)
    data = buffer.getvalue()
    cases = {
        "complete.jpg": (data[:-2], True),
        "complete-zeros.jpg": (data[:-2] + bytes(5000), True),
        "cut.jpg": (data[: len(data) * 7 // 10], False),
        "cut-zeros.jpg": (data[: len(data) * 7 // 10] + bytes(100_000), False),
        "cut-late.jpg": (data[:-40], False),
    }
    for name, (content, ok) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = precheck(path)
        assert result.ok is ok, (name, result.message)
        if not ok:
            assert result.code == "PHOTO_IMAGE_CORRUPTED"


def test_a_complete_jpeg_whose_data_ends_in_a_stuffed_ff_is_accepted_without_its_marker(tmp_path):
    # The last scan byte 0xFF is followed by its stuffing 0x00: that zero is data, not a download's padding.
    import random

    raw = random.Random(23).randbytes(64 * 48 * 3)  # seed 23: this picture's scan ends in FF 00
    buffer = io.BytesIO()
    Image.frombytes("RGB", (64, 48), raw).save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    assert data[-4:] == b"\xff\x00\xff\xd9"
    for name, content in (("bare.jpg", data[:-2]), ("padded.jpg", data[:-2] + bytes(3000))):
        path = tmp_path / name
        path.write_bytes(content)
        result = precheck(path)
        assert result.ok and result.no_eoi, (name, result.message)


def test_pillow_heif_is_imported_only_when_a_heif_file_is_opened(tmp_path):
    """Its ~6.5 MiB are not taken by a session that never sees a HEIC (media/heif.py)."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent(
        """
        import sys
        from PIL import Image
        from okcomposer.media import precheck
        assert "pillow_heif" not in sys.modules, "imported with precheck"
        import pillow_heif
        pillow_heif.register_heif_opener()  # only to write a HEIC for the test, then forget it
        Image.new("RGB", (64, 48), "red").save(sys.argv[1], format="HEIF")
        from okcomposer.media import heif
        del Image.OPEN["HEIF"]
        heif.register_lazily()
        with Image.open(sys.argv[1]) as im:
            print(im.format, im.size)
        """
    )
    path = tmp_path / "phone.heic"
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["HEIF", "(64,", "48)"]
