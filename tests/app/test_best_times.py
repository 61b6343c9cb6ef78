"""Best times to post on a known synthetic history: the sums, the ranking, the thin cells, the user's zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from okcomposer.app.best_times import Cell, best_times, engagement_of, ranked

MOSCOW = ZoneInfo("Europe/Moscow")


def at(day: int, hour: int, zone=MOSCOW) -> int:
    """ms of 2026-03-<day> <hour>:10 in `zone` (2 March 2026 is a Monday)."""
    return int(datetime(2026, 3, day, hour, 10, tzinfo=zone).timestamp() * 1000)


HISTORY = [
    # Tuesday 09:00: three posts, 10 % engagement per reach together
    (at(3, 9), {"reach": 100, "engagement": 5}),
    (at(10, 9), {"reach": 300, "engagement": 40}),
    (at(17, 9), {"reach": 200, "likes": 10, "comments": 3, "reshares": 2}),  # no engagement: the sum
    # Friday 19:00: four posts, 20 %
    *[(at(d, 19), {"reach": 50, "engagement": 10}) for d in (6, 13, 20, 27)],
    # Sunday 12:00: two posts, 50 %: too few to rank
    (at(8, 12), {"reach": 10, "engagement": 5}),
    (at(15, 12), {"reach": 10, "engagement": 5}),
    # counted nowhere: no reach, no engagement figure, no time
    (at(4, 10), {"reach": 0, "engagement": 3}),
    (at(4, 11), {"likes": 3}),
    (at(4, 12), {"reach": 40}),
    (0, {"reach": 40, "engagement": 4}),
]


def test_cells_sum_their_posts_and_rank_by_engagement_per_reach():
    cells = best_times(HISTORY, MOSCOW)
    assert cells == {
        (1, 9): Cell(1, 9, posts=3, reach=600, engagement=60),
        (4, 19): Cell(4, 19, posts=4, reach=200, engagement=40),
        (6, 12): Cell(6, 12, posts=2, reach=20, engagement=10),
    }
    assert cells[(1, 9)].rate == 0.1 and cells[(1, 9)].label == "Tue 09:00"
    assert [c.label for c in ranked(cells)] == ["Fri 19:00", "Tue 09:00"]  # Sunday has too few posts
    assert cells[(6, 12)].thin() and not cells[(1, 9)].thin()
    assert [c.label for c in ranked(cells, min_posts=2)] == ["Sun 12:00", "Fri 19:00", "Tue 09:00"]
    assert [c.label for c in ranked(cells, min_posts=4)] == ["Fri 19:00"]


def test_hours_are_the_users_own():
    utc = best_times(HISTORY, UTC)  # Moscow is three hours ahead
    assert set(utc) == {(1, 6), (4, 16), (6, 9)}
    late = [(at(3, 1), {"reach": 10, "engagement": 1})]  # Tuesday 01:10 in Moscow is Monday 22:10 in UTC
    assert set(best_times(late, UTC)) == {(0, 22)}


def test_engagement_is_oks_own_figure_or_the_sum_of_the_reactions():
    assert engagement_of({"engagement": 7, "likes": 100}) == 7
    assert engagement_of({"likes": 1, "comments": 2, "reshares": 3, "link_clicks": 4}) == 10
    assert engagement_of({"reach": 5}) is None
    assert Cell(0, 0, 0, 0, 0).rate == 0.0
