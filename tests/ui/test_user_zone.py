"""One zone for every time the window shows or takes: the settings' `time_zone` (Settings → Time zone), not
this computer's. The tests run in UTC, so Asia/Vladivostok (UTC+10, no DST) differs from it all year."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QLocale, Qt, QTime
from ui.window_helpers import WAIT, type_text, wait_valid
from ui.workflow_helpers import british_english

from okcomposer.api.topic import datetime_to_ms
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import Settings, SettingsStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.date_field import DateTimeField, zone_label
from okcomposer.ui.common.times import field_time, use_zone, window_tz

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

VLADIVOSTOK = ZoneInfo("Asia/Vladivostok")


@pytest.fixture
def vladivostok(tmp_path):
    SettingsStore(tmp_path / "settings.json").save(Settings(time_zone="Asia/Vladivostok"))
    context = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    with british_english():
        yield context
    context.drafts.close()
    use_zone("")  # the next tests' contexts set it again anyway


def test_the_settings_zone_is_the_window_zone_and_a_field_follows_a_change(qtbot, vladivostok):
    assert window_tz() == VLADIVOSTOK and zone_label() == "Asia/Vladivostok"
    field = DateTimeField()
    qtbot.addWidget(field)
    field.setDate(QDate(2027, 3, 10))
    field.setTime(QTime(9, 0))
    assert field.dateTime().toSecsSinceEpoch() == datetime(2027, 3, 10, 9, tzinfo=VLADIVOSTOK).timestamp()
    assert field_time(datetime_to_ms(datetime(2027, 3, 10, 9, tzinfo=VLADIVOSTOK))).endswith(
        "09:00 Asia/Vladivostok"
    )
    vladivostok.save_settings(dataclasses.replace(vladivostok.settings, time_zone="Etc/UTC"), lambda w: w())
    assert zone_label() == "UTC"  # UTC's aliases are all "UTC", here as in the Calendar
    assert field.time() == QTime(23, 0)  # the same instant, shown in the new zone


def test_composer_calendar_and_drafts_show_the_settings_zone_and_send_its_instant(
    qtbot, vladivostok, open_window, sandbox
):
    window = open_window(vladivostok, sandbox)
    window.install_workflow()
    gid = next(g["id"] for g in sandbox.info()["groups"] if g["status"] == "ADMIN")
    target = window.target
    qtbot.waitUntil(lambda: target.targets.count() > 1, timeout=WAIT)
    target.targets.setCurrentItem(target._item(gid))
    type_text(qtbot, window, "Morning in Vladivostok")
    target.schedule.setChecked(True)
    day = (datetime.now(VLADIVOSTOK) + timedelta(days=2)).date()
    target.when.setDate(QDate(day.year, day.month, day.day))
    target.when.setTime(QTime(9, 0))  # as typed: 09:00 on the user's clock
    meant = datetime(day.year, day.month, day.day, 9, tzinfo=VLADIVOSTOK)
    assert target.publish_time.zone.text() == "Asia/Vladivostok"
    wait_valid(qtbot, window)
    with qtbot.waitSignal(window.publish_panel.published, timeout=WAIT) as published:
        window.publish()
    assert published.args[0].state == "scheduled"
    topic = sandbox.snapshot()["topics"][-1]
    assert topic["publish_at_ms"] == datetime_to_ms(meant)  # the instant the user meant, not 09:00 UTC

    calendar = window.workflow.calendar.view
    window.tabs.setCurrentWidget(calendar)
    assert calendar.zone.text() == "Times in Asia/Vladivostok"
    calendar.day = day
    calendar.refresh()
    qtbot.waitUntil(lambda: any(cell.chips() for cell in calendar.cells), timeout=WAIT)
    chips = [chip for cell in calendar.cells for chip in cell.chips()]
    assert chips[0].text().startswith("09:00 Morning in Vladivostok")

    drafts = window.drafts_view
    window.tabs.setCurrentWidget(drafts)
    qtbot.waitUntil(lambda: drafts.row_count() == 1, timeout=WAIT)
    changed = drafts.model.row(0).obj.updated_ms
    wall = datetime.fromtimestamp(changed / 1000, UTC).astimezone(VLADIVOSTOK)
    shown = drafts.row_texts(0)[2]
    assert QLocale().toString(QTime(wall.hour, wall.minute), QLocale.FormatType.ShortFormat) in shown
    tip = drafts.model.data(drafts.model.index(0, 2), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Times in Asia/Vladivostok"


def test_many_targets_times_are_in_the_settings_zone(qtbot, vladivostok):
    """Many targets' "Waiting on this computer until 09:00" is the settings' zone's wall time too."""
    from okcomposer.ui.targets.multi_list import ResultTexts

    when = datetime.now(VLADIVOSTOK).replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=3)
    shown = ResultTexts().when(datetime_to_ms(when), moscow=False)
    assert shown.endswith("09:00")
