"""What okcomposer kept before the outbox, written the way it wrote it: history rows and published drafts.

Nothing writes these any more (the outbox is the history); the window and the calendar still show what an
older database holds, so the tests put such rows in with plain SQL and store calls.
"""

from __future__ import annotations

import sqlite3

from okcomposer.api.topic import Post, datetime_to_ms
from okcomposer.app.schedule import title_of
from okcomposer.store.drafts import DraftStore, HistoryEntry


def old_history(store: DraftStore, *entries: HistoryEntry) -> None:
    """Rows of the history table, as DraftStore.add_history wrote them before the outbox."""
    with sqlite3.connect(store.path) as db:
        db.executemany(
            "INSERT INTO history (kind, target, object_id, url, summary, published_ms, draft_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(e.kind, e.target, e.object_id, e.url, e.summary, e.published_ms, e.draft_id) for e in entries],
        )
    db.close()


def published_draft(store: DraftStore, post: Post, topic_id: str) -> str:
    """A delayed group topic OK accepted, as schedule.record_scheduled kept it: a draft in state
    "published" with its topic id and its time as publishAtMs."""
    body = post.to_draft()
    when = post.attachment.scheduled_at()
    if when is not None:
        attachment = dict(body["attachment"])
        attachment.pop("publishAt", None)
        attachment["publishAtMs"] = datetime_to_ms(when)
        body["attachment"] = attachment
    draft_id = store.save(body, None, title_of(post))
    store.set_state(draft_id, "published", topic_id)
    return draft_id
