"""Insights refresh: figures paged into the cache with the time fetched, at most every N minutes, backing off
on rate limits, the first words found, and a publish never kept waiting."""

from __future__ import annotations

import threading

import pytest
from support.insights import Clock
from support.sandbox_client import calls, demo_client

from okcomposer.api.errors import OkApiError
from okcomposer.api.topic import Post
from okcomposer.app.insights import MIN_INTERVAL_MS, Insights, administered_groups, first_words
from okcomposer.app.outbox import Outbox
from okcomposer.sandbox import history
from okcomposer.sandbox.server import Sandbox
from okcomposer.store.outbox import PUBLISHED

BAKERY, RUNNERS = history.HISTORY_GROUPS


@pytest.fixture
def sb():
    with Sandbox(with_history=True, slow_seconds=3.0) as sandbox:
        yield sandbox


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch):
    monkeypatch.setattr("okcomposer.app.retry.backoff_delay", lambda *a, **k: 0.0)


def test_a_refresh_caches_every_topic_with_its_figures_words_and_the_time(sb, drafts):
    clock = Clock(sb.state.now_ms())
    insights = Insights(drafts, owner="sandbox|1", clock=clock)
    done = insights.refresh(demo_client(sb), BAKERY)
    past = {t["id"]: t for t in sb.state.past_topics if t["gid"] == BAKERY}
    cached = insights.topics(BAKERY)
    assert (done.topics, done.skipped) == (len(past), False)
    assert (
        done.calls
        == 3
        == sum(calls(sb, m) for m in ("group.getStatTopics", "mediatopic.getTopics", "group.getStatTrends"))
    )
    assert {t.topic_id for t in cached} == set(past)
    newest = cached[0]
    assert newest.created_ms == max(t["created_ms"] for t in past.values()) and newest.fetched_ms == clock.ms
    assert newest.words == past[newest.topic_id]["attachment"]["media"][0]["text"]
    assert newest.figures["reach"] > 0 and "likes" in newest.figures
    assert Insights(drafts, owner="another|2").topics() == []  # another account's cache is its own


def test_a_group_is_asked_again_only_after_the_interval_or_when_forced(sb, drafts):
    clock = Clock(sb.state.now_ms())
    insights, client = Insights(drafts, clock=clock), demo_client(sb)
    insights.refresh(client, BAKERY)
    clock.ms += MIN_INTERVAL_MS - 1
    assert insights.refresh(client, BAKERY).skipped and calls(sb, "group.getStatTopics") == 1
    assert not insights.refresh(client, BAKERY, force=True).skipped
    clock.ms += MIN_INTERVAL_MS
    assert insights.refresh(client, BAKERY).calls == 2  # the words are all known now: topics and trends
    assert calls(sb, "group.getStatTopics") == 3


def test_500_topics_take_at_most_10_calls(sb, drafts):
    base = sb.state.past_topics[0]
    with sb.state.lock:
        sb.state.past_topics = [
            {**base, "id": str(80_000_000_000 + i), "created_ms": base["created_ms"] + i * 60_000}
            for i in range(500)
        ]
    done = Insights(drafts).refresh(demo_client(sb), BAKERY)
    assert done.topics == 500 and done.calls <= 10
    assert calls(sb, "group.getStatTopics") == 5


def test_rate_limits_are_waited_out(sb, drafts):
    waits = []
    sb.add_fault("group.getStatTopics", "flood", times=1)
    sb.add_fault("group.getStatTopics", "limit", times=1)
    done = Insights(drafts).refresh(demo_client(sb), BAKERY, on_wait=lambda exc, s: waits.append(exc.code))
    assert waits == [8, 11] and done.topics > 0


def test_a_limit_that_lasts_leaves_the_cache_as_it_was(sb, drafts):
    insights = Insights(drafts)
    insights.refresh(demo_client(sb), BAKERY)
    before = insights.topics(BAKERY)
    sb.add_fault("group.getStatTopics", "limit", times=0)
    with pytest.raises(OkApiError) as refused:
        insights.refresh(demo_client(sb), BAKERY, force=True)
    assert refused.value.code == 11 and insights.topics(BAKERY) == before


def test_the_outbox_gives_the_words_of_our_own_posts(sb, drafts):
    outbox = Outbox(drafts)
    post = Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": RUNNERS,
            "attachment": {"media": [{"type": "text", "text": "Race day\nat 9"}]},
        }
    )
    entry = outbox.publish(demo_client(sb), post)
    assert entry.state == PUBLISHED
    sb.add_fault("mediatopic.getTopics", "service", times=0)  # the listing cannot help: the outbox does
    Insights(drafts).refresh(demo_client(sb), RUNNERS)
    ours = next(t for t in Insights(drafts).topics(RUNNERS) if t.topic_id == entry.topic_id)
    assert ours.words == "Race day"


def test_a_slow_refresh_never_holds_up_a_publish(sb, drafts):
    sb.add_fault("group.getStatTopics", "slow", times=1)
    refreshing = threading.Thread(target=Insights(drafts).refresh, args=(demo_client(sb), BAKERY))
    refreshing.start()
    while (
        not any(c["method"] == "group.getStatTopics" for c in sb.snapshot()["calls"])
        and refreshing.is_alive()
    ):
        refreshing.join(0.01)
    post = Post.from_draft(
        {"type": "GROUP_THEME", "gid": BAKERY, "attachment": {"media": [{"type": "text", "text": "Now"}]}}
    )
    entry = Outbox(drafts).publish(demo_client(sb), post)
    assert entry.state == PUBLISHED and refreshing.is_alive()  # the refresh is still waiting for OK
    refreshing.join()


def test_only_groups_the_user_administers_are_refreshed(sb):
    assert [g.uid for g in administered_groups(demo_client(sb))] == [BAKERY, RUNNERS]


def test_first_words():
    assert first_words([{"type": "link", "url": "u"}, {"type": "text", "text": "  Hello\nworld"}]) == "Hello"
    assert first_words([{"type": "photo"}]) == ""
    long = first_words([{"type": "text", "text": "word " * 40}])
    assert len(long) == 60 and long.endswith("…")
