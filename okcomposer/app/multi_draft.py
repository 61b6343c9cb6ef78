"""A draft sent to several targets (the Many targets tab, or the Post tab more than once): what its state
in the Drafts list is, from the newest outbox entry of each of its targets (docs/ok-api.md, the outbox
sections). The draft is "published" only once every target is done; a page post still waiting keeps it a
draft, as the Post tab does."""

from __future__ import annotations

from collections.abc import Iterable

from okcomposer.app.outbox import Outbox
from okcomposer.store.outbox import (
    DISCARDED,
    FAILED,
    NOT_SENT,
    PUBLISHED,
    SCHEDULED,
    SENDING,
    UNCONFIRMED,
    WAITING,
    Entry,
)

DONE = frozenset({PUBLISHED, SCHEDULED})


def draft_state(states: Iterable[str]) -> str:
    """The draft's state (store.drafts.STATES) for its targets' outbox states, the worst first:
    any not confirmed -> "unknown", any failed -> "failed", any waiting, sending or not sent -> "draft",
    else "scheduled" when one waits on OK, "published" when all are out. No state at all -> "draft"."""
    found = set(states)
    if not found:
        return "draft"
    if UNCONFIRMED in found:
        return "unknown"
    if FAILED in found:
        return "failed"
    if found & {WAITING, SENDING, NOT_SENT} or not found <= DONE:
        return "draft"
    return "scheduled" if SCHEDULED in found else "published"


def latest_per_target(entries: Iterable[Entry]) -> dict[str, Entry]:
    """{target: its newest entry} of one draft's entries (discarded ones left out)."""
    latest: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.intent_ms):
        if entry.state != DISCARDED:
            latest[entry.target] = entry
    return latest


def record_draft(outbox: Outbox, draft_id: str) -> str | None:
    """Write the draft's state from its entries (store.outbox for_draft) and return it; None when the draft
    has no entry (nothing written). The topic id kept is the first target's on OK; the detail is the first
    failure's. Blocks on the database: call it off the GUI thread (the window's DraftQueue)."""
    latest = latest_per_target(outbox.store.for_draft(draft_id))
    if not latest:
        return None
    entries = list(latest.values())
    state = draft_state(e.state for e in entries)
    topic_id = next((e.topic_id for e in entries if e.state in DONE and e.topic_id), None)
    detail = next((e.detail for e in entries if e.state not in DONE and e.detail), None)
    outbox.store.drafts.set_state(draft_id, state, topic_id, detail)
    return state


def results_after(results: dict, entries: Iterable[Entry]) -> dict:
    """The Many targets results ({target: app.multi.TargetResult}) with the entries that changed since
    (sent by the outbox at their time, settled after a crash) in place of their earlier state; a result
    whose entry is not among `entries` stays as it was."""
    from okcomposer.app.multi import result_of  # app.multi imports the outbox; this module stays light

    changed = {e.id: e for e in entries}
    return {
        target: result_of(target, changed[r.entry_id]) if r.entry_id in changed else r
        for target, r in results.items()
    }
