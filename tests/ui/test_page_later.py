"""A post for My page later, from the Post tab: OK cannot delay page posts (docs/ok-api.md, "Page posts
later"), so Publish later keeps it in the outbox on this computer; the running app sends it at its time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox
from ui.window_helpers import WAIT, type_text, wait_valid

from okcomposer.api.topic import datetime_to_ms
from okcomposer.ui.common.times import to_qdatetime

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _page_later(qtbot, window, when: datetime, text: str = "Page post for later") -> None:
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)
    target = window.target
    target.targets.setCurrentRow(0)  # My page
    assert target.target() == ""
    type_text(qtbot, window, text)
    assert target.schedule.isEnabled(), "Publish later is greyed out for My page"
    target.schedule.setChecked(True)
    target.when.setDateTime(to_qdatetime(when))
    wait_valid(qtbot, window)


def _later(hours: int) -> datetime:
    return datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(hours=hours)


def test_publish_later_for_my_page_waits_in_the_outbox(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    when = _later(2)
    _page_later(qtbot, window, when)
    target, panel = window.target, window.publish_panel
    note = target.publish_time.page_note
    assert note.isVisible() and "running" in note.text()
    assert not target.moscow.isVisible()  # OK's clock plays no part: the time is kept here
    assert not target.hidden.isEnabled() and not target.on_behalf.isEnabled()
    post = window.current_post()
    assert post.gid is None and post.attachment.publish_at_ms is None  # OK gets no time for a page post
    with qtbot.waitSignal(panel.published, timeout=WAIT) as published:
        window.publish()
    entry = published.args[0]
    assert entry.state == "waiting" and entry.due_ms == datetime_to_ms(when) and entry.target == "me"
    assert "Waiting on this computer until" in panel.status.text()
    assert sandbox.snapshot()["topics"] == [], "sent at once instead of waiting"
    assert not panel.publish_button.isEnabled()
    assert [e.id for e in ctx.outbox.store.waiting_until(datetime_to_ms(when))] == [entry.id]


def test_the_same_page_post_again_asks_first(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    when = _later(3)
    _page_later(qtbot, window, when, "Twice to my page")
    panel = window.publish_panel
    with qtbot.waitSignal(panel.published, timeout=WAIT):
        window.publish()
    panel.duplicate_button.click()  # the same words as a new draft
    window.target.schedule.setChecked(True)
    window.target.when.setDateTime(to_qdatetime(when))
    wait_valid(qtbot, window)
    panel.publish_button.click()
    qtbot.waitUntil(lambda: isinstance(panel.dialog, QMessageBox) and panel.dialog.isVisible(), timeout=WAIT)
    assert "Already waiting on this computer" in panel.dialog.text()
    with qtbot.waitSignal(panel.published, timeout=WAIT) as published:
        panel.dialog.property("again_button").click()
    assert published.args[0].state == "waiting" and published.args[0].due_ms == datetime_to_ms(when)
    assert len(ctx.outbox.store.waiting_until(datetime_to_ms(when))) == 2
    assert sandbox.snapshot()["topics"] == []


def test_a_page_time_in_the_past_is_refused(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    _page_later(qtbot, window, _later(-2), "Too late for my page")
    panel = window.publish_panel
    window.publish()
    qtbot.waitUntil(lambda: not panel.running and bool(panel.status.text()), timeout=WAIT)
    assert "The time for your page has passed" in panel.status.text()
    assert ctx.outbox.store.waiting_until(datetime_to_ms(_later(1))) == []
    assert sandbox.snapshot()["topics"] == []


def test_the_preview_shows_when_a_page_post_goes_out(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    when = _later(5)
    _page_later(qtbot, window, when, "Later in the preview")
    window.validate_now()
    text = window.preview.html()
    assert "just now" not in text and "Scheduled for" in text
    local = when.astimezone()
    assert f"{local.minute:02d}" in text.split("Scheduled for", 1)[1]
