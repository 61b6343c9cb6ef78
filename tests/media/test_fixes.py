"""Fixes write a new file that passes precheck; the original keeps its bytes and its mtime."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from okcomposer.limits import Limits
from okcomposer.media.fixes import FixError, default_fixes, prepare
from okcomposer.media.precheck import jpeg_segments, precheck
from tests.media.corpus import DATE_TIME, DATE_TIME_ORIGINAL, OVER_BYTES_LIMIT, exif, make_corpus, photo

SMALL_BYTES = replace(Limits(), photo_max_bytes=OVER_BYTES_LIMIT)

# corpus file, fix, limits: every offered fix of the corpus, one at a time
CASES = [
    ("panorama.jpg", "downscale", Limits()),
    ("over_bytes.jpg", "downscale", SMALL_BYTES),
    ("cmyk.jpg", "reencode_jpeg", Limits()),
    ("deep16.png", "reencode_jpeg", Limits()),
    ("icon.ico", "reencode_jpeg", Limits()),
    ("rotated.jpg", "exif_orientation", Limits()),
    ("gps.jpg", "strip_gps", Limits()),
    ("gps.png", "strip_gps", Limits()),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def fix(path: Path, fixes: set[str], out_dir: Path, limits: Limits | None = None) -> Path:
    return prepare(path, precheck(path, limits), fixes=fixes, out_dir=out_dir, limits=limits)


@pytest.mark.parametrize(("name", "fix_name", "limits"), CASES, ids=[f"{n}-{f}" for n, f, _ in CASES])
def test_each_fix_writes_a_new_file_that_passes(corpus, tmp_path, name, fix_name, limits):
    original = corpus[name]
    before = fingerprint(original)
    assert fix_name in precheck(original, limits).fixes
    out = fix(original, {fix_name}, tmp_path / "out", limits)
    assert out.parent == tmp_path / "out" and out != original
    after = precheck(out, limits)
    assert after.ok and fix_name not in after.fixes, after.message
    assert fingerprint(original) == before
    with Image.open(out) as im:  # the extension tells the truth about the format
        assert Image.registered_extensions()[out.suffix.lower()] == im.format


def test_downscale_fits_the_limits(corpus, tmp_path):
    out = fix(corpus["panorama.jpg"], {"downscale"}, tmp_path)
    assert precheck(out).width == 12_000 and precheck(out).height == 40
    small = fix(corpus["over_bytes.jpg"], {"downscale"}, tmp_path, SMALL_BYTES)
    assert small.stat().st_size <= OVER_BYTES_LIMIT


def test_strip_gps_keeps_the_dates_and_the_pixels(corpus, tmp_path):
    out = fix(corpus["gps.jpg"], {"strip_gps"}, tmp_path)
    with Image.open(out) as im:
        data = im.getexif()
        assert not data.get_ifd(ExifTags.IFD.GPSInfo)
        assert data[ExifTags.Base.DateTime] == DATE_TIME
        assert data.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] == DATE_TIME_ORIGINAL
    assert scan_data(out) == scan_data(corpus["gps.jpg"])  # lossless: the compressed image is untouched


def test_strip_gps_from_a_png(corpus, tmp_path):
    out = fix(corpus["gps.png"], {"strip_gps"}, tmp_path)
    assert out.suffix == ".png" and not precheck(out).has_gps
    with Image.open(out) as im, Image.open(corpus["gps.png"]) as original:
        assert im.getexif()[ExifTags.Base.DateTime] == DATE_TIME
        assert im.tobytes() == original.tobytes()


def test_strip_gps_drops_an_xmp_location(tmp_path):
    path = tmp_path / "xmp.jpg"
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="55,45N"/></x:xmpmeta>'
    Image.new("RGB", (64, 48), "blue").save(path, exif=exif(), xmp=xmp)
    result = precheck(path)
    assert result.has_gps and result.fixes == ("strip_gps",)
    out = prepare(path, result, fixes={"strip_gps"}, out_dir=tmp_path / "out")
    assert not precheck(out).has_gps and b"GPSLatitude" not in out.read_bytes()


def test_orientation_is_applied(tmp_path):
    path = tmp_path / "turn.jpg"
    Image.new("RGB", (20, 10), "red").save(path, exif=exif(orientation=6))
    limits = replace(Limits(), photo_min_side=1)
    out = fix(path, {"exif_orientation"}, tmp_path / "out", limits)
    result = precheck(out, limits)
    assert (result.width, result.height) == (10, 20) and result.orientation in (None, 1)
    with Image.open(out) as im:
        assert im.getexif()[ExifTags.Base.DateTime] == DATE_TIME


def test_all_fixes_at_once(tmp_path):
    path = tmp_path / "all.jpg"
    photo((640, 400)).save(path, exif=exif(orientation=6, gps=True))
    limits = replace(Limits(), photo_max_side=320)
    assert precheck(path, limits).fixes == ("downscale", "exif_orientation", "strip_gps")
    out = fix(path, {"downscale", "exif_orientation", "strip_gps"}, tmp_path / "out", limits)
    result = precheck(out, limits)
    assert result.ok and (result.width, result.height) == (200, 320) and not result.fixes
    with Image.open(out) as im:
        assert im.getexif()[ExifTags.Base.DateTime] == DATE_TIME


def test_reencode_converts_properly(corpus, tmp_path):
    with Image.open(fix(corpus["cmyk.jpg"], {"reencode_jpeg"}, tmp_path)) as im:
        assert im.mode == "RGB"
    with Image.open(fix(corpus["deep16.png"], {"reencode_jpeg"}, tmp_path)) as im:
        low, high = im.convert("L").getextrema()
        assert im.format == "JPEG" and low < 20 and high > 235  # scaled to 8 bits, not clipped at 255
    with Image.open(fix(corpus["icon.ico"], {"reencode_jpeg"}, tmp_path)) as im:
        red, green, blue = im.convert("RGB").getpixel((32, 32))
        assert red > 100 and blue > 240  # half-transparent blue flattened onto white


def test_nothing_to_fix_returns_the_original(corpus, tmp_path):
    out_dir = tmp_path / "out"
    good = corpus["good.jpg"]
    assert prepare(good, precheck(good), fixes={"strip_gps", "downscale"}, out_dir=out_dir) == good
    assert fix(corpus["gps.jpg"], set(), out_dir) == corpus["gps.jpg"]  # offered but not accepted
    assert not out_dir.exists()


def test_never_overwrites(corpus, tmp_path):
    first = fix(corpus["gps.jpg"], {"strip_gps"}, tmp_path)
    second = fix(corpus["gps.jpg"], {"strip_gps"}, tmp_path)
    assert first != second and first.exists() and second.exists()
    source = tmp_path / "gps.ok.jpg"
    assert first == source  # even the original's own folder is safe: the name is always new


def test_keeps_the_original_extension_spelling(corpus, tmp_path):
    path = tmp_path / "Photo.JPEG"
    path.write_bytes(corpus["gps.jpg"].read_bytes())
    assert fix(path, {"strip_gps"}, tmp_path / "out").name == "Photo.ok.JPEG"
    assert fix(corpus["deep16.png"], {"reencode_jpeg"}, tmp_path).name == "deep16.ok.jpg"


def test_a_fix_that_cannot_help_raises_and_leaves_nothing(corpus, tmp_path):
    limits = replace(Limits(), photo_max_side=40)
    result = precheck(corpus["gps.jpg"], limits)
    assert result.code == "PHOTO_SIZE_TOO_BIG" and "strip_gps" in result.fixes
    with pytest.raises(FixError, match="pixels"):
        prepare(corpus["gps.jpg"], result, fixes={"strip_gps"}, out_dir=tmp_path, limits=limits)
    assert list(tmp_path.iterdir()) == []


def test_unknown_fix_name(corpus, tmp_path):
    with pytest.raises(ValueError, match="sharpen"):
        fix(corpus["good.jpg"], {"sharpen"}, tmp_path)


def test_default_fixes(corpus):
    gps, rotated = precheck(corpus["gps.jpg"]), precheck(corpus["rotated.jpg"])
    assert default_fixes(gps) == {"strip_gps"}
    assert default_fixes(gps, strip_gps=False) == set()
    assert default_fixes(rotated) == {"exif_orientation"}
    assert default_fixes(precheck(corpus["panorama.jpg"])) == set()  # downscale waits for the user
    assert default_fixes(precheck(corpus["cmyk.jpg"])) == set()


def scan_data(path: Path) -> bytes:
    data = path.read_bytes()
    with open(path, "rb") as fp:
        marker, offset, length = [seg for seg in jpeg_segments(fp) if seg[0] == 0xFFDA][0]
    return data[offset:]


@pytest.mark.parametrize("copy", ["kernel", "missing", "refused midway"])
def test_strip_gps_copies_everything_after_the_header_unchanged(corpus, tmp_path, monkeypatch, copy):
    """The rest of the file after the first scan header is copied as it is (os.copy_file_range where the
    system has it, through a buffer where it has not or refuses), data after the end marker included."""
    path = tmp_path / "motion.jpg"
    tail = os.urandom(300_000)  # e.g. the video a motion photo carries after its image
    path.write_bytes(corpus["gps.jpg"].read_bytes() + tail)
    real = getattr(os, "copy_file_range", None)
    if copy == "missing" or real is None:
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    elif copy == "refused midway":
        calls = []

        def partial(src, dst, count, offset):
            calls.append(count)
            if len(calls) > 1:
                raise OSError(18, "Invalid cross-device link")
            return real(src, dst, min(count, 1000), offset)

        monkeypatch.setattr(os, "copy_file_range", partial)
    out = fix(path, {"strip_gps"}, tmp_path / "out")
    assert not precheck(out).has_gps
    sent, original = out.read_bytes(), path.read_bytes()
    with open(path, "rb") as fp:
        *_, (_, sos, _) = jpeg_segments(fp)
    rest = original[sos:]
    assert sent.endswith(rest) and len(sent) < len(original) and sent.endswith(tail)
