"""Posting slots: the JSON store, the per-group dialog (add, remove, gap) and the "Next free slot" button."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QTime
from ui.workflow_helpers import G1, G2, WAIT, assert_no_threads_left, british_english, make_context

from okcomposer.api.topic import Post, datetime_to_ms
from okcomposer.app.schedule import Slot
from okcomposer.store.slots import SlotSettings, SlotStore
from okcomposer.ui.schedule.slots_dialog import NextSlotButton, SlotsDialog, slot_text

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2027, 3, 8, 8, 0, tzinfo=BERLIN)  # a Monday morning


@pytest.fixture(autouse=True)
def _british():
    with british_english():
        yield


@pytest.fixture
def ctx(tmp_path):
    context = make_context(tmp_path)
    yield context
    context.drafts.close()
    assert_no_threads_left()


def test_the_store_keeps_slots_per_target_and_survives_a_broken_file(tmp_path):
    store = SlotStore(tmp_path / "slots.json")
    assert store.load() == SlotSettings()
    settings = SlotSettings(gap_minutes=90)
    settings.set(G1, [(2, 18, 0), (0, 9, 30), (0, 9, 30)])
    settings.set(G2, [])
    store.save(settings)
    again = store.load()
    assert again.of(G1) == [(0, 9, 30), (2, 18, 0)] and again.of(G2) == [] and again.gap_minutes == 90
    data = json.loads((tmp_path / "slots.json").read_text())
    data["slots"][G1].append([9, 25, 0])  # hand-edited nonsense is skipped
    data["gap_minutes"] = "soon"
    (tmp_path / "slots.json").write_text(json.dumps(data))
    assert store.load().of(G1) == [(0, 9, 30), (2, 18, 0)] and store.load().gap_minutes == 60
    (tmp_path / "slots.json").write_text("{broken")
    assert store.load() == SlotSettings()


def test_the_dialog_adds_and_removes_weekly_times_per_group_and_saves_them(qtbot, ctx, tmp_path):
    store = SlotStore(tmp_path / "slots.json")
    dialog = SlotsDialog(ctx, {G1: "Sunrise Bakery", G2: "Riverside Running Club"}, G1, store)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isEnabled, timeout=WAIT)
    assert dialog.target.currentText() == "Sunrise Bakery" and dialog.slots.count() == 0
    dialog.weekday.setCurrentIndex(0)
    dialog.time.setTime(QTime(9, 30))
    dialog.add_button.click()
    dialog.weekday.setCurrentIndex(2)
    dialog.time.setTime(QTime(18, 0))
    dialog.add_button.click()
    dialog.add_slot(Slot(4, 12))
    assert [dialog.slots.item(i).text() for i in range(3)] == ["Mon 09:30", "Wed 18:00", "Fri 12:00"]
    dialog.slots.setCurrentRow(2)
    dialog.remove_button.click()
    dialog.target.setCurrentIndex(dialog.target.findData(G2))
    assert dialog.slots.count() == 0
    dialog.gap.setValue(90)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert store.load().of(G1) == [(0, 9, 30), (2, 18, 0)] and store.load().gap_minutes == 90
    assert slot_text(Slot(0, 9, 30)) == "Mon 09:30"


def schedule_draft(ctx, gid: str, when: datetime) -> str:
    body = {"type": "GROUP_THEME", "gid": gid, "attachment": {"media": [{"type": "text", "text": "x"}]}}
    post = Post.from_draft(body)
    post.attachment.publish_at_ms = datetime_to_ms(when)
    return ctx.drafts.save(post.to_draft(), title="x")


def test_next_free_slot_skips_taken_times_and_fills_the_field(qtbot, ctx, tmp_path):
    store = SlotStore(tmp_path / "slots.json")
    settings = SlotSettings(gap_minutes=60)
    settings.set(G1, [(0, 9, 30), (2, 18, 0)])
    store.save(settings)
    taken = schedule_draft(ctx, G1, datetime(2027, 3, 8, 10, 0, tzinfo=BERLIN))  # 30 min after Mon 09:30
    schedule_draft(ctx, G2, datetime(2027, 3, 10, 18, 0, tzinfo=BERLIN))  # another group: no matter
    chosen = []
    target = [G1]
    button = NextSlotButton(ctx, lambda: target[0], chosen.append, store, tz=BERLIN)
    qtbot.addWidget(button)
    button.now = lambda: NOW.astimezone(UTC)
    with qtbot.waitSignal(button.found, timeout=WAIT):
        button.click()
    assert chosen == [datetime(2027, 3, 10, 18, 0, tzinfo=BERLIN)]
    button.skip = lambda: taken  # the draft being edited does not block its own slot
    with qtbot.waitSignal(button.found, timeout=WAIT):
        button.click()
    assert chosen[-1] == datetime(2027, 3, 8, 9, 30, tzinfo=BERLIN)
    target[0] = G2
    with qtbot.waitSignal(button.found, timeout=WAIT) as none:
        button.click()
    assert none.args == [None] and len(chosen) == 2 and "No posting slots" in button.toolTip()
    with qtbot.waitSignal(button.edit_requested, timeout=WAIT):
        button.menu().actions()[0].trigger()
    button.shutdown()
