"""The ways a spreadsheet writes a time, read in the user's zone (issue 17): ISO with an offset, ISO wall
times, dd.mm.yyyy and dd.mm.yy with or without seconds; a wall time the clocks skip is refused, one they
repeat is the first and the row says so."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from okcomposer.app.import_times import parse_time, read_time
from okcomposer.app.messages import MessageError

NY, MOSCOW, BERLIN = ZoneInfo("America/New_York"), ZoneInfo("Europe/Moscow"), ZoneInfo("Europe/Berlin")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    "text, zone, want",
    [
        ("2027-03-01T09:00+03:00", NY, utc(2027, 3, 1, 6, 0)),  # an offset wins over the zone
        ("2027-03-01 09:00Z", NY, utc(2027, 3, 1, 9, 0)),
        ("2027-03-01T09:00:30-05:00", MOSCOW, utc(2027, 3, 1, 14, 0, 30)),
        ("2027-03-01 09:00", MOSCOW, utc(2027, 3, 1, 6, 0)),
        ("2027-03-01T09:00", MOSCOW, utc(2027, 3, 1, 6, 0)),
        ("2027-03-01 9:05:07", MOSCOW, utc(2027, 3, 1, 6, 5, 7)),
        ("01.03.2027 9:00", MOSCOW, utc(2027, 3, 1, 6, 0)),  # Russian Excel
        ("01.03.2027 09:00:00", MOSCOW, utc(2027, 3, 1, 6, 0)),  # LibreOffice Calc, with seconds
        ("1.3.2027 9:00", MOSCOW, utc(2027, 3, 1, 6, 0)),
        ("01.03.27 9:00", MOSCOW, utc(2027, 3, 1, 6, 0)),  # two-digit year: this century
        ("01.03.27 9:00:15", MOSCOW, utc(2027, 3, 1, 6, 0, 15)),
        ("  01.07.2027 9:00 ", BERLIN, utc(2027, 7, 1, 7, 0)),  # summer time in Berlin
        ("01.12.2027 9:00", BERLIN, utc(2027, 12, 1, 8, 0)),
    ],
)
def test_accepted_formats(text, zone, want):
    assert parse_time(text, zone) == want


@pytest.mark.parametrize(
    "text", ["tomorrow", "03/01/2027 9:00", "2027-03-01", "01.03.2027", "01.03.2027 25:00"]
)
def test_other_writings_are_refused_with_the_accepted_ones(text):
    with pytest.raises(MessageError) as caught:
        parse_time(text, MOSCOW)
    said = str(caught.value)
    assert said.startswith(f"the time '{text}' is not written in a way this app reads")
    assert "01.03.2027 9:00" in said and "2027-03-01T09:00+03:00" in said


@pytest.mark.parametrize(
    "text, said",
    [
        ("31.02.2026 9:00", "there is no 31 February"),
        ("30.02.27 9:00", "there is no 30 February"),
        ("2027-04-31 09:00", "there is no 31 April"),
        ("29.02.2027 9:00", "there is no 29 February"),  # not a leap year
        ("01.13.2027 9:00", "there is no month 13"),
    ],
)
def test_a_date_that_does_not_exist_is_named_not_called_unreadable(text, said):
    with pytest.raises(MessageError) as caught:
        parse_time(text, MOSCOW)
    assert str(caught.value) == f"the date in '{text}' does not exist: {said}"


@pytest.mark.parametrize(
    "text, zone",
    [("09.03.2025 2:30", NY), ("2025-03-09 02:00", NY), ("30.03.2025 2:15", BERLIN)],
)
def test_a_time_the_clocks_skip_is_refused(text, zone):
    with pytest.raises(MessageError) as caught:
        parse_time(text, zone)
    assert caught.value.reason.code == "row.time_gap"
    assert (
        str(caught.value)
        == f"the time '{text}' does not exist in {zone.key}: the clocks skip it; pick another time"
    )


@pytest.mark.parametrize(
    "text, zone, first, other",
    [
        ("02.11.2025 1:30", NY, utc(2025, 11, 2, 5, 30), "UTC-05:00"),
        ("26.10.2025 2:30", BERLIN, utc(2025, 10, 26, 0, 30), "UTC+01:00"),
    ],
)
def test_a_time_the_clocks_repeat_is_the_first_and_says_so(text, zone, first, other):
    parsed = read_time(text, zone)
    assert parsed.moment == first
    assert parsed.note is not None and parsed.note.code == "row.time_fold"
    assert parsed.note.params["other"] == other
    assert str(parsed.note).startswith(f"the time '{text}' happens twice in {zone.key}")


def test_no_zone_is_this_computers_zone_with_its_gaps_and_folds(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert parse_time("01.07.2027 9:00", None) == utc(2027, 7, 1, 13, 0)
        with pytest.raises(MessageError, match="clocks skip it"):
            parse_time("09.03.2025 2:30", None)
        parsed = read_time("02.11.2025 1:30", None)
        assert parsed.moment == utc(2025, 11, 2, 5, 30) and parsed.note is not None
    finally:
        monkeypatch.undo()
        time.tzset()
