"""The method registry and the strict parameter readers every fb.do handler uses."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from okcomposer.sandbox import demo
from okcomposer.sandbox.answers import ApiError, missing

WHOLE_NUMBER = re.compile(r"-?[0-9]{1,18}")


@dataclass
class Context:
    """One fb.do call as a handler sees it."""

    world: Any  # the Sandbox: .state, .limits, .base_url, .upload_ttl_ms, .group_info_shape
    params: dict[str, str]
    session: dict

    @property
    def uid(self) -> str:
        return self.session["uid"]

    @property
    def state(self):
        return self.world.state

    @property
    def limits(self):
        return self.world.limits

    def has_scope(self, scope: str) -> bool:
        return scope in self.session["scopes"]

    def need_scope(self, scope: str, why: str) -> None:
        if not self.has_scope(scope):
            raise ApiError(10, f"{why} requires the {scope} permission, which this session was not granted")

    def opt(self, name: str) -> str | None:
        # An empty value counts as absent, as for any form field.
        value = self.params.get(name)
        return value if value else None

    def req(self, name: str) -> str:
        value = self.opt(name)
        if value is None:
            raise missing(name)
        return value

    def boolean(self, name: str) -> bool | None:
        """OK's Boolean parameters: exactly "true" or "false"; None when absent."""
        value = self.opt(name)
        if value is None:
            return None
        if value not in ("true", "false"):
            raise ApiError(100, f"Invalid parameter {name}: expected true or false, got {value!r}")
        return value == "true"

    def integer(self, name: str, default: int | None, low: int, high: int) -> int:
        value = self.opt(name)
        if value is None:
            if default is None:
                raise missing(name)
            return default
        if not WHOLE_NUMBER.fullmatch(value):
            raise ApiError(100, f"Invalid parameter {name}: {value!r} is not a whole number")
        number = int(value)
        if not low <= number <= high:
            raise ApiError(100, f"Invalid parameter {name}: {number} is outside {low}..{high}")
        return number

    def group(self, gid: str) -> dict:
        """The group behind a gid, or 160 PARAM_GROUP_ID."""
        if not gid.isascii() or not gid.isdigit() or gid not in demo.GROUPS:
            raise ApiError(160, f"Invalid group id {gid}")
        return demo.GROUPS[gid]

    def member_status(self, gid: str) -> str | None:
        # Only the demo user belongs to groups in the demo world.
        return demo.GROUPS[gid]["status"] if self.uid == demo.USER["uid"] else None

    def need_member(self, gid: str, why: str) -> str:
        self.group(gid)
        status = self.member_status(gid)
        if status is None:
            raise ApiError(10, f"{why}: the user is not a member of group {gid}")
        return status


# fb.do method name -> handler(ctx) -> JSON value
METHODS: dict[str, Callable[[Context], object]] = {}


def api_method(name: str):
    def register(handler: Callable[[Context], object]):
        METHODS[name] = handler
        return handler

    return register
