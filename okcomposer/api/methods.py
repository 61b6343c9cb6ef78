"""Typed wrappers of the OK methods the composer uses (docs/ok-api.md, one section per method group)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkBadResponse
from okcomposer.api.upload import Progress, UploadFile, multipart_body

if TYPE_CHECKING:
    from okcomposer.api.topic import Post

GROUP_INFO_FIELDS = "uid,name,description,pic_avatar,members_count"
USER_FIELDS = "uid,name,first_name,last_name,pic50x50,pic128x128,locale"


def _need(data: Any, kind: type, method: str) -> Any:
    if not isinstance(data, kind):
        raise OkBadResponse(f"expected a JSON {kind.__name__}, got {type(data).__name__}", method)
    return data


def _field(data: dict, key: str, method: str) -> Any:
    if key not in data:
        raise OkBadResponse(f"the answer has no {key!r}", method)
    return data[key]


@dataclass(frozen=True)
class User:
    uid: str
    name: str
    first_name: str = ""
    last_name: str = ""
    pic_url: str = ""
    locale: str = ""


def get_current_user(client: OkClient) -> User:
    method = "users.getCurrentUser"
    data = _need(client.call(method, {"fields": USER_FIELDS}), dict, method)
    first, last = str(data.get("first_name") or ""), str(data.get("last_name") or "")
    return User(
        uid=str(_field(data, "uid", method)),
        name=str(data.get("name") or f"{first} {last}".strip()),
        first_name=first,
        last_name=last,
        pic_url=str(data.get("pic128x128") or data.get("pic50x50") or ""),
        locale=str(data.get("locale") or ""),
    )


def get_user_group_ids(client: OkClient, page_size: int = 100, max_pages: int = 1000) -> list[str]:
    """Every group id of the current user, following the anchor through all pages."""
    method = "group.getUserGroupsV2"
    ids: list[str] = []
    anchor: str | None = None
    for _ in range(max_pages):
        params = {"count": page_size, "direction": "FORWARD", "anchor": anchor}
        data = _need(client.call(method, params), dict, method)
        page = data.get("groups") or []
        for item in _need(page, list, method):
            gid = str(_need(item, dict, method).get("groupId", ""))
            if gid and gid not in ids:
                ids.append(gid)
        next_anchor = data.get("anchor")
        if not page or not next_anchor or next_anchor == anchor or data.get("has_more") is False:
            return ids
        anchor = str(next_anchor)
    return ids


@dataclass(frozen=True)
class Group:
    uid: str
    name: str
    pic_url: str = ""
    description: str = ""
    members_count: int | None = None


def get_groups_info(client: OkClient, ids: Sequence[str], chunk: int = 100) -> list[Group]:
    """Group details; OK answers a bare array in one doc version and {"groups": [...]} in another."""
    method = "group.getInfo"
    groups: list[Group] = []
    for start in range(0, len(ids), chunk):
        data = client.call(
            method, {"uids": ",".join(ids[start : start + chunk]), "fields": GROUP_INFO_FIELDS}
        )
        items = data.get("groups") if isinstance(data, dict) else data
        for item in _need(items, list, method):
            item = _need(item, dict, method)
            count = item.get("members_count")
            groups.append(
                Group(
                    uid=str(_field(item, "uid", method)),
                    name=str(item.get("name") or ""),
                    pic_url=str(item.get("pic_avatar") or item.get("picAvatar") or ""),
                    description=str(item.get("description") or ""),
                    members_count=int(count)
                    if isinstance(count, (int, str)) and str(count).isdigit()
                    else None,
                )
            )
    return groups


POSTING_STATUSES = frozenset({"ADMIN", "MODERATOR"})
POSTING_ROLES = frozenset({"EDITOR", "MODERATOR", "SUPER_MODERATOR"})


@dataclass(frozen=True)
class Membership:
    group_id: str
    uid: str
    status: str
    role: str = ""

    @property
    def can_post_as_group(self) -> bool:
        """Admins, moderators and editors publish topics (also on behalf of the group)."""
        return self.status in POSTING_STATUSES or self.role in POSTING_ROLES

    @property
    def can_suggest(self) -> bool:
        return self.can_post_as_group or self.status == "ACTIVE"


def get_memberships(client: OkClient, group_id: str, uids: Iterable[str]) -> list[Membership]:
    method = "group.getUserGroupsByIds"
    data = client.call(method, {"group_id": group_id, "uids": ",".join(uids)})
    items = data.get("groups", data.get("users")) if isinstance(data, dict) else data
    result = []
    for item in _need(items, list, method):
        item = _need(item, dict, method)
        result.append(
            Membership(
                group_id=str(item.get("group_id") or group_id),
                uid=str(_field(item, "uid", method)),
                status=str(item.get("status") or "").upper(),
                role=str(item.get("role") or "").upper(),
            )
        )
    return result


@dataclass(frozen=True)
class UploadSlot:
    """Where and until when files may be uploaded, and the ids they will get."""

    upload_url: str
    photo_ids: tuple[str, ...]
    expires_ms: int | None
    ttl_ms: int | None

    def expired(self, now_ms: int, margin_ms: int = 60_000) -> bool:
        return self.expires_ms is not None and now_ms + margin_ms >= self.expires_ms


def _slot(data: Any, method: str) -> UploadSlot:
    data = _need(data, dict, method)
    ids = data.get("photo_ids") or []
    expires, ttl = data.get("expires_ms"), data.get("ttl_ms")
    return UploadSlot(
        upload_url=str(_field(data, "upload_url", method)),
        photo_ids=tuple(str(i) for i in _need(ids, list, method)),
        expires_ms=int(expires) if expires is not None else None,
        ttl_ms=int(ttl) if ttl is not None else None,
    )


def get_photo_upload_url(
    client: OkClient, sizes: Sequence[int], gid: str | None = None, aid: str | None = None
) -> UploadSlot:
    """One upload URL for len(sizes) photos; `sizes` lets OK refuse oversized files before the upload."""
    method = "photosV2.getUploadUrl"
    params = {"count": len(sizes), "sizes": ",".join(str(s) for s in sizes), "gid": gid, "aid": aid}
    slot = _slot(client.call(method, params), method)
    if len(slot.photo_ids) != len(sizes):
        raise OkBadResponse(f"asked for {len(sizes)} photo ids, got {len(slot.photo_ids)}", method)
    return slot


def upload_photos(
    client: OkClient,
    slot: UploadSlot,
    files: Sequence[UploadFile],
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    what: str = "upload.photo",
) -> dict[str, str]:
    """Send the files as pic1..N to the slot's URL; returns {photo_id: upload token}."""
    body, content_type, handles = multipart_body(files, progress, cancel)
    try:
        data = client.upload(slot.upload_url, body, content_type, what)
    finally:
        for h in handles:
            h.close()
    photos = _need(_field(_need(data, dict, what), "photos", what), dict, what)
    tokens: dict[str, str] = {}
    for photo_id, item in photos.items():
        tokens[str(photo_id)] = str(_field(_need(item, dict, what), "token", what))
    return tokens


