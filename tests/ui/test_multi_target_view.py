"""One draft, many targets on the sandbox: rights per group, a version per target, partial success, retry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui.workflow_helpers import (
    G1,
    G2,
    MEMBER_ONLY,
    WAIT,
    assert_no_threads_left,
    make_context,
    no_backoff,
    sign_in,
)

from okcomposer.api.topic import Post
from okcomposer.app.multi import ME, Override
from okcomposer.ui.targets.multi_view import MultiTargetView


@pytest.fixture
def view(qtbot, tmp_path, sandbox):
    ctx = make_context(tmp_path)
    sign_in(ctx, sandbox)
    widget = MultiTargetView(ctx)
    qtbot.addWidget(widget)
    qtbot.waitUntil(
        lambda: widget.tree.topLevelItemCount() == 1 + len(sandbox.info()["groups"]), timeout=WAIT
    )
    widget.set_base(Post.from_draft({"attachment": {"media": [{"type": "text", "text": "Spring sale"}]}}))
    yield widget
    widget.shutdown()
    assert not widget.tasks.busy
    ctx.drafts.close()
    assert_no_threads_left()


def test_groups_where_i_may_not_post_are_shown_disabled_with_the_reason(view):
    member = view.item(MEMBER_ONLY)
    assert not member.flags() & Qt.ItemFlag.ItemIsEnabled
    assert member.text(2) == "Only admins, moderators and editors post here" and member.text(1) == "—"
    assert (
        view.item(G1).flags() & Qt.ItemFlag.ItemIsEnabled and view.item(G1).text(1) == "Same as the base post"
    )
    view.set_checked(MEMBER_ONLY)
    assert view.checked_targets() == []
    assert not view.publish_button.isEnabled()


def test_a_version_per_target_edited_on_the_right(qtbot, view):
    view.select(G2)
    editor = view.editor
    assert editor.same.isVisibleTo(view) and editor.title() == "Version for Riverside Running Club"
    editor.own_text.setChecked(True)
    editor.text.setPlainText("Spring sale for runners")
    editor.comments.setCurrentIndex(editor.comments.findData(True))
    assert view.overrides[G2] == Override(text="Spring sale for runners", disable_comments=True)
    assert view.item(G2).text(1) == "Own version: text, comments"
    assert not editor.same.isVisibleTo(view)
    view.select(G1)
    assert editor.same.isVisibleTo(view) and not editor.own_text.isChecked()
    assert editor.text.toPlainText() == "Spring sale"  # the base text, greyed out
    view.select(ME)
    assert not editor.behalf.isEnabled() and not editor.comments.isEnabled()
    view.select(G2)
    qtbot.mouseClick(editor.reset_button, Qt.MouseButton.LeftButton)
    assert G2 not in view.overrides and view.item(G2).text(1) == "Same as the base post"


def test_publish_to_three_targets_with_a_fault_on_one_then_retry_the_failed_one(
    qtbot, view, sandbox, monkeypatch
):
    no_backoff(monkeypatch)
    for target in (ME, G1, G2):
        view.set_checked(target)
    view.set_override(G2, Override(text="Spring sale for runners"))
    sandbox.add_fault("mediatopic.post", "limit", times=4)  # the first target's every attempt
    steps = []
    view.tree.itemChanged.connect(lambda item, column: column == 2 and steps.append(item.text(2)))
    with qtbot.waitSignal(view.finished, timeout=WAIT) as done:
        qtbot.mouseClick(view.publish_button, Qt.MouseButton.LeftButton)
        assert view.running and not view.publish_button.isEnabled() and view.cancel_button.isVisibleTo(view)
    results = done.args[0]
    assert [results[t].state for t in (ME, G1, G2)] == ["failed", "published", "published"]
    assert "Publishing…" in steps and "Published" in steps
    assert view.item(ME).text(2) == "Failed: OK error 11 LIMIT_REACHED"
    assert view.item(G1).text(2) == "Published"
    assert view.summary.text().startswith("2 published, 1 failed. ") and "Retry failed" in view.summary.text()
    view.select(ME)
    assert "LIMIT_REACHED" in view.editor.result.text()
    view.select(G1)
    assert f'href="{results[G1].url}"' in view.editor.result.text()
    topics = {t["gid"]: t for t in sandbox.snapshot()["topics"]}
    assert set(topics) == {G1, G2}
    assert topics[G2]["attachment"]["media"][0]["text"] == "Spring sale for runners"
    assert topics[G1]["attachment"]["media"][0]["text"] == "Spring sale"

    assert view.retry_button.isEnabled()
    with qtbot.waitSignal(view.finished, timeout=WAIT) as again:
        qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    assert [again.args[0][t].state for t in (ME, G1, G2)] == ["published"] * 3
    assert again.args[0][G1] == results[G1]  # kept, not sent again
    gids = sorted(t["gid"] or ME for t in sandbox.snapshot()["topics"])
    assert gids == sorted([ME, G1, G2])  # each place exactly once
    assert view.summary.text() == "3 published"
    assert view.context.drafts.history() == []  # the outbox is the history now
    entries = [e for e in view.context.outbox.store.recent() if e.state == "published"]
    assert sorted(e.target_name for e in entries) == ["My page", "Riverside Running Club", "Sunrise Bakery"]
    assert {e.summary for e in entries} == {"Spring sale", "Spring sale for runners"}
    assert not view.retry_button.isEnabled()


def test_a_refusal_before_sending_is_shown_per_target(qtbot, view, sandbox):
    view.set_checked(G1)
    view.set_base(Post.from_draft({"attachment": {"media": []}}))  # an empty post: OK refuses it
    qtbot.mouseClick(view.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.running, timeout=WAIT)
    assert view.summary.text().startswith("Nothing was sent")
    assert "empty" in view.item(G1).text(2)
    assert sandbox.snapshot()["topics"] == []
