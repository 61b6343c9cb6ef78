"""group.getStatTopics, group.getStatTopic and group.getStatTrends: the figures of the groups one administers.

As OK documents them: a session with GROUP_CONTENT and VALUABLE_ACCESS, the group's admins only; times in ms
since the epoch; `fields` names OK's figures (any case). What OK leaves unsaid, the sandbox picks
(docs/ok-api.md "Insights", UNCONFIRMED): pages of at most 100 topics (default 20), newest first, with an
opaque `anchor`, `has_more` and `totalCount`; a non-admin gets 10 PERMISSION_DENIED, an unknown topic
300 NOT_FOUND; trends are daily points at Moscow midnights from the group's first topic on.
The figures come from sandbox.history.
"""

from __future__ import annotations

import base64
import binascii

from okcomposer.sandbox import demo, history
from okcomposer.sandbox.answers import ApiError
from okcomposer.sandbox.params import Context, api_method

FIGURES = frozenset(
    {"reach", "reach_own", "reach_earned", "renderings", "engagement", "feedback", "likes", "comments",
     "reshares", "link_clicks", "video_plays", "content_opens", "negatives", "hides_from_feed", "complaints"}
)  # fmt: skip
TOPIC_FIELDS = FIGURES | {"id", "created_ms", "feedback_total"}
TREND_FIELDS = FIGURES | {"members_count", "new_members", "left_members", "members_diff", "topic_opens"}
MAX_COUNT = 100


def _need_admin(ctx: Context, gid: str, why: str) -> None:
    ctx.need_scope("VALUABLE_ACCESS", why)
    ctx.need_scope("GROUP_CONTENT", why)
    if ctx.need_member(gid, why) != "ADMIN":
        raise ApiError(10, f"{why}: only the admins of group {gid} see its statistics")


def _fields(ctx: Context, known: frozenset[str]) -> list[str]:
    names = [name.strip().lower() for name in ctx.req("fields").split(",") if name.strip()]
    unknown = sorted(set(names) - known)
    if unknown or not names:
        raise ApiError(100, f"Invalid parameter fields: unknown field names {unknown}")
    return names


def _window(ctx: Context) -> tuple[int, int]:
    now = ctx.state.now_ms()
    start = ctx.integer("start_time", 0, 0, 2**53)
    end = ctx.integer("end_time", now, 0, 2**53)
    return start, min(end, now)


def _published(ctx: Context, gid: str) -> list[dict]:
    """The group's topics that are out (delayed ones count from their time), newest first."""
    now = ctx.state.now_ms()
    topics = [
        t
        for t in ctx.state.past_topics + ctx.state.topics
        if t["gid"] == gid and (t["publish_at_ms"] or t["created_ms"]) <= now
    ]
    return sorted(topics, key=lambda t: t["publish_at_ms"] or t["created_ms"], reverse=True)


def _shown(topic: dict, names: list[str], now_ms: int) -> dict:
    values = {"id": topic["id"], "created_ms": topic["publish_at_ms"] or topic["created_ms"]}
    values.update(history.figures(topic, now_ms))
    shown = {name: values[name] for name in names}
    shown["id"] = topic["id"]  # always: a figure nobody can place is no use
    return shown


def _offset(anchor: str | None) -> int:
    if anchor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(anchor.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        text = ""
    if not text.startswith("stat:") or not text[5:].isdigit():
        raise ApiError(100, "Invalid parameter anchor")
    return int(text[5:])


def _anchor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"stat:{offset}".encode("ascii")).decode("ascii")


@api_method("group.getStatTopics")
def get_stat_topics(ctx: Context) -> dict:
    gid = ctx.req("gid")
    _need_admin(ctx, gid, "Group statistics")
    names = _fields(ctx, TOPIC_FIELDS)
    start, end = _window(ctx)
    count = ctx.integer("count", 20, 1, MAX_COUNT)
    offset = _offset(ctx.opt("anchor"))
    now = ctx.state.now_ms()
    chosen = [t for t in _published(ctx, gid) if start <= (t["publish_at_ms"] or t["created_ms"]) <= end]
    page = chosen[offset : offset + count]
    more = offset + count < len(chosen)
    return {
        "topics": [_shown(t, names, now) for t in page],
        "anchor": _anchor(offset + len(page)),
        "has_more": more,
        "totalCount": len(chosen),
    }


@api_method("group.getStatTopic")
def get_stat_topic(ctx: Context) -> dict:
    topic_id = ctx.req("topic_id")
    names = _fields(ctx, TOPIC_FIELDS)
    topic = next((t for t in ctx.state.past_topics + ctx.state.topics if t["id"] == topic_id), None)
    if topic is None or topic["gid"] is None:
        raise ApiError(300, f"Topic {topic_id} not found")
    _need_admin(ctx, topic["gid"], "Topic statistics")
    if (topic["publish_at_ms"] or topic["created_ms"]) > ctx.state.now_ms():
        raise ApiError(300, f"Topic {topic_id} is not published yet")
    return {"topic": _shown(topic, names, ctx.state.now_ms())}


def _day_value(name: str, topics: list[dict], gid: str, day: int, now: int) -> int:
    members = int(demo.GROUPS[gid]["members"])
    if name == "members_count":
        return members
    if name in ("new_members", "left_members", "members_diff"):
        joined, left = int(history.unit(gid, day, "in") * 6), int(history.unit(gid, day, "out") * 3)
        return {"new_members": joined, "left_members": left, "members_diff": joined - left}[name]
    if name == "topic_opens":
        name = "content_opens"
    # The day's figures: those of the topics that went out that day, plus some reach of the group page.
    total = sum(history.figures(t, now).get(name, 0) for t in topics)
    if name == "reach":
        total += int(members * 0.05 * (0.5 + history.unit(gid, day, "page")))
    return total


@api_method("group.getStatTrends")
def get_stat_trends(ctx: Context) -> dict:
    gid = ctx.req("gid")
    _need_admin(ctx, gid, "Group statistics")
    names = _fields(ctx, TREND_FIELDS)
    start, end = _window(ctx)
    now = ctx.state.now_ms()
    topics = _published(ctx, gid)
    # Nothing before the group's statistics began (its first topic's day here), as OK says of start_time.
    start = max(start, min((t["publish_at_ms"] or t["created_ms"] for t in topics), default=end))
    days = range(history.day_start(start), end + 1, history.DAY_MS)
    by_day: dict[int, list[dict]] = {}
    for topic in topics:
        by_day.setdefault(history.day_start(topic["publish_at_ms"] or topic["created_ms"]), []).append(topic)
    return {
        name: [{"time": day, "value": _day_value(name, by_day.get(day, []), gid, day, now)} for day in days]
        for name in names
    }
