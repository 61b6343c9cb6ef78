"""The calendar: week and month grids in the user's zone, Moscow beside, markers, conflicts, drag to move."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from support.legacy import published_draft
from ui.workflow_helpers import G1, G2, WAIT, assert_no_threads_left, british_english, make_context

from okcomposer.api.topic import Post, datetime_to_ms
from okcomposer.app.schedule import OUTBOX_PREFIX
from okcomposer.ui.schedule.calendar_parts import draft_mime
from okcomposer.ui.schedule.calendar_view import MONTH, CalendarView

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2027, 3, 10)  # a Wednesday, in Berlin's winter time (UTC+1, Moscow UTC+3)


@pytest.fixture(autouse=True)
def _british():
    with british_english():
        yield


def at(day: int, hour: int, minute: int = 0, tz=BERLIN) -> int:
    return datetime_to_ms(datetime(2027, 3, day, hour, minute, tzinfo=tz))


def group_post(gid: str, text: str, when_ms: int) -> Post:
    body = {"type": "GROUP_THEME", "gid": gid, "attachment": {"media": [{"type": "text", "text": text}]}}
    post = Post.from_draft(body)
    post.attachment.publish_at_ms = when_ms
    return post


@pytest.fixture
def ctx(tmp_path):
    context = make_context(tmp_path)
    drafts = context.drafts
    context.ids = {
        "bread": drafts.save(group_post(G1, "Morning bread", at(10, 10)).to_draft(), title="Morning bread"),
        "buns": drafts.save(
            group_post(G1, "Cinnamon buns", at(10, 10, 30)).to_draft(), title="Cinnamon buns"
        ),
        "run": published_draft(drafts, group_post(G2, "Evening run", at(11, 15)), "70111"),
        "mine": OUTBOX_PREFIX
        + context.outbox.queue(
            Post.from_draft({"attachment": {"media": [{"type": "text", "text": "Hi"}]}}), at(12, 9)
        ).id,
    }
    yield context
    context.drafts.close()


@pytest.fixture
def view(qtbot, ctx):
    widget = CalendarView(ctx, tz=BERLIN, today=DAY)
    qtbot.addWidget(widget)
    widget.set_target_names({G1: "Sunrise Bakery", G2: "Riverside Running Club"})
    qtbot.waitUntil(lambda: len(widget.entries) == 4, timeout=WAIT)
    yield widget
    widget.shutdown()
    assert_no_threads_left()


def chip(view, name: str):
    draft_id = view.context.ids[name]
    return next((c for cell in view.cells for c in cell.chips() if c.entry.draft_id == draft_id), None)


def cell_at(view, day: int, hour: int = 0):
    return next(c for c in view.cells if c.start.date() == date(2027, 3, day) and c.start.hour == hour)


def test_week_shows_local_times_with_moscow_beside_and_what_waits_where(view):
    assert len(view.cells) == 7 * 24 and view.zone.text() == "Times in Europe/Berlin"
    bread = chip(view, "bread")
    assert bread.parentWidget() is cell_at(view, 10, 10)
    assert bread.text().splitlines()[:3] == ["10:00 Morning bread", "Moscow 12:00", "Sunrise Bakery"]
    assert chip(view, "run").text().endswith("Scheduled on OK")
    mine = chip(view, "mine")
    assert mine.parentWidget() is cell_at(view, 12, 9) and mine.text().endswith("Waiting on this computer")
    assert "My page" in mine.text()


def test_no_moscow_label_where_the_zone_has_moscows_offset(qtbot, ctx):
    widget = CalendarView(ctx, tz=ZoneInfo("Europe/Istanbul"), today=DAY)  # UTC+3 all year
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: len(widget.entries) == 4, timeout=WAIT)
    assert all("Moscow" not in c.text() for cell in widget.cells for c in cell.chips())
    widget.shutdown()


def test_two_posts_in_one_group_closer_than_the_gap_are_flagged(view):
    assert view.warnings.isVisibleTo(view) and "less than 60 min apart" in view.warnings.text()
    assert "Morning bread" in view.warnings.text() and "Cinnamon buns" in view.warnings.text()
    assert chip(view, "bread").conflict and chip(view, "buns").conflict and not chip(view, "run").conflict
    view.gap.setValue(20)
    assert not view.warnings.isVisibleTo(view) and not chip(view, "bread").conflict
    view.gap.setValue(120)
    assert "less than 120 min apart" in view.warnings.text()


def test_month_view_puts_each_post_on_its_day(qtbot, view):
    view.set_mode(MONTH)
    qtbot.waitUntil(lambda: any(c.chips() for c in view.cells), timeout=WAIT)
    assert view.title.text() == "March 2027" and len(view.cells) in (35, 42)
    assert chip(view, "bread").parentWidget() is cell_at(view, 10)
    assert chip(view, "buns").parentWidget() is cell_at(view, 10)
    assert chip(view, "mine").parentWidget() is cell_at(view, 12)
    view.step(1)
    qtbot.waitUntil(lambda: view.title.text() == "April 2027", timeout=WAIT)


def drop(cell, draft_id: str) -> None:
    """What a drag ending on `cell` delivers: enter (accepted), then the drop."""
    mime, move = draft_mime(draft_id), Qt.DropAction.MoveAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    try:
        enter = QDragEnterEvent(QPointF(5, 5), move, mime, buttons, keys)  # PySide6 >= 6.12
    except TypeError:
        enter = QDragEnterEvent(QPoint(5, 5), move, mime, buttons, keys)  # PySide6 6.11 takes a QPoint
    QApplication.sendEvent(cell, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(cell, QDropEvent(QPointF(5, 5), move, mime, buttons, keys))


def test_dragging_a_draft_to_another_hour_moves_it_and_clears_the_conflict(qtbot, view, ctx):
    assert chip(view, "bread").mime_data().hasFormat("application/x-okcomposer-draft")
    with qtbot.waitSignal(view.moved, timeout=WAIT) as moved:
        drop(cell_at(view, 12, 14), ctx.ids["bread"])
    assert moved.args == [ctx.ids["bread"], at(12, 14)]
    stored = Post.from_draft(ctx.drafts.load(ctx.ids["bread"]).body)
    assert (
        stored.attachment.publish_at_ms == at(12, 14) and stored.attachment.media[0].text == "Morning bread"
    )
    assert ctx.drafts.load(ctx.ids["bread"]).title == "Morning bread"
    qtbot.waitUntil(lambda: chip(view, "bread").parentWidget() is cell_at(view, 12, 14), timeout=WAIT)
    assert not view.warnings.isVisibleTo(view)


def test_a_post_already_scheduled_on_ok_is_not_moved_and_the_view_says_why(qtbot, view, ctx):
    before = ctx.drafts.load(ctx.ids["run"]).body
    drop(cell_at(view, 13, 15), ctx.ids["run"])
    assert "already scheduled on OK" in view.notice.text() and "ok.ru" in view.notice.text()
    qtbot.wait(50)
    assert ctx.drafts.load(ctx.ids["run"]).body == before
    assert chip(view, "run").parentWidget() is cell_at(view, 11, 15)


def test_double_click_opens_the_draft(qtbot, view, ctx):
    with qtbot.waitSignal(view.open_requested, timeout=WAIT) as opened:
        qtbot.mouseDClick(chip(view, "buns"), Qt.MouseButton.LeftButton)
    assert opened.args[0].id == ctx.ids["buns"]


def test_a_draft_published_through_the_outbox_shows_once_as_scheduled_on_ok(qtbot, view, ctx):
    from okcomposer.app.confirm import fingerprint
    from okcomposer.store import outbox as box

    post = group_post(G1, "Morning bread", at(10, 10))
    entry = ctx.outbox.store.add(
        kind="post", target=G1, fingerprint=fingerprint(post), request=post.to_draft(), state=box.SENDING,
        summary="Morning bread", draft_id=ctx.ids["bread"],
    )  # fmt: skip
    ctx.outbox.store.finish(entry.id, box.SCHEDULED, topic_id="70199", publish_at_ms=at(10, 10))
    view.refresh()
    qtbot.waitUntil(lambda: ctx.ids["bread"] not in view.entries, timeout=WAIT)
    chips = [c for cell in view.cells for c in cell.chips() if "Morning bread" in c.text()]
    assert len(chips) == 1 and chips[0].text().endswith("Scheduled on OK")
    assert chips[0].entry.draft_id == OUTBOX_PREFIX + entry.id and chips[0].entry.on_ok
