"""What the Insights tab shows, read from the figures cache off the GUI thread (Qt-free).

`read_snapshot` runs on the window's store queue: one query for the cached topics of every group, the time
each group was last refreshed, the topics History lists, and per group the daily sums the chart draws and
the weekday x hour cells of the best times (app.best_times). The GUI thread only puts the result on screen.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from okcomposer.app.best_times import Cell, best_hours, best_times, engagement_of, ranked
from okcomposer.app.insights import Insights
from okcomposer.store.drafts import DraftStore
from okcomposer.store.figures import CachedTopic
from okcomposer.store.outbox import OutboxStore

# The table's figures, in OK's names (docs/ok-api.md "Insights"), after the date and the first words.
COLUMNS = ("reach", "likes", "comments", "reshares", "link_clicks", "negatives")
RANKED_SHOWN = 5  # the best times listed beside the heat map


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


@dataclass(frozen=True)
class Snapshot:
    """Every group's figures, and the topic ids History lists (their rows open there)."""

    groups: dict[str, GroupFigures]
    in_history: frozenset[str] = frozenset()


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


def group_figures(
    gid: str, topics: list[CachedTopic], refreshed_ms: int | None, zone: tzinfo
) -> GroupFigures:
    cells = best_times(((t.created_ms, t.figures) for t in topics), zone)
    return GroupFigures(gid, topics, refreshed_ms, daily(topics, zone), cells, ranked(cells)[:RANKED_SHOWN])


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
        groups[gid] = group_figures(gid, topics, insights.figures.refreshed_ms(owner, gid), zone)
    return Snapshot(groups, frozenset(known))


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
