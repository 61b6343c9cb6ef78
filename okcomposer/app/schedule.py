"""The calendar model: scheduled posts from the drafts, day grids, Moscow labels, conflicts and posting slots.

Where things wait: OK holds delayed group topics itself (publishAtMs), so such a post is a draft in state
"published"/"scheduled" with its topic id and nothing runs on the user's machine at publishing time. OK has
no delayed posting for the user's own page: such a post waits in the outbox (app.outbox.Outbox.queue),
marked needs_app_running, and okcomposer (the app or `okcomposer outbox run`) sends it when it is due.

Wall-clock times in the user's zone follow one rule (`resolve_local`): a time a DST jump skips moves forward
by the jump (New York's 02:30 on spring-forward day is 03:30 EDT); a time that occurs twice on fall-back day
is its first occurrence (01:30 EDT, the earlier instant), so a post never goes out twice nor an hour late.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from okcomposer.api.topic import MOSCOW, DraftError, Post, TextBlock, datetime_to_ms, ms_to_datetime
from okcomposer.store import history
from okcomposer.store.drafts import DraftStore, now_ms
from okcomposer.store.outbox import OutboxStore

ME = "me"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# --- time -------------------------------------------------------------------------------------------------
def resolve_local(wall: datetime, tz: tzinfo) -> datetime:
    """A wall time in `tz` as an aware datetime (skipped times move forward, repeated ones come first)."""
    if wall.tzinfo is not None:
        return wall.astimezone(tz)
    # fold=0 reads a skipped time with the offset before the jump; the UTC round trip then shows it forward.
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC).astimezone(tz)


def to_local(ms: int, tz: tzinfo) -> datetime:
    return ms_to_datetime(ms).astimezone(tz)


def moscow_label(ms: int, tz: tzinfo) -> str | None:
    """ "MSK 14:00" when the user's zone is not at Moscow's offset at that instant, else None."""
    moment = ms_to_datetime(ms)
    if moment.astimezone(tz).utcoffset() == moment.astimezone(MOSCOW).utcoffset():
        return None
    return f"MSK {moment.astimezone(MOSCOW):%H:%M}"


def day_start(day: date, tz: tzinfo) -> datetime:
    """The first instant of `day` in `tz` (01:00 where a DST jump skips midnight)."""
    return resolve_local(datetime.combine(day, time()), tz)


def day_hours(day: date, tz: tzinfo) -> list[datetime]:
    """Every hour of the day as lived in `tz`: 23 on spring-forward day, 25 on fall-back day."""
    # In UTC: subtracting two datetimes that share a tzinfo compares wall clocks, not instants.
    start, end = day_start(day, tz).astimezone(UTC), day_start(day + timedelta(days=1), tz).astimezone(UTC)
    count = int((end - start) // timedelta(hours=1))
    return [(start + timedelta(hours=h)).astimezone(tz) for h in range(count)]


def week_of(day: date, tz: tzinfo, first_weekday: int = 0) -> list[datetime]:
    """The 7 day starts of the week holding `day` (first_weekday 0 = Monday)."""
    first = day - timedelta(days=(day.weekday() - first_weekday) % 7)
    return [day_start(first + timedelta(days=i), tz) for i in range(7)]


def month_of(day: date, tz: tzinfo, first_weekday: int = 0) -> list[list[datetime]]:
    """Rows of 7 day starts covering the month of `day` (with the neighbouring months' days at the edges)."""
    weeks = calendar.Calendar(first_weekday).monthdatescalendar(day.year, day.month)
    return [[day_start(d, tz) for d in week] for week in weeks]


# --- entries ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    draft_id: str
    target: str  # "me" or a group id
    publish_at_ms: int
    title: str
    state: str  # "draft" (not sent yet), "published"/"scheduled" (OK holds it), "waiting" (the outbox), ...
    topic_id: str | None = None
    needs_app_running: bool = False  # the user's page: okcomposer itself posts it when due

    @property
    def on_ok(self) -> bool:
        return self.state in ("published", "scheduled") and not self.needs_app_running


def title_of(post: Post) -> str:
    text = next((b.text for b in post.attachment.media if isinstance(b, TextBlock) and b.text.strip()), "")
    return text.strip().splitlines()[0][:60] if text.strip() else ""


def entries(store: DraftStore, start_ms: int | None = None, end_ms: int | None = None) -> list[Entry]:
    """Drafts with a publishing time in [start_ms, end_ms) (default: from now on), earliest first."""
    start = now_ms() if start_ms is None else start_ms
    found = []
    # Through the index of stored times (store.drafts_schema.draft_columns), a margin wide enough for any
    # reading of a publishAt; the exact time comes from the body below.
    end = None if end_ms is None else end_ms + MARGIN_MS
    for draft in store.timed_between(start - MARGIN_MS, end):
        try:
            post = Post.from_draft(draft.body)
            when = post.attachment.scheduled_at()
        except (DraftError, ValueError):
            continue
        if when is None:
            continue
        ms = datetime_to_ms(when)
        if ms < start or (end_ms is not None and ms >= end_ms):
            continue
        group = post.effective_type.is_group and bool(post.gid)
        found.append(
            Entry(
                draft.id,
                str(post.gid) if group else ME,
                ms,
                draft.title or title_of(post),
                draft.state,
                draft.topic_id,
                not post.effective_type.can_schedule,
            )
        )
    return sorted(found, key=lambda e: (e.publish_at_ms, e.draft_id))


MARGIN_MS = 2 * 86_400_000
OUTBOX_PREFIX = "outbox:"  # calendar entries kept by the outbox, not by a draft


def outbox_entries(outbox: OutboxStore, start_ms: int, end_ms: int) -> list[Entry]:
    """Outbox posts with a time in [start_ms, end_ms): page posts waiting on this computer or sent by it at
    their time, topics OK holds.

    Their `draft_id` is OUTBOX_PREFIX + the outbox entry id; `state` is the outbox's ("waiting", "scheduled",
    "published", ...); a post that waited here keeps needs_app_running once sent.
    """
    found = []
    for item in outbox.between(start_ms, end_ms) + outbox.sent_between(start_ms, end_ms):
        waited = item.state != "scheduled" and item.due_ms is not None
        when = item.due_ms if waited else item.publish_at_ms
        if when is None or item.kind != "post":
            continue
        found.append(
            Entry(OUTBOX_PREFIX + item.id, item.target, when, item.summary, item.state, item.topic_id, waited)
        )
    return found


def calendar_entries(drafts: DraftStore, outbox: OutboxStore, start_ms: int, end_ms: int) -> list[Entry]:
    """What the calendar shows: timed drafts, and what the outbox holds (which wins for a published draft).

    The outbox lists only what still waits or is scheduled (OutboxStore.between); a draft whose post it has
    sent since (published, or not confirmed) stays at its time with the outbox's state and topic id, so a
    page post the app sent shows as published rather than vanishing.
    """
    held = outbox_entries(outbox, start_ms, end_ms)
    timed = entries(drafts, start_ms, end_ms)
    latest = history.latest_for(outbox, [e.draft_id for e in timed])
    held_ids = {e.draft_id for e in held}
    mine = []
    for entry in timed:
        sent = latest.get(entry.draft_id)
        if sent is None or sent.state == "not_sent":
            mine.append(entry)
        elif OUTBOX_PREFIX + sent.id not in held_ids:  # else the outbox's own entry shows it
            mine.append(replace(entry, state=sent.state, topic_id=sent.topic_id or entry.topic_id))
    return sorted(mine + held, key=lambda e: (e.publish_at_ms, e.draft_id))


def reschedule(drafts: DraftStore, outbox: OutboxStore, draft_id: str, when_ms: int) -> None:
    """Give a draft, or a page post waiting in the outbox (an Entry's OUTBOX_PREFIX id), a new publishing
    time (publishAtMs, ms since the epoch).

    Raises KeyError for a draft that is gone, ValueError for an outbox post no longer waiting here
    (sent, or taken by another process).
    """
    if draft_id.startswith(OUTBOX_PREFIX):
        if not outbox.reschedule(draft_id.removeprefix(OUTBOX_PREFIX), when_ms):
            raise ValueError("it is no longer waiting on this computer")
        return
    draft = drafts.load(draft_id)
    if draft is None:
        raise KeyError(draft_id)
    post = Post.from_draft(draft.body)
    post.attachment.schedule(ms_to_datetime(when_ms))
    drafts.save(post.to_draft(), draft_id, draft.title)


def conflicts(items: Iterable[Entry], gap: timedelta) -> list[tuple[Entry, Entry]]:
    """Pairs of posts to the same place (a group, or the user's page) closer together than `gap`."""
    by_target: dict[str, list[Entry]] = {}
    for entry in items:
        by_target.setdefault(entry.target, []).append(entry)
    pairs = []
    limit = gap // timedelta(milliseconds=1)
    for group in by_target.values():
        group.sort(key=lambda e: e.publish_at_ms)
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if second.publish_at_ms - first.publish_at_ms >= limit:
                    break
                pairs.append((first, second))
    return pairs


def move(entry: Entry, new_local: datetime, tz: tzinfo) -> int:
    """The publishAtMs for `entry` moved to `new_local` (a wall time in `tz`, or an aware datetime).

    For an entry OK already holds (on_ok), the topic on OK keeps its old time until it is changed there too.
    """
    return datetime_to_ms(resolve_local(new_local, tz))


# --- posting slots ----------------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Slot:
    """A weekly posting time in the user's zone: weekday 0 = Monday."""

    weekday: int
    hour: int
    minute: int = 0

    def __post_init__(self) -> None:
        if not (0 <= self.weekday <= 6 and 0 <= self.hour <= 23 and 0 <= self.minute <= 59):
            raise ValueError(f"not a weekly time: weekday {self.weekday}, {self.hour}:{self.minute}")

    def __str__(self) -> str:
        return f"{WEEKDAYS[self.weekday].title()} {self.hour:02d}:{self.minute:02d}"


def parse_slot(text: str) -> Slot:
    """ "Mon 09:30" (an English weekday name or its first 3 letters, or 0-6 from Monday) as a Slot."""
    match = re.fullmatch(r"\s*([A-Za-z]+|[0-6])\s+(\d{1,2}):(\d{2})\s*", text)
    name = match.group(1).lower() if match else ""
    if not match or not (name.isdigit() or name[:3] in WEEKDAYS):
        raise ValueError(f"{text!r} is not a weekly time like 'Mon 09:30'")
    weekday = int(name) if name.isdigit() else WEEKDAYS.index(name[:3])
    return Slot(weekday, int(match.group(2)), int(match.group(3)))


def next_free_slot(
    slots: Iterable[Slot],
    taken: Iterable[int],
    now: datetime,
    tz: tzinfo,
    gap: timedelta,
    horizon_days: int = 28,
) -> datetime | None:
    """The earliest slot after `now` not within `gap` of a taken time (ms); None within the horizon."""
    if now.tzinfo is None:
        raise ValueError("next_free_slot needs an aware `now`")
    weekly = sorted(set(slots))
    busy = [ms_to_datetime(ms) for ms in taken]
    now = now.astimezone(UTC)
    today = now.astimezone(tz).date()
    for offset in range(horizon_days + 1):
        day = today + timedelta(days=offset)
        wall = (datetime.combine(day, time(s.hour, s.minute)) for s in weekly if s.weekday == day.weekday())
        # Compared in UTC: datetimes sharing a tzinfo compare as wall clocks, which a DST fold breaks.
        for candidate in sorted({resolve_local(w, tz).astimezone(UTC) for w in wall}):
            if candidate > now and all(abs(candidate - b) >= gap for b in busy):
                return candidate.astimezone(tz)
    return None
