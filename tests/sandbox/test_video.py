"""The sandbox's video as docs/ok-api.md "Video" describes OK's: video.getUploadUrl (file_size 0 allowed), one
multipart POST with the file in `data` or raw Content-Range chunks, the GET status on the upload URL,
video.update's empty answer (title optional, privacy), video.get with fields=video.status."""

from __future__ import annotations

import hashlib
import os

import requests

from okcomposer.sandbox.server import Sandbox


def new_video(api, size: int, **params) -> dict:
    return api.call("video.getUploadUrl", file_name="clip.mp4", file_size=str(size), **params)


def status(url: str) -> dict:
    answer = requests.get(url, timeout=5)
    assert answer.status_code == 200
    return answer.json()


def chunk(url: str, data: bytes, first: int, last: int, total: int, body: bytes | None = None):
    headers = {"Content-Range": f"bytes {first}-{last}/{total}", "Content-Type": "application/octet-stream"}
    return requests.post(
        url, data=data[first : last + 1] if body is None else body, headers=headers, timeout=5
    )


def test_one_multipart_post_answers_an_empty_200_and_the_video_can_be_posted(api):
    data = os.urandom(20_000)
    got = new_video(api, len(data))
    assert got["upload_url"].startswith(api.base + "/upload/video?") and got["video_id"].isdigit()
    movie = {"media": [{"type": "movie", "list": [{"id": got["video_id"]}]}]}
    assert api.post_error(movie) == 100  # not uploaded yet
    answer = requests.post(got["upload_url"], files={"data": ("clip.mp4", data, "video/mp4")}, timeout=5)
    assert (answer.status_code, answer.content) == (200, b"")
    video = api.sb.state.video(got["video_id"])
    assert video["status"] == "ready" and video["sha256"] == hashlib.sha256(data).hexdigest()
    assert status(got["upload_url"]) == {
        "status": "COMPLETED",
        "total_size": 20_000,
        "last_byte_received": 19_999,
    }
    assert api.post(movie).json().isdigit()


def test_content_range_chunks_and_the_get_status(api):
    data = os.urandom(40_000)
    got = new_video(api, len(data))
    url = got["upload_url"]
    assert status(url) == {"status": "UPLOADING", "total_size": 40_000, "last_byte_received": -1}
    first = chunk(url, data, 0, 15_999, 40_000)
    assert (first.status_code, first.content) == (200, b"")
    assert chunk(url, data, 0, 15_999, 40_000).status_code == 200  # the same chunk again is fine
    for wrong in (
        chunk(url, data, 16_000, 31_999, 50_000),
        chunk(url, data, 16_000, 31_999, 40_000, b"short"),
    ):
        assert (wrong.status_code, wrong.text) == (416, "REQUESTED_RANGE_NOT_SATISFIABLE")
    assert chunk(url, data, 32_000, 39_999, 40_000).status_code == 200  # a gap: only the start counts
    assert status(url)["last_byte_received"] == 15_999
    assert api.sb.state.video(got["video_id"])["status"] == "uploading"
    chunk(url, data, 16_000, 31_999, 40_000)
    assert status(url) == {"status": "COMPLETED", "total_size": 40_000, "last_byte_received": 39_999}
    video = api.sb.state.video(got["video_id"])
    assert video["status"] == "ready" and video["sha256"] is None  # out of order: the hash is unknown


def test_file_size_zero_is_allowed_and_the_upload_tells_the_size(api):
    data = os.urandom(30_000)
    whole, chunked = new_video(api, 0), new_video(api, 0)
    assert status(chunked["upload_url"])["total_size"] == 0
    requests.post(whole["upload_url"], files={"data": ("clip.mp4", data)}, timeout=5)
    assert api.sb.state.video(whole["video_id"])["file_size"] == 30_000
    chunk(chunked["upload_url"], data, 0, 29_999, 30_000)
    assert api.sb.state.video(chunked["video_id"])["sha256"] == hashlib.sha256(data).hexdigest()
    tiny = new_video(api, 0)
    refused = requests.post(tiny["upload_url"], files={"data": ("a.mp4", b"x" * 100)}, timeout=5).json()
    assert refused["error_code"] == 100  # still within OK's limits


def test_video_update_answers_an_empty_body_title_optional_privacy(api):
    got = new_video(api, 20_000)
    bare = api.raw("video.update", vid=got["video_id"])  # the title is optional
    assert (bare.status_code, bare.content) == (200, b"")
    for privacy in ("PUBLIC", "FRIENDS"):
        answer = api.raw("video.update", vid=got["video_id"], title="My clip", privacy=privacy, tags="a,b")
        assert (answer.status_code, answer.content) == (200, b"")
    video = api.sb.state.video(got["video_id"])
    assert (video["title"], video["privacy"], video["tags"]) == ("My clip", "FRIENDS", "a,b")
    # Other privacy words: OK's answer is unknown, so the sandbox is not stricter (docs/ok-api.md "Video").
    assert api.raw("video.update", vid=got["video_id"], privacy="ONLY_ME").content == b""
    assert api.error("video.update", vid="1", title="x") == 300
    assert api.error("video.update", title="x") == 100


def test_upload_url_parameters(api):
    assert api.error("video.getUploadUrl", file_name="a.mp4", file_size=str(16 * 1024 - 1)) == 100
    assert api.error("video.getUploadUrl", file_name="a.mp4", file_size=str(1024**3 + 1)) == 100
    assert api.error("video.getUploadUrl", file_name="a.mp4", file_size="-1") == 100
    assert api.error("video.getUploadUrl", file_size="20000") == 100
    assert api.error("video.getUploadUrl", file_name="a.mp4", file_size="20000", gid="70000001000301") == 10
    assert new_video(api, 20_000, gid=api.admin_gid, post_form="true")["video_id"]
    got = new_video(api, 20_000)
    wrong_size = requests.post(got["upload_url"], files={"data": ("a.mp4", b"x" * 100)}, timeout=5).json()
    assert wrong_size["error_code"] == 100
    raw = requests.post(got["upload_url"], data=b"x" * 20_000, timeout=5).json()  # neither form nor range
    assert raw["error_code"] == 21
    altered = got["upload_url"].replace("videoId=", "videoId=1")
    assert requests.get(altered, timeout=5).json()["error_code"] == 100


def test_video_get_gives_the_status_only_when_asked_for(api):
    got = new_video(api, 20_000)
    asked = api.call("video.get", vids=got["video_id"], fields="video.status")
    assert asked == {"videos": [{"id": got["video_id"], "title": "", "status": "UPLOADING"}]}
    assert "status" not in api.call("video.get", vids=got["video_id"])["videos"][0]
    requests.post(got["upload_url"], files={"data": ("a.mp4", b"v" * 20_000)}, timeout=5)
    assert api.call("video.get", vids=got["video_id"], fields="VIDEO.STATUS")["videos"][0]["status"] == "OK"


def test_processing_takes_a_while(make_api):
    with Sandbox(video_processing_s=60) as sb:
        api = make_api(sb)
        got = new_video(api, 20_000)
        requests.post(got["upload_url"], files={"data": ("a.mp4", b"v" * 20_000)}, timeout=5)
        assert sb.state.video(got["video_id"])["status"] == "processing"
        shown = api.call("video.get", vids=got["video_id"], fields="video.status")["videos"][0]["status"]
        assert shown == "PROCESSING"
        sb.state.advance(59)
        assert sb.snapshot()["videos"][0]["status"] == "processing"
        sb.state.advance(1)  # the sandbox's clock, not a sleep
        assert sb.snapshot()["videos"][0]["status"] == "ready"
