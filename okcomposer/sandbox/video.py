"""The sandbox's video (docs/ok-api.md "Video"): video.getUploadUrl, the upload URL (one multipart POST with
the file in `data`, or raw Content-Range chunks, and a GET that reports the progress), video.update.

What OK does not document, the sandbox picks, UNCONFIRMED: an upload answers HTTP 200 with an empty body; the
GET status is JSON {"status": "UPLOADING" | "COMPLETED", "total_size", "last_byte_received"}; a chunk that
does not fit the file answers HTTP 416 with the word REQUESTED_RANGE_NOT_SATISFIABLE; video.update takes any
privacy word (OK documents PUBLIC and FRIENDS; what it does with others is unknown, so the sandbox is not
stricter).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from urllib.parse import urlencode

from okcomposer.sandbox.answers import ApiError, Response, error_response, json_response
from okcomposer.sandbox.multipart import boundary_of
from okcomposer.sandbox.params import Context, api_method
from okcomposer.sandbox.uploads import _parts, find_upload

CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+)")
DOCUMENTED_PRIVACY = ("PUBLIC", "FRIENDS")
EMPTY = Response(status=200, body=b"")


def _video_scopes(ctx: Context, why: str) -> None:
    ctx.need_scope("VALUABLE_ACCESS", why)
    ctx.need_scope("VIDEO_CONTENT", why)


@api_method("video.getUploadUrl")
def video_upload_url(ctx: Context) -> dict:
    """file_name, file_size (bytes; 0: not known yet), gid?, post_form? -> {upload_url, video_id}."""
    _video_scopes(ctx, "Uploading a video")
    file_name = ctx.req("file_name")
    limits = ctx.limits
    file_size = ctx.integer("file_size", None, 0, limits.video_max_bytes)
    if 0 < file_size < limits.video_min_bytes:
        raise ApiError(100, f"Invalid parameter file_size: {file_size} is below {limits.video_min_bytes}")
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
            "file_size": file_size or None,  # None: the upload tells
            "received_bytes": 0,
            "received_ranges": [],
            "sha256": None,
            "status": "uploading",
            "completed_ms": None,
            "title": None,
            "description": None,
            "tags": None,
            "privacy": None,
            "created_ms": now,
        }
    )
    query = urlencode({"apiToken": api_token, "videoId": video_id})
    return {"upload_url": f"{ctx.world.base_url}/upload/video?{query}", "video_id": video_id}


@api_method("video.update")
def video_update(ctx: Context) -> Response:
    """vid, title?, description?, tags?, privacy? -> an empty body, as OK answers on success."""
    _video_scopes(ctx, "Updating a video")
    vid = ctx.req("vid")
    video = ctx.state.video(vid)
    if video is None:
        raise ApiError(300, f"video {vid} not found")
    if video["uid"] != ctx.uid:
        raise ApiError(10, f"video {vid} does not belong to the current user")
    for name in ("title", "description", "tags", "privacy"):
        value = ctx.opt(name)
        if value is not None:
            video[name] = value
    return EMPTY


def _range_refused() -> Response:
    return Response(status=416, body=b"REQUESTED_RANGE_NOT_SATISFIABLE", content_type="text/plain")


def _receive(state, video: dict, start: int, data, whole: bool) -> None:
    """Merge received bytes into the video; hash them while they arrive in order. `whole` starts afresh."""
    if whole:
        video["received_ranges"] = []
        state.video_hashes.pop(video["video_id"], None)
    end = start + len(data) - 1
    merged: list[list[int]] = []
    for low, high in sorted([*video["received_ranges"], [start, end]]):
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    video["received_ranges"] = merged
    video["received_bytes"] = sum(high - low + 1 for low, high in merged)
    digest, hashed = state.video_hashes.get(video["video_id"], (hashlib.sha256(), 0))
    if digest is not None and start == hashed:
        digest.update(data)
        hashed += len(data)
    elif digest is not None and end >= hashed:
        digest = None  # out of order: the content hash is unknown, the received bytes still are
    state.video_hashes[video["video_id"]] = (digest, hashed)
    if video["status"] == "uploading" and merged == [[0, video["file_size"] - 1]]:
        video["status"] = "processing"
        video["completed_ms"] = state.now_ms()
        video["sha256"] = digest.hexdigest() if digest is not None and hashed == video["file_size"] else None


def _fits(world, video: dict, size: int) -> bool:
    """A size the video may have: the one given to video.getUploadUrl, or any within the limits."""
    if video["file_size"] is not None:
        return size == video["file_size"]
    return world.limits.video_min_bytes <= size <= world.limits.video_max_bytes


def upload_video(world, query: dict[str, str], headers, body: bytes) -> Response:
    """POST on the upload URL: multipart/form-data with the file in `data`, or raw bytes + Content-Range."""
    state = world.state
    content_type = headers.get("Content-Type")
    content_range = headers.get("Content-Range")
    with state.lock:
        upload = find_upload(state, query, ("video",))
        video = state.video(upload["video_id"])
        if boundary_of(content_type) is not None or content_range is None:
            files = [p for p in _parts(content_type, body) if p.name == "data" and p.filename is not None]
            if len(files) != 1:
                raise ApiError(100, "the upload needs exactly one file field named data")
            if not _fits(world, video, len(files[0].data)):
                raise ApiError(100, f"{len(files[0].data)} bytes sent, file_size was {video['file_size']}")
            video["file_size"] = len(files[0].data)
            _receive(state, video, 0, files[0].data, whole=True)
            return EMPTY
        match = CONTENT_RANGE.fullmatch(content_range.strip())
        if not match:
            return _range_refused()
        first, last, total = (int(g) for g in match.groups())
        if not _fits(world, video, total) or first > last or last >= total or len(body) != last - first + 1:
            return _range_refused()
        video["file_size"] = total
        _receive(state, video, first, memoryview(body), whole=False)
        return EMPTY


def upload_status(world, query: dict[str, str]) -> Response:
    """GET on the upload URL: the status word, the total size and the last byte of what arrived from 0."""
    state = world.state
    with state.lock:
        try:
            upload = find_upload(state, query, ("video",))
        except ApiError as error:
            return error_response(error)
        video = state.video(upload["video_id"])
        ranges = video["received_ranges"]
        last = ranges[0][1] if ranges and ranges[0][0] == 0 else -1
        return json_response(
            {
                "status": "UPLOADING" if video["status"] == "uploading" else "COMPLETED",
                "total_size": video["file_size"] or 0,
                "last_byte_received": last,
            }
        )
