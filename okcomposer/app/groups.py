"""The signed-in user's groups and their rights in each: the target lists of the window load them here."""

from __future__ import annotations

from collections.abc import Callable

from okcomposer.api import methods
from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OkClient


def load_groups(
    client: OkClient,
    uid: str,
    report: Callable[[tuple[int, int]], None] | None = None,
    cancel: CancelToken | None = None,
    page_size: int = 100,
) -> tuple[str, list[tuple[methods.Group, methods.Membership | None]]]:
    """(my uid, [(Group, my Membership or None)]) for every group of the user, all pages.

    `uid` may be "" (asked with users.getCurrentUser). The ids come from group.getUserGroupsV2 (page_size
    a page), the names from group.getInfo, the rights from group.getUserGroupsByIds, asked group by group;
    report((done, count)) after each. Raises OkError (api.errors) and OkCancelled when `cancel` is set.
    """
    uid = uid or methods.get_current_user(client).uid
    groups = methods.get_groups_info(client, methods.get_user_group_ids(client, page_size=page_size))
    found = []
    for done, group in enumerate(groups, 1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        mine = [m for m in methods.get_memberships(client, group.uid, [uid]) if m.uid == uid]
        found.append((group, mine[0] if mine else None))
        if report is not None:
            report((done, len(groups)))
    return uid, found
