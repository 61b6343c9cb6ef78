"""My groups and my rights in each, loaded from OK on a Task for the target list."""

from __future__ import annotations


def load_groups(session, uid: str, report, cancel, page_size: int = 100) -> list:
    """[(Group, Membership or None)] of the signed-in user, all pages; runs on a Task."""
    from okcomposer.api import methods
    from okcomposer.api.client import OkClient

    client = OkClient(session.credentials, session.api_base)
    try:
        uid = uid or methods.get_current_user(client).uid
        ids = methods.get_user_group_ids(client, page_size=page_size)
        groups = methods.get_groups_info(client, ids)
        found = []
        for done, group in enumerate(groups, 1):
            cancel.raise_if_cancelled()
            mine = [m for m in methods.get_memberships(client, group.uid, [uid]) if m.uid == uid]
            found.append((group, mine[0] if mine else None))
            report((done, len(groups)))
        return found
    finally:
        client.close()
