"""May the user publish in a group: their membership, asked of OK (docs/ok-api.md "Post rules")."""

from __future__ import annotations

from typing import Any

from okcomposer.api import methods
from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkApiError
from okcomposer.app.messages import Message, message
from okcomposer.app.retry import retrying


def posting_problems(client: OkClient, gid: str, uid: str) -> list[Message]:
    """Why the user may not publish in group `gid` (empty when they may), from their membership.

    Codes: group.missing (OK's error 160), group.not_member, group.no_right (params gid, status: OK's
    member status word, "" when OK gave none).
    """
    try:
        members = retrying(lambda: methods.get_memberships(client, gid, [uid]))
    except OkApiError as exc:
        if exc.code == 160:
            return [message("group.missing", gid=gid)]
        raise
    mine = next((m for m in members if m.uid == uid), None)
    if mine is None:
        return [message("group.not_member", gid=gid)]
    if not mine.can_post_as_group:
        return [message("group.no_right", gid=gid, status=mine.status or "a member")]
    return []


class RowRefusal(str):
    """ "row N: <English reason>" (as the command line prints it) that also carries the row's `number` and
    the `reason` (an app.messages.Message), so the window words it without reading the English back."""

    number: int
    reason: Message

    def __new__(cls, number: int, reason: Message) -> RowRefusal:
        line = super().__new__(cls, f"row {number}: {reason}")
        line.number, line.reason = number, reason
        return line


def check_rights(client: OkClient, plan: Any, uid: str) -> list[RowRefusal]:
    """ "row N: ..." for every row whose group the user may not publish in (asked once per group);
    the reasons are app.rights.posting_problems'."""
    found: dict[str, list[Message]] = {}
    for row in plan.rows:
        if row.target != "me" and row.target not in found:
            found[row.target] = posting_problems(client, row.target, uid)
    return [RowRefusal(row.number, p) for row in plan.rows for p in found.get(row.target, [])]
