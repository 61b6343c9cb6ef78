"""fb.do handlers for users, groups and mediatopic.post."""

from __future__ import annotations

import base64

from okcomposer.sandbox import demo
from okcomposer.sandbox.answers import ApiError
from okcomposer.sandbox.params import METHODS, Context, api_method
from okcomposer.sandbox.rules import check_attachment, link_preview_applies
from okcomposer.sandbox.schedule import GROUP_TYPES, MANAGERS

TOPIC_TYPES = ("USER", "USER_STATUS", "USER_NOTE", *GROUP_TYPES)
# User fields OK knows; the sandbox answers those it has values for and refuses names OK does not know.
USER_FIELDS = set(
    "uid locale first_name last_name name gender age birthday has_email email current_status online photo_id "
    "pic_1 pic_2 pic_3 pic50x50 pic128x128 pic190x190 pic640x480 pic_full url_profile location premium "
    "private last_online".split()
)
GROUP_FIELDS = set("uid name description shortname pic_avatar main_photo members_count premium".split())


def _fields(ctx: Context, known: set[str]) -> set[str] | None:
    raw = ctx.opt("fields")
    if raw is None:
        return None
    names = {name.strip().lower() for name in raw.split(",") if name.strip()}
    unknown = sorted(names - known)
    if unknown:
        raise ApiError(100, f"Invalid parameter fields: unknown field names {unknown}")
    return names


@api_method("users.getCurrentUser")
def get_current_user(ctx: Context) -> dict:
    user = dict(demo.USER)
    wanted = _fields(ctx, USER_FIELDS)
    if wanted is None:
        wanted = {"uid", "name", "first_name", "last_name", "pic50x50", "pic128x128", "locale"}
    return {key: value for key, value in user.items() if key in wanted or key == "uid"}


@api_method("users.getCallsLeft")
def get_calls_left(ctx: Context) -> list[dict]:
    """`methods` (required, comma-separated) -> [{"available", "callsLeft", "name"}], one per asked method
    (apiok.ru users.getCallsLeft; docs/ok-api.md, "Rate limits"). The quotas are not published: the
    sandbox never runs out; a method it does not know is listed as not available (UNCONFIRMED)."""
    names = [name.strip() for name in ctx.req("methods").split(",") if name.strip()]
    if not names:
        raise ApiError(100, "Invalid parameter methods: no method names")
    return [
        {"available": name in METHODS, "callsLeft": 10_000 if name in METHODS else 0, "name": name}
        for name in names
    ]


def _anchor(position: int) -> str:
    return base64.urlsafe_b64encode(f"sandbox-groups:{position}".encode()).decode("ascii")


