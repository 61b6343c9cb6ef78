"""`okcomposer check` on the phones' formats (issue 17, item 7): a HEIC or AVIF photo passes and the line says
it will be sent as JPEG; a JPEG missing only its end marker passes with a note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from support.cli import run
from support.images import allow_writing_heif

CASES = Path(__file__).parent.parent / "data" / "cases"


@pytest.mark.parametrize("kind", ["HEIF", "AVIF"])
def test_check_says_a_phone_photo_goes_as_jpeg(tmp_path, capsys, kind):
    path = tmp_path / f"IMG_0001.{'heic' if kind == 'HEIF' else 'avif'}"
    if kind == "HEIF":
        allow_writing_heif()
    Image.new("RGB", (400, 300), (10, 120, 200)).save(path, kind)
    code, out, _ = run(capsys, "check", str(path))
    [line] = [json.loads(text) for text in out.splitlines()]
    assert code == 0 and line["ok"] is True and line["format"] == kind
    assert line["message"].endswith(f"OK does not take {kind}: it will be sent as JPEG.")


def test_check_accepts_a_jpeg_complete_but_for_its_end_marker(capsys):
    code, out, _ = run(capsys, "check", str(CASES / "no_eoi_complete.jpg"))
    line = json.loads(out)
    assert code == 0 and line["ok"] is True and "lacks its end-of-image marker" in line["message"]
