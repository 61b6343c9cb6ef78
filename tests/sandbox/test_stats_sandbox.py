"""The sandbox's statistics: OK's scopes and admin rule, a month of demo history, figures that grow with age
and differ by hour and weekday, the same figures for the same topic and moment."""

from __future__ import annotations

from datetime import datetime

import pytest

from okcomposer.sandbox import history
from okcomposer.sandbox.server import Sandbox

BAKERY, RUNNERS = history.HISTORY_GROUPS
FIELDS = "ID,CREATED_MS,REACH,LIKES,COMMENTS,RESHARES,ENGAGEMENT"


@pytest.fixture
def api(make_api):
    with Sandbox(with_history=True) as sandbox:
        yield make_api(sandbox)


def test_the_two_admin_groups_carry_a_month_of_topics_in_their_listing(api):
    now = api.sb.state.now_ms()
    for gid in (BAKERY, RUNNERS):
        listed = api.call("mediatopic.getTopics", gid=gid, count=100)["media_topics"]
        ages = [(now - t["created_ms"]) / 86_400_000 for t in listed]
        assert len(listed) >= 2 * history.HISTORY_DAYS and 0 < min(ages) and max(ages) <= 31
        assert all(t["media"][0]["text"] for t in listed)
    assert api.sb.snapshot()["topics"] == []  # what was posted stays apart from the demo world


def test_without_history_the_groups_start_empty(sandbox, make_api):
    assert make_api(sandbox).call("group.getStatTopics", gid=BAKERY, fields=FIELDS)["topics"] == []


def test_topics_come_in_pages_with_the_fields_asked_for(api):
    first = api.call("group.getStatTopics", gid=BAKERY, fields="id, reach,Likes", count=5)
    assert len(first["topics"]) == 5 and first["has_more"] is True
    assert first["totalCount"] == len([t for t in api.sb.state.past_topics if t["gid"] == BAKERY])
    assert all(set(t) == {"id", "reach", "likes"} for t in first["topics"])
    second = api.call("group.getStatTopics", gid=BAKERY, fields=FIELDS, count=5, anchor=first["anchor"])
    assert not {t["id"] for t in first["topics"]} & {t["id"] for t in second["topics"]}


@pytest.mark.parametrize(
    "params",
    [
        {"fields": "REACH,NO_SUCH_FIGURE"},
        {},  # fields is required
        {"fields": FIELDS, "count": "101"},
        {"fields": FIELDS, "anchor": "not-ours"},
        {"fields": FIELDS, "start_time": "yesterday"},
    ],
)
def test_bad_parameters_are_refused_with_100(api, params):
    assert api.error("group.getStatTopics", gid=BAKERY, **params) == 100


def test_only_the_groups_admins_with_both_scopes_see_figures(api):
    member_only = api.member_gid
    assert api.error("group.getStatTopics", gid=member_only, fields=FIELDS) == 10
    assert api.error("group.getStatTrends", gid=member_only, fields="REACH") == 10
    assert api.error("group.getStatTopics", gid="70000001000301", fields=FIELDS) == 10  # not a member
    for scopes in ("VALUABLE_ACCESS", "GROUP_CONTENT"):
        session = api.session(scopes)
        assert api.error("group.getStatTopics", gid=BAKERY, fields=FIELDS, session=session) == 10
    both = api.session("VALUABLE_ACCESS;GROUP_CONTENT")
    assert api.call("group.getStatTopics", gid=BAKERY, fields=FIELDS, session=both)["topics"]


def test_one_topic_and_unknown_ones(api):
    topic = api.sb.state.past_topics[0]
    got = api.call("group.getStatTopic", topic_id=topic["id"], fields=FIELDS)["topic"]
    assert got["id"] == topic["id"] and got["created_ms"] == topic["created_ms"] and got["reach"] > 0
    assert api.error("group.getStatTopic", topic_id="1", fields=FIELDS) == 300


def test_figures_grow_with_age_and_are_the_same_for_the_same_moment():
    topic = history.past_topics(1_800_000_000_000)[0]
    born = topic["created_ms"]
    reach = [history.figures(topic, born + hours * 3_600_000)["reach"] for hours in (0, 1, 6, 24, 72)]
    assert reach[0] == 0 and reach == sorted(reach) and reach[1] < reach[-1]
    assert history.figures(topic, born + 5_000_000) == history.figures(dict(topic), born + 5_000_000)
    assert history.past_topics(1_800_000_000_000) == history.past_topics(1_800_000_000_000)


def test_figures_differ_by_hour_and_weekday():
    def rate_at(day: int, hour: int) -> float:
        created = datetime(2026, 3, day, hour, tzinfo=history.MOSCOW)  # 2 March 2026 is a Monday
        topic = {**history.past_topics(1_800_000_000_000)[0], "id": "1", "publish_at_ms": None}
        topic["created_ms"] = int(created.timestamp() * 1000)
        figures = history.figures(topic, topic["created_ms"] + 7 * 86_400_000)
        return figures["engagement"] / figures["reach"]

    assert rate_at(2, 20) > 2 * rate_at(2, 8)  # an evening post is answered more than a morning one
    assert rate_at(8, 20) > rate_at(2, 20)  # Sunday more than Monday


def test_daily_history_has_a_point_a_day_at_moscow_midnight(api):
    trends = api.call("group.getStatTrends", gid=BAKERY, fields="REACH,LIKES,MEMBERS_COUNT")
    assert set(trends) == {"reach", "likes", "members_count"}
    for point in trends["reach"]:
        midnight = datetime.fromtimestamp(point["time"] / 1000, history.MOSCOW)
        assert (midnight.hour, midnight.minute) == (0, 0) and point["value"] > 0
    assert len(trends["reach"]) in (history.HISTORY_DAYS + 1, history.HISTORY_DAYS + 2)
    assert {p["value"] for p in trends["members_count"]} == {1284}
