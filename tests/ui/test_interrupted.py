"""Publishes cut off by a crash are settled on OK at the next start and shown as they truly ended."""

from __future__ import annotations

import pytest
from support.sandbox_client import admin_group, demo_client
from ui.window_helpers import WAIT

from okcomposer.api import methods
from okcomposer.api.topic import Post
from okcomposer.store.drafts import DraftStore
from okcomposer.ui.drafts_view import CURRENT_KEY, state_name, window_settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _interrupted(store: DraftStore, text: str, gid: str | None = None) -> tuple[str, Post]:
    body = {"attachment": {"media": [{"type": "text", "text": text}]}}
    if gid:
        body |= {"type": "GROUP_THEME", "gid": gid}
    post = Post.from_draft(body)
    draft_id = store.save(post.to_draft(), title=text)
    store.set_state(draft_id, "publishing")
    return draft_id, post


def _states(window) -> dict[str, str]:
    tree = window.drafts_view.tree
    return {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())
    }


def _settled(qtbot, ctx, draft_id: str) -> str:
    qtbot.waitUntil(lambda: ctx.drafts.load(draft_id).state != "publishing", timeout=WAIT)
    return ctx.drafts.load(draft_id).state


def test_a_publish_that_reached_ok_is_shown_published_with_its_link(qtbot, ctx, open_window, sandbox):
    gid = admin_group(sandbox)
    draft_id, post = _interrupted(ctx.drafts, "Went out before the crash", gid)
    topic_id = methods.post_topic(demo_client(sandbox), post)  # the app died before hearing the answer
    window = open_window(ctx, sandbox)
    assert _settled(qtbot, ctx, draft_id) == "published"
    url = f"https://ok.ru/group/{gid}/topic/{topic_id}"
    qtbot.waitUntil(lambda: url in window.recovery_note.text(), timeout=WAIT)
    assert (
        "Went out before the crash" in window.recovery_note.text()
        and "<a href" in window.recovery_note.text()
    )
    window.drafts_view.refresh()
    qtbot.waitUntil(lambda: _states(window).get("Went out before the crash") == state_name("published"))
    item = window.drafts_view.tree.topLevelItem(0)
    assert item.toolTip(1) == url
    history = ctx.drafts.history()
    assert [(h.object_id, h.url, h.draft_id) for h in history] == [(topic_id, url, draft_id)]
    assert len(sandbox.snapshot()["topics"]) == 1  # looked up, never posted again


def test_a_publish_that_never_left_is_a_draft_again(qtbot, ctx, open_window, sandbox):
    draft_id, _ = _interrupted(ctx.drafts, "Never sent")
    window = open_window(ctx, sandbox)
    assert _settled(qtbot, ctx, draft_id) == "draft"
    qtbot.waitUntil(lambda: "not published" in window.recovery_note.text(), timeout=WAIT)
    window.drafts_view.refresh()
    qtbot.waitUntil(lambda: _states(window).get("Never sent") == state_name("draft"))
    assert sandbox.snapshot()["topics"] == [] and ctx.drafts.history() == []


def test_when_ok_cannot_tell_the_state_is_unknown(qtbot, ctx, open_window, sandbox):
    draft_id, _ = _interrupted(ctx.drafts, "Who knows")
    sandbox.add_fault(method="mediatopic.getTopics", kind="session_expired", times=0)
    window = open_window(ctx, sandbox)
    assert _settled(qtbot, ctx, draft_id) == "unknown"
    qtbot.waitUntil(lambda: "check on OK" in window.recovery_note.text(), timeout=WAIT)
    window.drafts_view.refresh()
    qtbot.waitUntil(lambda: _states(window).get("Who knows") == state_name("unknown"))


def test_the_draft_open_in_the_composer_shows_its_outcome(qtbot, ctx, open_window, sandbox):
    draft_id, post = _interrupted(ctx.drafts, "Open at the crash", admin_group(sandbox))
    methods.post_topic(demo_client(sandbox), post)
    settings = window_settings()
    settings.setValue(CURRENT_KEY, draft_id)
    settings.sync()
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(lambda: "is on OK" in window.publish_panel.status.text(), timeout=WAIT)
    assert window.keeper.draft_id is None  # further edits go to a new draft, as after publishing
    assert "Open at the crash" in window.composer.attachment().media[0].text


def test_several_interrupted_publishes_are_counted(qtbot, ctx, open_window, sandbox):
    ids = [_interrupted(ctx.drafts, f"Post {n}")[0] for n in range(3)]
    window = open_window(ctx, sandbox)
    for draft_id in ids:
        _settled(qtbot, ctx, draft_id)
    qtbot.waitUntil(lambda: "3 publishes were interrupted" in window.recovery_note.text(), timeout=WAIT)
    assert "Post 0" in window.recovery_note.toolTip() and "Post 2" in window.recovery_note.toolTip()


def test_nothing_is_checked_without_a_session(qtbot, ctx, open_window):
    draft_id, _ = _interrupted(ctx.drafts, "Waits for a sign-in")
    window = open_window(ctx)
    qtbot.wait(200)
    assert ctx.drafts.load(draft_id).state == "publishing" and window.recovery_note.text() == ""
    assert not window.interrupted.started
