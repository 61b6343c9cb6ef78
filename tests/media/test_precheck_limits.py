"""precheck at each of OK's photo limits exactly, one under and one over; the sizes it offers and shows.

Sources: docs/ok-api.md, "Photos" (PHOTO_SIZE_LIMIT_EXCEEDED, PHOTO_SIZE_TOO_SMALL, PHOTO_SIZE_TOO_BIG).
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from okcomposer.limits import MIB, Limits
from okcomposer.media import precheck as pc
from okcomposer.media import result as media_result
from okcomposer.media.precheck import fitted_size, precheck
from tests.media.corpus import bomb_png, photo


def png(tmp_path: Path, width: int, height: int, name: str = "p.png") -> Path:
    path = tmp_path / name
    Image.new("L", (width, height), 128).save(path)
    return path


def limits(**changes) -> Limits:
    return replace(Limits(), **changes)


@pytest.mark.parametrize("delta", [-1, 0, 1])
def test_byte_limit(tmp_path, delta):
    path = tmp_path / "p.jpg"
    photo((120, 90)).save(path, quality=90)
    size = path.stat().st_size
    result = precheck(path, limits(photo_max_bytes=size + delta))
    if delta < 0:
        assert (result.code, result.fixes) == ("PHOTO_SIZE_LIMIT_EXCEEDED", ("downscale",))
        assert result.bytes == size
        shown, limit = (f"{n / 1024:.1f}".removesuffix(".0") for n in (size, size - 1))
        assert result.message == (
            f"p.jpg is {shown} KB; OK takes at most {limit} KB. "
            "Downscale it (offered) or pick a smaller file."
        )
    else:
        assert (result.code, result.ok) == (None, True)


def test_over_the_byte_limit_the_bytes_decide_whatever_the_content(tmp_path):
    text = tmp_path / "notes.jpg"
    text.write_bytes(b"not an image\n" * 100)
    result = precheck(text, limits(photo_max_bytes=1000))
    assert (result.code, result.fixes) == ("PHOTO_SIZE_LIMIT_EXCEEDED", ())
    assert result.message == "notes.jpg is 1.3 KB; OK takes at most 1 KB. Pick a smaller file."
    # A decompression bomb's header is not even read: shrinking it here is not offered.
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(bomb_png())
    big = precheck(bomb, limits(photo_max_bytes=10))
    assert (big.code, big.fixes, big.width) == ("PHOTO_SIZE_LIMIT_EXCEEDED", (), None)
    assert big.message.endswith(" Pick a smaller file.")


@pytest.mark.parametrize(
    ("width", "height", "code"),
    [(32, 32, None), (31, 32, "PHOTO_SIZE_TOO_SMALL"), (32, 31, "PHOTO_SIZE_TOO_SMALL"), (33, 500, None)],
)
def test_smallest_side(tmp_path, width, height, code):
    result = precheck(png(tmp_path, width, height))
    assert result.code == code
    if code:
        assert result.fixes == ()
        assert result.message == (
            f"p.png is only {width}x{height} pixels; OK needs at least 32 pixels on each side. "
            "Pick a larger image."
        )


@pytest.mark.parametrize(
    ("width", "height", "code"),
    [(100, 40, None), (101, 40, "PHOTO_SIZE_TOO_BIG"), (40, 101, "PHOTO_SIZE_TOO_BIG"), (99, 99, None)],
)
def test_longest_side(tmp_path, width, height, code):
    result = precheck(png(tmp_path, width, height), limits(photo_max_side=100, photo_min_side=8))
    assert result.code == code


@pytest.mark.parametrize(("max_pixels", "code"), [(4000, None), (4001, None), (3999, "PHOTO_SIZE_TOO_BIG")])
def test_pixel_limit(tmp_path, max_pixels, code):
    result = precheck(png(tmp_path, 80, 50), limits(photo_max_pixels=max_pixels, photo_min_side=8))
    assert result.code == code
    if code:
        assert result.fixes == ("downscale",)
        assert result.message == (
            "p.png is 80x50 pixels; OK takes at most 12000 pixels a side and 0.003999 megapixels. "
            "Downscale it to 79x49 (offered) or pick a smaller image."
        )


@pytest.mark.parametrize(("min_side", "offered"), [(10, True), (11, False)])
def test_downscale_is_offered_only_if_the_result_is_wide_enough(tmp_path, min_side, offered):
    # 200x20 fitted to 100 pixels a side is 100x10: offered while 10 is enough.
    result = precheck(png(tmp_path, 200, 20), limits(photo_max_side=100, photo_min_side=min_side))
    assert result.code == "PHOTO_SIZE_TOO_BIG"
    assert result.fixes == (("downscale",) if offered else ())
    if offered:
        assert "Downscale it to 100x10 (offered)" in result.message
    else:
        assert result.message.endswith(
            "It is too large to shrink safely here: resize it in an image editor or pick another image."
        )


@pytest.mark.parametrize(("safe", "offered"), [(200 * 20, True), (200 * 20 - 1, False)])
def test_downscale_is_offered_only_up_to_the_safe_decode_size(tmp_path, monkeypatch, safe, offered):
    monkeypatch.setattr(pc, "SAFE_DECODE_PIXELS", safe)
    result = precheck(png(tmp_path, 200, 20), limits(photo_max_side=100, photo_min_side=8))
    assert result.fixes == (("downscale",) if offered else ())
    over = precheck(png(tmp_path, 200, 20, "o.png"), limits(photo_max_bytes=10))
    assert over.fixes == (("downscale",) if offered else ())


def test_a_foreign_format_over_the_size_limit_is_offered_both(tmp_path):
    path = tmp_path / "p.tga"
    photo((200, 40)).save(path)
    result = precheck(path, limits(photo_max_side=100, photo_min_side=8))
    assert (result.code, result.fixes) == ("PHOTO_INVALID_FORMAT", ("downscale", "reencode_jpeg"))
    inside = precheck(path, limits(photo_max_side=200, photo_min_side=8))
    assert inside.fixes == ("reencode_jpeg",)


@pytest.mark.parametrize(
    ("width", "height", "side", "expected"),
    [
        (97, 30, 50, (50, 15)),  # a float scale would floor 97 * (50 / 97) to 49
        (30, 97, 50, (15, 50)),
        (161, 161, 100, (100, 100)),
        (30_000, 100, 12_000, (12_000, 40)),
        (100, 100, 100, (100, 100)),
        (101, 100, 100, (100, 99)),
        (5, 1000, 100, (1, 100)),  # never below one pixel
    ],
)
def test_fitted_size_by_side(width, height, side, expected):
    assert fitted_size(width, height, limits(photo_max_side=side)) == expected


def test_fitted_size_by_pixels():
    cases = ((80, 50, 3999), (100, 100, 2500), (10_000, 10_000, 80_000_000), (700, 300, 20_000))
    for width, height, pixels in cases:
        fitted = fitted_size(width, height, limits(photo_max_pixels=pixels))
        assert fitted[0] * fitted[1] <= pixels
        # the largest: one pixel more on the longer side would break the limit or the ratio
        assert (fitted[0] + 1) * (fitted[1] + 1) > pixels
        assert math.isclose(fitted[0] / fitted[1], width / height, rel_tol=0.1)
    assert fitted_size(100, 100, limits(photo_max_pixels=2500)) == (50, 50)
    assert fitted_size(0, 0, Limits()) == (1, 1)


@pytest.mark.parametrize(
    ("n", "unit_of", "text"),
    [
        (MIB // 10, None, "0.1 MB"),
        (MIB // 10 - 1, None, "102.4 KB"),
        (MIB, None, "1 MB"),
        (3 * MIB // 2, None, "1.5 MB"),
        (2048, None, "2 KB"),
        (2048, MIB // 10, "0 MB"),  # in the unit of the limit it is compared with
        (MIB, MIB // 10 - 1, "1024 KB"),
    ],
)
def test_sizes_in_messages(n, unit_of, text):
    assert media_result.size_words(n, unit_of) == text


def test_reasons_are_cut_to_160_characters():
    assert media_result.why(ValueError("x" * 160)) == "x" * 160
    assert media_result.why(ValueError("x" * 161)) == "x" * 157 + "..."
    assert media_result.why(ValueError("  ")) == "ValueError"
    assert media_result.why(OSError(" short ")) == "short"


def test_unreadable_and_odd_paths(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    assert precheck(folder).message == "photos is a folder, not an image file. Pick a photo inside it."
    missing = precheck(tmp_path / "gone.jpg")
    assert (missing.code, missing.bytes) == ("PHOTO_NO_IMAGE", None)
    assert missing.message == "gone.jpg does not exist (moved or deleted?). Pick the file again."
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    result = precheck(empty)
    assert (result.code, result.bytes) == ("PHOTO_NO_IMAGE", 0)
    assert result.message == (
        "empty.png is empty (0 bytes): an unfinished download or copy? Pick the complete photo."
    )
    nul = precheck(str(tmp_path / "a\x00b.jpg"))
    assert nul.code == "PHOTO_NO_IMAGE" and nul.message.startswith("a\x00b.jpg cannot be opened (")
    assert precheck(str(folder) + "/").message.startswith("photos is a folder")  # named without the slash
