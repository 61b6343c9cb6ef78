"""mediatopic.getTopics: the latest topics of a group or of the user, newest first.

OK's page for this method was not available; the shape (`media_topics` with `id`, `created_ms`,
`author_ref`, `owner_ref`, `media`) follows an independent client. Delayed topics are left out until
their time comes, as a feed would show them: a client must not count on seeing them here.
"""

from __future__ import annotations

from okcomposer.sandbox.answers import ApiError
from okcomposer.sandbox.params import Context, api_method


def _visible(topic: dict, now_ms: int) -> bool:
    return topic["publish_at_ms"] is None or topic["publish_at_ms"] <= now_ms


def _shown(topic: dict) -> dict:
    owner = f"group:{topic['gid']}" if topic["gid"] else f"user:{topic['uid']}"
    author = owner if topic["on_behalf_of_group"] else f"user:{topic['uid']}"
    return {
        "id": topic["id"],
        "created_ms": topic["created_ms"],
        "owner_ref": owner,
        "author_ref": author,
        "media": topic["attachment"]["media"],
    }


@api_method("mediatopic.getTopics")
def get_topics(ctx: Context) -> dict:
    gid, uid = ctx.opt("gid"), ctx.opt("uid")
    if gid is not None and uid is not None:
        raise ApiError(100, "Invalid parameters: give gid or uid, not both")
    count = ctx.integer("count", 20, 1, 100)
    if gid is not None:
        ctx.need_member(gid, "Reading the group's topics")
        mine = [t for t in ctx.state.topics + ctx.state.past_topics if t["gid"] == gid]
    else:
        if uid is not None and uid != ctx.uid:
            raise ApiError(455, "only the session user's own topics are available")
        mine = [t for t in ctx.state.topics if t["gid"] is None and t["uid"] == ctx.uid]
    now = ctx.state.now_ms()
    latest = sorted((t for t in mine if _visible(t, now)), key=lambda t: t["created_ms"], reverse=True)
    return {"media_topics": [_shown(t) for t in latest[:count]]}
