"""Photo addresses in an import (issue 17, item 4): downloaded from a local web server, checked like any
photo, posted; each failure said in one line with the address exactly as written (never made a path)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from support.image_server import Answer, image_server

from okcomposer.app.bulk_import import load
from okcomposer.app.messages import MessageError
from okcomposer.app.photo_urls import Downloader, is_url

G1 = "70000001000101"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def jpeg(size=(640, 480)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def table(folder: Path, photos: str) -> Path:
    path = folder / "posts.csv"
    path.write_text(f"text,photos,target\r\nНовинка,{photos},{G1}\r\n", encoding="utf-8")
    return path


def test_addresses_are_told_from_file_names():
    assert is_url("https://example.com/a.jpg") and is_url("HTTP://example.com/a.jpg")
    assert not is_url("https:/example.com/a.jpg") and not is_url("photos/https.jpg") and not is_url("ftp://x")


def test_a_photo_address_is_downloaded_checked_and_becomes_the_rows_photo(tmp_path):
    with image_server() as web:
        web.answers["/img/new-item.jpg"] = Answer(jpeg())
        url = f"{web.url}/img/new-item.jpg"
        seen: list[tuple[int, int, str]] = []
        downloader = Downloader(tmp_path / "downloaded")
        plan = load(
            table(tmp_path, f"{url}|{url}"),
            now=NOW,
            downloader=downloader,
            on_download=lambda *a: seen.append(a),
        )
    assert plan.ok, plan.errors
    assert seen == [(1, 1, url)] and web.requests == ["/img/new-item.jpg"]  # each address once
    files = [photo for _, _, photo in plan.rows[0].post.local_files()]
    assert len(files) == 2 and files[0] == files[1] and files[0].name == "new-item.jpg"
    assert files[0].is_relative_to(tmp_path / "downloaded") and files[0].read_bytes() == jpeg()
    assert plan.rows[0].photo_names == {str(files[0]): url}


@pytest.mark.parametrize(
    "path, answer, words",
    [
        ("/gone.jpg", None, "could not be downloaded: the server answered 404"),
        (
            "/page.jpg",
            Answer(b"<html></html>", "text/html; charset=utf-8"),
            "is not an image: the server sends text/html",
        ),
        ("/huge.jpg", Answer(b"x", length=10**9), "is larger than 1 MB"),
        ("/endless.jpg", Answer(b"\xff" * (2 * 1024 * 1024), length=-1), "is larger than 1 MB"),
        (
            "/broken.jpg",
            Answer(b"\xff\xd8\xff\xe0 not really"),
            "starts like an image but its header is broken",
        ),
    ],
)
def test_each_failure_is_a_row_problem_naming_the_address_as_written(tmp_path, path, answer, words):
    with image_server() as web:
        if answer is not None:
            web.answers[path] = answer
        url = f"{web.url}{path}"
        plan = load(
            table(tmp_path, url), now=NOW, downloader=Downloader(tmp_path / "d", max_bytes=1024 * 1024)
        )
    [error] = plan.errors
    assert error.startswith("row 2: ") and words in error
    assert f"'{url}'" in error and "http:/1" not in error  # the address unchanged, in quotes


def test_a_server_that_stops_answering_times_out(tmp_path):
    with image_server() as web:
        web.answers["/slow.jpg"] = Answer(jpeg(), hold=True)
        url = f"{web.url}/slow.jpg"
        with pytest.raises(MessageError) as caught:
            Downloader(tmp_path, timeout=0.3).get(url)
    assert str(caught.value) == f"the photo '{url}' did not arrive within 0.3 seconds"
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]  # no half file left


def test_an_unreachable_server_is_said_in_one_line(tmp_path):
    with image_server() as web:
        url = f"{web.url}/a.jpg"
    with pytest.raises(MessageError) as caught:  # the server has closed: the connection is refused
        Downloader(tmp_path, timeout=5).get(url)
    assert str(caught.value).startswith(f"the photo '{url}' could not be downloaded (")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "url", ["https://" + "a" * 5000 + "/x.jpg", "http://[::1/x.jpg", "https://exa mple.com/x.jpg"]
)
def test_an_address_no_one_can_fetch_is_said_in_one_line(tmp_path, url):
    with pytest.raises(MessageError) as caught:
        Downloader(tmp_path, timeout=5).get(url)
    said = str(caught.value)
    assert said.startswith("the photo 'http") and "could not be downloaded (" in said and "\n" not in said
