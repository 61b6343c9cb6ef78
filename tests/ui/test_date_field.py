"""Typing a date and time over Ctrl+A in either language gives what was typed (ui/common/date_field.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone

from okcomposer.ui.common.date_field import DateTimeField, ZonedDateTime, typing_format, zone_label

CASES = [
    ("en_US", "12/1/2026 9:00 AM", "2026-12-01 09:00"),
    ("en_US", "12/1/26 9:00 AM", "2026-12-01 09:00"),  # the report's own keys
    ("en_US", "1/5/2027 11:30 PM", "2027-01-05 23:30"),
    ("en_US", "12/01/2026 09:05 pm", "2026-12-01 21:05"),
    ("ru_RU", "01.12.2026 9:00", "2026-12-01 09:00"),
    ("ru_RU", "1.12.2026 09:05", "2026-12-01 09:05"),
    ("ru_RU", "05.01.2027 23:30", "2027-01-05 23:30"),
    ("en_GB", "01/12/2026 21:15", "2026-12-01 21:15"),
    ("de_DE", "01.12.26 09:00", "2026-12-01 09:00"),
]


@pytest.mark.parametrize(("locale", "typed", "expected"), CASES)
def test_typing_over_select_all(qtbot, locale, typed, expected):
    QLocale.setDefault(QLocale(locale))
    field = DateTimeField()
    qtbot.addWidget(field)
    field.show()
    field.setDateTime(QDateTime.fromString("2026-11-30T22:00:00", Qt.DateFormat.ISODate))
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.dateTime().toString("yyyy-MM-dd HH:mm") == expected


def test_the_format_is_typeable_and_has_the_whole_year():
    american = typing_format(QLocale("en_US"))
    assert "\u202f" not in american and "\u00a0" not in american and "yyyy" in american
    assert typing_format(QLocale("ru_RU")) == "dd.MM.yyyy HH:mm"


def test_the_calendar_pops_up_and_the_zone_is_shown(qtbot):
    zoned = ZonedDateTime()
    qtbot.addWidget(zoned)
    assert zoned.edit.calendarPopup()
    assert zoned.zone.text() == zone_label() != ""
    offset = QTimeZone.systemTimeZone().offsetFromUtc(QDateTime.currentDateTime())
    assert zone_label() == "UTC" if offset == 0 else "/" in zone_label()  # no time_zone: this computer's
