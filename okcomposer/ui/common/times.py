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


def to_qdatetime(moment: datetime) -> QDateTime:
    """An aware datetime as a QDateTime at the same instant (shown in the system's zone)."""
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))
