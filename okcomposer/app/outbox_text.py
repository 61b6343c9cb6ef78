"""Outbox states in plain English for the command line (the window has its own, translated words)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import tzinfo

from okcomposer.api.topic import MOSCOW, ms_to_datetime
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

# The order in summaries: what is done first, what needs the user last.
SUMMARY_ORDER = (PUBLISHED, SCHEDULED, WAITING, SENDING, UNCONFIRMED, NOT_SENT, FAILED)
WORDS = {
    PUBLISHED: "published",
    SCHEDULED: "scheduled",
    WAITING: "waiting",
    SENDING: "sending",
    UNCONFIRMED: "not confirmed",
    NOT_SENT: "not sent",
    FAILED: "failed",
    DISCARDED: "discarded",
}


def when_text(ms: int, tz: tzinfo) -> str:
    """ "2026-12-01 09:00 +01:00 (Moscow 11:00)"; the Moscow part only where the offsets differ."""
    try:
        moment = ms_to_datetime(ms)
    except ValueError:  # kept by an older version: say it as it is rather than fail
        return f"{ms} ms since 1970 (UTC)"
    local = moment.astimezone(tz)
    text = local.strftime("%Y-%m-%d %H:%M %z")
    text = f"{text[:-2]}:{text[-2:]}"  # +0100 -> +01:00
    moscow = moment.astimezone(MOSCOW)
    if local.utcoffset() != moscow.utcoffset():
        text += f" (Moscow {moscow:%H:%M})"
    return text


def where_text(entry: Entry) -> str:
    if entry.target == "me":
        return "your page"
    return f"{entry.target_name} (group {entry.target})" if entry.target_name else f"group {entry.target}"


def status_line(entry: Entry, tz: tzinfo, now_ms: int | None = None) -> str:
    """One line that says truthfully where the post stands, e.g. "scheduled on OK for …: <link>".

    A waiting post whose time passed more than the grace before `now_ms` is said to be overdue.
    """
    from okcomposer.app.outbox import DUE_GRACE_MS
    from okcomposer.store.drafts import now_ms as clock

    where = where_text(entry)
    now = clock() if now_ms is None else now_ms
    if entry.state == PUBLISHED:  # a detail here is a note (e.g. OK's answer was not understood)
        note = f" ({entry.detail})" if entry.detail else ""
        return f"published to {where}: {entry.url or entry.topic_id}{note}"
    if entry.state == SCHEDULED and entry.publish_at_ms is not None:
        when = when_text(entry.publish_at_ms, tz)
        return f"scheduled on OK for {when} in {where}: {entry.url or entry.topic_id}"
    if entry.state == WAITING and entry.due_ms is not None and entry.due_ms < now - DUE_GRACE_MS:
        return (
            f"overdue since {when_text(entry.due_ms, tz)} for {where}: never sent on its own this late; "
            f"`okcomposer outbox send {entry.id}` sends it now, `outbox discard {entry.id}` drops it"
        )
    if entry.state == WAITING and entry.due_ms is not None and entry.due_ms <= now:
        return (
            f"due since {when_text(entry.due_ms, tz)} for {where}: the app sends it within a minute while it "
            f"runs signed in to this account, or `okcomposer outbox run` (entry {entry.id})"
        )
    if entry.state == WAITING and entry.due_ms is not None:
        return (
            f"waiting on this computer until {when_text(entry.due_ms, tz)} for {where} "
            f"(entry {entry.id}; sent by the app or `okcomposer outbox run`)"
        )
    if entry.state == UNCONFIRMED:
        return (
            f"not confirmed: it may have reached OK but is not among the latest topics of {where}; "
            f"look there, then `okcomposer outbox check {entry.id}` or publish again with --again"
            + (f" ({entry.detail})" if entry.detail else "")
        )
    if entry.state == NOT_SENT:
        reason = (entry.detail or "unknown reason").removeprefix("Not sent: ")
        return f"not sent to {where}: {reason}"
    if entry.state == FAILED:
        return f"failed: {entry.detail or f'OK error {entry.code}'}"
    return f"{WORDS.get(entry.state, entry.state)}: {where}"


def entry_text(entry: Entry, tz: tzinfo, earlier: bool = False) -> str:
    """An entry in a few words ("published <link>", "scheduled on OK for <time> <link>", "waiting …");
    with `earlier`, as an earlier send of the same content, said after "already"."""
    link, sent = entry.url or entry.topic_id or "", when_text(entry.attempt_ms or entry.intent_ms, tz)
    if entry.state == PUBLISHED:
        note = f" ({entry.detail})" if entry.detail and not earlier else ""
        return "published" + (f" {link}" if link else "") + (f" at {sent}" if earlier else "") + note
    if entry.state == SCHEDULED and entry.publish_at_ms is not None:
        return f"scheduled on OK for {when_text(entry.publish_at_ms, tz)} {link}"
    if entry.state == WAITING and entry.due_ms is not None:
        return (
            f"waiting on this computer until {when_text(entry.due_ms, tz)} for {where_text(entry)}; "
            f"the app or `okcomposer outbox run` sends it (entry {entry.id})"
        )
    if entry.state in (UNCONFIRMED, SENDING):
        return (
            (f"sent {sent} but " if earlier else "")
            + "not confirmed: it may have reached OK but was not found; look there, then "
            + f"`okcomposer outbox check {entry.id}`"
            + (f" ({entry.detail})" if entry.detail and not earlier else "")
        )
    reason = (entry.detail or "unknown reason").removeprefix("Not sent: ")
    return f"{'not sent' if entry.state == NOT_SENT else 'failed'}: {reason}"


def summary(
    states: Iterable[str], order: Sequence[str] = SUMMARY_ORDER, words: Mapping[str, str] = WORDS
) -> str:
    """ "2 published, 1 scheduled, 1 waiting": the count of each state in `order` that occurs, in `words`."""
    counts = Counter(states)
    return ", ".join(f"{counts[s]} {words.get(s, s)}" for s in order if counts[s])
