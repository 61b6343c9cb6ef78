"""The group's daily figures (group.getStatTrends) cached beside the topics' with the time fetched, under the
same 15-minute rule and backoff, read defensively; the chart uses them, or sums the topics when OK gives none.
Also: a drafts database of schema version 4 gains the trends table (migration 5) with nothing lost."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from support.insights import Clock
from support.sandbox_client import calls, demo_client

from okcomposer.api import stats
from okcomposer.app.insights import MIN_INTERVAL_MS, Insights
from okcomposer.sandbox import history
from okcomposer.sandbox.server import Sandbox
from okcomposer.store import drafts_schema, schema
from okcomposer.store.drafts import DraftStore
from okcomposer.store.figures import CachedTopic, FiguresStore
from okcomposer.ui.insights.data import OK_DAYS, group_figures

BAKERY, RUNNERS = history.HISTORY_GROUPS


@pytest.fixture
def sb():
    with Sandbox(with_history=True) as sandbox:
        yield sandbox


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch):
    monkeypatch.setattr("okcomposer.app.retry.backoff_delay", lambda *a, **k: 0.0)


def test_a_refresh_caches_the_groups_daily_figures_with_the_time_fetched(sb, drafts):
    clock = Clock(sb.state.now_ms())
    insights = Insights(drafts, owner="sandbox|1", clock=clock)
    done = insights.refresh(demo_client(sb), BAKERY)
    answer = stats.get_stat_trends(demo_client(sb), BAKERY, clock.ms - 90 * 86_400_000, clock.ms)
    cached = insights.trends(BAKERY)
    assert done.days == len(cached) == len(answer["reach"]) >= history.HISTORY_DAYS - 1
    assert [(day, figures["reach"]) for day, figures, _ in cached] == answer["reach"]
    assert all(fetched == clock.ms for _, _, fetched in cached)
    assert {day: figures["likes"] for day, figures, _ in cached} == dict(answer["likes"])
    assert Insights(drafts, owner="another|2").trends(BAKERY) == []  # another account's cache is its own
    # The chart draws them: one day a point, on the date OK's day names.
    figures = group_figures(BAKERY, insights.topics(BAKERY), clock.ms, OK_DAYS, cached)
    assert figures.from_trends and [d.reach for d in figures.days] == [v for _, v in answer["reach"]]
    first = datetime.fromtimestamp(answer["reach"][0][0] / 1000, OK_DAYS).date()
    assert figures.days[0].day == first and sum(d.posts for d in figures.days) == len(insights.topics(BAKERY))


def test_trends_follow_the_interval_and_are_asked_again_when_forced(sb, drafts):
    clock = Clock(sb.state.now_ms())
    insights, client = Insights(drafts, clock=clock), demo_client(sb)
    insights.refresh(client, BAKERY)
    clock.ms += MIN_INTERVAL_MS - 1
    assert insights.refresh(client, BAKERY).skipped and calls(sb, "group.getStatTrends") == 1
    clock.ms += 1
    insights.refresh(client, BAKERY)
    assert calls(sb, "group.getStatTrends") == 2
    assert {fetched for _, _, fetched in insights.trends(BAKERY)} == {clock.ms}


def test_rate_limits_on_trends_are_waited_out(sb, drafts):
    waits = []
    sb.add_fault("group.getStatTrends", "flood", times=1)
    sb.add_fault("group.getStatTrends", "limit", times=1)
    done = Insights(drafts).refresh(demo_client(sb), BAKERY, on_wait=lambda exc, s: waits.append(exc.code))
    assert waits == [8, 11] and done.days > 0 and calls(sb, "group.getStatTrends") == 3


def test_refused_trends_keep_the_topics_and_the_chart_sums_them(sb, drafts):
    sb.add_fault("group.getStatTrends", "service", times=0)
    insights = Insights(drafts)
    done = insights.refresh(demo_client(sb), BAKERY)
    assert done.topics > 0 and done.days == 0 and insights.trends(BAKERY) == []
    topics = insights.topics(BAKERY)
    figures = group_figures(BAKERY, topics, 1, OK_DAYS, insights.trends(BAKERY))
    assert not figures.from_trends and sum(d.reach for d in figures.days) == sum(
        t.figures["reach"] for t in topics
    )


def test_trends_with_odd_or_missing_fields_are_read_defensively(sb, drafts):
    odd = {
        "REACH": [{"time": 86_400_000, "value": "12"}, {"time": None, "value": 3}, "x"],
        "likes": [{"time": 86_400_000, "value": True}, {"time": 2 * 86_400_000, "value": 4.0}],
        "unknown_field": [{"time": 86_400_000, "value": 7}],
        "comments": "not a list",
    }
    days = stats.by_day(stats.parse_trends(odd))
    assert days == {86_400_000: {"reach": 12, "unknown_field": 7}, 2 * 86_400_000: {"likes": 4}}
    FiguresStore(drafts).put_trends("", BAKERY, days, 5)
    cached = Insights(drafts).trends(BAKERY)
    assert cached == [(86_400_000, {"reach": 12, "unknown_field": 7}, 5), (2 * 86_400_000, {"likes": 4}, 5)]
    # A day without reach counts 0; engagement from the likes when OK gives no `engagement`.
    figures = group_figures(BAKERY, [], None, OK_DAYS, cached)
    assert [(d.reach, d.engagement) for d in figures.days] == [(12, 0), (0, 4)]
    # Trends with neither reach nor engagement say nothing: the topics are summed instead.
    topic = CachedTopic("1", BAKERY, 86_400_000, 5, "", {"reach": 9, "likes": 1})
    none = group_figures(BAKERY, [topic], None, OK_DAYS, [(86_400_000, {"unknown_field": 7}, 5)])
    assert not none.from_trends and [d.reach for d in none.days] == [9]


def test_a_version_4_database_gains_the_trends_cache_with_nothing_lost(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    schema.upgrade(db, drafts_schema.MIGRATIONS[:4], "drafts")
    assert schema.version_of(db) == 4 and not schema.has_table(db, "figures_trends")
    db.execute(
        "INSERT INTO figures (owner, topic_id, target, created_ms, words, figures, fetched_ms) "
        "VALUES ('a|1', '77', ?, 1000, 'Hello', '{\"reach\": 5}', 2000)",
        (BAKERY,),
    )
    db.execute("INSERT INTO figures_refresh (owner, target, fetched_ms) VALUES ('a|1', ?, 2000)", (BAKERY,))
    db.close()
    store = DraftStore(path)
    insights = Insights(store, "a|1")
    assert insights.topics(BAKERY) == [CachedTopic("77", BAKERY, 1000, 2000, "Hello", {"reach": 5})]
    assert insights.figures.refreshed_ms("a|1", BAKERY) == 2000 and insights.trends(BAKERY) == []
    insights.figures.put_trends("a|1", BAKERY, {86_400_000: {"reach": 3}}, 3000)
    assert insights.trends(BAKERY) == [(86_400_000, {"reach": 3}, 3000)]
    store.close()
    db = sqlite3.connect(path, isolation_level=None)
    assert schema.version_of(db) == drafts_schema.VERSION  # 5 added the trends, later ones other things
    db.close()
