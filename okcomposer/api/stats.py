"""Group statistics: per-topic figures (group.getStatTopics, group.getStatTopic) and daily history
(group.getStatTrends), read defensively (docs/ok-api.md "Insights").

Known: the parameter names (gid, start_time and end_time in ms since the epoch, anchor, count, fields;
topic_id, fields), the scopes (GROUP_CONTENT and VALUABLE_ACCESS, group admins), the answer keys `topics`,
`anchor`, `has_more`, `topic` and the trends' `{field: [{"time": ms, "value": n}]}`. Unknown: which figures a
group of a given size gets, their units, the largest page. So every figure is optional: one OK leaves out or
gives as a non-number is simply absent, a field we do not know is ignored, never an error.
No source shows a picture among a topic's statistics fields, so none is asked for or read: the Insights
table's thumbnails come from the posts okcomposer published (their first photo, kept locally).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkBadResponse

# Figures asked for, as OK names them in answers (the request sends them upper case, as OK's enum).
FIGURES = (
    "reach",
    "reach_own",
    "reach_earned",
    "renderings",
    "engagement",
    "feedback",
    "feedback_total",
    "likes",
    "comments",
    "reshares",
    "link_clicks",
    "video_plays",
    "content_opens",
    "negatives",
    "hides_from_feed",
    "complaints",
)
TOPIC_FIELDS = ("id", "created_ms", *FIGURES)
TREND_FIELDS = ("reach", "engagement", "likes", "comments", "reshares", "link_clicks", "negatives")
PAGE_SIZE = 100  # the largest page is unpublished; 100 is what the group list takes (docs/ok-api.md)


@dataclass(frozen=True)
class TopicFigures:
    """One topic's figures: `created_ms` (0 when OK did not say), figures by name as ints (those given)."""

    id: str
    created_ms: int
    figures: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class StatPage:
    topics: list[TopicFigures]
    anchor: str | None
    has_more: bool | None  # None: OK did not say


