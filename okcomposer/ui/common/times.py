"""Times in the window: the user's time zone, short dates and times as the UI locale writes them."""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone

ME = "me"  # the target id of the user's own page, as in app.multi and app.schedule


def system_tz() -> tzinfo:
    """The system's zone as a tzinfo with its DST rules (QTimeZone's IANA id), else today's fixed offset."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")


def user_tz(name: str) -> tzinfo:
    """The user's zone: `name` (the settings' `time_zone`, an IANA name such as "Europe/Moscow") when set and
    known, else this computer's (system_tz); "" means this computer's."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # a settings file edited by hand
            pass
    return system_tz()


def zone_name(zone: tzinfo) -> str:
    """ "Europe/Moscow" for an IANA zone, else what the zone calls itself ("UTC+03:00")."""
    return zone.key if isinstance(zone, ZoneInfo) else str(zone)


def short_time(moment: datetime) -> str:
    """A wall time as the UI locale writes it ("09:30", "9:30 AM")."""
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def short_date(moment: datetime) -> str:
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), QLocale.FormatType.ShortFormat)


def field_time(ms: int) -> str:
    """A moment (ms since the epoch) as the date field shows it: this computer's zone, the UI locale's short
    date and time, then the zone ("12/1/2026 1:00 AM UTC", "01.12.2026 04:00 MSK (UTC+03:00)")."""
    from okcomposer.ui.common.date_field import typing_format, zone_name

    moment = QDateTime.fromMSecsSinceEpoch(ms)
    return f"{QLocale().toString(moment, typing_format())} {zone_name(moment)}"


def word_times(params: dict) -> None:
    """In a rules.Problem's params, put field_time of "when_ms" and "now_ms" (ms since the epoch; see
    okrules.schedule_checks) in place of "when" and "now" (OK's "2026-12-01 01:00 UTC")."""
    for name in ("when", "now"):
        if isinstance(params.get(f"{name}_ms"), int):
            params[name] = field_time(params[f"{name}_ms"])


def to_qdatetime(moment: datetime) -> QDateTime:
    """An aware datetime as a QDateTime at the same instant (shown in the system's zone)."""
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))
