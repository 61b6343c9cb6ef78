"""Typed wrappers of the OK methods the composer uses (ok-api.md section 4)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkBadResponse
from okcomposer.api.upload import CancelToken, Progress, UploadFile, multipart_body

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


def commit_photo(client: OkClient, photo_id: str, token: str, comment: str | None = None) -> str:
    """Finish an upload into a user album; returns the photo's permanent id. Never for group topics."""
    method = "photosV2.commit"
    data = _need(
        client.call(method, {"photo_id": photo_id, "token": token, "comment": comment}), dict, method
    )
    for item in _need(data.get("photos") or [], list, method):
        item = _need(item, dict, method)
        if str(item.get("photo_id")) == photo_id and item.get("status") == "SUCCESS":
            return str(item.get("assigned_photo_id") or photo_id)
    raise OkBadResponse(f"photo {photo_id} was not committed", method)


def post_topic(client: OkClient, post: Post) -> str:
    """mediatopic.post; returns the new topic id."""
    method = "mediatopic.post"
    data = client.call(method, post.to_params())
    if isinstance(data, (str, int)) and str(data).strip():
        return str(data)
    raise OkBadResponse("no topic id in the answer", method)


def get_moment_upload_url(client: OkClient) -> UploadSlot:
    method = "moments.getUploadUrl"
    return _slot(client.call(method), method)


def commit_moments(client: OkClient, photos: Sequence[tuple[str, str]]) -> list[str]:
    """moments.commit with [(photo_id, token)]; returns the new Moment ids (parameter names UNCONFIRMED)."""
    method = "moments.commit"
    payload = [{"photo_id": pid, "token": tok} for pid, tok in photos]
    data = client.call(method, {"photos": json.dumps(payload, separators=(",", ":"))})
    if isinstance(data, dict):
        ids = data.get("moment_ids")
        if isinstance(ids, list):
            return [str(i) for i in ids]
        if data.get("success") is True:
            return []
    raise OkBadResponse("moments.commit did not report success", method)


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
