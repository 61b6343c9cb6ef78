"""fb.do handlers for photo uploads: photosV2 and moments (upload URLs, commits); video is in video.py."""

from __future__ import annotations

import json
import secrets
from urllib.parse import urlencode

from okcomposer.sandbox import demo
from okcomposer.sandbox.answers import ApiError
from okcomposer.sandbox.params import Context, api_method
from okcomposer.sandbox.state import random_token


def _upload_url(ctx: Context, kind: str, count: int, gid: str | None, aid: str | None) -> dict:
    now, ttl = ctx.state.now_ms(), int(ctx.world.upload_ttl_ms)
    ids = [random_token(40) for _ in range(count)]
    api_token = secrets.token_urlsafe(24)
    ctx.state.upload_urls[api_token] = {
        "kind": kind,
        "uid": ctx.uid,
        "gid": gid,
        "aid": aid,
        "photo_ids": ids,
        "expires_ms": now + ttl,
        "uploaded": set(),
    }
    query = urlencode({"apiToken": api_token, "photoIds": ",".join(ids)})
    return {
        "upload_url": f"{ctx.world.base_url}/upload/photo?{query}",
        "photo_ids": ids,
        "expires_ms": now + ttl,
        "ttl_ms": ttl,
    }


@api_method("photosV2.getUploadUrl")
def photo_upload_url(ctx: Context) -> dict:
    ctx.need_scope("PHOTO_CONTENT", "Uploading photos")
    count = ctx.integer("count", 1, 1, ctx.limits.photos_per_upload_url)
    gid, aid = ctx.opt("gid"), ctx.opt("aid")
    if gid is not None:
        ctx.group(gid)
        ctx.need_scope("GROUP_CONTENT", "Uploading photos for a group")
        ctx.need_member(gid, "Uploading photos for a group")
        if aid is not None:
            raise ApiError(513, f"album {aid} does not belong to group {gid}")
    elif aid is not None:
        if aid not in demo.ALBUMS:
            raise ApiError(120, f"album {aid} not found")
        if demo.ALBUMS[aid] != ctx.uid:
            raise ApiError(512, f"album {aid} does not belong to the current user")
    sizes = ctx.opt("sizes")
    if sizes is not None:
        # One size per file, or just the largest (docs/ok-api.md, "Photos"); absent or empty is fine too.
        values = sizes.split(",")
        if len(values) not in (1, count) or not all(v.isascii() and v.isdigit() for v in values):
            raise ApiError(100, f"Invalid parameter sizes: {count} comma-separated byte counts, or 1")
        biggest = max(int(v) for v in values)
        if biggest > ctx.limits.photo_max_bytes:
            raise ApiError(500, f"{biggest} bytes, at most {ctx.limits.photo_max_bytes} are allowed")
    return _upload_url(ctx, "photo", count, gid, aid)


@api_method("photosV2.commit")
def photo_commit(ctx: Context) -> dict:
    """A real OK method that saves an upload into a user album; posts never need it (docs/ok-api.md
    "Photos": a new photo goes into any topic by its token), and a committed photo is reshared by photoId."""
    ctx.need_scope("PHOTO_CONTENT", "Committing photos")
    photo_id, token = ctx.req("photo_id"), ctx.req("token")
    photo = ctx.state.photo_by_id(photo_id)
    if photo is None or photo["uid"] != ctx.uid or photo["kind"] != "photo":
        raise ApiError(121, f"photo {photo_id} is not an upload of this user")
    if photo["token"] != token:
        raise ApiError(100, f"Invalid parameter token: it does not belong to photo {photo_id}")
    if photo["gid"] is not None:
        # docs/ok-api.md "Photos": photos of a group topic go into the attachment uncommitted.
        raise ApiError(
            100, f"photo {photo_id} was uploaded for group {photo['gid']}; do not commit group photos"
        )
    if photo["committed"] or photo["used"]:
        raise ApiError(100, f"photo {photo_id} was already committed or used")
    photo["committed"] = True
    photo["assigned_photo_id"] = ctx.state.numeric_id(940000000000)
    photo["comment"] = ctx.opt("comment")
    return {
        "photos": [
            {"photo_id": photo_id, "status": "SUCCESS", "assigned_photo_id": photo["assigned_photo_id"]}
        ]
    }


@api_method("moments.getUploadUrl")
def moment_upload_url(ctx: Context) -> dict:
    ctx.need_scope("PHOTO_CONTENT", "Uploading a Moment")
    # The one public client sends type=PHOTO; whether OK needs it, and what else it takes, is UNCONFIRMED:
    # the sandbox takes it or nothing (it has no other kind of Moment upload).
    kind = ctx.opt("type")
    if kind is not None and kind != "PHOTO":
        raise ApiError(100, f"Invalid parameter type: the sandbox makes PHOTO Moments only, not {kind!r}")
    return _upload_url(ctx, "moment", 1, None, None)


def _moment_photos(ctx: Context) -> list[dict]:
    try:
        items = json.loads(ctx.req("photos"))
    except ValueError:
        raise ApiError(100, "Invalid parameter photos: not valid JSON") from None
    if not isinstance(items, list) or not items:
        raise ApiError(100, 'Invalid parameter photos: a non-empty list of {"photo_id", "token"}')
    photos: list[dict] = []
    for item in items:
        if not isinstance(item, dict) or set(item) != {"photo_id", "token"}:
            raise ApiError(100, 'Invalid parameter photos: each item must be {"photo_id", "token"}')
        photo = ctx.state.photo_by_id(item["photo_id"]) if isinstance(item["photo_id"], str) else None
        if photo is None or photo["uid"] != ctx.uid or photo["kind"] != "moment":
            raise ApiError(
                100, f"Invalid parameter photos: {item['photo_id']!r} is not a Moment upload of this user"
            )
        if photo["token"] != item["token"]:
            raise ApiError(100, f"Invalid parameter photos: wrong token for {item['photo_id']}")
        if photo["used"] or photo in photos:
            raise ApiError(100, f"Invalid parameter photos: the token of {item['photo_id']} was already used")
        photos.append(photo)
    return photos


@api_method("moments.commit")
def moment_commit(ctx: Context) -> dict:
    ctx.need_scope("PHOTO_CONTENT", "Creating a Moment")
    ids = []
    for photo in _moment_photos(ctx):  # every item is checked before anything is stored
        photo["used"] = True
        moment = {
            "id": ctx.state.numeric_id(960000000000),
            "uid": ctx.uid,
            "photo_id": photo["photo_id"],
            "width": photo["width"],
            "height": photo["height"],
            "format": photo["format"],
            "bytes": photo["bytes"],
            "created_ms": ctx.state.now_ms(),
        }
        ctx.state.moments.append(moment)
        ids.append(moment["id"])
    # OK's answer is undocumented (UNCONFIRMED): clients rely only on it being truthy (docs/ok-api.md
    # "Moments"); tests make it `true` or any other shape with an answer_after fault.
    return {"success": True, "moment_ids": ids}
