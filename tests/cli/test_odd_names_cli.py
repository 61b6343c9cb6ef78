"""Photos and videos whose file names are not UTF-8 (issue 12, item 4): b"caf\\xe9.jpg" on Linux reaches
Python as "caf\\udce9.jpg"; the file itself is fine and is published, under a neutral name where a name
is sent."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from support.cli import run
from support.images import make_jpeg
from support.sandbox_client import admin_group

from okcomposer.api.upload import UploadFile, part_filename, text_name

ODD = os.fsdecode(b"caf\xe9")  # "caf\udce9" where file names are bytes (Linux, BSD)


@pytest.fixture
def odd_folder(tmp_path) -> Path:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("names there are always Unicode")
    folder = tmp_path / os.fsdecode(b"dossier-\xff")  # a folder with a non-UTF-8 name too
    try:
        folder.mkdir()
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    return folder


def test_a_moment_of_a_photo_with_a_non_utf8_name_is_published(env, odd_folder, capsys):
    photo = make_jpeg(odd_folder / f"{ODD}.jpg")
    assert os.fsencode(photo).endswith(b"caf\xe9.jpg")
    code, out, err = run(capsys, "--api-base", env.base_url, "moment", str(photo))
    assert code == 0, err
    [moment] = env.snapshot()["moments"]
    assert out.split() == [str(moment["id"])]
    assert "Traceback" not in err


def test_a_post_with_photos_with_non_utf8_names_is_published(env, odd_folder, capsys):
    gid = admin_group(env)
    make_jpeg(odd_folder / f"{ODD}.jpg")
    make_jpeg(odd_folder / "plain.jpg")
    # As a script writes a draft from os.listdir(): json.dumps escapes the name as "caf\udce9.jpg".
    items = [{"file": name} for name in sorted(os.listdir(odd_folder))]
    media = [{"type": "text", "text": "Café"}, {"type": "photo", "list": items}]
    draft = odd_folder / "d.json"
    draft.write_text(json.dumps({"type": "GROUP_THEME", "gid": gid, "attachment": {"media": media}}))
    assert "\\udce9" in draft.read_text()
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(draft))
    assert code == 0, err
    [topic] = env.snapshot()["topics"]
    assert out.strip() == topic["id"]
    assert len(topic["attachment"]["media"][1]["list"]) == 2


def test_a_video_with_a_non_utf8_name_is_uploaded_under_its_name_as_valid_text(env, odd_folder, capsys):
    gid = admin_group(env)
    (odd_folder / f"{ODD}.mp4").write_bytes(os.urandom(40_000))
    media = [{"type": "movie", "list": [{"file": f"{ODD}.mp4", "title": "Clip"}]}]
    draft = odd_folder / "v.json"
    draft.write_text(json.dumps({"type": "GROUP_THEME", "gid": gid, "attachment": {"media": media}}))
    code, _, err = run(capsys, "--api-base", env.base_url, "post", str(draft))
    assert code == 0, err
    [video] = env.snapshot()["videos"]
    assert video["file_name"] == "caf\ufffd.mp4"


def test_a_lone_surrogate_no_file_system_can_name_is_still_bad_input(env, tmp_path, capsys):
    draft = tmp_path / "d.json"
    media = [{"type": "photo", "list": [{"file": "\ud800.jpg"}]}]
    draft.write_text(json.dumps({"type": "USER", "attachment": {"media": media}}))
    code, _, err = run(capsys, "--api-base", env.base_url, "post", str(draft))
    if sys.platform == "win32":  # a UTF-16 name may hold it; the file does not exist
        assert code == 2
        return
    assert (code, err.strip()) == (
        2,
        f"okcomposer: {draft}: the draft holds text that is not valid Unicode (a lone surrogate)",
    )
    assert env.snapshot()["calls"] == []


def test_names_sent_and_shown_are_valid_text():
    assert text_name("caf\udce9.jpg") == "caf\ufffd.jpg"
    assert text_name("кот.jpg") == "кот.jpg"
    assert text_name("\ud800.jpg") == "?.jpg"  # a lone surrogate no byte made
    assert part_filename(UploadFile("pic2", Path("caf\udce9.jpg"))) == "pic2.jpg"
    assert part_filename(UploadFile("data", Path("clip\udcff.m\udce94v"))) == "data"  # no sane extension
    assert part_filename(UploadFile("pic1", Path('/x/Кот "1".jpeg'))) == 'Кот "1".jpeg'  # valid: as it is
