"""After a crash or kill: find out what became of a publish that was in flight, instead of guessing."""

from __future__ import annotations

from dataclasses import dataclass

from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkError
from okcomposer.api.topic import DraftError, Post
from okcomposer.app.confirm import find_posted
from okcomposer.app.publish import topic_url
from okcomposer.store.drafts import Draft, DraftStore


@dataclass(frozen=True)
class Settled:
    draft_id: str
    state: str  # "published" (found on OK), "unknown" (OK could not tell), or "draft" (it never left)
    topic_id: str | None = None
    url: str | None = None


def interrupted(store: DraftStore) -> list[Draft]:
    """Drafts whose publish was cut off (the app died between "publishing" and the outcome)."""
    return [d for d in store.list() if d.state == "publishing"]


def settle(store: DraftStore, client: OkClient, draft: Draft, uid: str | None = None) -> Settled:
    """Look for the topic on OK; record and return the true state. Never publishes anything."""
    try:
        post = Post.from_draft(draft.body)
    except DraftError:
        store.set_state(draft.id, "draft", detail="the draft could not be read back")
        return Settled(draft.id, "draft")
    try:
        # The draft turned "publishing" at updated_ms, just before anything was sent.
        topic_id = find_posted(client, post, draft.updated_ms)
    except OkError:
        store.set_state(draft.id, "unknown", detail="OK could not be asked whether it was published")
        return Settled(draft.id, "unknown")
    if topic_id is None:
        scheduled = post.attachment.scheduled_at() is not None
        state = "unknown" if scheduled else "draft"  # delayed topics are not listed until their time
        # Not among the latest topics: it never went out (e.g. the app died while photos were uploading).
        store.set_state(draft.id, state, detail="not found on OK after the app was closed while publishing")
        return Settled(draft.id, state)
    url = topic_url(post, topic_id, uid)
    store.set_state(draft.id, "published", topic_id=topic_id)
    return Settled(draft.id, "published", topic_id, url)
