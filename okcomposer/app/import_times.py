"""The times an import row may carry (publish_at), read in the user's time zone.

Accepted: ISO 8601 with an offset (2027-03-01T09:00+03:00, or Z for UTC); or a wall time in the user's zone
written as 2027-03-01 09:00, 01.03.2027 9:00 or 01.03.27 9:00 (seconds allowed in each: what Russian Excel,
LibreOffice Calc and Google Sheets write); an .xlsx date cell arrives as a datetime (app.import_xlsx).
A wall time the clocks skip (spring forward) is refused: no one meant it. A wall time that happens twice
(fall back) is read as the first of the two, and the row says so.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from okcomposer.app.import_table import echo
from okcomposer.app.messages import Message, MessageError, message

# What row.bad_time lists: one example of each accepted way of writing a time.
ACCEPTED = "2027-03-01T09:00+03:00, 2027-03-01 09:00, 01.03.2027 9:00, 01.03.27 9:00, 01.03.2027 9:00:00"
_ISO_WALL = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}),? +(\d{1,2}):(\d{2})(?::(\d{2}))?")


@dataclass(frozen=True)
class ParsedTime:
    """`moment` (aware) and `note`: a Message when the wall time was ambiguous (row.time_fold), else None."""

    moment: datetime
    note: Message | None = None


def parse_time(text: str, tz: tzinfo | None) -> datetime:
    """The instant `text` names (see the module's formats); `tz` None is this computer's zone.

    Raises MessageError (a ValueError) with row.bad_time (a format not accepted, or no such hour),
    row.no_such_date (31.02.2027: params day, month as numbers, date as "31 February") or row.time_gap (a
    wall time the clocks skip in `tz`).
    """
    return read_time(text, tz).moment


def read_time(text: str, tz: tzinfo | None) -> ParsedTime:
    """parse_time's instant, with the note for a repeated wall time (the first one is taken)."""
    text = text.strip()
    try:
        moment: datetime | None = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is not None and moment.tzinfo is not None:
        return ParsedTime(moment)
    wall = _wall(text)
    if isinstance(wall, tuple):
        day, month = wall
        date = f"{day} {calendar.month_name[month]}" if 1 <= month <= 12 else f"month {month}"
        raise MessageError(message("row.no_such_date", time=echo(text), day=day, month=month, date=date))
    if wall is None:
        raise MessageError(message("row.bad_time", time=echo(text), accepted=ACCEPTED))
    return resolve_wall(wall, tz, text)


def _wall(text: str) -> datetime | tuple[int, int] | None:
    """The wall time written, (day, month) when that day does not exist, None when not read."""
    iso, dotted = _ISO_WALL.fullmatch(text), _DOTTED.fullmatch(text)
    if iso:
        year, month, day, hour, minute, second = iso.groups()
    elif dotted:
        day, month, year, hour, minute, second = dotted.groups()
        if len(year) == 2:
            year = f"20{year}"  # a schedule is never in the 1900s
    else:
        return None
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:  # 30.02.2027, 25:00
        pass
    y, m, d = int(year), int(month), int(day)
    if not 1 <= m <= 12 or not 1 <= d <= calendar.monthrange(y, m)[1]:
        return d, m
    return None


def resolve_wall(wall: datetime, tz: tzinfo | None, text: str | None = None) -> ParsedTime:
    """A naive wall time in `tz` (None: this computer's zone) as an aware instant.

    Raises MessageError(row.time_gap) for a time the clocks skip; a repeated time is the first (earlier)
    instant, with a row.time_fold note giving the offset used and the other one.
    """
    said = echo(text if text is not None else wall.isoformat(sep=" "))
    first, second = _instant(wall, tz, 0), _instant(wall, tz, 1)
    if first == second:
        return ParsedTime(first)
    zone = _zone_name(tz, first)
    if _wall_of(first, tz) != wall:  # neither reading lands on this wall time: it is skipped
        raise MessageError(message("row.time_gap", time=said, zone=zone))
    earlier, later = min(first, second), max(first, second)
    note = message(
        "row.time_fold",
        time=said,
        zone=zone,
        used=_offset(earlier, tz),
        other=_offset(later, tz),
    )
    return ParsedTime(earlier, note)


def _instant(wall: datetime, tz: tzinfo | None, fold: int) -> datetime:
    if tz is None:  # naive timestamp() reads the system's zone and honours fold
        return datetime.fromtimestamp(wall.replace(fold=fold).timestamp(), UTC)
    return wall.replace(tzinfo=tz, fold=fold).astimezone(UTC)


def _wall_of(moment: datetime, tz: tzinfo | None) -> datetime:
    local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    return local.replace(tzinfo=None, fold=0)


def _offset(moment: datetime, tz: tzinfo | None) -> str:
    local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    offset = local.utcoffset() or timedelta(0)
    sign, minutes = ("-" if offset < timedelta(0) else "+"), abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _zone_name(tz: tzinfo | None, moment: datetime) -> str:
    key = getattr(tz, "key", None)
    if isinstance(key, str):
        return key
    local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    return local.tzname() or "this computer's time zone"
