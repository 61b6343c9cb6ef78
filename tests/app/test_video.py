"""Video posts against the sandbox: resumable chunks (also after dropped ones), video.update, waiting for
processing, then one mediatopic.post with the movie block."""

from __future__ import annotations

import hashlib
import math
import os
import threading

import pytest
import requests
from support.sandbox_client import admin_group, demo_client

from okcomposer.api import video as video_api
from okcomposer.api.errors import OkApiError, OkCancelled
from okcomposer.api.topic import Post
from okcomposer.api.upload import CancelToken
from okcomposer.api.video import ChunkAnswer, get_videos, upload_resumable
from okcomposer.app.video import BadVideo, VideoFailed, publish_with_video, wait_ready
from okcomposer.sandbox.server import Sandbox

CHUNK = 16 * 1024
SIZE = 40_000  # three chunks


@pytest.fixture
def sb():
    with Sandbox(video_processing_s=0.4) as sandbox:
        yield sandbox


def video_file(tmp_path, size=SIZE):
    path = tmp_path / "clip.mp4"
    path.write_bytes(os.urandom(size))
    return path


def movie_post(gid=None, item=None):
    media = [
        {"type": "text", "text": "our new clip"},
        {"type": "movie", "list": [item or {"file": "clip.mp4"}]},
    ]
    draft = {"type": "GROUP_THEME", "gid": gid} if gid else {"type": "USER"}
    return Post.from_draft({**draft, "attachment": {"media": media}})


def counted(client):
    """Count the requests that reach upload URLs."""
    sent = []
    real = client.upload

    def upload(url, body, content_type, what="upload", headers=None, timeout=None):
        sent.append((headers or {}).get("Content-Range"))
        return real(url, body, content_type, what, headers, timeout)

    client.upload = upload
    return sent