def post_topic(client: OkClient, post: Post) -> str:
    """mediatopic.post; returns the new topic id."""
    method = "mediatopic.post"
    data = client.call(method, post.to_params())
    if isinstance(data, (str, int)) and str(data).strip():
        return str(data)
    raise OkBadResponse("no topic id in the answer", method)


def get_moment_upload_url(client: OkClient) -> UploadSlot:
    """moments.getUploadUrl with type=PHOTO (as the one public client sends it): one upload URL and id.

    Answers like photosV2.getUploadUrl (docs/ok-api.md "Moments"). Raises OkApiError, OkBadResponse.
    """
    method = "moments.getUploadUrl"
    return _slot(client.call(method, {"type": "PHOTO"}), method)


@dataclass(frozen=True)
class MomentsAnswer:
    """What moments.commit answered; its shape is undocumented (docs/ok-api.md "Moments").

    `done`: the answer was truthy, so OK created the Moments. `understood`: it had a shape we know
    (`true`, `{"success": true}`, `{"moment_ids": [...]}`); `ids` are the Moment ids when it gave them.
    `answer` is a short excerpt of it for the user when it was not understood or not done.
    """

    done: bool
    understood: bool
    ids: tuple[str, ...] = ()
    answer: str = ""


def _excerpt(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def _truth(value: Any) -> bool | None:
    """True/False for OK's booleans (JSON or the strings "true"/"false"), None for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def read_moments_answer(data: Any) -> MomentsAnswer:
    """Sort any moments.commit answer into done / not done, understood or not (never raises).

    Falsy (`false`, `null`, 0, "", {}, [], `{"success": false}`) is not done: OK may still have acted,
    so the caller must not say "failed" (nor send again). Anything else truthy is done.
    """
    if isinstance(data, dict):
        success = _truth(data.get("success"))
        ids = data.get("moment_ids")
        if success is False or not data:
            return MomentsAnswer(done=False, understood=success is False, answer=_excerpt(data))
        if isinstance(ids, list) and all(isinstance(i, (str, int)) for i in ids):
            return MomentsAnswer(done=True, understood=True, ids=tuple(str(i) for i in ids))
        if success is True:
            return MomentsAnswer(done=True, understood=True)
        return MomentsAnswer(done=True, understood=False, answer=_excerpt(data))
    truth = _truth(data)
    if truth is not None:  # a bare true or false
        return MomentsAnswer(done=truth, understood=True, answer="" if truth else _excerpt(data))
    if not data:
        return MomentsAnswer(done=False, understood=False, answer=_excerpt(data))
    return MomentsAnswer(done=True, understood=False, answer=_excerpt(data))


def commit_moments(client: OkClient, photos: Sequence[tuple[str, str]]) -> MomentsAnswer:
    """moments.commit with photos=[{"photo_id", "token"}] as JSON, one item per (photo_id, token).

    Any truthy answer is success, whatever its shape; a falsy or non-JSON (e.g. empty) body comes back
    as not done (docs/ok-api.md "Moments"). Raises OkApiError when OK refuses (error JSON), OkError
    for a lost answer.
    """
    method = "moments.commit"
    payload = [{"photo_id": pid, "token": tok} for pid, tok in photos]
    try:
        data = client.call(method, {"photos": json.dumps(payload, separators=(",", ":"))})
    except OkBadResponse as exc:  # HTTP 200 but not JSON: OK may have acted all the same
        return MomentsAnswer(done=False, understood=False, answer=str(exc))
    return read_moments_answer(data)


@dataclass(frozen=True)
class TopicSummary:
    id: str
    created_ms: int
    media: list


def get_topics(
    client: OkClient, gid: str | None = None, count: int = 20, timeout: tuple[float, float] | None = None
) -> list[TopicSummary]:
    """The latest topics of a group (gid) or of the user, newest first (mediatopic.getTopics).

    `timeout` (connect, read seconds) overrides the client's for this call.
    """
    method = "mediatopic.getTopics"
    data = _need(client.call(method, {"gid": gid, "count": count}, timeout=timeout), dict, method)
    topics = []
    for item in _need(data.get("media_topics") or [], list, method):
        item = _need(item, dict, method)
        media = item.get("media")
        topics.append(
            TopicSummary(
                id=str(_field(item, "id", method)),
                created_ms=int(item.get("created_ms") or 0),
                media=media if isinstance(media, list) else [],
            )
        )
    return topics
