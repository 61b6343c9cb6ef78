"""The group-topic options of an attachment: publishAtMs / publishAt, onBehalfOfGroup, disableComments.

The rules are the client's own (api/okrules.py); this module reads the raw JSON values and adds what only OK
knows: whether the poster manages the group. Source: docs/ok-api.md, "Post rules".
"""

from __future__ import annotations

from datetime import UTC, datetime

from okcomposer.api.okrules import GROUP_TYPES, group_option_checks, message, schedule_checks
from okcomposer.api.rule_table import RULES
from okcomposer.api.topic import datetime_to_ms, parse_publish_at
from okcomposer.sandbox.answers import ApiError

__all__ = ["GROUP_TYPES", "MANAGERS", "group_options"]

MANAGERS = ("ADMIN", "MODERATOR")


def _bad(why: str, code: int = 100) -> ApiError:
    return ApiError(code, f"Invalid parameter attachment: {why}")


def _flag(data: dict, name: str) -> bool | None:
    if name not in data:
        return None
    # The seed allows only the strings "true"/"false" here, not JSON booleans.
    if data[name] not in ("true", "false"):
        raise _bad(f'{name} must be the string "true" or "false", not {data[name]!r}')
    return data[name] == "true"


def _publish_ms(data: dict) -> int | None:
    # A JSON number or a string of digits (a JSON string is how many clients send longs).
    value = data.get("publishAtMs")
    if value is None or isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    raise _bad(f"publishAtMs must be milliseconds since 1970 as a whole number, not {value!r}")


def _publish_at(data: dict) -> str | None:
    value = data.get("publishAt")
    if value is not None and not isinstance(value, str):
        raise _bad(f"publishAt must look like 2015-11-05 19:09:13, not {value!r}")
    return value


def group_options(
    ctx, data: dict, topic_type: str, gid: str | None, status: str | None, as_status: bool = False
) -> tuple[int | None, bool | None, bool | None]:
    """(publish_at_ms, on_behalf_of_group, disable_comments) after every rule about them.

    Raises ApiError: a broken rule of okrules with its code (100); 50 when a non-manager schedules or speaks
    for the group.
    """
    on_behalf = _flag(data, "onBehalfOfGroup")
    disable_comments = _flag(data, "disableComments")
    publish_at, publish_ms = _publish_at(data), _publish_ms(data)
    now = datetime.fromtimestamp(ctx.state.now_ms() / 1000, UTC)
    found = [
        *group_option_checks(topic_type, gid, False, on_behalf, disable_comments, as_status),
        *schedule_checks(topic_type, publish_at, publish_ms, now),
    ]
    for rule_id, params in found:
        raise _bad(message(rule_id, params), RULES[rule_id].number)
    manager = status in MANAGERS
    if on_behalf and not manager:
        raise ApiError(50, "only a group admin or moderator may post on behalf of the group")
    if publish_at is None and publish_ms is None:
        return None, on_behalf, disable_comments
    if not manager:
        raise ApiError(50, "only a group admin or moderator may schedule a topic")
    if publish_ms is None:
        publish_ms = datetime_to_ms(parse_publish_at(str(publish_at)))  # valid: schedule_checks passed
    return publish_ms, on_behalf, disable_comments
