"""The posting slots dialog and "Next free slot" count weekdays and hours in the settings' `time_zone`, as
the Insights tab does (else this computer's zone), with the bakery's month of figures from the sandbox."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QLabel
from support.sandbox_client import demo_client
from ui.workflow_helpers import WAIT, sign_in

from okcomposer.app.insights import Insights
from okcomposer.sandbox import history
from okcomposer.sandbox.server import Sandbox
from okcomposer.store.slots import SlotSettings, SlotStore
from okcomposer.ui.common.times import system_tz, user_tz, zone_name
from okcomposer.ui.insights.data import best_slots_of
from okcomposer.ui.schedule.slots_dialog import BEST_COUNT, SUGGESTED, NextSlotButton, SlotsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
BAKERY = history.HISTORY_GROUPS[0]
MOSCOW, VLADIVOSTOK = ZoneInfo("Europe/Moscow"), ZoneInfo("Asia/Vladivostok")  # +3 and +10 all year
OFFSET = 7  # hours Vladivostok is ahead of Moscow


@pytest.fixture
def cached(ctx):
    """The bakery's figures in the cache of the signed-in sandbox account."""
    with Sandbox(with_history=True) as sandbox:
        sign_in(ctx, sandbox)
        Insights(ctx.drafts, ctx.outbox.owner).refresh(demo_client(sandbox), BAKERY)
        yield ctx


def choose_zone(ctx, name: str) -> None:
    ctx.save_settings(dataclasses.replace(ctx.settings, time_zone=name), lambda write: write())


def shifted(weekday: int, hour: int, hours: int) -> tuple[int, int]:
    total = (weekday * 24 + hour + hours) % (7 * 24)
    return total // 24, total % 24


def test_the_users_zone_is_the_settings_else_this_computers():
    assert user_tz("Asia/Vladivostok") == VLADIVOSTOK
    assert zone_name(user_tz("")) == zone_name(system_tz())
    assert zone_name(user_tz("Nowhere/Atlantis")) == zone_name(system_tz())  # a file edited by hand


def suggest(qtbot, ctx, tmp_path) -> list[tuple[int, int, int]]:
    dialog = SlotsDialog(ctx, {BAKERY: "Sunrise Bakery"}, BAKERY, SlotStore(tmp_path / "slots.json"))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isEnabled, timeout=WAIT)
    assert any(zone_name(dialog.tz) in label.text() for label in dialog.findChildren(QLabel))  # the hint
    dialog.suggest_button.click()
    qtbot.waitUntil(lambda: dialog.slots.count() == SUGGESTED, timeout=WAIT)
    found = list(dialog.settings.of(BAKERY))
    dialog.reject()
    return found


def test_the_dialog_suggests_best_times_in_the_settings_zone(qtbot, cached, tmp_path):
    choose_zone(cached, "Europe/Moscow")
    in_moscow = suggest(qtbot, cached, tmp_path)
    choose_zone(cached, "Asia/Vladivostok")
    in_vladivostok = suggest(qtbot, cached, tmp_path)
    best = best_slots_of(cached.drafts, cached.outbox.owner, BAKERY, MOSCOW, SUGGESTED)
    assert sorted(in_moscow) == sorted((c.weekday, c.hour, 0) for c in best)
    # The same posts drew the engagement: the same hours of the week, 7 hours later on Vladivostok's clock.
    assert sorted(in_vladivostok) == sorted((*shifted(w, h, OFFSET), 0) for w, h, _m in in_moscow)


def test_next_free_slot_counts_slots_and_best_times_in_the_settings_zone(qtbot, cached, tmp_path):
    store = SlotStore(tmp_path / "slots.json")
    chosen: list[datetime] = []
    button = NextSlotButton(cached, lambda: BAKERY, chosen.append, store)
    qtbot.addWidget(button)
    now = datetime(2027, 3, 8, 1, 0, tzinfo=MOSCOW)  # a Monday, 08:00 in Vladivostok
    button.now = lambda: now

    def click(zone: str) -> datetime:
        choose_zone(cached, zone)
        with qtbot.waitSignal(button.found, timeout=WAIT):
            button.click()
        return chosen[-1]

    # No posting slots: the best hours stand in. They are the hours of the week the audience answered, so
    # each zone's clock names them differently but they are the same instants.
    at_moscow, at_vladivostok = click("Europe/Moscow"), click("Asia/Vladivostok")
    assert at_moscow == at_vladivostok and "best times" in button.toolTip()
    best = best_slots_of(cached.drafts, cached.outbox.owner, BAKERY, MOSCOW, BEST_COUNT)
    moscow_clock, vladivostok_clock = at_moscow.astimezone(MOSCOW), at_vladivostok.astimezone(VLADIVOSTOK)
    assert (moscow_clock.weekday(), moscow_clock.hour) in {(c.weekday, c.hour) for c in best}
    assert (vladivostok_clock.weekday(), vladivostok_clock.hour) == shifted(
        moscow_clock.weekday(), moscow_clock.hour, OFFSET
    )
    # A posting slot "Monday 09:00" is 09:00 on the chosen zone's clock: 7 hours apart as instants.
    settings = SlotSettings()
    settings.set(BAKERY, [(0, 9, 0)])
    store.save(settings)
    at_moscow, at_vladivostok = click("Europe/Moscow"), click("Asia/Vladivostok")
    assert at_moscow == datetime(2027, 3, 8, 9, 0, tzinfo=MOSCOW)
    assert at_vladivostok == datetime(2027, 3, 8, 9, 0, tzinfo=VLADIVOSTOK)
    assert at_moscow - at_vladivostok == timedelta(hours=OFFSET)
    button.shutdown()
