"""The composer publishes once: a double-click or two Ctrl+Enter make one topic; a repeat is asked first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui.window_helpers import WAIT, type_text, wait_valid

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _compose(qtbot, window, sandbox, text="Fresh bread today") -> None:
    gid = next(g["id"] for g in sandbox.info()["groups"] if g["status"] == "ADMIN")
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)
    window.target.targets.setCurrentItem(window.target._item(gid))
    type_text(qtbot, window, text)
    wait_valid(qtbot, window)


def _topics(sandbox) -> int:
    return len(sandbox.snapshot()["topics"])


def test_a_double_click_makes_one_topic(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox)
    panel = window.publish_panel
    with qtbot.waitSignal(panel.published, timeout=WAIT):
        qtbot.mouseDClick(panel.publish_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(panel.publish_button, Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    assert _topics(sandbox) == 1 and not panel.running


def test_two_ctrl_enter_10_ms_apart_make_one_topic(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox)
    with qtbot.waitSignal(window.publish_panel.published, timeout=WAIT):
        window.publish()
        qtbot.wait(10)
        window.publish()
    qtbot.waitUntil(lambda: not window.publish_panel.running, timeout=WAIT)
    qtbot.wait(300)
    assert _topics(sandbox) == 1 and window.dialog is None or not isinstance(window.dialog, QMessageBox)


def test_after_publishing_the_post_shows_as_published_and_publish_is_disabled(
    qtbot, ctx, open_window, sandbox
):
    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox)
    panel = window.publish_panel
    with qtbot.waitSignal(panel.published, timeout=WAIT) as published:
        window.publish()
    entry = published.args[0]
    assert entry.state == "published" and entry.url in panel.status.text()
    assert not panel.publish_button.isEnabled() and not panel.duplicate_button.isHidden()
    window.validate_now()  # the live check does not re-enable it
    assert not panel.publish_button.isEnabled()
    window.publish()  # Ctrl+Enter on the published post
    qtbot.wait(300)
    assert _topics(sandbox) == 1


def test_publishing_the_same_again_asks_and_cancel_sends_nothing(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox)
    panel = window.publish_panel
    with qtbot.waitSignal(panel.published, timeout=WAIT):
        window.publish()
    panel.duplicate_button.click()  # the same words as a new draft
    wait_valid(qtbot, window)
    assert panel.publish_button.isEnabled()
    panel.publish_button.click()
    qtbot.waitUntil(lambda: isinstance(panel.dialog, QMessageBox) and panel.dialog.isVisible(), timeout=WAIT)
    box = panel.dialog
    assert "Already published to Sunrise Bakery" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(300)
    assert _topics(sandbox) == 1 and not panel.running


def test_publish_again_in_the_question_publishes_once_more(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox)
    panel = window.publish_panel
    with qtbot.waitSignal(panel.published, timeout=WAIT):
        window.publish()
    panel.duplicate_button.click()
    wait_valid(qtbot, window)
    panel.publish_button.click()
    qtbot.waitUntil(lambda: isinstance(panel.dialog, QMessageBox) and panel.dialog.isVisible(), timeout=WAIT)
    with qtbot.waitSignal(panel.published, timeout=WAIT):
        panel.dialog.property("again_button").click()
    assert _topics(sandbox) == 2


def test_a_scheduled_group_topic_says_scheduled_not_published(qtbot, ctx, open_window, sandbox):
    from datetime import UTC, datetime, timedelta

    from okcomposer.api.topic import datetime_to_ms

    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox, "Tomorrow morning")
    when = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=1)
    post = window.current_post()
    post.attachment.schedule(when)
    panel = window.publish_panel
    with qtbot.waitSignal(panel.published, timeout=WAIT) as published:
        panel.start(post, "Sunrise Bakery")
    entry = published.args[0]
    assert entry.state == "scheduled" and entry.publish_at_ms == datetime_to_ms(when)
    assert "Scheduled on OK for" in panel.status.text() and "Published" not in panel.status.text()
    window.tabs.setCurrentWidget(window.history_view)
    tree = window.history_view
    qtbot.waitUntil(lambda: tree.row_count() == 1, timeout=WAIT)
    assert tree.row_texts(0)[4].startswith("Scheduled on OK for")
    window.tabs.setCurrentWidget(window.drafts_view)  # the Drafts list says it too, never "Published"
    drafts = window.drafts_view
    qtbot.waitUntil(lambda: drafts.row_count() == 1, timeout=WAIT)
    assert drafts.row_texts(0)[1].startswith("Scheduled on OK for")


def test_a_lost_request_is_not_confirmed_and_check_again_sends_nothing(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox)
    sandbox.add_fault("mediatopic.post", "drop_before")
    panel = window.publish_panel
    window.publish()
    qtbot.waitUntil(lambda: not panel.running, timeout=WAIT)
    assert panel.check_button.isVisibleTo(window) and panel.anyway_button.isVisibleTo(window)
    panel.check_button.click()
    qtbot.waitUntil(lambda: not panel.running, timeout=WAIT)
    assert _topics(sandbox) == 0 and panel.check_button.isVisibleTo(window)
    with qtbot.waitSignal(panel.published, timeout=WAIT):
        panel.anyway_button.click()
    assert _topics(sandbox) == 1
