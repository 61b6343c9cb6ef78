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
    with qtbot.waitSignal(panel.queued, timeout=WAIT) as published:
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
    with qtbot.waitSignal(panel.queued, timeout=WAIT):
        window.publish()
    panel.duplicate_button.click()  # the same words as a new draft
    window.target.schedule.setChecked(True)
    window.target.when.setDateTime(to_qdatetime(when))
    wait_valid(qtbot, window)
    panel.publish_button.click()
    qtbot.waitUntil(lambda: isinstance(panel.dialog, QMessageBox) and panel.dialog.isVisible(), timeout=WAIT)
    assert "Already waiting on this computer" in panel.dialog.text()
    with qtbot.waitSignal(panel.queued, timeout=WAIT) as published:
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


def _queued(qtbot, window, when: datetime, text: str):
    _page_later(qtbot, window, when, text)
    with qtbot.waitSignal(window.publish_panel.queued, timeout=WAIT) as queued:
        window.publish()
    return queued.args[0]


def _live(ctx, draft_id: str) -> list:
    return [e for e in ctx.outbox.store.for_draft(draft_id) if e.state != "discarded"]


def _edit(qtbot, window, more: str) -> None:
    qtbot.keyClicks(window.composer.frames()[-1].editor.edit, more)


def test_an_edit_of_a_waiting_page_post_goes_into_it(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    when = _later(2)
    first = _queued(qtbot, window, when, "Waiting words")
    panel, draft_id = window.publish_panel, first.draft_id
    assert window.keeper.draft_id == draft_id, "queueing let the draft go: an edit would make a new one"
    _edit(qtbot, window, " and more")
    assert "Waiting on this computer until" in panel.status.text()  # the banner stays while typing
    assert not panel.publish_button.isEnabled()
    qtbot.waitUntil(lambda: "Your edit is in the waiting post" in panel.status.text(), timeout=WAIT)
    [entry] = _live(ctx, draft_id)
    assert entry.id != first.id and entry.state == "waiting" and entry.due_ms == datetime_to_ms(when)
    assert entry.request["attachment"]["media"][0]["text"] == "Waiting words and more"
    assert ctx.outbox.store.get(first.id).state == "discarded"
    assert ctx.drafts.count() == 1, "the edit made a second draft"
    assert panel.done.id == entry.id and not panel.publish_button.isEnabled()
    assert sandbox.snapshot()["topics"] == []


def test_a_new_time_moves_the_waiting_post_and_unticking_withdraws_it(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    first = _queued(qtbot, window, _later(2), "Moving words")
    panel, later = window.publish_panel, _later(4)
    window.target.when.setDateTime(to_qdatetime(later))
    qtbot.waitUntil(lambda: "Your edit is in the waiting post" in panel.status.text(), timeout=WAIT)
    [entry] = _live(ctx, first.draft_id)
    assert entry.due_ms == datetime_to_ms(later)
    assert "publishAtMs" not in entry.request["attachment"]  # OK never gets a page post's time
    window.target.schedule.setChecked(False)
    qtbot.waitUntil(lambda: "no longer waits" in panel.status.text(), timeout=WAIT)
    assert _live(ctx, first.draft_id) == [] and panel.done is None
    wait_valid(qtbot, window)  # Publish is possible again: now, as the post says


def test_an_edit_after_the_post_went_is_not_queued(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    first = _queued(qtbot, window, _later(2), "Gone as queued")
    panel = window.publish_panel
    assert ctx.outbox.store.claim(first.id, ["waiting"]) is not None  # the runner takes it to OK
    _edit(qtbot, window, " edited")
    qtbot.waitUntil(lambda: "as it was queued" in panel.status.text(), timeout=WAIT)
    assert [e.id for e in _live(ctx, first.draft_id)] == [first.id], "the edit was queued: sent twice"
    assert ctx.outbox.store.waiting_until(datetime_to_ms(_later(10))) == []
    qtbot.waitUntil(lambda: window.keeper.draft_id not in (None, first.draft_id), timeout=WAIT)
    qtbot.waitUntil(lambda: ctx.drafts.count() == 2, timeout=WAIT)  # the edit is kept as a new draft


def test_a_reopened_page_draft_keeps_its_time_and_waits(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    when = _later(3)
    first = _queued(qtbot, window, when, "Reopen me")
    window.keeper.queue.submit(lambda: None).result(timeout=5)
    draft = ctx.drafts.load(first.draft_id)
    assert draft.body["attachment"]["publishAtMs"] == datetime_to_ms(when)
    window.new_draft()
    assert not window.target.schedule.isChecked() or window.publish_panel.done is None
    window.open_draft(draft)
    target, panel = window.target, window.publish_panel
    assert target.schedule.isChecked() and target.page_due_ms() == datetime_to_ms(when)
    assert window.current_post().attachment.publish_at_ms is None
    qtbot.waitUntil(lambda: "Waiting on this computer until" in panel.status.text(), timeout=WAIT)
    assert not panel.publish_button.isEnabled()
    assert panel.done is not None and panel.done.id == first.id


def test_the_banner_follows_the_post_when_the_app_sends_it(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    first = _queued(qtbot, window, _later(1), "Sent by the app")
    panel = window.publish_panel
    assert ctx.outbox.store.reschedule(first.id, datetime_to_ms(_later(0)) - 1000)  # its time came
    with qtbot.waitSignal(window.outbox_runner.sent, timeout=WAIT):
        window.outbox_runner.look()
    qtbot.waitUntil(lambda: "Waiting on this computer" not in panel.status.text(), timeout=WAIT)
    assert panel.done is not None and panel.done.state == "published"
    assert len(sandbox.snapshot()["topics"]) == 1


def test_undo_keeps_a_page_post_for_later(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    when = _later(2)
    _page_later(qtbot, window, when, "Undo me")
    qtbot.waitUntil(lambda: window.workflow is not None, timeout=WAIT)
    history = window.workflow.undo.history
    history.commit()
    _edit(qtbot, window, " more")
    history.commit()
    history.undo()
    assert window.composer.frames()[-1].editor.edit.toPlainText() == "Undo me"
    assert window.target.schedule.isChecked(), "undoing an edit unticked Publish later"
    assert window.target.page_due_ms() == datetime_to_ms(when)
    assert window.current_post().attachment.publish_at_ms is None  # OK never gets it


def test_a_reopened_draft_shows_the_time_the_calendar_gave_its_post(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    first = _queued(qtbot, window, _later(3), "Moved in the Calendar")
    window.keeper.queue.submit(lambda: None).result(timeout=5)
    moved = datetime_to_ms(_later(6))
    assert ctx.outbox.store.reschedule(first.id, moved)
    window.new_draft()
    window.open_draft(ctx.drafts.load(first.draft_id))
    panel = window.publish_panel
    qtbot.waitUntil(lambda: panel.done is not None and panel.done.id == first.id, timeout=WAIT)
    assert window.target.page_due_ms() == moved
    assert [e.id for e in _live(ctx, first.draft_id)] == [first.id]  # showing it changed nothing
