"""The video block uploads a file itself and takes the id once OK has processed it; the post then goes out."""

from __future__ import annotations

import os

import pytest
from support.sandbox_client import demo_client
from ui.workflow_helpers import WAIT, make_context, sign_in

from okcomposer.api import methods
from okcomposer.api.topic import Attachment, Post
from okcomposer.sandbox.server import Sandbox
from okcomposer.ui.compose.blocks.movie import MovieEditor
from okcomposer.ui.compose.video_upload import PROCESSING


@pytest.fixture
def slow_sandbox():
    with Sandbox(video_processing_s=0.5) as sandbox:
        yield sandbox


def test_video_file_joins_the_block_when_ready_and_publishes(qtbot, tmp_path, slow_sandbox):
    ctx = make_context(tmp_path)
    sign_in(ctx, slow_sandbox)
    editor = MovieEditor(ctx)
    qtbot.addWidget(editor)
    editor.uploader.chunk_size, editor.uploader.poll_s = 16 * 1024, 0.1
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(os.urandom(40_000))
    states = []
    editor.uploader.state_changed.connect(states.append)
    try:
        with qtbot.waitSignal(editor.changed, timeout=WAIT):
            editor.uploader.start(clip)
            assert editor.block().items == []  # nothing in the post while uploading or processing
        assert PROCESSING in states
        [item] = editor.block().items
        post = Post(Attachment([editor.block()]))
        topic_id = methods.post_topic(demo_client(slow_sandbox), post)
        [topic] = slow_sandbox.snapshot()["topics"]
        assert topic["id"] == topic_id and topic["attachment"]["media"][0]["list"] == [{"id": item.id}]
    finally:
        editor.uploader.shutdown()
        ctx.drafts.close()