def _position(anchor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(anchor.encode("ascii")).decode("ascii")
        prefix, _, number = text.partition(":")
        if prefix == "sandbox-groups" and number.isdigit():
            return int(number)
    except (ValueError, UnicodeError):
        pass
    raise ApiError(100, f"Invalid parameter anchor: {anchor!r}")


@api_method("group.getUserGroupsV2")
def get_user_groups(ctx: Context) -> dict:
    count = ctx.integer("count", 10, 1, 100)
    direction = ctx.opt("direction") or "FORWARD"
    if direction != "FORWARD":
        # OK also knows BACKWARD/AROUND; the sandbox refuses them rather than guess their exact semantics.
        raise ApiError(
            100, f"Invalid parameter direction: the sandbox supports FORWARD only, not {direction!r}"
        )
    anchor = ctx.opt("anchor")
    start = _position(anchor) if anchor else 0
    ids = demo.USER_GROUP_IDS if ctx.uid == demo.USER["uid"] else ()
    page = ids[start : start + count]
    answer: dict = {"groups": [{"groupId": gid, "userId": ctx.uid} for gid in page]}
    # Paging: every page that has more after it carries "anchor"; the last page has none (no has_more flag).
    if start + count < len(ids):
        answer["anchor"] = _anchor(start + count)
    return answer


def _group_object(gid: str, wanted: set[str]) -> dict:
    group = demo.GROUPS[gid]
    full = {
        "uid": gid,
        "name": group["name"],
        "description": f"{group['name']}: a demo group of the okcomposer sandbox.",
        "shortname": group["name"].lower().replace(" ", ""),
        "pic_avatar": demo.group_avatar(gid),
        "main_photo": {"id": str(int(gid) + 5), "pic128x128": demo.group_avatar(gid) + "&fn=w_128"},
        "members_count": group["members"],
        "premium": False,
    }
    return {key: value for key, value in full.items() if key in wanted or key == "uid"}


@api_method("group.getInfo")
def get_group_info(ctx: Context) -> object:
    uids = [gid.strip() for gid in ctx.req("uids").split(",") if gid.strip()]
    if len(uids) > 100:
        raise ApiError(100, "Invalid parameter uids: at most 100 ids")
    # fields is required in OK's own description of group.getInfo.
    ctx.req("fields")
    wanted = _fields(ctx, GROUP_FIELDS) or set()
    groups = [_group_object(gid, wanted) for gid in uids if gid in demo.GROUPS]  # unknown ids are left out
    return groups if ctx.world.group_info_shape == "array" else {"groups": groups}


@api_method("group.getUserGroupsByIds")
def get_user_groups_by_ids(ctx: Context) -> list[dict]:
    gid = ctx.req("group_id")
    ctx.group(gid)
    uids = [uid.strip() for uid in ctx.req("uids").split(",") if uid.strip()]
    answer = []
    for uid in uids:
        status = demo.GROUPS[gid]["status"] if uid == demo.USER["uid"] else None
        if status:
            answer.append({"group_id": gid, "uid": uid, "status": status})
    return answer


def _topic_target(ctx: Context) -> tuple[str, str | None, str | None]:
    """(type, gid, the user's status in the group) after the type/gid/permission rules."""
    topic_type = ctx.opt("type") or "USER"
    if topic_type not in TOPIC_TYPES:
        raise ApiError(100, f"Invalid parameter type: {topic_type!r}")
    gid = ctx.opt("gid")
    if topic_type not in GROUP_TYPES:
        if gid is not None:
            raise ApiError(
                100, "Invalid parameter gid: only with type GROUP_THEME, GROUP_THEME_PROMO or GROUP_SUGGESTED"
            )
        return topic_type, None, None
    if gid is None:
        raise ApiError(100, f"Missed required parameter: gid (type {topic_type})")
    ctx.group(gid)
    ctx.need_scope("GROUP_CONTENT", "Posting to a group")
    status = ctx.member_status(gid)
    if topic_type == "GROUP_SUGGESTED":
        if status is None:
            raise ApiError(10, f"only members of group {gid} may suggest topics")
    elif status not in MANAGERS:
        # 50 NOT_ADMIN ("user must be an administrator") says exactly what is wrong; OK's code: unconfirmed.
        raise ApiError(50, f"only an admin or moderator of group {gid} may post {topic_type}")
    return topic_type, gid, status


@api_method("mediatopic.post")
def post_topic(ctx: Context) -> str:
    uid = ctx.opt("uid")
    if uid is not None and uid != ctx.uid:
        raise ApiError(110, f"uid {uid} is not the session user")
    topic_type, gid, status = _topic_target(ctx)
    set_status = ctx.boolean("set_status")
    preview = ctx.boolean("text_link_preview")
    hidden = ctx.boolean("hidden_post")
    if ctx.boolean("ads_post"):
        raise ApiError(10, "ads_post is not available to external applications")
    if topic_type == "USER_STATUS" or set_status:
        if gid is not None:
            raise ApiError(100, "Invalid parameter set_status: a group topic cannot be set as user status")
        ctx.need_scope("SET_STATUS", "Setting a status")
    if topic_type == "USER_NOTE":
        ctx.need_scope("PUBLISH_NOTE", "A note")
    if hidden and gid is None:
        raise ApiError(100, "Invalid parameter hidden_post: only for group topics")
    raw = ctx.req("attachment")
    checked = check_attachment(
        ctx, raw, topic_type, gid, status, topic_type == "USER_STATUS" or bool(set_status)
    )
    topic = {
        "id": ctx.state.numeric_id(70102413180000),
        "type": topic_type,
        "gid": gid,
        "uid": ctx.uid,
        "attachment": checked["attachment"],
        "attachment_raw": raw,
        "created_ms": ctx.state.now_ms(),
        "publish_at_ms": checked["publish_at_ms"],
        "on_behalf_of_group": checked["on_behalf_of_group"],
        "disable_comments": checked["disable_comments"],
        "hidden": bool(hidden),
        "set_status": bool(set_status),
        "text_link_preview": bool(preview),
        "link_preview_applied": bool(preview) and link_preview_applies(checked["attachment"]["media"]),
    }
    for photo in checked["photos"]:
        photo["used"] = True  # an upload token is good for one topic
    ctx.state.topics.append(topic)
    return topic["id"]
