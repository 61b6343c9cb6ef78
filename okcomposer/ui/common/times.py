"""What the workflow views share: the user's time zone and an ordered store queue."""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QDateTime, QLocale, QObject, QTime, QTimeZone

from okcomposer.ui.library.drafts_view import DraftQueue

ME = "me"  # the target id of the user's own page, as in app.multi and app.schedule


def system_tz() -> tzinfo:
    """The system's zone as a tzinfo with its DST rules (QTimeZone's IANA id), else today's fixed offset."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")


def short_time(moment: datetime) -> str:
    """A wall time as the UI locale writes it ("09:30", "9:30 AM")."""
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def short_date(moment: datetime) -> str:
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), QLocale.FormatType.ShortFormat)


def to_qdatetime(moment: datetime) -> QDateTime:
    """An aware datetime as a QDateTime at the same instant (shown in the system's zone)."""
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))


class StoreQueue:
    """A view's way to the disk: the window's DraftQueue when given (closed by the window), else its own."""

    def __init__(self, queue: DraftQueue | None, parent: QObject):
        self.queue = queue or DraftQueue(parent)
        self._own = queue is None
        self.closed = False

    def submit(self, fn, then=None, failed=None):
        """Queue fn (then/failed get its result on the GUI thread); nothing once closed."""
        if self.closed:
            return None
        return self.queue.submit(fn, then, failed)

    def close(self) -> None:
        """Finish the queued work; only a queue of our own is stopped. Later submits are ignored."""
        if not self.closed:
            self.closed = True
            if self._own:
                self.queue.close()