def _count(value: Any) -> int | None:
    """A figure as an int: JSON numbers and digit strings; None for anything else (bool, null, text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value == value and abs(value) < 2**63:  # not NaN, not huge
        return int(round(value))
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def parse_topic(item: Any) -> TopicFigures | None:
    """A topic of an answer, or None when it has no id (nothing to keep it under). Never raises."""
    if not isinstance(item, dict):
        return None
    topic_id = item.get("id", item.get("topic_id"))
    if not isinstance(topic_id, (str, int)) or isinstance(topic_id, bool) or not str(topic_id).strip():
        return None
    figures = {}
    for name in FIGURES:
        number = _count(item.get(name))
        if number is not None:
            figures[name] = number
    return TopicFigures(str(topic_id).strip(), _count(item.get("created_ms")) or 0, figures)


def _fields(names: Sequence[str]) -> str:
    return ",".join(name.upper() for name in names)


def get_stat_topics_page(
    client: OkClient,
    gid: str,
    start_ms: int | None = None,
    end_ms: int | None = None,
    count: int = PAGE_SIZE,
    anchor: str | None = None,
    fields: Sequence[str] = TOPIC_FIELDS,
) -> StatPage:
    """One page of group.getStatTopics: the group's topics created between start_ms and end_ms (ms).

    Raises OkApiError (10 or 50 for a non-admin, 8/11 rate limits), OkBadResponse when the answer is not an
    object or its `topics` not a list.
    """
    method = "group.getStatTopics"
    params = {
        "gid": gid,
        "fields": _fields(fields),
        "start_time": start_ms,
        "end_time": end_ms,
        "count": count,
        "anchor": anchor,
    }
    data = client.call(method, params)
    if data is None or data == []:  # nothing in the range, said without an object
        return StatPage([], None, False)
    if not isinstance(data, dict):
        raise OkBadResponse(f"expected a JSON object, got {type(data).__name__}", method)
    items = data.get("topics") or []
    if not isinstance(items, list):
        raise OkBadResponse("`topics` is not a list", method)
    topics = [t for t in (parse_topic(item) for item in items) if t is not None]
    next_anchor = data.get("anchor")
    more = data.get("has_more")
    return StatPage(
        topics,
        str(next_anchor) if isinstance(next_anchor, (str, int)) and str(next_anchor) else None,
        more if isinstance(more, bool) else None,
    )


def iter_stat_topics(
    client: OkClient,
    gid: str,
    start_ms: int | None = None,
    end_ms: int | None = None,
    page_size: int = PAGE_SIZE,
    max_pages: int = 50,
    fields: Sequence[str] = TOPIC_FIELDS,
    fetch_page: Any = None,
) -> Iterator[StatPage]:
    """The pages of group.getStatTopics in order, following `anchor` until OK says there is no more.

    Stops on has_more false, an empty page, a missing or repeated anchor, or after max_pages pages.
    `fetch_page(anchor)` replaces the plain call (the app wraps it in retries).
    Raises as get_stat_topics_page.
    """

    def plain(anchor: str | None) -> StatPage:
        return get_stat_topics_page(client, gid, start_ms, end_ms, page_size, anchor, fields)

    fetch = fetch_page or plain
    anchor: str | None = None
    for _ in range(max_pages):
        page = fetch(anchor)
        yield page
        if not page.topics or page.has_more is False or not page.anchor or page.anchor == anchor:
            return
        anchor = page.anchor


def get_stat_topic(
    client: OkClient, topic_id: str, fields: Sequence[str] = TOPIC_FIELDS
) -> TopicFigures | None:
    """group.getStatTopic: one topic's figures ({"topic": {...}}; a bare object is read too), None if absent.

    Raises OkApiError, OkBadResponse for an answer that is not a JSON object.
    """
    method = "group.getStatTopic"
    data = client.call(method, {"topic_id": topic_id, "fields": _fields(fields)})
    if not isinstance(data, dict):
        raise OkBadResponse(f"expected a JSON object, got {type(data).__name__}", method)
    topic = parse_topic(data.get("topic", data))
    if topic is not None and topic.id != str(topic_id):
        return TopicFigures(str(topic_id), topic.created_ms, topic.figures)  # OK's own id form differs
    return topic


def parse_trends(data: Any) -> dict[str, list[tuple[int, int]]]:
    """{field: [(day start ms, value)]} sorted by time from a trends answer; odd points are left out."""
    series: dict[str, list[tuple[int, int]]] = {}
    if not isinstance(data, dict):
        return series
    for name, points in data.items():
        if not isinstance(points, list):
            continue
        kept = []
        for point in points:
            if isinstance(point, dict):
                when, value = _count(point.get("time")), _count(point.get("value"))
                if when is not None and value is not None:
                    kept.append((when, value))
        series[str(name).lower()] = sorted(kept)
    return series


def by_day(series: dict[str, list[tuple[int, int]]]) -> dict[int, dict[str, int]]:
    """Trends turned round: {day start ms: {field: value}}, each day with the fields OK gave for it."""
    days: dict[int, dict[str, int]] = {}
    for name, points in series.items():
        for when, value in points:
            days.setdefault(when, {})[name] = value
    return days


def get_stat_trends(
    client: OkClient,
    gid: str,
    start_ms: int | None = None,
    end_ms: int | None = None,
    fields: Sequence[str] = TREND_FIELDS,
) -> dict[str, list[tuple[int, int]]]:
    """group.getStatTrends: the group's daily figures, {field: [(day start ms, value)]}.

    Which day boundary OK uses (Moscow or UTC midnight) is unknown: callers show the time as given.
    Raises OkApiError.
    """
    method = "group.getStatTrends"
    params = {"gid": gid, "fields": _fields(fields), "start_time": start_ms, "end_time": end_ms}
    return parse_trends(client.call(method, params))
