"""After a mediatopic.post whose answer was lost: look for the topic instead of posting it again."""

from __future__ import annotations

from typing import Any

from okcomposer.api import methods
from okcomposer.api.client import OkClient
from okcomposer.api.topic import Post
from okcomposer.api.upload import CancelToken
from okcomposer.app.retry import retrying

CLOCK_SLACK_MS = 5 * 60 * 1000  # our clock and OK's may disagree by a few minutes


def fingerprint(media: list[Any]) -> list[tuple]:
    """What identifies a post in a listing: block types and their words (photo ids change on OK's side)."""
    marks: list[tuple] = []
    for block in media:
        if not isinstance(block, dict):
            continue
        kind = block.get("type")
        if kind == "text":
            marks.append((kind, block.get("text")))
        elif kind == "link":
            marks.append((kind, block.get("url")))
        elif kind == "poll":
            marks.append((kind, block.get("question")))
        else:
            marks.append((kind,))
    return marks


def find_posted(
    client: OkClient, post: Post, started_ms: int, cancel: CancelToken | None = None
) -> str | None:
    """The id of a topic like `post` created since `started_ms`, or None; OkError when OK cannot tell."""
    gid = post.gid if post.effective_type.is_group else None
    topics = retrying(lambda: methods.get_topics(client, gid=gid, count=20), cancel=cancel)
    wanted = fingerprint(post.attachment.to_json()["media"])
    for topic in topics:
        if topic.created_ms >= started_ms - CLOCK_SLACK_MS and fingerprint(topic.media) == wanted:
            return topic.id
    return None
