"""What a post is (its fingerprint), and settling a lost answer: is this topic on OK ours?

A topic in OK's listing counts as the post we sent only when all three hold:
1. it was created after our attempt started, on OK's clock (the client measures OK's clock from the
   HTTP `Date` header of its answers; `CLOCK_TOLERANCE_MS` covers that header's 1 s resolution and the
   trip; without a measurement the tolerance is `UNMEASURED_SKEW_MS`);
2. its id is not already accounted for (an earlier publish of the same words is not this one);
3. its content matches ours as far as the listing shows it (OK adds a link block of its own for
   `text_link_preview`, so one extra link block is tolerated then).
Anything else is "not confirmed": never reported as published, never sent again blindly.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

from okcomposer.api import methods
from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OkClient
from okcomposer.api.topic import Post
from okcomposer.app.retry import retrying

CLOCK_TOLERANCE_MS = 3_000  # Date has 1 s resolution; plus the time the answer took to arrive
UNMEASURED_SKEW_MS = 30_000  # no Date header seen: trust our clock this far, no further
LISTING_COUNT = 20  # topics looked at (the count the listing is known to take; docs/ok-api.md)


def target_of(post: Post) -> str:
    """ "me" for the user's page, else the group id (the outbox's target key)."""
    return str(post.gid) if post.effective_type.is_group and post.gid else "me"


def _item_mark(item: Any) -> Any:
    """A photo or video of our own post: its file (name and size) or the id it names."""
    if not isinstance(item, dict):
        return str(item)
    if isinstance(item.get("file"), str):
        path = Path(item["file"])
        try:
            size = path.stat().st_size
        except OSError:
            size = -1
        return [str(path.resolve()), size]
    return str(item.get("id") or item.get("photoId") or item.get("videoId") or "")


def _block_marks(block: dict[str, Any], identity: bool = False) -> dict[str, Any]:
    """What identifies one block: its type and its words; photos and videos by count (ids change on OK).

    With `identity`, photos and videos are also told apart by their files or ids (for the fingerprint;
    a listing shows OK's new ids, so it is compared by count only).
    """
    kind = block.get("type")
    marks: dict[str, Any] = {"type": kind}
    for key in ("text", "url", "question"):  # a key the block lacks stays out: it cannot be compared
        if key in block:
            marks[key] = str(block[key] or "").strip()
    if "answers" in block:
        marks["answers"] = [str(a.get("text") if isinstance(a, dict) else a) for a in block["answers"] or []]
    if kind in ("text", "link", "poll"):
        return marks
    items = block.get("list")
    if isinstance(items, list) and identity:
        return {"type": kind, "count": len(items), "items": [_item_mark(i) for i in items]}
    if isinstance(items, list):
        return {"type": kind, "count": len(items)}
    return {"type": kind}


def canonical(post: Post) -> dict[str, Any]:
    """The post's identity as a JSON-able dict: target, type, every block's content, options and time."""
    att = post.attachment
    when = att.scheduled_at()
    return {
        "target": target_of(post),
        "type": post.effective_type.value,
        "blocks": [_block_marks(b.to_json(), identity=True) for b in att.media],
        "options": {
            "on_behalf_of_group": att.on_behalf_of_group,
            "disable_comments": att.disable_comments,
            "hidden_post": post.hidden_post,
            "text_link_preview": post.text_link_preview,
        },
        "publish_at_ms": int(when.timestamp() * 1000) if when is not None else None,
    }


def digest(value: Any) -> str:
    """A stable hex digest of a JSON-able value (sorted keys, compact)."""
    # Any fixed serialisation will do (both sides are made here), so its options' mutants are equivalent.
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))  # pragma: no mutate
    # surrogatepass: a non-UTF-8 file name (surrogate escapes) hashes too; valid text hashes as before.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def fingerprint(post: Post) -> str:
    """The digest of `canonical(post)` less its time: equal for two posts a reader could not tell apart.

    The time is left out so that the same words for the same place at another time still ask first
    (scheduled for 10:00, then published now, would show twice); the outbox keeps each entry's time.
    """
    marks = canonical(post)
    del marks["publish_at_ms"]
    return digest(marks)


def matches_listing(post: Post, listed_media: Any) -> bool:
    """Whether a listed topic's media could be `post`'s, as far as the listing shows it."""
    if not isinstance(listed_media, list) or not listed_media:
        return False
    ours = [_block_marks(b.to_json()) for b in post.attachment.media]
    theirs = [_block_marks(b) for b in listed_media if isinstance(b, dict)]
    if len(theirs) == len(ours) + 1 and post.text_link_preview and not any(b["type"] == "link" for b in ours):
        extra = [i for i, b in enumerate(theirs) if b["type"] == "link"]
        if len(extra) == 1:  # the preview block OK adds for text_link_preview
            theirs.pop(extra[0])
    if len(theirs) != len(ours):
        return False
    return all(_block_matches(mine, listed) for mine, listed in zip(ours, theirs, strict=True))


def _block_matches(mine: dict[str, Any], listed: dict[str, Any]) -> bool:
    if mine["type"] != listed["type"]:
        return False
    # A key the listing leaves out cannot be compared; one it shows must agree.
    return all(listed[key] == value for key, value in mine.items() if key in listed)


def ok_time(client: OkClient, local_ms: int) -> tuple[int, int]:
    """`local_ms` on OK's clock, and the tolerance (ms) to allow around it."""
    offset = getattr(client, "server_offset_ms", None)
    if offset is None:
        return local_ms, UNMEASURED_SKEW_MS
    return local_ms + int(offset), CLOCK_TOLERANCE_MS


def find_posted(
    client: OkClient,
    post: Post,
    started_ms: int,
    known_ids: Collection[str] = (),
    cancel: CancelToken | None = None,
) -> str | None:
    """The id of the topic this attempt created, or None when no listed topic qualifies.

    `started_ms` is our clock when the attempt began; `known_ids` are topic ids already accounted for.
    Raises OkError when OK cannot be asked (the caller then says "not confirmed").
    """
    gid = post.gid if post.effective_type.is_group else None
    topics = retrying(lambda: methods.get_topics(client, gid=gid, count=LISTING_COUNT), cancel=cancel)
    since, tolerance = ok_time(client, started_ms)
    for topic in topics:
        if topic.created_ms < since - tolerance:
            continue
        if topic.id in known_ids:
            continue
        if matches_listing(post, topic.media):
            return topic.id
    return None
