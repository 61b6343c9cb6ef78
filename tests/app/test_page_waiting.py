"""A waiting page post follows the composer's edits (app.page_waiting.requeue): replaced only while it still
waits, never sent twice; OK never gets a page post's own time (docs/ok-api.md, "Page posts later")."""

from __future__ import annotations

import pytest

from okcomposer.api.topic import Post
from okcomposer.app.outbox import Outbox
from okcomposer.app.page_waiting import requeue
from okcomposer.store.drafts import DraftStore, now_ms

LATER = 3_600_000


@pytest.fixture
def outbox(tmp_path):
    store = DraftStore(tmp_path / "drafts.sqlite3")
    yield Outbox(store)
    store.close()


def _post(text: str, at_ms: int | None = None) -> Post:
    attachment: dict = {"media": [{"type": "text", "text": text}]}
    if at_ms is not None:
        attachment["publishAtMs"] = at_ms
    return Post.from_draft({"type": "USER", "attachment": attachment})


def test_queue_keeps_no_time_in_the_post(outbox):
    due = now_ms() + LATER
    entry = outbox.queue(_post("A page draft with its time", due), due, draft_id="d1")
    assert entry.due_ms == due and "publishAtMs" not in entry.request["attachment"]


def test_an_edit_replaces_the_waiting_entry(outbox):
    due = now_ms() + LATER
    first = outbox.queue(_post("Before"), due, draft_id="d1", target_name="My page")
    entry = requeue(outbox, "d1", _post("After"), due + 60_000, target_name="My page")
    assert entry is not None and entry.id != first.id and entry.state == "waiting"
    assert entry.due_ms == due + 60_000 and entry.request["attachment"]["media"][0]["text"] == "After"
    assert outbox.store.get(first.id).state == "discarded"
    assert [e.id for e in outbox.waiting()] == [entry.id]


def test_no_time_only_withdraws_it(outbox):
    first = outbox.queue(_post("Withdrawn"), now_ms() + LATER, draft_id="d1")
    entry = requeue(outbox, "d1", _post("Withdrawn"), None)
    assert entry is not None and entry.id == first.id and entry.state == "discarded"
    assert outbox.waiting() == []


def test_a_post_being_sent_is_not_replaced(outbox):
    first = outbox.queue(_post("Going"), now_ms() + LATER, draft_id="d1")
    assert outbox.store.claim(first.id, ["waiting"]) is not None  # the runner has it
    entry = requeue(outbox, "d1", _post("Too late"), now_ms() + LATER)
    assert entry is not None and entry.id == first.id and entry.state == "sending"
    assert [e.id for e in outbox.store.for_draft("d1")] == [first.id]


def test_a_draft_without_entries_gets_none(outbox):
    assert requeue(outbox, "nothing", _post("x"), now_ms() + LATER) is None


def test_a_post_that_went_out_meanwhile_is_not_replaced_even_if_not_confirmed(outbox, monkeypatch):
    """Read as waiting, but the runner sent it before the discard and OK's answer was lost (not confirmed:
    it may be on OK): it is not discarded and nothing is queued, so it can never go twice."""
    first = outbox.queue(_post("Raced"), now_ms() + LATER, draft_id="d1")
    stale = outbox.store.for_draft("d1")  # what requeue reads: "waiting"
    outbox.store._update(first.id, state="unconfirmed")  # what the runner did in between
    monkeypatch.setattr(outbox.store, "for_draft", lambda _draft_id: stale)
    entry = requeue(outbox, "d1", _post("Edited"), now_ms() + LATER)
    assert entry is not None and entry.id == first.id and entry.state == "unconfirmed"
    assert outbox.waiting() == []
