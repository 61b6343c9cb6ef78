"""Saving a checked import plan (app.bulk_import) as drafts and publishing it row by row through the outbox:
each row once, and truthfully (docs/ok-api.md "Post rules"; the outbox sections)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OkClient
from okcomposer.api.topic import Post
from okcomposer.app.confirm import fingerprint, target_of
from okcomposer.app.outbox import AlreadyPublished, Busy, Outbox, SendOptions
from okcomposer.app.outbox_text import entry_text, summary
from okcomposer.app.photos import BadPhotos
from okcomposer.app.publish import InvalidPost
from okcomposer.app.row_lanes import Throttle, run_in_lanes
from okcomposer.app.schedule import title_of
from okcomposer.app.video import BadVideo
from okcomposer.limits import Limits
from okcomposer.store import outbox as box
from okcomposer.store.drafts import DraftStore

if TYPE_CHECKING:
    from okcomposer.app.bulk_import import ImportPlan, Row


def save_drafts(plan: ImportPlan, store: DraftStore, outbox: Outbox | None = None) -> list[str]:
    """Every row as a draft (only for a plan without errors); returns the draft ids in row order. A page row
    with a time keeps it in its draft as publishAtMs, as the Post tab's page drafts do (publishing the draft
    makes it wait on this computer until then; OK never gets a page post's time).

    With `outbox`, a row already sent (or waiting) from an earlier run keeps that run's draft: a re-run
    after a kill makes no second draft of it.
    """
    if not plan.ok:
        raise ValueError("the import has errors; fix the file first")
    ids = []
    for row in plan.rows:
        earlier = _earlier_draft(outbox, store, row.post) if outbox is not None else None
        body = row.post.to_draft()
        if row.due_ms is not None:
            body["attachment"]["publishAtMs"] = row.due_ms
        ids.append(earlier or store.save(body, title=title_of(row.post)))
    return ids


def _earlier_draft(outbox: Outbox, store: DraftStore, post: Post) -> str | None:
    for entry in outbox.repeats(target_of(post), fingerprint(post)):
        if entry.draft_id and store.load(entry.draft_id) is not None:
            return entry.draft_id
    return None


# What each row came to; "unknown" is "not confirmed" (the word the import dialog already knows).
ROW_STATES = ("published", "scheduled", "waiting", "already", "unknown", "not_sent", "failed", "skipped")
ROW_WORDS = {"already": "already done", "unknown": "not confirmed", "not_sent": "not sent"}


@dataclass(frozen=True)
class RowResult:
    number: int
    state: str  # one of ROW_STATES
    topic_id: str | None = None
    url: str | None = None
    message: str = ""
    stops: str = ""  # why the rows after this one are not sent: "cancelled", "the session expired"
    text: str = ""  # what `line` says after "row N: " (made with the user's time zone)
    entry_id: str | None = None  # the row's outbox entry
    error: BaseException | None = field(default=None, compare=False)  # the failure, for the window's words

    def line(self) -> str:
        """ "row N: published <link>", "row N: scheduled on OK for <time> <link>", "row N: already …"."""
        words = self.text or f"{ROW_WORDS.get(self.state, self.state)}: {self.message or self.url}"
        return f"row {self.number}: {words}"


def rows_summary(results: list[RowResult]) -> str:
    """ "3 row(s): 1 published, 1 scheduled, 1 waiting"."""
    return f"{len(results)} row(s): " + summary((r.state for r in results), ROW_STATES, ROW_WORDS)


ROW_CONCURRENCY = 4  # rows sent at once; OK's rate limits (docs/ok-api.md "Rate limits") halve it


def publish_rows(
    client: OkClient,
    plan: ImportPlan,
    store: DraftStore,
    draft_ids: list[str],
    *,
    uid: str | None = None,
    limits: Limits | None = None,
    cancel: CancelToken | None = None,
    on_result: Callable[[RowResult], None] | None = None,
    again: bool = False,
    outbox: Outbox | None = None,
    tz: tzinfo | None = None,
    concurrency: int = ROW_CONCURRENCY,
) -> list[RowResult]:
    """Publish the rows through the outbox (`store`'s unless given): each row once, and truthfully.

    Up to `concurrency` rows go at once (app.row_lanes): rows of the same content to the same place go one
    after another in file order, and a rate-limit answer halves the rows at once and pauses new ones.
    A group row with a time is scheduled on OK; a page row with a time (`Row.due_ms`) waits in the
    outbox. A row whose content went to the same place in the last 7 days (or waits to go) is reported
    "already" and not sent again, unless `again`; a row a killed run left behind is settled first. The
    drafts record each outcome; the outbox is the history. Stops on cancel or 102 (session expired): rows
    not started by then are "skipped". on_result(RowResult) comes in row order, on the calling thread.
    """
    outbox = outbox or Outbox(store)
    zone = tz or datetime.now().astimezone().tzinfo or UTC
    throttle = Throttle(concurrency)

    def on_step(step: str) -> None:
        if step == "rate_limited":
            throttle.slow_down()

    options = SendOptions(uid=uid, limits=limits, cancel=cancel, on_step=on_step)
    rows = list(zip(plan.rows, draft_ids, strict=True))
    stop: list[str] = []  # why the rows not started yet are not sent (the first reason)

    def skipped(i: int) -> RowResult | None:
        if not stop and cancel is not None and cancel.cancelled:
            stop.append("not sent: cancelled")
        return RowResult(rows[i][0].number, "skipped", message=stop[0]) if stop else None

    def work(i: int) -> RowResult:
        row, draft_id = rows[i]
        result = _publish_row(outbox, client, row, draft_id, options, again, zone)
        if result.stops and not stop:
            stop.append(f"not sent: {result.stops}")
        return result

    return run_in_lanes(
        len(rows),
        lambda i: (target_of(rows[i][0].post), fingerprint(rows[i][0].post)),
        work,
        skipped,
        concurrency=concurrency,
        throttle=throttle,
        cancel=cancel,
        on_result=on_result,
    )


# An entry's state -> (the row's state, the draft's state or None to leave it).
_OUTCOMES = {
    box.PUBLISHED: ("published", "published"),
    box.SCHEDULED: ("scheduled", "scheduled"),
    box.WAITING: ("waiting", None),
    box.UNCONFIRMED: ("unknown", "unknown"),
    box.NOT_SENT: ("not_sent", "failed"),
}


def _publish_row(
    outbox: Outbox, client: OkClient, row: Row, draft_id: str, options: SendOptions, again: bool, tz: tzinfo
) -> RowResult:
    drafts = outbox.store.drafts
    try:
        if row.due_ms is not None:
            entry = outbox.queue(row.post, row.due_ms, draft_id=draft_id, again=again)
        else:
            entry = outbox.publish(client, row.post, again=again, draft_id=draft_id, options=options)
    except AlreadyPublished as exc:
        first = exc.entries[0]
        if first.state in box.ON_OK and first.topic_id:
            drafts.set_state(draft_id, "published", first.topic_id)
        text = f"already {entry_text(first, tz, earlier=True)}"
        return RowResult(row.number, "already", first.topic_id, first.url, text, text=text, entry_id=first.id)
    except (Busy, InvalidPost, BadPhotos, BadVideo) as exc:
        if not isinstance(exc, Busy):
            drafts.set_state(draft_id, "failed", detail=str(exc))
        return RowResult(row.number, "not_sent", message=str(exc), text=f"not sent: {exc}", error=exc)
    state, draft_state = _OUTCOMES.get(entry.state, ("failed", "failed"))
    detail = "" if entry.state in box.ON_OK else entry.detail or ""
    if draft_state:
        drafts.set_state(draft_id, draft_state, entry.topic_id, detail or None)
    stops = ""
    if options.cancel is not None and options.cancel.cancelled:
        stops = "cancelled"
    elif entry.state == box.FAILED and entry.code == 102:
        stops = "the session expired"
    text = entry_text(entry, tz)
    error = entry.extra.get("error")
    error = error if isinstance(error, BaseException) else None
    return RowResult(row.number, state, entry.topic_id, entry.url, detail, stops, text, entry.id, error)
