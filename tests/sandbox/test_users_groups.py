"""users.* and group.* methods: fields, paging, both getInfo shapes, memberships."""

from __future__ import annotations

import pytest

from okcomposer.sandbox.server import Sandbox


def test_current_user_fields_filter_and_unknown_field(api):
    user = api.call("users.getCurrentUser", fields="uid,NAME,pic128x128")
    assert user == {"uid": api.uid, "name": "Demo User", "pic128x128": user["pic128x128"]}
    assert api.error("users.getCurrentUser", fields="uid,shoe_size") == 100


def test_calls_left_lists_asked_methods(api):
    # The documented shape: tests/sandbox/test_fidelity.py.
    left = api.call("users.getCallsLeft", methods="mediatopic.post,photosV2.getUploadUrl")
    assert [entry["name"] for entry in left] == ["mediatopic.post", "photosV2.getUploadUrl"]
    assert all(entry["available"] and entry["callsLeft"] > 0 for entry in left)


def test_user_groups_page_with_anchor_until_the_last_page(api):
    seen, anchor, pages = [], None, 0
    while True:
        params = {"count": "2"} | ({"anchor": anchor} if anchor else {})
        page = api.call("group.getUserGroupsV2", **params)
        pages += 1
        seen += [g["groupId"] for g in page["groups"]]
        assert all(g["userId"] == api.uid for g in page["groups"])
        anchor = page.get("anchor")
        if anchor is None:
            break
    assert pages == 3
    assert seen == [g["id"] for g in api.info["groups"]]
    assert len(seen) == 5


def test_user_groups_default_count_and_bad_params(api):
    page = api.call("group.getUserGroupsV2")
    assert len(page["groups"]) == 5 and "anchor" not in page
    assert api.error("group.getUserGroupsV2", count="101") == 100
    assert api.error("group.getUserGroupsV2", count="0") == 100
    assert api.error("group.getUserGroupsV2", anchor="garbage!") == 100
    assert api.error("group.getUserGroupsV2", direction="SIDEWAYS") == 100


def test_group_info_as_array(api):
    gids = [g["id"] for g in api.info["groups"][:2]]
    groups = api.call(
        "group.getInfo", uids=",".join(gids + ["123"]), fields="uid,name,pic_avatar,description"
    )
    assert isinstance(groups, list)
    assert [g["uid"] for g in groups] == gids  # unknown ids are left out
    assert groups[0]["name"] == api.info["groups"][0]["name"]
    assert groups[0]["pic_avatar"].startswith("https://")
    assert api.error("group.getInfo", uids=gids[0]) == 100  # fields is required
    assert api.error("group.getInfo", uids=gids[0], fields="name,nonsense") == 100


def test_group_info_as_object(make_api):
    with Sandbox(group_info_shape="object") as sb:
        api = make_api(sb)
        answer = api.call("group.getInfo", uids=api.admin_gid, fields="name")
        assert answer == {"groups": [{"uid": api.admin_gid, "name": "Sunrise Bakery"}]}


def test_group_info_shape_is_checked():
    with pytest.raises(ValueError):
        Sandbox(group_info_shape="dict")


def test_memberships_by_ids(api):
    admin = api.call("group.getUserGroupsByIds", group_id=api.admin_gid, uids=f"{api.uid},561234500001")
    assert admin == [{"group_id": api.admin_gid, "uid": api.uid, "status": "ADMIN"}]
    member = api.call("group.getUserGroupsByIds", group_id=api.member_gid, uids=api.uid)
    assert member[0]["status"] == "ACTIVE"
    assert api.call("group.getUserGroupsByIds", group_id="70000001000301", uids=api.uid) == []
    assert api.error("group.getUserGroupsByIds", group_id="42", uids=api.uid) == 160
    assert api.error("group.getUserGroupsByIds", group_id=api.admin_gid) == 100
