"""The calendar model: DST in the user's zone (New York, Auckland), users far from Moscow, Moscow itself,
entries from the drafts store, conflicts, moving, and posting slots."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from support.legacy import published_draft

from okcomposer.api.topic import Post, datetime_to_ms
from okcomposer.app.schedule import (
    ME,
    Entry,
    Slot,
    conflicts,
    day_hours,
    entries,
    month_of,
    moscow_label,
    move,
    next_free_slot,
    parse_slot,
    resolve_local,
    to_local,
    week_of,
)
from okcomposer.store.drafts import DraftStore

NY, LA = ZoneInfo("America/New_York"), ZoneInfo("America/Los_Angeles")
AKL, MSK, MINSK = ZoneInfo("Pacific/Auckland"), ZoneInfo("Europe/Moscow"), ZoneInfo("Europe/Minsk")
G1, G2 = "70000001000101", "70000001000102"


def ms(*args, tz=UTC) -> int:
    return datetime_to_ms(datetime(*args, tzinfo=tz))


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def test_spring_forward_skipped_time_moves_forward():
    moment = resolve_local(datetime(2025, 3, 9, 2, 30), NY)  # 02:00 EST -> 03:00 EDT
    assert (moment.hour, moment.minute, moment.utcoffset()) == (3, 30, timedelta(hours=-4))
    assert utc(moment) == datetime(2025, 3, 9, 7, 30)
    assert len(day_hours(date(2025, 3, 9), NY)) == 23


def test_fall_back_repeated_time_is_the_first_one():
    moment = resolve_local(datetime(2025, 11, 2, 1, 30), NY)  # 01:30 happens in EDT, then again in EST
    assert moment.utcoffset() == timedelta(hours=-4) and utc(moment) == datetime(2025, 11, 2, 5, 30)
    hours = day_hours(date(2025, 11, 2), NY)
    assert len(hours) == 25 and [h.hour for h in hours[:4]] == [0, 1, 1, 2]
    assert len(day_hours(date(2025, 11, 3), NY)) == 24


def test_aware_times_are_kept_and_ms_shown_locally():
    aware = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    assert resolve_local(aware, AKL) == aware and resolve_local(aware, AKL).tzinfo is AKL
    assert to_local(ms(2025, 6, 1, 12, 0), LA).hour == 5  # PDT, UTC-7


def test_week_and_month_grids():
    week = week_of(date(2025, 3, 12), NY, first_weekday=6)  # Sunday-first: Sun 9 .. Sat 15 March
    assert [d.day for d in week] == list(range(9, 16)) and all(d.hour == 0 for d in week)
    assert utc(week[1]) - utc(week[0]) == timedelta(hours=23)  # the spring-forward day is short
    assert [d.weekday() for d in week_of(date(2025, 3, 12), NY)] == list(range(7))
    month = month_of(date(2025, 3, 20), AKL)
    assert all(len(row) == 7 for row in month) and month[0][0].date() == date(2025, 2, 24)
    assert month[-1][-1].date() == date(2025, 4, 6) and all(d.tzinfo is AKL for row in month for d in row)


def test_midnight_skipped_by_dst_starts_the_day_at_one():
    havana = ZoneInfo("America/Havana")  # Cuba springs forward at midnight
    [start] = [d for d in week_of(date(2025, 3, 9), havana) if d.date() == date(2025, 3, 9)]
    assert start.hour == 1


@pytest.mark.parametrize(
    "tz, label",
    [
        (MSK, None),  # Moscow itself
        (MINSK, None),  # another zone at Moscow's offset
        (AKL, "MSK 14:00"),
        (LA, "MSK 14:00"),
        (NY, "MSK 14:00"),
    ],
)
def test_moscow_label_only_when_the_offset_differs(tz, label):
    assert moscow_label(ms(2025, 7, 1, 14, 0, tz=MSK), tz) == label


def test_moscow_label_follows_the_users_dst():
    # Europe/London is UTC+0 in winter and UTC+1 in summer; Moscow is UTC+3 all year.
    london = ZoneInfo("Europe/London")
    assert moscow_label(ms(2025, 1, 15, 9, 0, tz=london), london) == "MSK 12:00"
    assert moscow_label(ms(2025, 7, 15, 9, 0, tz=london), london) == "MSK 11:00"


@pytest.fixture
def store(tmp_path):
    s = DraftStore(tmp_path / "drafts.sqlite3")
    yield s
    s.close()


def group_post(gid, when_ms=None, text="news"):
    attachment = {"media": [{"type": "text", "text": text}]}
    if when_ms is not None:
        attachment["publishAtMs"] = when_ms
    return Post.from_draft({"type": "GROUP_THEME", "gid": gid, "attachment": attachment})


def test_entries_from_the_store(store):
    now = datetime.now(UTC)
    soon = datetime_to_ms(now + timedelta(hours=2))
    on_ok = published_draft(store, group_post(G1, soon, "Sale starts"), "70102413180017")
    past = datetime_to_ms(now - timedelta(hours=1))
    store.save(group_post(G2, past).to_draft())  # in the past
    store.save(group_post(G2).to_draft())  # no time: not in the calendar
    store.save({"attachment": "{broken"})  # unreadable: skipped
    found = entries(store)
    assert [(e.draft_id, e.target, e.publish_at_ms) for e in found] == [(on_ok, G1, soon)]
    assert found[0].on_ok and found[0].topic_id == "70102413180017" and found[0].title == "Sale starts"
    assert [e.publish_at_ms for e in entries(store, start_ms=0, end_ms=soon)] == [past]


def test_the_calendar_shows_page_posts_waiting_in_the_outbox(store):
    from okcomposer.app.outbox import Outbox
    from okcomposer.app.schedule import OUTBOX_PREFIX, calendar_entries

    now = datetime.now(UTC)
    soon, later = datetime_to_ms(now + timedelta(hours=2)), datetime_to_ms(now + timedelta(days=2))
    on_ok = published_draft(store, group_post(G1, soon, "Sale starts"), "70102413180017")
    outbox = Outbox(store)
    waiting = outbox.queue(
        Post.from_draft({"attachment": {"media": [{"type": "text", "text": "Hi"}]}}), later
    )
    found = calendar_entries(store, outbox.store, 0, later + 1)
    assert [(e.draft_id, e.target, e.publish_at_ms) for e in found] == [
        (on_ok, G1, soon),
        (OUTBOX_PREFIX + waiting.id, ME, later),
    ]
    assert found[1].needs_app_running and found[1].state == "waiting" and not found[1].on_ok
    assert calendar_entries(store, outbox.store, 0, later) == found[:1]
    outbox.store.discard(waiting.id)
    assert calendar_entries(store, outbox.store, 0, later + 1) == found[:1]


def entry(target, when_ms, draft_id="d"):
    return Entry(draft_id, target, when_ms, "", "published")


def test_conflicts_in_the_same_place_only():
    base = ms(2025, 5, 1, 10, 0)
    items = [
        entry(G1, base, "a"),
        entry(G1, base + 20 * 60_000, "b"),
        entry(G1, base + 90 * 60_000, "c"),
        entry(G2, base + 5 * 60_000, "d"),
        entry(ME, base, "e"),
        entry(ME, base + 29 * 60_000, "f"),
    ]
    pairs = conflicts(items, timedelta(minutes=30))
    assert sorted((a.draft_id, b.draft_id) for a, b in pairs) == [("a", "b"), ("e", "f")]


def test_move_uses_the_users_wall_clock():
    e = entry(G1, ms(2025, 3, 1, 12, 0))
    assert move(e, datetime(2025, 3, 9, 2, 30), NY) == ms(2025, 3, 9, 7, 30)  # skipped: 03:30 EDT
    assert move(e, datetime(2025, 7, 1, 9, 0), AKL) == ms(2025, 6, 30, 21, 0)  # NZST, UTC+12
    assert move(e, datetime(2025, 7, 1, 9, 0, tzinfo=MSK), LA) == ms(2025, 7, 1, 6, 0)


def test_parse_slot():
    assert parse_slot("Mon 09:30") == Slot(0, 9, 30)
    assert parse_slot(" sunday 2:05 ") == Slot(6, 2, 5) and str(Slot(6, 2, 5)) == "Sun 02:05"
    assert parse_slot("4 18:00") == Slot(4, 18, 0)
    for bad in ("Mon", "Xyz 10:00", "Mon 25:00", "9 10:00"):
        with pytest.raises(ValueError):
            parse_slot(bad)


def test_next_free_slot_skips_taken_times_far_from_moscow():
    slots = [Slot(0, 9, 0), Slot(2, 9, 0)]  # Mon and Wed 09:00 in Los Angeles
    now = datetime(2025, 5, 5, 8, 0, tzinfo=LA)  # a Monday
    taken = [ms(2025, 5, 5, 9, 10, tz=LA)]
    found = next_free_slot(slots, taken, now, LA, timedelta(hours=1))
    assert found == datetime(2025, 5, 7, 9, 0, tzinfo=LA)
    assert next_free_slot(slots, [], now, LA, timedelta(hours=1)) == datetime(2025, 5, 5, 9, 0, tzinfo=LA)
    later = datetime(2025, 5, 5, 9, 0, tzinfo=LA)  # a slot exactly now is not "next"
    assert next_free_slot(slots, [], later, LA, timedelta(hours=1)) == datetime(2025, 5, 7, 9, 0, tzinfo=LA)
    assert next_free_slot([], [], now, LA, timedelta(hours=1)) is None
    with pytest.raises(ValueError):
        next_free_slot(slots, [], datetime(2025, 5, 5, 8, 0), LA, timedelta(hours=1))


def test_slot_on_the_spring_forward_day():
    found = next_free_slot([Slot(6, 2, 30)], [], datetime(2025, 3, 8, 12, 0, tzinfo=NY), NY, timedelta(0))
    assert found is not None and utc(found) == datetime(2025, 3, 9, 7, 30)  # 03:30 EDT


def test_slot_on_the_fall_back_day_is_used_once():
    now = datetime(2025, 11, 1, 12, 0, tzinfo=NY)
    first = next_free_slot([Slot(6, 1, 30)], [], now, NY, timedelta(minutes=30))
    assert first is not None and utc(first) == datetime(2025, 11, 2, 5, 30)  # the EDT 01:30
    # Taken: the second 01:30 (EST) of the same night is not offered; next week's is.
    second = next_free_slot([Slot(6, 1, 30)], [datetime_to_ms(first)], now, NY, timedelta(minutes=30))
    assert second is not None and utc(second) == datetime(2025, 11, 9, 6, 30)


def test_auckland_dst_both_ways():
    # NZ: clocks go back at 03:00 on 6 April 2025 and forward at 02:00 on 28 September 2025.
    back = next_free_slot([Slot(6, 2, 30)], [], datetime(2025, 4, 5, 12, 0, tzinfo=AKL), AKL, timedelta(0))
    assert back is not None and back.utcoffset() == timedelta(hours=13)  # the first 02:30 (NZDT)
    fwd = next_free_slot([Slot(6, 2, 15)], [], datetime(2025, 9, 27, 12, 0, tzinfo=AKL), AKL, timedelta(0))
    assert fwd is not None and (fwd.hour, fwd.minute) == (3, 15) and fwd.utcoffset() == timedelta(hours=13)


def test_moscow_user_slots_have_no_label():
    now = datetime(2025, 5, 5, 8, 0, tzinfo=MSK)
    found = next_free_slot([Slot(0, 10, 0)], [], now, MSK, timedelta(minutes=15))
    assert found == datetime(2025, 5, 5, 10, 0, tzinfo=MSK)
    assert moscow_label(datetime_to_ms(found), MSK) is None


def test_reschedule_moves_a_draft_or_a_page_post_waiting_in_the_outbox(store):
    from okcomposer.app.outbox import Outbox
    from okcomposer.app.schedule import OUTBOX_PREFIX, reschedule

    now = datetime.now(UTC)
    soon, later = datetime_to_ms(now + timedelta(hours=2)), datetime_to_ms(now + timedelta(days=2))
    draft_id = store.save(group_post(G1, soon, "Sale starts").to_draft(), title="Sale starts")
    outbox = Outbox(store)
    waiting = outbox.queue(Post.from_draft({"attachment": {"media": [{"type": "text", "text": "Hi"}]}}), soon)
    reschedule(store, outbox.store, draft_id, later)
    reschedule(store, outbox.store, OUTBOX_PREFIX + waiting.id, later + 60_000)
    assert [e.publish_at_ms for e in entries(store)] == [later]
    assert store.load(draft_id).title == "Sale starts"
    assert outbox.store.get(waiting.id).due_ms == later + 60_000
    outbox.store.discard(waiting.id)
    with pytest.raises(ValueError, match="no longer waiting"):
        reschedule(store, outbox.store, OUTBOX_PREFIX + waiting.id, later)
    with pytest.raises(KeyError):
        reschedule(store, outbox.store, "no-such-draft", later)


def test_a_page_post_the_outbox_sent_stays_on_the_calendar_as_published(store):
    from okcomposer.app.outbox import Outbox
    from okcomposer.app.schedule import OUTBOX_PREFIX, calendar_entries
    from okcomposer.store import outbox as box

    later = datetime_to_ms(datetime.now(UTC) + timedelta(hours=2))
    outbox = Outbox(store)
    post = Post.from_draft({"attachment": {"media": [{"type": "text", "text": "Hi"}], "publishAtMs": later}})
    draft_id = store.save(post.to_draft(), title="Hi")
    waiting = outbox.queue(post, later, draft_id=draft_id)
    lone = outbox.queue(Post.from_draft({"attachment": {"media": [{"type": "text", "text": "Yo"}]}}), later)
    before = calendar_entries(store, outbox.store, 0, later + 1)
    assert {(e.draft_id, e.state) for e in before} == {
        (OUTBOX_PREFIX + waiting.id, "waiting"),
        (OUTBOX_PREFIX + lone.id, "waiting"),
    }  # the draft shows once, as the outbox's entry
    for entry in (waiting, lone):
        outbox.store.finish(entry.id, box.PUBLISHED, topic_id="7010" + entry.id[:4])
    after = calendar_entries(store, outbox.store, 0, later + 1)
    assert [(e.draft_id, e.state, e.publish_at_ms) for e in after] == [
        (e.draft_id, "published", later) for e in before
    ]
    assert all(e.needs_app_running and not e.on_ok and e.topic_id for e in after)
