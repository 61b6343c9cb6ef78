"""The group-topic options of an attachment: publishAtMs / publishAt, onBehalfOfGroup, disableComments."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

from okcomposer.sandbox.answers import ApiError

try:
    from zoneinfo import ZoneInfo

    MOSCOW: tzinfo = ZoneInfo("Europe/Moscow")
except Exception:  # no tz database: Moscow has been UTC+3 all year since 2014
    MOSCOW = timezone(timedelta(hours=3))

GROUP_TYPES = ("GROUP_THEME", "GROUP_THEME_PROMO", "GROUP_SUGGESTED")
SCHEDULABLE = ("GROUP_THEME", "GROUP_THEME_PROMO")
MANAGERS = ("ADMIN", "MODERATOR")
PUBLISH_AT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def _bad(why: str) -> ApiError:
    return ApiError(100, f"Invalid parameter attachment: {why}")


def _flag(data: dict, name: str) -> bool | None:
    if name not in data:
        return None
    # The seed allows only the strings "true"/"false" here, not JSON booleans.
    if data[name] not in ("true", "false"):
        raise _bad(f'{name} must be the string "true" or "false", not {data[name]!r}')
    return data[name] == "true"


def moscow_to_ms(text: str) -> int:
    """`YYYY-mm-dd hh:mi:ss` in Europe/Moscow as ms since the epoch."""
    if not isinstance(text, str) or not PUBLISH_AT.fullmatch(text):
        raise _bad(f"publishAt must look like 2015-11-05 19:09:13, not {text!r}")
    try:
        moment = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise _bad(f"publishAt {text!r} is not a real date and time") from None
    return int(moment.replace(tzinfo=MOSCOW).timestamp() * 1000)


def _publish_ms(value: object) -> int:
    # A JSON number or a string of digits (a JSON string is how many clients send longs).
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    raise _bad(f"publishAtMs must be milliseconds since 1970 as a whole number, not {value!r}")


def group_options(
    ctx, data: dict, topic_type: str, status: str | None
) -> tuple[int | None, bool | None, bool | None]:
    """(publish_at_ms, on_behalf_of_group, disable_comments) after every rule about them."""
    on_behalf = _flag(data, "onBehalfOfGroup")
    disable_comments = _flag(data, "disableComments")
    scheduled = [key for key in ("publishAtMs", "publishAt") if key in data]
    is_group = topic_type in GROUP_TYPES
    if not is_group and (on_behalf is not None or disable_comments is not None or scheduled):
        raise _bad("publishAt(Ms), onBehalfOfGroup and disableComments are for group topics only")
    manager = status in MANAGERS
    if on_behalf and topic_type == "GROUP_SUGGESTED":
        raise _bad("a suggested topic cannot be published on behalf of the group")
    if on_behalf and not manager:
        raise ApiError(50, "only a group admin or moderator may post on behalf of the group")
    if not scheduled:
        return None, on_behalf, disable_comments
    if len(scheduled) > 1:
        raise _bad("give publishAtMs or publishAt, not both")
    if topic_type not in SCHEDULABLE:
        raise _bad("only GROUP_THEME and GROUP_THEME_PROMO topics can be scheduled")
    if not manager:
        raise ApiError(50, "only a group admin or moderator may schedule a topic")
    key = scheduled[0]
    when = _publish_ms(data[key]) if key == "publishAtMs" else moscow_to_ms(data[key])
    if when <= ctx.state.now_ms():
        raise _bad(f"{key} is in the past")
    return when, on_behalf, disable_comments
