"""Many targets through the outbox, against the sandbox, counting topics (and mediatopic.post calls) each
time: truthful states and summary, a lookalike never taken for a lost post, repeats refused per target,
"Retry failed" and "Check again" never re-sending what may be on OK, "Publish anyway" sending once."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from support.sandbox_client import demo_client

from okcomposer.api.topic import Post, datetime_to_ms
from okcomposer.app.multi import (
    ALREADY,
    ME,
    MultiPost,
    Override,
    publish_all,
    publish_anyway,
    recheck_unknown,
    retry_failed,
    summary,
)
from okcomposer.app.outbox import Outbox
from okcomposer.sandbox.server import Sandbox
from okcomposer.store.drafts import DraftStore

G1, G2 = "70000001000101", "70000001000102"
TARGETS = [ME, G1, G2]
NAMES = {ME: "My page", G1: "Sunrise Bakery", G2: "Riverside Running Club"}
LOST = ("drop_before", "http500", "http503")  # the answer is lost and OK did not act


@pytest.fixture
def sb():
    with Sandbox() as sandbox:
        yield sandbox


@pytest.fixture
def outbox(tmp_path):
    drafts = DraftStore(tmp_path / "drafts.sqlite3")
    yield Outbox(drafts)
    drafts.close()


def client(sb):
    return demo_client(sb, timeout=(2.0, 2.0))


def later(hours: float) -> int:
    return datetime_to_ms(datetime.now(UTC).replace(microsecond=0) + timedelta(hours=hours))


def base(text: str = "Spring sale") -> Post:
    return Post.from_draft({"attachment": {"media": [{"type": "text", "text": text}]}})


def topics(sb) -> Counter:
    return Counter(t["gid"] or ME for t in sb.snapshot()["topics"])


def posts_sent(sb) -> Counter:
    """mediatopic.post requests that reached the sandbox, per target (faulted ones included)."""
    calls = [c for c in sb.snapshot()["calls"] if c["method"] == "mediatopic.post"]
    return Counter(c["params"].get("gid") or ME for c in calls)


def test_one_group_scheduled_one_at_once_and_my_page_at_a_time(sb, outbox):
    g1_time, my_time = later(24), later(3)
    multi = MultiPost(
        base(), TARGETS, {G1: Override(publish_at_ms=g1_time), ME: Override(publish_at_ms=my_time)}
    )
    results = publish_all(client(sb), multi, outbox=outbox, names=NAMES)
    assert summary(results) == "1 published, 1 scheduled, 1 waiting"
    assert [results[t].state for t in TARGETS] == ["waiting", "scheduled", "published"]
    assert results[ME].at_ms == my_time and results[ME].topic_id is None
    assert results[G1].at_ms == g1_time and results[G1].topic_id
    assert topics(sb) == {G1: 1, G2: 1}  # nothing on my page yet: it waits on this computer
    scheduled = next(t for t in sb.snapshot()["topics"] if t["gid"] == G1)
    assert scheduled["publish_at_ms"] == g1_time and scheduled["id"] == results[G1].topic_id
    for target in TARGETS:
        entry = outbox.store.get(results[target].entry_id)
        assert (entry.state, entry.target_name) == (results[target].state, NAMES[target])
    assert [e.id for e in outbox.waiting()] == [results[ME].entry_id]


def _lookalikes(sb, multi: MultiPost, monkeypatch) -> dict[str, str]:
    """The same words at every target, posted on the web a minute before: {target: topic id}."""
    real = sb.state.now_ms
    monkeypatch.setattr(sb.state, "now_ms", lambda: real() - 60_000)
    ids = {}
    for target in multi.targets:
        ids[target] = demo_client(sb).call("mediatopic.post", multi.version(target).to_params())
    monkeypatch.setattr(sb.state, "now_ms", real)
    return {t: str(i) for t, i in ids.items()}


@pytest.mark.parametrize("position", [0, 1, 2])
@pytest.mark.parametrize("fault", ["drop_before", "drop_after", "http500", "http503"])
def test_fault_matrix_with_a_lookalike_already_there(sb, outbox, monkeypatch, fault, position):
    multi = MultiPost(base("Same words as yesterday"), TARGETS)
    older = _lookalikes(sb, multi, monkeypatch)
    uid = sb.info()["user"]["uid"]

    def inject(target, step):
        if step == "start" and target == TARGETS[position]:
            sb.add_fault(method="mediatopic.post", kind=fault, times=1)

    results = publish_all(client(sb), multi, outbox=outbox, uid=uid, progress=inject)
    sent = posts_sent(sb)
    for target in TARGETS:
        result, new = results[target], topics(sb)[target] - 1
        assert result.topic_id != older[target]  # never the lookalike
        if fault in LOST and target == TARGETS[position]:
            assert (result.state, result.topic_id, new) == ("unconfirmed", None, 0)
        else:
            assert result.state == "published" and new == 1  # published once
            mine = [t["id"] for t in sb.snapshot()["topics"] if (t["gid"] or ME) == target]
            assert result.topic_id in mine
    # "Retry failed" and "Check again" send nothing: a not-confirmed target is never re-sent.
    assert retry_failed(client(sb), multi, results, outbox=outbox, uid=uid) == results
    checked = recheck_unknown(client(sb), outbox, results, uid=uid)
    assert {t: r.state for t, r in checked.items()} == {t: r.state for t, r in results.items()}
    assert posts_sent(sb) == sent and all(topics(sb)[t] <= 2 for t in TARGETS)


def test_the_same_multi_post_again_is_refused_at_every_target(sb, outbox):
    multi = MultiPost(base(), TARGETS, {G1: Override(publish_at_ms=later(24))})
    first = publish_all(client(sb), multi, outbox=outbox, names=NAMES)
    assert [first[t].state for t in TARGETS] == ["published", "scheduled", "published"]
    before, sent = topics(sb), posts_sent(sb)
    second = publish_all(client(sb), multi, outbox=outbox, names=NAMES)
    assert [second[t].state for t in TARGETS] == [ALREADY] * 3
    assert [second[t].earlier_state for t in TARGETS] == ["published", "scheduled", "published"]
    for target in TARGETS:
        assert (second[target].entry_id, second[target].url) == (first[target].entry_id, first[target].url)
        assert second[target].topic_id == first[target].topic_id
    assert second[G1].at_ms == first[G1].at_ms  # "already scheduled on OK for …"
    assert summary(second) == "3 already there"
    assert topics(sb) == before and posts_sent(sb) == sent  # zero new topics, nothing even tried
    # "Retry failed" does not touch repeats; "Publish again" for one target sends to that one only.
    assert retry_failed(client(sb), multi, second, outbox=outbox) == second
    again = publish_all(client(sb), multi, outbox=outbox, previous=second, only=[G2], again=[G2])
    assert again[G2].state == "published" and again[G2].topic_id != first[G2].topic_id
    assert again[ME] == second[ME] and again[G1] == second[G1]
    assert topics(sb) == before + Counter({G2: 1})


def test_a_page_post_waiting_on_this_computer_is_a_repeat_too(sb, outbox):
    when = later(5)
    multi = MultiPost(base(), [ME], {ME: Override(publish_at_ms=when)})
    first = publish_all(client(sb), multi, outbox=outbox)
    second = publish_all(client(sb), multi, outbox=outbox)
    assert first[ME].state == "waiting" and second[ME].state == ALREADY
    assert (second[ME].earlier_state, second[ME].at_ms) == ("waiting", when)
    assert len(outbox.waiting()) == 1 and topics(sb) == {}


def test_not_confirmed_is_asked_as_a_repeat_and_published_anyway_once(sb, outbox):
    multi = MultiPost(base("Lost on the way"), [G1, G2])
    sb.add_fault(method="mediatopic.post", kind="drop_before", times=1)
    results = publish_all(client(sb), multi, outbox=outbox)
    assert [results[t].state for t in (G1, G2)] == ["unconfirmed", "published"]
    assert summary(results).startswith("1 published, 1 not confirmed;")
    assert publish_all(client(sb), multi, outbox=outbox)[G1].earlier_state == "unconfirmed"
    assert posts_sent(sb)[G1] == 1 and topics(sb) == {G2: 1}
    done = publish_anyway(client(sb), outbox, results, G1)
    assert done[G1].state == "published" and done[G1].entry_id != results[G1].entry_id
    assert topics(sb) == {G1: 1, G2: 1}
    assert publish_anyway(client(sb), outbox, done, G1) == done  # published: nothing to decide
    assert topics(sb) == {G1: 1, G2: 1}
