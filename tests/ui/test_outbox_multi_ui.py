"""The Many targets tab tells each target's truth from the outbox, on the live sandbox, counting topics:
a row (and the summary) per state, repeats asked per target, Check again and Publish anyway."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from ui.workflow_helpers import (
    G1,
    G2,
    WAIT,
    assert_no_threads_left,
    british_english,
    make_context,
    sign_in,
)

from okcomposer.api.topic import Post, datetime_to_ms
from okcomposer.app.multi import ME, Override
from okcomposer.ui.targets.multi_view import MultiTargetView

RESULT = 2  # the result column


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
    with british_english():
        yield widget
    widget.shutdown()
    assert not widget.tasks.busy
    ctx.drafts.close()
    assert_no_threads_left()


def topics(sandbox) -> Counter:
    return Counter(t["gid"] or ME for t in sandbox.snapshot()["topics"])


def posts_sent(sandbox) -> int:
    return sum(c["method"] == "mediatopic.post" for c in sandbox.snapshot()["calls"])


def run(qtbot, view, action) -> dict:
    with qtbot.waitSignal(view.finished, timeout=WAIT) as done:
        action()
    return done.args[0]


def publish(qtbot, view, *targets) -> dict:
    for target in targets:
        view.set_checked(target)
    return run(qtbot, view, lambda: qtbot.mouseClick(view.publish_button, Qt.MouseButton.LeftButton))


def later(hours: float) -> int:
    return datetime_to_ms(datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(hours=hours))


def when(ms: int, moscow: bool) -> str:
    """As the view writes it in British English: "1 Dec 09:00 (Moscow 12:00)" ("09:00" today)."""
    local = datetime.fromtimestamp(ms / 1000).astimezone()
    text = f"{local:%H:%M}" if local.date() == datetime.now().date() else f"{local.day} {local:%b %H:%M}"
    there = local.astimezone(ZoneInfo("Europe/Moscow"))
    if moscow and local.utcoffset() != there.utcoffset():
        text += f" (Moscow {there:%H:%M})"
    return text


def test_published_scheduled_and_waiting_rows_and_the_summary(qtbot, view, sandbox):
    group_time, my_time = later(26), later(27)
    view.set_override(G1, Override(publish_at_ms=group_time))
    view.set_override(ME, Override(publish_at_ms=my_time))
    results = publish(qtbot, view, ME, G1, G2)
    assert view.summary.text() == "1 published, 1 scheduled, 1 waiting"
    assert view.item(G2).text(RESULT) == "Published"
    assert view.item(G1).text(RESULT) == f"Scheduled on OK for {when(group_time, True)}"
    assert view.item(ME).text(RESULT) == f"Waiting on this computer until {when(my_time, False)}"
    assert topics(sandbox) == {G1: 1, G2: 1}
    view.select(G1)
    assert view.editor.result.text().startswith("Scheduled on OK for ")
    assert f'href="{results[G1].url}"' in view.editor.result.text()
    view.select(ME)
    assert "OK cannot delay posts on your page" in view.editor.result.text()
    assert [e.id for e in view.context.outbox.waiting()] == [results[ME].entry_id]
    assert not view.retry_button.isEnabled() and not view.check_button.isEnabled()


def test_not_sent_and_failed_rows(qtbot, view, sandbox):
    sandbox.add_fault("mediatopic.post", "session_expired", times=1)  # the first target: the rest wait
    publish(qtbot, view, ME, G1, G2)
    assert view.item(ME).text(RESULT) == "Failed: OK error 102 PARAM_SESSION_EXPIRED"
    for target in (G1, G2):
        assert view.item(target).text(RESULT) == "Not sent: the session expired; sign in again"
    assert view.summary.text().startswith("2 not sent, 1 failed. “Retry failed” sends")
    view.select(G1)
    assert "It never reached OK" in view.editor.result.text()
    assert view.retry_button.isEnabled() and topics(sandbox) == {}


def test_not_confirmed_is_checked_again_and_published_anyway_only_when_asked(qtbot, view, sandbox):
    sandbox.add_fault("mediatopic.post", "drop_before", times=1)
    results = publish(qtbot, view, G1, G2)
    assert view.item(G1).text(RESULT) == "Not confirmed — check" and results[G2].state == "published"
    assert view.summary.text().startswith("1 published, 1 not confirmed. Not confirmed: look on ok.ru")
    view.select(G1)
    editor = view.editor
    assert editor.check_button.isVisibleTo(view) and editor.anyway_button.isVisibleTo(view)
    assert not editor.again_button.isVisibleTo(view) and view.check_button.isEnabled()
    assert not view.retry_button.isEnabled()  # "Retry failed" never re-sends a post that may be on OK
    sent = posts_sent(sandbox)
    checked = run(qtbot, view, lambda: qtbot.mouseClick(editor.check_button, Qt.MouseButton.LeftButton))
    assert checked[G1].state == "unconfirmed" and posts_sent(sandbox) == sent
    assert topics(sandbox) == {G2: 1}
    anyway = run(qtbot, view, lambda: qtbot.mouseClick(editor.anyway_button, Qt.MouseButton.LeftButton))
    assert anyway[G1].state == "published" and anyway[G2] == results[G2]
    assert view.item(G1).text(RESULT) == "Published" and view.summary.text() == "2 published"
    assert topics(sandbox) == {G1: 1, G2: 1} and not editor.anyway_button.isVisibleTo(view)


def test_publishing_the_same_again_asks_per_target_and_sends_nothing(qtbot, view, sandbox):
    first = publish(qtbot, view, ME, G1, G2)
    sent, before = posts_sent(sandbox), topics(sandbox)
    second = run(qtbot, view, view.publish)
    assert [second[t].state for t in (ME, G1, G2)] == ["already"] * 3
    stamp = when(first[G1].at_ms, False)
    assert view.item(G1).text(RESULT) == f"Already published at {stamp}"
    assert view.summary.text().startswith("3 already there. Already there: select one")
    assert posts_sent(sandbox) == sent and topics(sandbox) == before
    view.select(G1)
    editor = view.editor
    assert f'href="{first[G1].url}">Open it</a>' in editor.result.text()
    assert editor.again_button.isVisibleTo(view) and not editor.check_button.isVisibleTo(view)
    again = run(qtbot, view, lambda: qtbot.mouseClick(editor.again_button, Qt.MouseButton.LeftButton))
    assert again[G1].state == "published" and again[G1].topic_id != first[G1].topic_id
    assert again[ME] == second[ME] and again[G2] == second[G2]
    assert topics(sandbox) == before + Counter({G1: 1})
    assert view.summary.text().startswith("1 published, 2 already there")


def test_a_double_click_starts_one_publish(qtbot, view, sandbox):
    view.set_checked(G1)
    with qtbot.waitSignal(view.finished, timeout=WAIT):
        view.publish()
        view.publish()  # the second click finds it running
        assert view.running and not view.publish_button.isEnabled()
    qtbot.waitUntil(lambda: not view.tasks.busy, timeout=WAIT)
    assert topics(sandbox) == {G1: 1} and posts_sent(sandbox) == 1
