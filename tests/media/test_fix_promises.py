"""A fix keeps its word: the downscale gives exactly the size the check promised, a damaged photo is offered
no fix (each would rewrite the same damaged data), and a failed fix names the user's file, not its copy."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PIL import Image

from okcomposer.limits import Limits
from okcomposer.media.fixes import FixError, prepare
from okcomposer.media.precheck import REASONS, precheck
from tests.media.corpus import exif, photo

SMALL = Limits(photo_max_side=1200, photo_max_pixels=80_000_000)  # 13000x3000's shape, a tenth the size


def wide(folder: Path) -> Path:
    path = folder / "wide.jpg"
    photo((1300, 300)).save(path, quality=90)
    return path


def truncated_with_gps(folder: Path) -> Path:
    whole = folder / "whole.jpg"
    photo((400, 300)).save(whole, quality=95, exif=exif(gps=True))
    data = whole.read_bytes()
    path = folder / "trunc.jpg"
    path.write_bytes(data[: len(data) // 2])  # the first half of a JPEG: an interrupted copy
    return path


def test_the_check_words_a_too_wide_photo_with_its_reason_and_the_size_it_will_get(tmp_path):
    checked = precheck(wide(tmp_path), SMALL)
    assert checked.reason == "too_big" and checked.fixes == ("downscale",)
    assert dict(checked.details)["fitted"] == "1200x276"
    assert checked.message == REASONS["too_big"].format(name="wide.jpg", **dict(checked.details))
    assert "Downscale it to 1200x276 (offered)" in checked.message


def test_the_downscale_gives_exactly_the_promised_size(tmp_path):
    path = wide(tmp_path)
    checked = precheck(path, SMALL)
    out = prepare(path, checked, fixes={"downscale"}, out_dir=tmp_path / "fixed", limits=SMALL)
    with Image.open(out) as im:
        assert f"{im.width}x{im.height}" == dict(checked.details)["fitted"]  # not 1196x276


def test_a_damaged_photo_is_offered_no_fix(tmp_path):
    checked = precheck(truncated_with_gps(tmp_path))
    assert checked.code == "PHOTO_IMAGE_CORRUPTED" and checked.has_gps
    assert checked.fixes == ()  # not "remove its GPS location": the copy would be just as damaged


def test_a_failed_fix_names_the_users_file_not_its_copy(tmp_path):
    path = truncated_with_gps(tmp_path)
    offered = dataclasses.replace(precheck(path), fixes=("strip_gps",))  # as an older check offered it
    with pytest.raises(FixError) as failed:
        prepare(path, offered, fixes={"strip_gps"}, out_dir=tmp_path / "fixed")
    assert str(failed.value).startswith("trunc.jpg is damaged") and "trunc.ok" not in str(failed.value)
    assert list((tmp_path / "fixed").iterdir()) == []
