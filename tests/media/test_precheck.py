"""precheck over a corpus of good, odd and hostile files: the right OK code, a clear message, no crash."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tracemalloc
import warnings
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from okcomposer.limits import Limits
from okcomposer.media import integrity
from okcomposer.media import precheck as pc
from okcomposer.media.precheck import mime_type, precheck
from tests.media.corpus import OVER_BYTES_LIMIT, bomb_png, make_corpus, photo

# name -> (expected code, expected fixes); over_bytes.jpg is checked with a tiny byte limit.
EXPECTED: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "good.jpg": (None, ()),
    "good.png": (None, ()),
    "photo.webp": (None, ()),
    "anim.gif": (None, ()),
    "trailing.jpg": (None, ()),
    "cmyk.jpg": (None, ("reencode_jpeg",)),
    "deep16.png": (None, ("reencode_jpeg",)),
    "rotated.jpg": (None, ("exif_orientation",)),
    "gps.jpg": (None, ("strip_gps",)),
    "gps.png": (None, ("strip_gps",)),
    "empty.jpg": ("PHOTO_NO_IMAGE", ()),
    "folder": ("PHOTO_NO_IMAGE", ()),
    "missing.jpg": ("PHOTO_NO_IMAGE", ()),
    "notimage.jpg": ("PHOTO_INVALID_FORMAT", ()),
    "photo.heic": ("PHOTO_INVALID_FORMAT", ()),
    "icon.ico": ("PHOTO_INVALID_FORMAT", ("reencode_jpeg",)),
    "truncated.jpg": ("PHOTO_IMAGE_CORRUPTED", ()),
    "eoi_missing.jpg": (None, ("reencode_jpeg",)),  # complete but for its end marker (issue 17, item 6)
    "truncated.png": ("PHOTO_IMAGE_CORRUPTED", ()),
    "stub.png": ("PHOTO_IMAGE_CORRUPTED", ()),
    "bomb.png": ("PHOTO_SIZE_TOO_BIG", ()),
    "panorama.jpg": ("PHOTO_SIZE_TOO_BIG", ("downscale",)),
    "dot.png": ("PHOTO_SIZE_TOO_SMALL", ()),
    "over_bytes.jpg": ("PHOTO_SIZE_LIMIT_EXCEEDED", ("downscale",)),
}
SMALL_BYTES = replace(Limits(), photo_max_bytes=OVER_BYTES_LIMIT)


def limits_for(name: str) -> Limits:
    return SMALL_BYTES if name == "over_bytes.jpg" else Limits()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


def test_expectations_cover_the_corpus(corpus):
    assert set(EXPECTED) == set(corpus)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(corpus, name):
    code, fixes = EXPECTED[name]
    result = precheck(corpus[name], limits_for(name))
    assert (result.code, result.fixes) == (code, fixes), result.message
    assert result.ok is (code is None)
    assert name in result.message
    assert result.message.endswith(".")
    assert json.loads(json.dumps(result.to_json())) == result.to_json()


def test_to_json_has_exactly_the_cli_keys(corpus):
    data = precheck(corpus["good.jpg"]).to_json()
    assert list(data) == ["path", "ok", "code", "message", "format", "width", "height", "bytes"]
    assert data["format"] == "JPEG" and (data["width"], data["height"]) == (64, 48)
    assert data["bytes"] == corpus["good.jpg"].stat().st_size


def test_details_of_a_good_photo(corpus):
    result = precheck(str(corpus["gps.jpg"]))
    assert result.mime == "image/jpeg" and result.has_gps and result.orientation is None
    assert precheck(corpus["rotated.jpg"]).orientation == 6
    assert precheck(corpus["photo.webp"]).mime == "image/webp"


def test_messages_say_what_is_wrong(corpus):
    assert "30000x100" in precheck(corpus["panorama.jpg"]).message
    assert "12000x40" in precheck(corpus["panorama.jpg"]).message  # the size downscale would give
    over = precheck(corpus["over_bytes.jpg"], SMALL_BYTES).message
    assert "KB" in over and "Downscale" in over
    assert "HEIC" in precheck(corpus["photo.heic"]).message
    assert "folder" in precheck(corpus["folder"]).message


@pytest.fixture
def decoded(monkeypatch) -> list[str]:
    """Records the file name of every image whose pixels Pillow decodes (and still decodes them)."""
    names: list[str] = []
    load = ImageFile.ImageFile.load

    def recording_load(self):
        names.append(Path(self.filename).name if getattr(self, "filename", "") else "?")
        return load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", recording_load)
    return names


def test_the_byte_limit_is_checked_before_any_decoding(corpus, decoded):
    result = precheck(corpus["over_bytes.jpg"], SMALL_BYTES)
    assert (result.code, result.fixes, result.width) == ("PHOTO_SIZE_LIMIT_EXCEEDED", ("downscale",), 600)
    assert decoded == []
    assert precheck(corpus["good.jpg"]).ok and decoded == []  # a whole JPEG needs no decode either
    assert precheck(corpus["trailing.jpg"]).ok and decoded == ["trailing.jpg"]  # its odd tail does


def test_bomb_is_refused_without_decoding_and_small(tmp_path, decoded):
    # How fast: benchmarks/bench_precheck.py; here, what makes it fast: no pixel is decoded.
    path = tmp_path / "bomb.png"
    path.write_bytes(bomb_png())
    precheck(path)  # warm up Pillow's plugin imports
    tracemalloc.start()
    result = precheck(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.code == "PHOTO_SIZE_TOO_BIG" and (result.width, result.height) == (100_000, 100_000)
    assert result.message == (
        "bomb.png is 100000x100000 pixels; OK takes at most 12000 pixels a side and 80 megapixels. "
        "It is too large to shrink safely here (over 89.5 megapixels): resize it in an image editor or pick "
        "another image."
    )
    assert peak < 5_000_000
    assert decoded == []


def test_bomb_under_pillows_error_threshold_is_not_decoded(tmp_path, decoded):
    # 9000x9000 = 81 Mpx: above OK's 80 Mpx, under Pillow's bomb error; must answer without decoding.
    path = tmp_path / "wide.png"
    path.write_bytes(bomb_png(9000, 9000))
    result = precheck(path)
    assert result.code == "PHOTO_SIZE_TOO_BIG" and result.fixes == ("downscale",)
    assert "Downscale it to 8944x8944 (offered)" in result.message
    assert decoded == []


def test_pillows_bomb_warning_whether_or_not_warnings_are_errors(tmp_path, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 2000)  # 64x48 = 3072 px: Pillow's warning, not its error
    path = tmp_path / "p.png"
    photo((64, 48)).save(path)
    limits = replace(Limits(), photo_max_pixels=2000)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        assert precheck(path, limits).code == "PHOTO_SIZE_TOO_BIG"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert precheck(path, limits).code == "PHOTO_SIZE_TOO_BIG"
    assert caught == []  # we count the pixels ourselves: Pillow's warning would be a stray stderr line


def test_truncated_jpeg_is_caught_by_the_one_eighth_decode_too(corpus):
    # The fast path finds no end marker; the 1/8-scale decode (the fallback) must agree on its own.
    with Image.open(corpus["truncated.jpg"]) as im:
        assert integrity.jpeg_draft_problem(im) is not None
    with Image.open(corpus["good.jpg"]) as im:
        assert integrity.jpeg_draft_problem(im) is None


def test_jpeg_cut_inside_its_headers(corpus, tmp_path):
    data = corpus["good.jpg"].read_bytes()
    with open(corpus["good.jpg"], "rb") as fp:
        sos = [off for marker, off, _ in pc.jpeg_segments(fp) if marker == 0xFFDA][0]
    path = tmp_path / "head.jpg"
    path.write_bytes(data[:sos])
    assert precheck(path).code == "PHOTO_IMAGE_CORRUPTED"


def test_unsupported_format_that_is_too_big_offers_both_fixes(tmp_path):
    path = tmp_path / "big.ico"
    Image.new("RGBA", (64, 64), "red").save(path)
    result = precheck(path, replace(Limits(), photo_max_side=40, photo_min_side=8))
    assert result.code == "PHOTO_INVALID_FORMAT" and result.fixes == ("downscale", "reencode_jpeg")


def test_a_downscale_that_would_end_too_thin_is_not_offered(tmp_path):
    path = tmp_path / "strip.png"
    Image.new("L", (30_000, 40)).save(path)
    result = precheck(path)
    assert result.code == "PHOTO_SIZE_TOO_BIG" and result.fixes == ()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_a_pipe_is_never_opened(tmp_path):
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    assert precheck(fifo).code == "PHOTO_NO_IMAGE"  # opening it would block forever


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow's notes about broken EXIF in mangled files
@pytest.mark.parametrize("seed", range(4))
def test_mangled_files_never_raise(corpus, tmp_path, seed):
    rng = random.Random(seed)
    codes = {None, *(code for code, _ in EXPECTED.values())}
    for name in ("good.jpg", "good.png", "anim.gif", "photo.webp", "gps.jpg", "cmyk.jpg", "deep16.png"):
        data = bytearray(corpus[name].read_bytes())
        for i in range(25):
            mangled = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                mangled[rng.randrange(len(mangled))] = rng.randrange(256)
            if i % 5 == 0:
                mangled = mangled[: rng.randrange(1, len(mangled))]
            path = tmp_path / f"m{i}-{name}"
            path.write_bytes(bytes(mangled))
            result = precheck(path)
            assert result.code in codes and path.name in result.message


def test_unexpected_errors_become_a_result(corpus, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("something odd")

    monkeypatch.setattr(pc, "read_header", boom)
    result = precheck(corpus["good.jpg"])
    assert result.code == "PHOTO_INVALID_FORMAT" and "good.jpg" in result.message and not result.ok


def test_mime_type():
    assert mime_type("JPEG") == mime_type("MPO") == "image/jpeg"
    assert mime_type("PNG") == "image/png" and mime_type("webp") == "image/webp"
    assert mime_type("GIF") == "image/gif" and mime_type("TIFF") == "image/tiff"
    assert mime_type(None) is None


def test_fitted_size():
    limits = Limits()
    assert pc.fitted_size(30_000, 100, limits) == (12_000, 40)
    width, height = pc.fitted_size(10_000, 10_000, limits)
    assert width * height <= limits.photo_max_pixels and width == height
    assert pc.fitted_size(640, 480, limits) == (640, 480)


def test_media_imports_no_qt():
    code = (
        "import sys, okcomposer.media.precheck, okcomposer.media.fixes; "
        "sys.exit(any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
