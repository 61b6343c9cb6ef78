"""app.groups.load_groups against the sandbox: every page of groups, my rights in each, progress, cancel."""

from __future__ import annotations

from contextlib import closing

import pytest

from okcomposer.api.cancel import CancelToken
from okcomposer.api.credentials import Credentials
from okcomposer.api.errors import OkCancelled
from okcomposer.app.accounts import Session
from okcomposer.app.groups import load_groups
from okcomposer.sandbox import demo


def _session(sb) -> Session:
    info = sb.info()
    creds = Credentials(info["application_key"], info["access_token"], info["session_secret_key"])
    return Session(creds, sb.base_url)


def test_every_page_of_my_groups_with_my_rights(sb):
    seen: list[tuple[int, int]] = []
    with closing(_session(sb).client()) as client:
        uid, found = load_groups(client, "", seen.append, page_size=2)
    assert uid == demo.USER["uid"]
    assert [g.uid for g, _m in found] == list(demo.USER_GROUP_IDS)  # 5 groups over 3 pages of 2
    statuses = [demo.GROUPS[gid]["status"] for gid in demo.USER_GROUP_IDS]
    assert [m.status if m else None for _g, m in found] == statuses
    assert [g.name for g, _m in found][0] == "Sunrise Bakery"
    assert seen == [(n, 5) for n in range(1, 6)]


def test_a_given_uid_is_used_as_is(sb):
    with closing(_session(sb).client()) as client:
        uid, found = load_groups(client, demo.OTHER_UID)
    # Another user's memberships are not mine: OK answers none for them in my groups.
    assert uid == demo.OTHER_UID and len(found) == 5 and all(m is None for _g, m in found)


def test_cancel_stops_between_groups(sb):
    cancel = CancelToken()
    seen: list[tuple[int, int]] = []

    def report(progress: tuple[int, int]) -> None:
        seen.append(progress)
        cancel.cancel()

    with closing(_session(sb).client()) as client, pytest.raises(OkCancelled):
        load_groups(client, "", report, cancel)
    assert seen == [(1, 5)]
