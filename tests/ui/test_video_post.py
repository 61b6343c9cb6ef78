"""A group post with a local video from the window, end to end on the sandbox (issue 11): the movie block
uploads the file (one multipart POST), video.update answers an empty body, the block takes the id once OK has
processed it, and the composer's publish button sends the post with it."""

from __future__ import annotations

import hashlib
import os

import pytest
from PySide6.QtCore import Qt
from ui.window_helpers import WAIT, type_text, wait_valid

from okcomposer.ui.compose.blocks.movie import MovieEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_group_post_with_a_local_video_from_the_window(qtbot, ctx, open_window, sandbox, tmp_path):
    gid = next(g["id"] for g in sandbox.info()["groups"] if g["status"] == "ADMIN")
    sandbox.state.video_processing_s = 0.3
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)
    window.target.targets.setCurrentItem(window.target._item(gid))
    type_text(qtbot, window, "Our new clip")
    window.composer.add_block("movie")
    editor = window.composer.frames()[-1].editor
    assert isinstance(editor, MovieEditor)
    editor.uploader.poll_s = 0.05
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(os.urandom(40_000))
    editor.uploader.title.setText("My clip")
    with qtbot.waitSignal(editor.uploader.ready, timeout=WAIT) as ready:
        editor.uploader.start(clip)
    video_id = ready.args[0]
    wait_valid(qtbot, window)
    panel = window.publish_panel
    with qtbot.waitSignal(panel.published, timeout=WAIT) as published:
        qtbot.mouseClick(panel.publish_button, Qt.MouseButton.LeftButton)
    snap = sandbox.snapshot()
    [video], [topic] = snap["videos"], snap["topics"]
    assert published.args[0].topic_id == topic["id"] and topic["gid"] == gid
    assert video["gid"] == gid  # uploaded into the group the post is for, as the CLI does
    assert {"type": "movie", "list": [{"id": video_id}]} in topic["attachment"]["media"]
    assert video["video_id"] == video_id and video["title"] == "My clip"
    assert video["sha256"] == hashlib.sha256(clip.read_bytes()).hexdigest()
    assert [c["method"] for c in snap["calls"]].count("video.update") == 1  # answered with an empty body
    editor.uploader.shutdown()


def test_a_video_block_follows_the_target_it_will_be_posted_to(qtbot, ctx, open_window, sandbox):
    gid = next(g["id"] for g in sandbox.info()["groups"] if g["status"] == "ADMIN")
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)
    window.composer.add_block("movie")
    uploader = window.composer.frames()[-1].editor.uploader
    assert uploader.gid is None  # my page: the user's own videos
    window.target.targets.setCurrentItem(window.target._item(gid))
    assert uploader.gid == gid
    window.composer.add_block("movie")
    assert window.composer.frames()[-1].editor.uploader.gid == gid
    window.target.targets.setCurrentRow(0)
    assert uploader.gid is None