def test_group_post_with_video_waits_until_ready(sb, tmp_path):
    path = video_file(tmp_path)
    client = demo_client(sb)
    sent = counted(client)
    states, progress = [], []
    post = movie_post(admin_group(sb), {"file": "clip.mp4", "title": "My clip"})
    done = publish_with_video(
        client,
        post,
        base_dir=tmp_path,
        chunk_size=CHUNK,
        video_progress=lambda s, t: progress.append((s, t)),
        on_state=states.append,
        poll_s=0.05,
    )
    snap = sb.snapshot()
    [video], [topic] = snap["videos"], snap["topics"]
    assert topic["id"] == done.topic_id and topic["gid"] == admin_group(sb)
    assert topic["attachment"]["media"][1] == {"type": "movie", "list": [{"id": video["video_id"]}]}
    assert video["title"] == "My clip" and video["status"] == "ready"
    assert video["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(sent) == math.ceil(SIZE / CHUNK) and sent[0] == f"bytes 0-{CHUNK - 1}/{SIZE}"
    assert progress[-1] == (SIZE, SIZE) and [s for s, _ in progress] == sorted(s for s, _ in progress)
    assert states[:4] == ["uploading", "updating", "processing", "ready"] and "post" in states
    # The post went out only once OK said the video was processed.
    assert topic["created_ms"] >= video["completed_ms"] + 400


@pytest.mark.parametrize("kind", ["drop_after", "drop_before", "http500", "service"])
def test_a_failed_chunk_resumes_from_what_the_server_has(sb, tmp_path, kind):
    path = video_file(tmp_path)
    client = demo_client(sb)
    sent = counted(client)

    def after_first_chunk(done, _total):
        if done == CHUNK:
            sb.add_fault(method="upload.video", kind=kind, times=1)  # hits the second chunk

    post = movie_post()
    publish_with_video(
        client, post, base_dir=tmp_path, chunk_size=CHUNK, video_progress=after_first_chunk, poll_s=0.05
    )
    [video] = sb.snapshot()["videos"]
    assert video["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    second = f"bytes {CHUNK}-{2 * CHUNK - 1}/{SIZE}"
    # Only the failed chunk went again; the first one was never repeated.
    assert sent.count(second) == 2 and len(sent) == math.ceil(SIZE / CHUNK) + 1
    assert len(sb.snapshot()["topics"]) == 1


def test_an_interrupted_upload_resumes_later_with_a_probe(sb, tmp_path):
    path = video_file(tmp_path, 100_000)
    client = demo_client(sb)
    slot = video_api.get_video_upload_url(client, path.name, path.stat().st_size)
    cancel = CancelToken()

    def stop_after_two(done, _total):
        if done >= 2 * CHUNK:
            cancel.cancel()

    with pytest.raises(OkCancelled):
        upload_resumable(client, slot, path, chunk_size=CHUNK, progress=stop_after_two, cancel=cancel)
    assert sb.state.video(slot.video_id)["received_bytes"] == 2 * CHUNK
    sent = counted(client)
    answer = upload_resumable(client, slot, path, chunk_size=CHUNK, probe=True)
    assert isinstance(answer, ChunkAnswer) and answer.complete and answer.next_offset() == 100_000
    assert sent[0] == "bytes 0-0/100000" and sent[1] == f"bytes {2 * CHUNK}-{3 * CHUNK - 1}/100000"
    assert len(sent) == 1 + math.ceil((100_000 - 2 * CHUNK) / CHUNK)
    assert sb.state.video(slot.video_id)["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_bad_video_files_send_nothing(sb, tmp_path):
    client = demo_client(sb)
    with pytest.raises(BadVideo, match="does not exist"):
        publish_with_video(client, movie_post(), base_dir=tmp_path)
    video_file(tmp_path, 1000)
    with pytest.raises(BadVideo, match="1000 bytes"):
        publish_with_video(client, movie_post(), base_dir=tmp_path)
    assert sb.snapshot()["calls"] == []


def test_processing_timeout_and_cancel_post_nothing(tmp_path):
    with Sandbox(video_processing_s=30) as sandbox:
        client = demo_client(sandbox)
        video_file(tmp_path)
        states = []
        with pytest.raises(VideoFailed, match="still processing"):
            publish_with_video(
                client, movie_post(), base_dir=tmp_path, on_state=states.append, poll_s=0.05, timeout_s=0.3
            )
        assert "processing" in states
        cancel = CancelToken()
        threading.Timer(0.2, cancel.cancel).start()
        with pytest.raises(OkCancelled):
            publish_with_video(client, movie_post(), base_dir=tmp_path, cancel=cancel, poll_s=0.05)
        assert sandbox.snapshot()["topics"] == []


def test_video_get_in_the_sandbox(sb, tmp_path):
    client = demo_client(sb)
    slot = video_api.get_video_upload_url(client, "a.mp4", 20_000)
    assert get_videos(client, [slot.video_id])[slot.video_id].status == "UPLOADING"
    requests.post(slot.upload_url, files={"data": ("a.mp4", b"v" * 20_000)}, timeout=5)
    info = get_videos(client, [slot.video_id, "14029922", "999"])
    assert info[slot.video_id].status == "PROCESSING" and not info[slot.video_id].ready
    assert info["14029922"].ready and "999" not in info
    wait_ready(client, slot.video_id, poll_s=0.05)
    assert get_videos(client, [slot.video_id])[slot.video_id].ready
    for bad in ("", "abc", ",".join(str(i) for i in range(101))):
        with pytest.raises(Exception, match="PARAM"):
            client.call("video.get", {"vids": bad})


def test_without_a_status_method_the_post_goes_out_unwaited(sb, tmp_path, monkeypatch):
    # video.get is UNCONFIRMED: should OK answer 3 METHOD, the post is sent without waiting.
    def no_such_method(client, ids):
        raise OkApiError(3, "Unknown method video.get", "video.get")

    monkeypatch.setattr("okcomposer.app.video.get_videos", no_such_method)
    video_file(tmp_path)
    states = []
    publish_with_video(demo_client(sb), movie_post(), base_dir=tmp_path, on_state=states.append)
    assert "processing" not in states and len(sb.snapshot()["topics"]) == 1
