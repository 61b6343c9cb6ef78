"""Publishes cut off by a crash are settled on OK at the next start and shown as they truly ended."""

from __future__ import annotations

import socket

import pytest
from support.sandbox_client import admin_group, demo_client
from ui.window_helpers import WAIT

from okcomposer.api import methods
from okcomposer.api.topic import Post
from okcomposer.app.confirm import fingerprint, target_of
from okcomposer.store.outbox import SENDING
from okcomposer.ui.common.window_state import remember_draft

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _interrupted(ctx, text: str, gid: str | None = None, step: str = "post") -> tuple[str, str, Post]:
    """A draft and its outbox entry as a process killed at `step` leaves them (its pid is gone)."""
    body = {"attachment": {"media": [{"type": "text", "text": text}]}}
    if gid:
        body |= {"type": "GROUP_THEME", "gid": gid}
    post = Post.from_draft(body)
    draft_id = ctx.drafts.save(post.to_draft(), title=text)
    ctx.drafts.set_state(draft_id, "publishing")
    store = ctx.outbox.store
    entry = store.add(
        kind="post",
        target=target_of(post),
        fingerprint=fingerprint(post),
        request=post.to_draft(),
        summary=text,
        draft_id=draft_id,
        state=SENDING,
    )
    store._update(entry.id, claim=f"{socket.gethostname()}:{2**22 + 4321}:gone")
    if step == "post":
        store.mark_posting(entry.id, entry.intent_ms)
    return draft_id, entry.id, post


def _states(window) -> dict[str, str]:
    tree = window.drafts_view
    return {tree.row_texts(i)[0]: tree.row_texts(i)[1] for i in range(tree.row_count())}


def _settled(qtbot, ctx, entry_id: str) -> str:
    qtbot.waitUntil(lambda: ctx.outbox.store.get(entry_id).state != SENDING, timeout=WAIT)
    return ctx.outbox.store.get(entry_id).state


def test_a_publish_that_reached_ok_is_shown_published_with_its_link(qtbot, ctx, open_window, sandbox):
    gid = admin_group(sandbox)
    draft_id, entry_id, post = _interrupted(ctx, "Went out before the crash", gid)
    topic_id = methods.post_topic(demo_client(sandbox), post)  # the app died before hearing the answer
    window = open_window(ctx, sandbox)
    assert _settled(qtbot, ctx, entry_id) == "published"
    url = f"{sandbox.base_url}/sandbox/topic/{topic_id}"  # the sandbox's own page of its topic
    qtbot.waitUntil(lambda: url in window.recovery_note.text(), timeout=WAIT)
    assert (
        "Went out before the crash" in window.recovery_note.text()
        and "<a href" in window.recovery_note.text()
    )
    qtbot.waitUntil(lambda: ctx.drafts.load(draft_id).state == "published", timeout=WAIT)
    window.drafts_view.refresh()
    qtbot.waitUntil(lambda: _states(window).get("Went out before the crash") == "Published", timeout=WAIT)
    [entry] = ctx.outbox.store.recent()
    assert (entry.topic_id, entry.url, entry.draft_id) == (topic_id, url, draft_id)
    assert len(sandbox.snapshot()["topics"]) == 1  # looked up, never posted again


def test_a_publish_that_never_left_is_not_sent(qtbot, ctx, open_window, sandbox):
    draft_id, entry_id, _ = _interrupted(ctx, "Never sent", step="prepare")
    window = open_window(ctx, sandbox)
    assert _settled(qtbot, ctx, entry_id) == "not_sent"
    qtbot.waitUntil(lambda: "not published" in window.recovery_note.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: ctx.drafts.load(draft_id).state == "draft", timeout=WAIT)
    window.drafts_view.refresh()
    qtbot.waitUntil(lambda: _states(window).get("Never sent") == "Not sent", timeout=WAIT)
    assert sandbox.snapshot()["topics"] == []


def test_a_post_not_on_ok_after_the_call_is_not_confirmed(qtbot, ctx, open_window, sandbox):
    _draft_id, entry_id, _ = _interrupted(ctx, "Who knows", admin_group(sandbox))
    window = open_window(ctx, sandbox)
    assert _settled(qtbot, ctx, entry_id) == "unconfirmed"
    qtbot.waitUntil(lambda: "could not tell" in window.recovery_note.text(), timeout=WAIT)
    window.drafts_view.refresh()
    qtbot.waitUntil(lambda: _states(window).get("Who knows") == "Not confirmed — check", timeout=WAIT)
    assert sandbox.snapshot()["topics"] == []  # never re-sent


def test_when_ok_cannot_be_asked_it_stays_not_confirmed(qtbot, ctx, open_window, sandbox):
    _draft_id, entry_id, _ = _interrupted(ctx, "Cannot ask", admin_group(sandbox))
    sandbox.add_fault(method="mediatopic.getTopics", kind="session_expired", times=0)
    open_window(ctx, sandbox)
    assert _settled(qtbot, ctx, entry_id) == "unconfirmed"
    assert "could not be asked" in ctx.outbox.store.get(entry_id).detail


def test_the_draft_open_in_the_composer_shows_its_outcome(qtbot, ctx, open_window, sandbox):
    draft_id, _entry_id, post = _interrupted(ctx, "Open at the crash", admin_group(sandbox))
    methods.post_topic(demo_client(sandbox), post)
    remember_draft(draft_id)
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(lambda: "Published" in window.publish_panel.status.text(), timeout=WAIT)
    assert window.publish_panel.duplicate_button.isVisible() or not window.isVisible()
    assert not window.publish_panel.publish_button.isEnabled()
    assert "Open at the crash" in window.composer.attachment().media[0].text


def test_several_interrupted_publishes_are_counted(qtbot, ctx, open_window, sandbox):
    ids = [_interrupted(ctx, f"Post {n}", step="prepare")[1] for n in range(3)]
    window = open_window(ctx, sandbox)
    for entry_id in ids:
        _settled(qtbot, ctx, entry_id)
    qtbot.waitUntil(lambda: "3 publishes were interrupted" in window.recovery_note.text(), timeout=WAIT)
    assert "Post 0" in window.recovery_note.toolTip() and "Post 2" in window.recovery_note.toolTip()


def test_nothing_is_checked_without_a_session(qtbot, ctx, open_window):
    _draft_id, entry_id, _ = _interrupted(ctx, "Waits for a sign-in")
    window = open_window(ctx)
    qtbot.wait(300)
    assert ctx.outbox.store.get(entry_id).state == SENDING and window.recovery_note.text() == ""
