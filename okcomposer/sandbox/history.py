"""The demo groups' past: a month of earlier topics, and the figures every group topic shows in statistics.

Everything is a pure function of its inputs (no random state): the same topic at the same moment always has
the same figures. Figures grow with a topic's age (most of the reach in its first day) and depend on the
hour and weekday it went out, in Moscow time, where OK counts its days (docs/ok-api.md "Insights").
"""

from __future__ import annotations

import hashlib
import math
from datetime import UTC, datetime, timedelta, timezone

from okcomposer.sandbox import demo

MOSCOW = timezone(timedelta(hours=3))  # no daylight saving since 2014
DAY_MS = 86_400_000
HISTORY_DAYS = 30
HISTORY_GROUPS = ("70000001000101", "70000001000102")  # the two groups the demo user administers
_BASE_ID = 70102300000000  # below the ids mediatopic.post hands out (state.numeric_id)

_WORDS = {
    "70000001000101": (
        "Fresh croissants are out of the oven",
        "Our rye sourdough is back this week",
        "Weekend special: cinnamon rolls",
        "Meet Anna, our new pastry chef",
        "How we proof dough overnight",
        "Gluten-free loaves, baked to order",
        "Vote for next month's cake",
    ),
    "70000001000102": (
        "Sunday long run: 12 km along the river",
        "Interval session on Wednesday evening",
        "Photos from the park run",
        "New members' easy jog on Saturday",
        "Stretching tips after a long run",
        "Route for the night run",
    ),
}
# The hours (Moscow time) each group posts at: a few habits, so each weekday and hour gathers several posts.
_HOURS = {"70000001000101": (8, 13, 19), "70000001000102": (7, 12, 20)}
# Reach by weekday (Monday first) and the engagement rate's weekday lift: weekends read less but react more.
_WEEKDAY_REACH = (1.0, 1.05, 1.1, 1.0, 0.9, 0.75, 0.8)
_WEEKDAY_RATE = (0.95, 1.0, 1.0, 1.0, 1.05, 1.25, 1.3)


def unit(*parts: object) -> float:
    """A stable pseudo-random number in [0, 1) for the given parts."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def _bump(hour: float, peak: float, width: float) -> float:
    return math.exp(-(((hour - peak) / width) ** 2))


def past_topics(now_ms: int) -> list[dict]:
    """The demo groups' topics of the last HISTORY_DAYS days before `now_ms`, shaped as state.topics rows.

    Two or three a day per group at its usual hours (Moscow time); the same day always gives the same ones.
    """
    today = datetime.fromtimestamp(now_ms / 1000, MOSCOW).replace(hour=0, minute=0, second=0, microsecond=0)
    topics = []
    for g, gid in enumerate(HISTORY_GROUPS):
        words = _WORDS[gid]
        for back in range(HISTORY_DAYS, 0, -1):
            day = today - timedelta(days=back)
            daily = 2 + int(unit(gid, day.date(), "n") < 0.4)
            hours = sorted(_HOURS[gid], key=lambda h: unit(gid, day.date(), h))[:daily]
            for k, hour in enumerate(sorted(hours)):
                minute = int(unit(gid, day.date(), k, "m") * 4) * 15
                created = day.replace(hour=hour, minute=minute)
                serial = (HISTORY_DAYS - back) * 3 + k
                text = words[serial % len(words)]
                topics.append(_topic(f"{_BASE_ID + g * 100_000 + serial * 7}", gid, text, created))
    return topics


def _topic(topic_id: str, gid: str, text: str, created: datetime) -> dict:
    return {
        "id": topic_id,
        "type": "GROUP_THEME",
        "gid": gid,
        "uid": demo.USER["uid"],
        "attachment": {"media": [{"type": "text", "text": text}]},
        "attachment_raw": "",
        "created_ms": int(created.astimezone(UTC).timestamp() * 1000),
        "publish_at_ms": None,
        "on_behalf_of_group": True,
        "disable_comments": False,
        "hidden": False,
        "set_status": False,
        "text_link_preview": False,
        "link_preview_applied": False,
        "past": True,
    }


def figures(topic: dict, now_ms: int) -> dict[str, int]:
    """Every figure of group.getStatTopics for `topic` (a state.topics row) as seen at `now_ms`.

    Reach: members x 0.6 x hour and weekday factors x a per-topic 0.8..1.2, reached at 1 - exp(-hours/10).
    Engagement per reach: 2..8 %, highest around 20:00 and at weekends.
    """
    gid = topic["gid"] or ""
    members = int(demo.GROUPS.get(gid, {}).get("members") or 100)
    went_out = topic["publish_at_ms"] or topic["created_ms"]
    local = datetime.fromtimestamp(went_out / 1000, MOSCOW)
    hour, weekday = local.hour + local.minute / 60, local.weekday()
    age_h = max(0, now_ms - went_out) / 3_600_000
    grown = 1 - math.exp(-age_h / 10)
    audience = 0.35 + 0.65 * max(_bump(hour, 9, 1.5), _bump(hour, 20, 1.8))
    noise = 0.8 + 0.4 * unit(topic["id"])
    reach = round(members * 0.6 * audience * _WEEKDAY_REACH[weekday] * noise * grown)
    rate = (0.02 + 0.06 * _bump(hour, 20, 2.5)) * _WEEKDAY_RATE[weekday]
    engagement = round(reach * rate)
    likes, comments = round(engagement * 0.62), round(engagement * 0.13)
    reshares, link_clicks = round(engagement * 0.08), round(engagement * 0.17)
    negatives = round(reach * 0.004 * (1 + unit(topic["id"], "neg")))
    has_video = any(block.get("type") == "movie" for block in topic["attachment"]["media"])
    return {
        "reach": reach,
        "reach_own": round(reach * 0.8),
        "reach_earned": reach - round(reach * 0.8),
        "renderings": round(reach * 1.6),
        "engagement": engagement,
        "feedback": likes + comments + reshares,
        "feedback_total": likes + comments + reshares + link_clicks,
        "likes": likes,
        "comments": comments,
        "reshares": reshares,
        "link_clicks": link_clicks,
        "video_plays": round(reach * 0.3) if has_video else 0,
        "content_opens": round(reach * 0.05),
        "negatives": negatives,
        "hides_from_feed": round(negatives * 0.7),
        "complaints": negatives // 5,
    }


def day_start(ms: int) -> int:
    """The Moscow midnight at or before `ms`."""
    local = datetime.fromtimestamp(ms / 1000, MOSCOW).replace(hour=0, minute=0, second=0, microsecond=0)
    return int(local.timestamp() * 1000)
