"""The Calendar, left open, follows the outbox: a page post it sends turns from "Waiting on this computer"
into "Published" at its time, without switching tabs, and stays there."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from ui.window_helpers import WAIT
from ui.workflow_helpers import british_english

from okcomposer.api.topic import Post
from okcomposer.app.outbox import Outbox
from okcomposer.app.schedule import OUTBOX_PREFIX
from okcomposer.store.drafts import now_ms

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _chip_texts(calendar) -> dict[str, str]:
    return {chip.entry.draft_id: chip.text() for cell in calendar.cells for chip in cell.chips()}


def test_the_open_calendar_shows_a_sent_page_post_as_published(qtbot, ctx, open_window, sandbox):
    clock = [now_ms()]
    ctx.outbox = Outbox(ctx.drafts, clock=lambda: clock[0])
    post = Post.from_draft({"type": "USER", "attachment": {"media": [{"type": "text", "text": "At noon"}]}})
    entry = ctx.outbox.queue(post, clock[0] + 60_000, target_name="My page")
    key = OUTBOX_PREFIX + entry.id
    with british_english():
        window = open_window(ctx, sandbox)
        window.install_workflow()
        calendar = window.workflow.calendar.view
        window.tabs.setCurrentWidget(calendar)
        qtbot.waitUntil(lambda: key in _chip_texts(calendar), timeout=WAIT)
        assert "Waiting on this computer" in _chip_texts(calendar)[key]
        window.outbox_runner.timer.setInterval(50)
        clock[0] += 60_000  # its time has come
        with qtbot.waitSignal(window.outbox_runner.sent, timeout=WAIT):
            pass
        qtbot.waitUntil(lambda: "Published" in _chip_texts(calendar).get(key, ""), timeout=WAIT)
        assert "Waiting" not in _chip_texts(calendar)[key]
        window.tabs.setCurrentWidget(window.drafts_view)  # switching tabs reads it again: still there
        window.tabs.setCurrentWidget(calendar)
        QApplication.processEvents()
        qtbot.waitUntil(lambda: "Published" in _chip_texts(calendar).get(key, ""), timeout=WAIT)
