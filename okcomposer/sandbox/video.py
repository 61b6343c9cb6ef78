"""The sandbox's video: video.getUploadUrl, the upload URL's endpoint, video.update."""

from __future__ import annotations

import hashlib
import re
import secrets
from urllib.parse import urlencode

from okcomposer.sandbox.answers import ApiError, Response, json_response
from okcomposer.sandbox.params import Context, api_method
from okcomposer.sandbox.uploads import _parts, find_upload

CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+)")
# video.update's privacy values: UNCONFIRMED, the sandbox takes only these.
VIDEO_PRIVACY = ("PUBLIC", "FRIENDS", "PRIVATE")


def _video_scopes(ctx: Context, why: str) -> None:
    ctx.need_scope("VALUABLE_ACCESS", why)
    ctx.need_scope("VIDEO_CONTENT", why)


@api_method("video.getUploadUrl")
def video_upload_url(ctx: Context) -> dict:
    _video_scopes(ctx, "Uploading a video")
    file_name = ctx.req("file_name")
    file_size = ctx.integer("file_size", None, ctx.limits.video_min_bytes, ctx.limits.video_max_bytes)
    gid = ctx.opt("gid")
    if gid is not None:
        ctx.group(gid)
        ctx.need_scope("GROUP_CONTENT", "Uploading a video for a group")
        ctx.need_member(gid, "Uploading a video for a group")
    ctx.boolean("post_form")
    video_id = ctx.state.numeric_id(14100000000)
    api_token = secrets.token_urlsafe(24)
    now = ctx.state.now_ms()
    ctx.state.upload_urls[api_token] = {
        "kind": "video",
        "uid": ctx.uid,
        "video_id": video_id,
        "expires_ms": now + int(ctx.world.upload_ttl_ms),
    }
    ctx.state.videos.append(
        {
            "video_id": video_id,
            "uid": ctx.uid,
            "gid": gid,
            "file_name": file_name,
            "file_size": file_size,
            "received_bytes": 0,
            "ranges": [],
            "sha256": None,
            "status": "uploading",
            "completed_ms": None,
            "title": None,
            "description": None,
            "privacy": None,
            "created_ms": now,
        }
    )
    query = urlencode({"apiToken": api_token, "videoId": video_id})
    return {"upload_url": f"{ctx.world.base_url}/upload/video?{query}", "video_id": video_id}


@api_method("video.update")
def video_update(ctx: Context) -> bool:
    _video_scopes(ctx, "Updating a video")
    vid = ctx.req("vid")
    video = ctx.state.video(vid)
    if video is None:
        raise ApiError(300, f"video {vid} not found")
    if video["uid"] != ctx.uid:
        raise ApiError(10, f"video {vid} does not belong to the current user")
    title = ctx.req("title")
    privacy = ctx.opt("privacy")
    if privacy is not None and privacy not in VIDEO_PRIVACY:
        raise ApiError(100, f"Invalid parameter privacy: one of {', '.join(VIDEO_PRIVACY)}")
    video["title"] = title
    video["description"] = ctx.opt("description")
    video["privacy"] = privacy
    # OK's answer to video.update is UNCONFIRMED; a JSON true is the least surprising "done".
    return True


def _receive(state, video: dict, start: int, data) -> None:
    """Merge one received byte range into the video; hash it while the bytes arrive in order."""
    end = start + len(data) - 1
    ranges = sorted([*video["ranges"], [start, end]])
    merged: list[list[int]] = []
    for low, high in ranges:
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    video["ranges"] = merged
    video["received_bytes"] = sum(high - low + 1 for low, high in merged)
    digest, hashed = state.video_hashes.get(video["video_id"], (hashlib.sha256(), 0))
    if digest is not None and start == hashed:
        digest.update(data)
        hashed += len(data)
    elif digest is not None and end >= hashed:
        digest = None  # out of order: the content hash is unknown, the ranges still are
    state.video_hashes[video["video_id"]] = (digest, hashed)
    if video["status"] == "uploading" and merged == [[0, video["file_size"] - 1]]:
        video["status"] = "processing"
        video["completed_ms"] = state.now_ms()
        video["sha256"] = digest.hexdigest() if digest is not None and hashed == video["file_size"] else None


def upload_video(world, query: dict[str, str], headers, body: bytes) -> Response:
    state = world.state
    content_range = headers.get("Content-Range")
    with state.lock:
        upload = find_upload(state, query, ("video",))
        video = state.video(upload["video_id"])
        if content_range is not None:
            match = CONTENT_RANGE.fullmatch(content_range.strip())
            if not match:
                raise ApiError(100, f"bad Content-Range {content_range!r}: expected bytes FIRST-LAST/TOTAL")
            first, last, total = (int(g) for g in match.groups())
            if total != video["file_size"] or first > last or last >= total or len(body) != last - first + 1:
                raise ApiError(
                    100, f"Content-Range {content_range!r} does not fit a {video['file_size']}-byte file"
                )
            _receive(state, video, first, memoryview(body))
        else:
            data = [
                p
                for p in _parts(headers.get("Content-Type"), body)
                if p.name == "data" and p.filename is not None
            ]
            if len(data) != 1:
                raise ApiError(100, "the upload needs exactly one file field named data")
            if len(data[0].data) != video["file_size"]:
                raise ApiError(100, f"{len(data[0].data)} bytes sent, file_size was {video['file_size']}")
            _receive(state, video, 0, data[0].data)
        # Resumable uploads: the answer says what has arrived so a client can send the missing ranges.
        return json_response(
            {
                "video_id": video["video_id"],
                "received_bytes": video["received_bytes"],
                "ranges": [list(r) for r in video["ranges"]],
                "complete": video["status"] != "uploading",
            }
        )
