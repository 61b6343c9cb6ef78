"""What the Insights tab shows, read from the figures cache off the GUI thread (Qt-free).

`read_snapshot` runs on the window's store queue: one query for the cached topics of every group, the time
each group was last refreshed, the topics History lists with the first photo of each (the table's
thumbnails), and per group the days the chart draws (OK's own daily figures when cached, else each day's
topics summed) and the weekday x hour cells of the best times (app.best_times). The GUI thread only puts the
result on screen.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from okcomposer.app.best_times import Cell, best_hours, best_times, engagement_of, ranked
from okcomposer.app.insights import Insights
from okcomposer.store.drafts import DraftStore
from okcomposer.store.figures import CachedTopic
from okcomposer.store.outbox import ON_OK, OutboxStore

# The table's figures, in OK's names (docs/ok-api.md "Insights"), after the date and the first words.
COLUMNS = ("reach", "likes", "comments", "reshares", "link_clicks", "negatives")
RANKED_SHOWN = 5  # the best times listed beside the heat map
# OK's trend days start at midnight in Moscow or UTC (unconfirmed, docs/ok-api.md "Insights"): read in
# Moscow, either names the right date.
OK_DAYS = ZoneInfo("Europe/Moscow")


@dataclass(frozen=True)
class Day:
    """One day (in the user's zone) of the chart: the reach and engagement of the posts that went out."""

    day: date
    posts: int
    reach: int
    engagement: int


@dataclass(frozen=True)
class GroupFigures:
    """One group's cached figures: topics newest first, `refreshed_ms` None when never fetched."""

    gid: str
    topics: list[CachedTopic] = field(default_factory=list)
    refreshed_ms: int | None = None
    days: list[Day] = field(default_factory=list)
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    best: list[Cell] = field(default_factory=list)
    from_trends: bool = False  # the days are OK's daily figures (group.getStatTrends), not topic sums


@dataclass(frozen=True)
class Snapshot:
    """Every group's figures, the topic ids History lists (their rows open there) and, for those published
    with a photo, the photo's local file (OK's statistics give no picture: other topics have none)."""

    groups: dict[str, GroupFigures]
    in_history: frozenset[str] = frozenset()
    pictures: dict[str, str] = field(default_factory=dict)


def first_photo(body: Any) -> str:
    """The local file of the first photo of a post as a draft ({"attachment": {"media": [{"type": "photo",
    "list": [{"file": ...}]}]}}), "" when it has none (or only uploaded ones)."""
    attachment = body.get("attachment") if isinstance(body, dict) else None
    media = attachment.get("media") if isinstance(attachment, dict) else None
    for block in media if isinstance(media, list) else []:
        if isinstance(block, dict) and block.get("type") == "photo" and isinstance(block.get("list"), list):
            for item in block["list"]:
                if isinstance(item, dict) and isinstance(item.get("file"), str) and item["file"]:
                    return item["file"]
    return ""


def pictures_of(drafts: DraftStore, topic_ids: set[str]) -> dict[str, str]:
    """{topic id: first photo file} of the topics okcomposer published: the outbox entry's post, or for
    History rows kept from before the outbox, the draft they came from."""
    found: dict[str, str] = {}
    for entry in OutboxStore(drafts).in_states(ON_OK):
        if entry.topic_id in topic_ids and entry.kind == "post":
            path = first_photo(entry.request)
            if path:
                found[entry.topic_id] = path
    for old in drafts.history(limit=10_000):
        if old.object_id in topic_ids and old.object_id not in found and old.draft_id:
            draft = drafts.load(old.draft_id)
            path = first_photo(draft.body) if draft is not None else ""
            if path:
                found[old.object_id] = path
    return found


def daily(topics: Iterable[CachedTopic], zone: tzinfo) -> list[Day]:
    """Reach and engagement summed by the day each topic was created in `zone`, oldest day first; topics
    without a creation time are left out, missing figures count as 0."""
    sums: dict[date, list[int]] = {}
    for topic in topics:
        if topic.created_ms <= 0:
            continue
        day = datetime.fromtimestamp(topic.created_ms / 1000, zone).date()
        row = sums.setdefault(day, [0, 0, 0])
        row[0] += 1
        row[1] += max(0, topic.figures.get("reach", 0))
        row[2] += max(0, engagement_of(topic.figures) or 0)
    return [Day(day, *row) for day, row in sorted(sums.items())]


def trend_days(trends: Iterable[tuple[int, dict[str, int], int]], topics: Iterable[CachedTopic]) -> list[Day]:
    """The chart's days from OK's daily figures ((day start ms, figures, fetched ms), as cached): reach and
    engagement as OK gave them (engagement_of: likes, comments, reshares and clicks when OK gives no
    `engagement`), and the posts of each day counted; [] when no day has reach or engagement."""
    posts: dict[date, int] = {}
    for topic in topics:
        if topic.created_ms > 0:
            day = datetime.fromtimestamp(topic.created_ms / 1000, OK_DAYS).date()
            posts[day] = posts.get(day, 0) + 1
    days, told = [], False
    for day_ms, figures, _fetched in trends:
        day = datetime.fromtimestamp(day_ms / 1000, OK_DAYS).date()
        engagement = engagement_of(figures)
        told = told or "reach" in figures or engagement is not None
        days.append(Day(day, posts.get(day, 0), max(0, figures.get("reach", 0)), max(0, engagement or 0)))
    return days if told else []


def group_figures(
    gid: str,
    topics: list[CachedTopic],
    refreshed_ms: int | None,
    zone: tzinfo,
    trends: Iterable[tuple[int, dict[str, int], int]] = (),
) -> GroupFigures:
    """One group's figures; the chart's days are OK's daily figures when `trends` has any, else sums of
    each day's topics in `zone`."""
    cells = best_times(((t.created_ms, t.figures) for t in topics), zone)
    days = trend_days(trends, topics)
    return GroupFigures(
        gid,
        topics,
        refreshed_ms,
        days or daily(topics, zone),
        cells,
        ranked(cells)[:RANKED_SHOWN],
        bool(days),
    )


def read_snapshot(drafts: DraftStore, owner: str, zone: tzinfo, gids: Iterable[str] = ()) -> Snapshot:
    """The cached figures of account `owner` for the groups in the cache and `gids` (groups known to be
    administered, perhaps not fetched yet). Reads the database only; about 10 ms for 500 topics."""
    insights = Insights(drafts, owner)
    by_group: dict[str, list[CachedTopic]] = {gid: [] for gid in gids}
    for topic in insights.topics():
        by_group.setdefault(topic.target, []).append(topic)
    outbox = OutboxStore(drafts)
    known: set[str] = set()
    groups = {}
    for gid, topics in by_group.items():
        known |= outbox.known_topic_ids(gid)
        refreshed = insights.figures.refreshed_ms(owner, gid)
        groups[gid] = group_figures(gid, topics, refreshed, zone, insights.trends(gid))
    cached = {t.topic_id for topics in by_group.values() for t in topics}
    return Snapshot(groups, frozenset(known), pictures_of(drafts, cached & known))


def best_slots_of(
    drafts: DraftStore, owner: str, gid: str, zone: tzinfo, count: int, skip: Iterable[tuple[int, int]] = ()
) -> list[Cell]:
    """The `count` best weekday/hour cells of `gid` from the cached figures, those in `skip` left out."""
    topics = Insights(drafts, owner).topics(gid)
    return best_hours(best_times(((t.created_ms, t.figures) for t in topics), zone), count, skip)


def csv_text(rows: list[tuple[str, str, str, list[int | None]]], head: list[str]) -> str:
    """The table as CSV: `head`, then (topic id, time, first words, figures) rows; a missing figure is
    empty. Written with a BOM by the caller, so spreadsheet programs read Cyrillic right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(head)
    for topic_id, when, words, figures in rows:
        writer.writerow([topic_id, when, words, *("" if n is None else n for n in figures)])
    return out.getvalue()
