"""Moments (upload + moments.commit) and videos (upload URL, multipart or Content-Range chunks, update)."""

from __future__ import annotations

import hashlib
import json
import os
import time

import requests

from okcomposer.sandbox.server import Sandbox


def moment_upload(api, size=(720, 1280)) -> dict:
    got = api.call("moments.getUploadUrl")
    assert set(got) == {"upload_url", "photo_ids", "expires_ms", "ttl_ms"} and len(got["photo_ids"]) == 1
    answer = api.upload(got["upload_url"], {"pic1": ("m.jpg", api.image("JPEG", size), "image/jpeg")}).json()
    photo_id = got["photo_ids"][0]
    return {"photo_id": photo_id, "token": answer["photos"][photo_id]["token"]}


def test_two_moments_in_one_commit(api):
    first, second = moment_upload(api), moment_upload(api, (1080, 1920))
    answer = api.call("moments.commit", photos=json.dumps([first, second]))
    assert answer["success"] is True and len(answer["moment_ids"]) == 2
    moments = api.sb.state.moments
    assert [m["id"] for m in moments] == answer["moment_ids"]
    assert moments[1]["photo_id"] == second["photo_id"] and (moments[1]["width"], moments[1]["height"]) == (
        1080,
        1920,
    )
    assert moments[0]["uid"] == api.uid and moments[0]["format"] == "JPEG" and moments[0]["bytes"] > 0
    assert api.error("moments.commit", photos=json.dumps([first])) == 100  # a token is single use


def test_moment_commit_rules(api):
    item = moment_upload(api)
    assert api.error("moments.commit", photos=json.dumps([{**item, "token": "wrong"}])) == 100
    assert api.error("moments.commit", photos=json.dumps([item, item])) == 100
    assert api.error("moments.commit", photos="[]") == 100
    assert api.error("moments.commit", photos="{not json") == 100
    assert api.error("moments.commit") == 100
    pid, token = api.upload_photo()
    assert api.error("moments.commit", photos=json.dumps([{"photo_id": pid, "token": token}])) == 100
    # A Moment upload cannot go into a topic.
    assert api.post_error({"media": [{"type": "photo", "list": [{"id": item["token"]}]}]}) == 100
    assert api.sb.state.moments == []
    api.call("moments.commit", photos=json.dumps([item]))  # nothing above used it up
    assert len(api.sb.state.moments) == 1


def new_video(api, size: int, **params) -> dict:
    return api.call("video.getUploadUrl", file_name="clip.mp4", file_size=str(size), **params)


def test_video_multipart_upload_update_and_post(api):
    data = os.urandom(20_000)
    got = new_video(api, len(data))
    assert got["upload_url"].startswith(api.base + "/upload/video?") and got["video_id"].isdigit()
    movie = {"media": [{"type": "movie", "list": [{"id": got["video_id"]}]}]}
    assert api.post_error(movie) == 100  # not uploaded yet
    answer = requests.post(
        got["upload_url"], files={"data": ("clip.mp4", data, "video/mp4")}, timeout=5
    ).json()
    assert answer["complete"] is True and answer["received_bytes"] == len(data)
    video = api.sb.state.video(got["video_id"])
    assert video["status"] == "ready" and video["sha256"] == hashlib.sha256(data).hexdigest()
    assert (
        api.call("video.update", vid=got["video_id"], title="My clip", description="d", privacy="PUBLIC")
        is True
    )
    assert api.sb.state.videos[0]["title"] == "My clip"
    assert api.post(movie).json().isdigit()


def test_video_content_range_chunks(api):
    data = os.urandom(40_000)
    got = new_video(api, len(data))

    def send(first, last, total=40_000, body=None):
        headers = {
            "Content-Range": f"bytes {first}-{last}/{total}",
            "Content-Type": "application/octet-stream",
        }
        chunk = data[first : last + 1] if body is None else body
        return requests.post(got["upload_url"], data=chunk, headers=headers, timeout=5).json()

    assert send(0, 15_999)["ranges"] == [[0, 15_999]]
    assert send(0, 15_999)["received_bytes"] == 16_000  # a repeated chunk is fine
    assert send(16_000, 31_999, total=50_000)["error_code"] == 100  # wrong total
    assert send(16_000, 31_999, body=b"short")["error_code"] == 100  # length does not match the range
    partial = send(16_000, 31_999)
    assert partial == {
        "video_id": got["video_id"],
        "received_bytes": 32_000,
        "ranges": [[0, 31_999]],
        "complete": False,
    }
    assert api.sb.state.video(got["video_id"])["status"] == "uploading"
    assert send(32_000, 39_999)["complete"] is True
    video = api.sb.state.video(got["video_id"])
    assert video["status"] == "ready" and video["sha256"] == hashlib.sha256(data).hexdigest()


def test_video_parameters(api):
    assert api.error("video.getUploadUrl", file_name="a.mp4", file_size=str(16 * 1024 - 1)) == 100
    assert api.error("video.getUploadUrl", file_name="a.mp4", file_size=str(1024**3 + 1)) == 100
    assert api.error("video.getUploadUrl", file_size="20000") == 100
    assert api.error("video.getUploadUrl", file_name="a.mp4", file_size="20000", gid="70000001000301") == 10
    assert new_video(api, 20_000, gid=api.admin_gid, post_form="true")["video_id"]
    assert api.error("video.update", vid="1", title="x") == 300
    got = new_video(api, 20_000)
    assert api.error("video.update", vid=got["video_id"]) == 100  # title is required
    wrong_size = requests.post(got["upload_url"], files={"data": ("a.mp4", b"x" * 100)}, timeout=5).json()
    assert wrong_size["error_code"] == 100
    raw = requests.post(got["upload_url"], data=b"x" * 20_000, timeout=5).json()
    assert raw["error_code"] == 21


def test_video_processing_takes_a_while(make_api):
    with Sandbox(video_processing_s=0.3) as sb:
        api = make_api(sb)
        got = new_video(api, 20_000)
        requests.post(got["upload_url"], files={"data": ("a.mp4", b"v" * 20_000)}, timeout=5)
        assert sb.state.video(got["video_id"])["status"] == "processing"
        time.sleep(0.35)
        assert sb.snapshot()["videos"][0]["status"] == "ready"
