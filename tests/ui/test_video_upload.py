"""The video uploader on its own against the sandbox: chunks with progress, "processing…", then the id."""

from __future__ import annotations

import os

import pytest
from ui.workflow_helpers import G1, WAIT, assert_no_threads_left, make_context, sign_in

from okcomposer.sandbox.server import Sandbox
from okcomposer.ui.compose.video_upload import PROCESSING, READY, VideoUploader


@pytest.fixture
def slow_sandbox():
    with Sandbox(video_processing_s=0.6) as sandbox:
        yield sandbox


@pytest.fixture
def uploader(qtbot, tmp_path, slow_sandbox):
    ctx = make_context(tmp_path)
    sign_in(ctx, slow_sandbox)
    widget = VideoUploader(ctx)
    qtbot.addWidget(widget)
    widget.chunk_size, widget.poll_s = 16 * 1024, 0.1  # three chunks; quick status polls
    yield widget
    widget.shutdown()
    assert not widget.tasks.busy
    ctx.drafts.close()
    assert_no_threads_left()


def clip(tmp_path, size: int = 40_000):
    path = tmp_path / "clip.mp4"
    path.write_bytes(os.urandom(size))
    return path


def test_upload_shows_progress_then_processing_then_the_block_gets_the_id(
    qtbot, uploader, slow_sandbox, tmp_path
):
    states, values, seen = [], [], {}
    uploader.state_changed.connect(states.append)
    uploader.progress.valueChanged.connect(values.append)
    uploader.state_changed.connect(
        lambda s: (
            s == PROCESSING
            and seen.update(text=uploader.status.text(), busy=uploader.progress.maximum() == 0)
        )
    )
    uploader.set_group(G1)
    uploader.title.setText("Our new loaf")
    with qtbot.waitSignal(uploader.ready, timeout=WAIT) as ready:
        uploader.start(clip(tmp_path))
        assert (
            uploader.running
            and not uploader.add_button.isEnabled()
            and uploader.cancel_button.isVisibleTo(uploader)
        )
        assert uploader.movie_item() is None
    assert states == ["uploading", PROCESSING, READY]
    assert "processing the video" in seen["text"] and seen["busy"]
    assert values and values[-1] == 1000
    [video] = slow_sandbox.snapshot()["videos"]
    assert ready.args == [video["video_id"]] and uploader.movie_item().id == video["video_id"]
    assert video["title"] == "Our new loaf" and str(video.get("gid")) == G1
    uploads = [c for c in slow_sandbox.snapshot()["calls"] if c["method"] == "video.getUploadUrl"]
    assert len(uploads) == 1
    assert (
        uploader.status.text() == f"Ready: video {video['video_id']}"
        and not uploader.progress.isVisibleTo(uploader)
    )


def test_a_file_ok_would_refuse_is_not_sent(qtbot, uploader, slow_sandbox, tmp_path):
    with qtbot.waitSignal(uploader.failed, timeout=WAIT) as failed:
        uploader.start(clip(tmp_path, 100))
    assert "100 bytes" in failed.args[0] and uploader.state == "failed"
    assert slow_sandbox.snapshot()["videos"] == []


def test_cancel_while_processing_stops_waiting(qtbot, uploader, slow_sandbox, tmp_path):
    slow_sandbox.state.video_processing_s = 60
    with qtbot.waitSignal(uploader.state_changed, timeout=WAIT, check_params_cb=lambda s: s == PROCESSING):
        uploader.start(clip(tmp_path))
    with qtbot.waitSignal(uploader.state_changed, timeout=WAIT) as stopped:
        uploader.cancel()
    assert stopped.args == ["idle"] and uploader.status.text() == "Upload cancelled." and not uploader.running
    assert uploader.movie_item() is None
