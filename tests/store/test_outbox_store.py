"""The outbox table: claims that two processes cannot both win, outcomes, and the queries the views use."""

from __future__ import annotations

import os
import socket
import subprocess

import pytest
from support.legacy import old_history

from okcomposer.store import outbox as box
from okcomposer.store.drafts import DraftStore, HistoryEntry
from okcomposer.store.outbox import OutboxStore, claim_alive, process_claim


@pytest.fixture
def drafts(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    yield store
    store.close()


@pytest.fixture
def store(drafts):
    return OutboxStore(drafts)


def add(store, state=box.SENDING, target="1", fp="fp", **values):
    return store.add(kind="post", target=target, fingerprint=fp, request={"a": 1}, state=state, **values)


def test_a_new_entry_is_written_with_its_intent_and_claimed_when_sending(store):
    entry = add(store, target_name="Bakery", summary="Hi", draft_id="d1", intent_ms=1000)
    assert (entry.state, entry.step, entry.intent_ms, entry.updated_ms) == (
        box.SENDING,
        "prepare",
        1000,
        1000,
    )
    assert entry.claim == process_claim() and entry.request == {"a": 1}
    assert (entry.target, entry.target_name, entry.summary, entry.draft_id) == ("1", "Bakery", "Hi", "d1")
    waiting = add(store, state=box.WAITING, due_ms=5000)
    assert (waiting.claim, waiting.step, waiting.due_ms) == (None, "", 5000)
    assert store.get(entry.id) == entry and store.get("nope") is None


@pytest.mark.parametrize("state", [box.PUBLISHED, box.NOT_SENT, box.UNCONFIRMED, "nonsense"])
def test_a_new_entry_is_only_waiting_or_sending(store, state):
    with pytest.raises(ValueError):
        add(store, state=state)


def test_a_claim_is_won_once(drafts, tmp_path):
    first, second = OutboxStore(drafts), OutboxStore(other := DraftStore(tmp_path / "d.sqlite3"))
    entry = add(first, state=box.WAITING, due_ms=1)
    won = first.claim(entry.id, (box.WAITING,))
    assert won is not None and won.state == box.SENDING and won.step == "prepare"
    assert second.claim(entry.id, (box.WAITING,)) is None  # the other process sees it taken
    assert first.claim(entry.id, (box.WAITING, box.NOT_SENT)) is None
    other.close()


def test_mark_posting_and_finish_record_the_outcome_and_release_the_claim(store):
    entry = add(store)
    store.mark_posting(entry.id, 4242)
    posting = store.get(entry.id)
    assert (posting.step, posting.attempt_ms, posting.state) == ("post", 4242, box.SENDING)
    store.finish(entry.id, box.SCHEDULED, topic_id="7", url="u", publish_at_ms=99, code=None, detail="d")
    done = store.get(entry.id)
    assert (done.state, done.topic_id, done.url, done.publish_at_ms, done.detail) == (
        box.SCHEDULED,
        "7",
        "u",
        99,
        "d",
    )
    assert (done.claim, done.step, done.attempt_ms) == (None, "", 4242)
    store.finish(entry.id, box.FAILED, code=11, detail="LIMIT")
    assert (store.get(entry.id).code, store.get(entry.id).topic_id) == (11, None)


@pytest.mark.parametrize("state", [box.SENDING, "gone"])
def test_finish_takes_only_an_outcome(store, state):
    with pytest.raises(ValueError):
        store.finish(add(store).id, state)


def test_take_over_only_a_sending_entry_with_the_same_dead_claim(store):
    entry = add(store)
    store._update(entry.id, claim="elsewhere:1:x")
    dead = store.get(entry.id)
    assert store.take_over(entry) is None  # our copy is stale: its claim changed meanwhile
    taken = store.take_over(dead)
    assert taken is not None and taken.claim == process_claim()
    store.finish(entry.id, box.NOT_SENT)
    assert store.take_over(store.get(entry.id)) is None


def test_reschedule_and_discard_only_what_may_change(store):
    waiting = add(store, state=box.WAITING, due_ms=10)
    assert store.reschedule(waiting.id, 20) and store.get(waiting.id).due_ms == 20
    sending = add(store)
    assert not store.reschedule(sending.id, 30) and store.get(sending.id).due_ms is None
    assert not store.discard(sending.id) and store.get(sending.id).state == box.SENDING
    for state in (box.PUBLISHED, box.SCHEDULED, box.FAILED):
        done = add(store)
        store.finish(done.id, state)
        assert not store.discard(done.id) and store.get(done.id).state == state
    for state in (box.NOT_SENT, box.UNCONFIRMED):
        gone = add(store)
        store.finish(gone.id, state)
        assert store.discard(gone.id) and store.get(gone.id).state == box.DISCARDED
    assert store.discard(waiting.id) and store.get(waiting.id).claim is None
    assert not store.reschedule(waiting.id, 40)


def test_same_content_is_this_target_and_fingerprint_since_a_time_newest_first(store):
    old = add(store, fp="x", intent_ms=100)
    new = add(store, fp="x", intent_ms=300)
    add(store, fp="y", intent_ms=300)
    add(store, fp="x", target="2", intent_ms=300)
    assert [e.id for e in store.same_content("1", "x", 100)] == [new.id, old.id]
    assert [e.id for e in store.same_content("1", "x", 101)] == [new.id]
    assert store.same_content("1", "x", 301) == []


def test_waiting_until_and_in_states(store):
    late = add(store, state=box.WAITING, due_ms=50, intent_ms=2)
    soon = add(store, state=box.WAITING, due_ms=100, intent_ms=1)
    add(store, state=box.WAITING, due_ms=101)
    sending = add(store)
    assert [e.id for e in store.waiting_until(100)] == [late.id, soon.id]
    assert [e.id for e in store.in_states((box.WAITING,), limit=2)] == [soon.id, late.id]
    assert [e.id for e in store.in_states((box.SENDING,))] == [sending.id]


def test_known_topic_ids_cover_the_target_and_the_history_before_the_outbox(store, drafts):
    for target, topic in (("1", "11"), ("2", "22")):
        entry = add(store, target=target)
        store.finish(entry.id, box.PUBLISHED, topic_id=topic)
    add(store, target="1")  # no topic yet
    old_history(drafts, HistoryEntry("post", "group 1", "33", "u", "old", 1))
    assert store.known_topic_ids("1") == {"11", "33"}


def test_recent_latest_by_draft_and_between(store):
    first = add(store, draft_id="d", intent_ms=1)
    second = add(store, draft_id="d", intent_ms=2)
    add(store, draft_id="e", intent_ms=3)
    gone = add(store, state=box.WAITING, due_ms=10, draft_id="f", intent_ms=4)
    store.discard(gone.id)
    store.mark_posting(first.id, 50)  # sorted by when it was sent
    assert [e.id for e in store.recent()][:2] == [first.id, store.recent()[1].id]
    assert gone.id not in {e.id for e in store.recent()}
    assert store.latest_by_draft()["d"].id == second.id and "f" not in store.latest_by_draft()
    assert [e.id for e in store.for_draft("d")] == [second.id, first.id]
    waiting = add(store, state=box.WAITING, due_ms=500)
    scheduled = add(store)
    store.finish(scheduled.id, box.SCHEDULED, publish_at_ms=600)
    assert [e.id for e in store.between(500, 601)] == [waiting.id, scheduled.id]
    assert store.between(501, 600) == []


def test_a_claim_is_alive_while_its_process_is():
    assert claim_alive(process_claim())
    assert not claim_alive(None) and not claim_alive("")
    host = socket.gethostname()
    assert not claim_alive(f"{host}:{2**22 + 999}:gone")  # no such process
    with subprocess.Popen(["sleep", "30"]) as child:  # a process of our own (a signal hits only it)
        try:
            assert claim_alive(f"{host}:{child.pid}:other")
        finally:
            child.kill()
    assert not claim_alive(f"{host}:{os.getpid()}:earlier")  # this pid, but an earlier run of it
    assert claim_alive("another-computer:1:x")  # cannot tell: never taken over
    assert claim_alive(f"{host}:notapid:x")
