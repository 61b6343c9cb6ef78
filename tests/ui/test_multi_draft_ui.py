"""Many targets in the window: a refusal is forgotten once the post changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui.window_helpers import WAIT
from ui.workflow_helpers import G1, british_english

from okcomposer.api.topic import Post

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
RESULT = 2  # the result column


@pytest.fixture(autouse=True)
def _british():
    with british_english():
        yield


def many_targets(qtbot, window, sandbox):
    window.install_workflow()
    view = window.workflow.many.view
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 1 + len(sandbox.info()["groups"]), timeout=WAIT)
    return view


def publish(qtbot, view, *targets) -> dict:
    for target in targets:
        view.set_checked(target)
    with qtbot.waitSignal(view.finished, timeout=WAIT) as done:
        qtbot.mouseClick(view.publish_button, Qt.MouseButton.LeftButton)
    return done.args[0]


def test_a_refusal_is_forgotten_once_the_post_changes(qtbot, ctx, open_window, sandbox, tmp_path):
    fake = tmp_path / "fake.jpg"
    fake.write_bytes(b"not a photo at all")
    window = open_window(ctx, sandbox)
    view = many_targets(qtbot, window, sandbox)
    text = {"type": "text", "text": "Spring sale"}
    photo = {"type": "photo", "list": [{"file": str(fake)}]}
    view.set_base(Post.from_draft({"attachment": {"media": [text, photo]}}))
    view.set_checked(G1)
    qtbot.mouseClick(view.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.running, timeout=WAIT)
    assert "fake.jpg" in view.item(G1).text(RESULT) and view.summary.text().startswith("Nothing was sent")
    view.set_base(Post.from_draft({"attachment": {"media": [text]}}))  # the photo removed
    assert view.item(G1).text(RESULT) == "" and view.summary.text() == ""
    view.set_base(Post.from_draft({"attachment": {"media": [text]}}))  # shown again, unchanged
    assert view.item(G1).text(RESULT) == ""
