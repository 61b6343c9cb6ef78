"""Times in the window: the user's time zone, short dates and times as the UI locale writes them."""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QDateTime, QLocale, QObject, QTime, QTimeZone, Signal

ME = "me"  # the target id of the user's own page, as in app.multi and app.schedule
UTC_NAMES = ("UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu")


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
    """How every part of the window labels a zone: "Europe/Moscow" for an IANA zone, "UTC" for each of
    UTC's aliases ("Etc/UTC"), else what the zone calls itself ("UTC+03:00")."""
    if isinstance(zone, ZoneInfo):
        return "UTC" if zone.key in UTC_NAMES else zone.key
    return str(zone)


class ZoneWatch(QObject):
    """The window's zone: `name` is the settings' `time_zone` in use ("" for this computer's)."""

    changed = Signal()
    """The window's zone (window_tz) changed: the settings' `time_zone` was saved with another value."""

    def __init__(self) -> None:
        super().__init__()
        self.name = ""


_watch: ZoneWatch | None = None


def zone_watch() -> ZoneWatch:
    """The one ZoneWatch of this process (made on first use, once Qt is up)."""
    global _watch
    if _watch is None:
        _watch = ZoneWatch()
    return _watch


def use_zone(name: str) -> None:
    """Make `name` (the settings' `time_zone`; "" for this computer's) the zone of every time the window
    shows or takes (window_tz); the date fields follow at once. UiContext calls it on load and on save."""
    watch = zone_watch()
    if name != watch.name:
        watch.name = name
        watch.changed.emit()


def window_tz() -> tzinfo:
    """The zone the window shows and takes times in: user_tz of the settings' `time_zone` (use_zone)."""
    return user_tz(_watch.name if _watch is not None else "")


def qt_zone(zone: tzinfo) -> QTimeZone:
    """The same zone for Qt: by its IANA name when Qt knows it, else today's fixed offset."""
    if isinstance(zone, ZoneInfo):
        found = QTimeZone(zone.key.encode("ascii", "replace"))
        if found.isValid():
            return found
    offset = datetime.now(zone).utcoffset()
    return QTimeZone(int(offset.total_seconds()) if offset is not None else 0)


def list_time(ms: int) -> str:
    """A moment (ms since the epoch) in the window's zone as the UI locale's short date and time, for lists
    (Drafts, History)."""
    moment = QDateTime.fromMSecsSinceEpoch(ms, qt_zone(window_tz()))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def short_time(moment: datetime) -> str:
    """A wall time as the UI locale writes it ("09:30", "9:30 AM")."""
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def short_date(moment: datetime) -> str:
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), QLocale.FormatType.ShortFormat)


def field_time(ms: int) -> str:
    """A moment (ms since the epoch) as the date field shows it: the window's zone, the UI locale's short
    date and time, then the zone ("12/1/2026 1:00 AM UTC", "01.12.2026 04:00 Europe/Moscow")."""
    from okcomposer.ui.common.date_field import typing_format

    zone = window_tz()
    moment = QDateTime.fromMSecsSinceEpoch(ms, qt_zone(zone))
    return f"{QLocale().toString(moment, typing_format())} {zone_name(zone)}"


def word_times(params: dict) -> None:
    """In a rules.Problem's params, put field_time of "when_ms" and "now_ms" (ms since the epoch; see
    okrules.schedule_checks) in place of "when" and "now" (OK's "2026-12-01 01:00 UTC")."""
    for name in ("when", "now"):
        if isinstance(params.get(f"{name}_ms"), int):
            params[name] = field_time(params[f"{name}_ms"])


def to_qdatetime(moment: datetime) -> QDateTime:
    """An aware datetime as a QDateTime at the same instant, in the window's zone (window_tz)."""
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000), qt_zone(window_tz()))
