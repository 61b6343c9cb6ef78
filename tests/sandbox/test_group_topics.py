"""Group topics: permissions, uncommitted upload tokens, group options and scheduling (Moscow time)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

TEXT = {"type": "text", "text": "Fresh bread at 8!"}
NOT_MEMBER = "70000001000301"


def photo(*tokens):
    return {"type": "photo", "list": [{"id": token} for token in tokens]}


def test_admin_posts_a_group_theme_with_upload_tokens(api):
    gid = api.admin_gid
    _, token1 = api.upload_photo(gid=gid)
    _, token2 = api.upload_photo()  # albumless user upload: allowed in a group topic too
    topic_id = api.post({"media": [TEXT, photo(token1, token2)]}, type="GROUP_THEME", gid=gid).json()
    topic = api.sb.state.topics[-1]
    assert topic["id"] == topic_id and topic["gid"] == gid and topic["type"] == "GROUP_THEME"
    assert all(p["used"] for p in api.sb.state.photos)
    assert api.post_error({"media": [photo(token1)]}, type="GROUP_THEME", gid=gid) == 100  # single use


def test_group_topic_photo_rules(api):
    gid = api.admin_gid
    _, other_group = api.upload_photo(gid="70000001000102")
    _, in_album = api.upload_photo(aid="900000000001")
    committed_pid, committed = api.upload_photo()
    api.call("photosV2.commit", photo_id=committed_pid, token=committed)
    for token in (other_group, in_album, committed):
        assert api.post_error({"media": [photo(token)]}, type="GROUP_THEME", gid=gid) == 100
    # A group upload cannot go into a user topic either.
    _, group_token = api.upload_photo(gid=gid)
    assert api.post_error({"media": [photo(group_token)]}) == 100
    assert api.post_error({"media": [photo(group_token, group_token)]}, type="GROUP_THEME", gid=gid) == 100
    assert api.sb.state.topics == []


def test_group_permissions(api):
    text = {"media": [TEXT]}
    assert api.post_error(text, type="GROUP_THEME", gid=api.member_gid) == 50
    assert api.post_error(text, type="GROUP_THEME_PROMO", gid=api.member_gid) == 50
    assert api.post_error(text, type="GROUP_SUGGESTED", gid=NOT_MEMBER) == 10
    assert api.post(text, type="GROUP_SUGGESTED", gid=api.member_gid).json().isdigit()
    assert api.post(text, type="GROUP_THEME_PROMO", gid=api.admin_gid).json().isdigit()
    assert api.post_error(text, type="GROUP_THEME", gid=api.admin_gid, set_status="true") == 100
    assert [t["type"] for t in api.sb.state.topics] == ["GROUP_SUGGESTED", "GROUP_THEME_PROMO"]


def test_group_options_are_stored(api):
    attachment = {"media": [TEXT], "onBehalfOfGroup": "true", "disableComments": "true"}
    api.post(attachment, type="GROUP_THEME", gid=api.admin_gid, hidden_post="true").json()
    topic = api.sb.state.topics[-1]
    assert (
        topic["on_behalf_of_group"] is True and topic["disable_comments"] is True and topic["hidden"] is True
    )
    assert topic["publish_at_ms"] is None


def test_group_option_values_must_be_strings(api):
    gid = api.admin_gid
    assert api.post_error({"media": [TEXT], "onBehalfOfGroup": True}, type="GROUP_THEME", gid=gid) == 100
    assert api.post_error({"media": [TEXT], "disableComments": "yes"}, type="GROUP_THEME", gid=gid) == 100
    on_behalf = {"media": [TEXT], "onBehalfOfGroup": "true"}
    assert api.post_error(on_behalf, type="GROUP_SUGGESTED", gid=api.member_gid) == 100


def test_scheduled_with_publish_at_in_moscow_time(api):
    attachment = {"media": [TEXT], "publishAt": "2030-01-01 12:00:00"}
    api.post(attachment, type="GROUP_THEME", gid=api.admin_gid).json()
    assert api.sb.state.topics[-1]["publish_at_ms"] == 1_893_488_400_000  # 09:00 UTC
    soon = datetime.now(ZoneInfo("Europe/Moscow")) + timedelta(hours=1)
    api.post(
        {"media": [TEXT], "publishAt": soon.strftime("%Y-%m-%d %H:%M:%S")},
        type="GROUP_THEME",
        gid=api.admin_gid,
    )
    assert abs(api.sb.state.topics[-1]["publish_at_ms"] - (time.time() + 3600) * 1000) < 5000


def test_scheduled_with_publish_at_ms(api):
    when = int(time.time() * 1000) + 3_600_000
    api.post({"media": [TEXT], "publishAtMs": when}, type="GROUP_THEME", gid=api.admin_gid).json()
    api.post({"media": [TEXT], "publishAtMs": str(when)}, type="GROUP_THEME", gid=api.admin_gid).json()
    assert [t["publish_at_ms"] for t in api.sb.state.topics] == [when, when]


def test_scheduling_rules(api):
    gid = api.admin_gid
    future_ms = int(time.time() * 1000) + 3_600_000
    refused = [
        ({"publishAtMs": int(time.time() * 1000) - 1000}, "GROUP_THEME"),
        ({"publishAt": "2001-01-01 12:00:00"}, "GROUP_THEME"),
        ({"publishAt": "2030-01-01T12:00:00"}, "GROUP_THEME"),
        ({"publishAt": "2030-02-30 12:00:00"}, "GROUP_THEME"),
        ({"publishAtMs": "soon"}, "GROUP_THEME"),
        ({"publishAtMs": future_ms, "publishAt": "2030-01-01 12:00:00"}, "GROUP_THEME"),
        ({"publishAtMs": future_ms}, "GROUP_SUGGESTED"),
        ({"publishAtMs": 2**62}, "GROUP_THEME"),  # past year 9999: no calendar shows it
        ({"publishAt": 20300101}, "GROUP_THEME"),
    ]
    for extra, topic_type in refused:
        target = api.member_gid if topic_type == "GROUP_SUGGESTED" else gid
        assert api.post_error({"media": [TEXT], **extra}, type=topic_type, gid=target) == 100, extra
    assert api.sb.state.topics == []
