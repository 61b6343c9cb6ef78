"""A page post that waits on this computer follows the composer's edits.

docs/ok-api.md, "Page posts later"."""

from __future__ import annotations

from okcomposer.api.topic import Post
from okcomposer.app.outbox import Outbox
from okcomposer.store.outbox import WAITING, Entry


def requeue(
    outbox: Outbox, draft_id: str, post: Post, due_ms: int | None, *, target_name: str = ""
) -> Entry | None:
    """The draft's waiting page post is replaced by `post`, kept until `due_ms` (ms since the epoch) instead;
    with `due_ms` None it is only discarded (the post no longer waits).

    Returns the new waiting entry, or the discarded one when `due_ms` is None. When none of the draft's
    entries waits any more (being sent, sent, or discarded meanwhile) nothing is kept and the draft's newest
    entry is returned as it is, so the post never goes twice; None when the draft has no entry. Blocks on
    disk (run it on the store queue); raises what Outbox.queue raises (Busy)."""
    entries = outbox.store.for_draft(draft_id)  # newest first
    waiting = [e for e in entries if e.state == WAITING]
    if not waiting:
        return entries[0] if entries else None
    for entry in waiting:  # discarded only while still waiting: the runner may have claimed it meanwhile
        if not outbox.store.discard(entry.id, (WAITING,)):  # not a not-confirmed one: it may be on OK
            return outbox.store.get(entry.id)
    if due_ms is None:
        return outbox.store.get(waiting[0].id)
    # again: the user answered the repeat question when it was first queued
    return outbox.queue(post, due_ms, target_name=target_name, draft_id=draft_id, again=True)
