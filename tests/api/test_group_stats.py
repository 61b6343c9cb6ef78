"""group.getStat*: figures read defensively (missing, extra and odd fields), pages followed to the end."""

from __future__ import annotations

import pytest
from support.sandbox_client import demo_client

from okcomposer.api import stats
from okcomposer.api.errors import OkApiError
from okcomposer.sandbox.server import Sandbox

BAKERY = "70000001000101"


@pytest.fixture
def sb():
    with Sandbox(with_history=True) as sandbox:
        yield sandbox


def test_a_topic_keeps_the_figures_given_as_numbers_and_drops_the_rest():
    item = {
        "id": 70102300000406,  # a number where a string is usual
        "created_ms": "1796019300000",
        "reach": 517,
        "likes": "6",  # digits as text
        "comments": 1.0,
        "reshares": None,  # null: absent
        "negatives": True,  # a boolean is no count
        "link_clicks": "n/a",
        "new_figure_ok_added": 5,  # unknown: ignored
        "engagement": float("nan"),
    }
    topic = stats.parse_topic(item)
    assert topic == stats.TopicFigures(
        "70102300000406", 1796019300000, {"reach": 517, "likes": 6, "comments": 1}
    )


@pytest.mark.parametrize("item", [{}, {"reach": 5}, {"id": ""}, {"id": True}, [], "x", None])
def test_a_topic_without_an_id_is_left_out(item):
    assert stats.parse_topic(item) is None


def test_a_topic_with_no_figures_at_all_is_kept_with_none():
    assert stats.parse_topic({"id": "7"}) == stats.TopicFigures("7", 0, {})


def test_trends_keep_whole_points_in_time_order():
    data = {
        "REACH": [{"time": 2, "value": 20}, {"time": 1, "value": "10"}, {"time": 3}, "junk", {"value": 4}],
        "likes": "not a list",
        "comments": [],
    }
    assert stats.parse_trends(data) == {"reach": [(1, 10), (2, 20)], "comments": []}
    assert stats.parse_trends([1, 2]) == {}


def test_every_page_is_followed_and_each_topic_comes_once(sb):
    client = demo_client(sb)
    pages = list(stats.iter_stat_topics(client, BAKERY, page_size=7))
    ids = [t.id for page in pages for t in page.topics]
    bakery = [t for t in sb.state.past_topics if t["gid"] == BAKERY]
    assert len(pages) > 5 and len(ids) == len(set(ids)) == len(bakery)
    assert pages[-1].has_more is False and all(p.has_more for p in pages[:-1])
    newest_first = [t.created_ms for page in pages for t in page.topics]
    assert newest_first == sorted(newest_first, reverse=True)
    assert set(pages[0].topics[0].figures) == set(stats.FIGURES)


def test_paging_stops_on_a_repeated_anchor_or_an_empty_page():
    answers = iter(
        [
            stats.StatPage([stats.TopicFigures("1", 0)], "a", None),
            stats.StatPage([stats.TopicFigures("2", 0)], "a", None),  # the same anchor again
            stats.StatPage([stats.TopicFigures("3", 0)], "b", None),
        ]
    )
    pages = list(stats.iter_stat_topics(None, "1", fetch_page=lambda anchor: next(answers)))  # type: ignore[arg-type]
    assert [p.topics[0].id for p in pages] == ["1", "2"]
    empty = list(stats.iter_stat_topics(None, "1", fetch_page=lambda a: stats.StatPage([], "z", True)))  # type: ignore[arg-type]
    assert len(empty) == 1


def test_a_time_range_limits_the_topics(sb):
    client = demo_client(sb)
    everything = [t for p in stats.iter_stat_topics(client, BAKERY) for t in p.topics]
    middle = sorted(t.created_ms for t in everything)[10:20]
    page = stats.get_stat_topics_page(client, BAKERY, middle[0], middle[-1])
    assert sorted(t.created_ms for t in page.topics) == middle


def test_one_topic_and_the_daily_history(sb):
    client = demo_client(sb)
    first = stats.get_stat_topics_page(client, BAKERY, count=1).topics[0]
    again = stats.get_stat_topic(client, first.id)
    assert again is not None and again.id == first.id and again.figures["reach"] >= first.figures["reach"]
    trends = stats.get_stat_trends(client, BAKERY)
    assert set(trends) == set(stats.TREND_FIELDS)
    days = [when for when, _value in trends["reach"]]
    assert len(days) >= 30 and all(b - a == 86_400_000 for a, b in zip(days, days[1:], strict=False))
    assert sum(v for _, v in trends["likes"]) > 0


def test_a_group_one_only_belongs_to_gives_no_figures(sb):
    member_only = next(g["id"] for g in sb.info()["groups"] if g["status"] == "ACTIVE")
    with pytest.raises(OkApiError) as refused:
        stats.get_stat_topics_page(demo_client(sb), member_only)
    assert refused.value.code == 10
