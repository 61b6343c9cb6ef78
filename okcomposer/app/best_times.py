"""Best times to post, from the user's own figures: engagement per reach by weekday and hour in their zone.

No black box: each cell keeps the posts, reach and engagement behind it, and a cell with fewer than
`min_posts` posts is marked thin (shown grey, never ranked). Pure functions: no OK, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MIN_POSTS = 3  # fewer posts than this in a cell say too little to rank it


@dataclass(frozen=True)
class Cell:
    """One weekday (0 = Monday) and hour (0-23) in the user's zone, and the figures summed over its posts."""

    weekday: int
    hour: int
    posts: int
    reach: int
    engagement: int

    @property
    def rate(self) -> float:
        """Engagement per reach over the cell's posts together (0.0 for no reach)."""
        return self.engagement / self.reach if self.reach else 0.0

    def thin(self, min_posts: int = MIN_POSTS) -> bool:
        return self.posts < min_posts

    @property
    def label(self) -> str:
        """As `Tue 09:00`."""
        return f"{WEEKDAYS[self.weekday]} {self.hour:02d}:00"


def engagement_of(figures: Mapping[str, int]) -> int | None:
    """OK's `engagement` when given, else likes + comments + reshares + link clicks (those given); None when
    OK gave none of them (units of `engagement` are unconfirmed: docs/ok-api.md "Insights")."""
    if "engagement" in figures:
        return figures["engagement"]
    parts = [figures[name] for name in ("likes", "comments", "reshares", "link_clicks") if name in figures]
    return sum(parts) if parts else None


def best_times(topics: Iterable[tuple[int, Mapping[str, int]]], zone: tzinfo) -> dict[tuple[int, int], Cell]:
    """{(weekday, hour): Cell} from (created ms, figures) pairs, the hour the post went out in `zone`.

    A post with no reach or no engagement figure counts nowhere (nothing to divide); cells without posts
    are absent.
    """
    sums: dict[tuple[int, int], list[int]] = {}
    for created_ms, figures in topics:
        reach, engagement = figures.get("reach"), engagement_of(figures)
        if not reach or reach < 0 or engagement is None or created_ms <= 0:
            continue
        local = datetime.fromtimestamp(created_ms / 1000, zone)
        cell = sums.setdefault((local.weekday(), local.hour), [0, 0, 0])
        cell[0] += 1
        cell[1] += reach
        cell[2] += max(0, engagement)
    return {key: Cell(key[0], key[1], *values) for key, values in sums.items()}


def ranked(cells: Mapping[tuple[int, int], Cell], min_posts: int = MIN_POSTS) -> list[Cell]:
    """The cells with enough posts, best engagement per reach first (more posts first on a tie)."""
    kept = [cell for cell in cells.values() if not cell.thin(min_posts)]
    return sorted(kept, key=lambda c: (-c.rate, -c.posts, c.weekday, c.hour))


def best_hours(
    cells: Mapping[tuple[int, int], Cell],
    count: int,
    skip: Iterable[tuple[int, int]] = (),
    min_posts: int = MIN_POSTS,
) -> list[Cell]:
    """The `count` best ranked cells whose (weekday, hour) is not in `skip` (the slots a place already has):
    what "Suggest best times" adds and "Next free slot" prefers."""
    taken = set(skip)
    return [cell for cell in ranked(cells, min_posts) if (cell.weekday, cell.hour) not in taken][:count]
