"""The draft behind a Many targets publish ends as a Post tab publish does: every outbox entry carries it,
a page post the window's outbox sends later updates the row, the summary and the draft ("published" once
every target is done, no longer reopened at start); a refusal is forgotten once the post changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui.window_helpers import WAIT, type_text
from ui.workflow_helpers import G1, british_english

from okcomposer.api.topic import Post
from okcomposer.app.multi import ME, Override
from okcomposer.app.outbox import Outbox
from okcomposer.store.drafts import now_ms
from okcomposer.ui.common import window_state

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


def test_a_page_post_sent_later_by_the_window_marks_the_row_and_the_draft_published(
    qtbot, ctx, open_window, sandbox
):
    clock = [now_ms()]
    ctx.outbox = Outbox(ctx.drafts, clock=lambda: clock[0])
    window = open_window(ctx, sandbox)
    view = many_targets(qtbot, window, sandbox)
    type_text(qtbot, window, "Open day")
    window.tabs.setCurrentWidget(view)  # the composer's post becomes the base
    view.set_override(ME, Override(publish_at_ms=clock[0] + 60_000))
    results = publish(qtbot, view, ME, G1)
    draft_id = window.keeper.draft_id
    assert draft_id is not None and results[G1].state == "published" and results[ME].state == "waiting"
    assert {e.draft_id for e in ctx.outbox.store.for_draft(draft_id)} == {draft_id}
    assert len(ctx.outbox.store.for_draft(draft_id)) == 2  # each target's entry is the draft's
    assert view.item(ME).text(RESULT).startswith("Waiting on this computer")
    assert ctx.drafts.load(draft_id).state == "draft"  # my page is not done yet
    assert window.keeper.draft_id == draft_id

    window.outbox_runner.timer.setInterval(50)
    clock[0] += 60_000  # the page post's time
    with qtbot.waitSignal(window.outbox_runner.sent, timeout=WAIT):
        pass
    qtbot.waitUntil(lambda: view.item(ME).text(RESULT) == "Published", timeout=WAIT)
    assert view.summary.text() == "2 published"
    qtbot.waitUntil(lambda: ctx.drafts.load(draft_id).state == "published", timeout=WAIT)
    qtbot.waitUntil(lambda: window.keeper.draft_id is None, timeout=WAIT)  # as after a Post tab publish
    qtbot.waitUntil(lambda: window_state.current_draft() == "", timeout=WAIT)  # a restart opens no draft
    window.tabs.setCurrentWidget(window.drafts_view)
    qtbot.waitUntil(lambda: "Published" in visible_states(window), timeout=WAIT)


def visible_states(window) -> str:
    model = window.drafts_view.table.model()
    return " ".join(
        str(model.index(row, column).data())
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    )


def test_publishing_to_every_target_at_once_marks_the_draft_published(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    view = many_targets(qtbot, window, sandbox)
    type_text(qtbot, window, "Fresh bread")
    window.tabs.setCurrentWidget(view)
    results = publish(qtbot, view, ME, G1)
    draft_id = window.keeper.draft_id
    assert draft_id is not None and {r.state for r in results.values()} == {"published"}
    qtbot.waitUntil(lambda: ctx.drafts.load(draft_id).state == "published", timeout=WAIT)
    qtbot.waitUntil(lambda: window.keeper.draft_id is None, timeout=WAIT)
    assert [d.id for d in ctx.drafts.list()] == [draft_id]


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
