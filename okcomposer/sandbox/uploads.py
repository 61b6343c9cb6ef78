"""The endpoints upload URLs point at: photos (pic1..picN) and videos (multipart or Content-Range)."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from okcomposer.sandbox.answers import ApiError, Response, json_response
from okcomposer.sandbox.images import check_image
from okcomposer.sandbox.multipart import NotMultipart, boundary_of, parse
from okcomposer.sandbox.state import random_token

PIC_FIELD = re.compile(r"pic([1-9][0-9]*)")
CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+)")


def find_upload(state, query: dict[str, str], kinds: tuple[str, ...]) -> dict:
    """The upload URL record behind apiToken, refusing unknown, altered and expired URLs."""
    upload = state.upload_urls.get(query.get("apiToken", ""))
    if upload is None or upload["kind"] not in kinds:
        raise ApiError(100, "Invalid parameter apiToken: unknown upload_url")
    if "photo_ids" in upload and query.get("photoIds") != ",".join(upload["photo_ids"]):
        raise ApiError(100, "Invalid parameter photoIds: the upload_url was altered")
    if "video_id" in upload and query.get("videoId") != upload["video_id"]:
        raise ApiError(100, "Invalid parameter videoId: the upload_url was altered")
    if state.now_ms() >= upload["expires_ms"]:
        # OK's exact answer for an expired upload URL is UNCONFIRMED; a PARAM error is the plausible one.
        raise ApiError(100, "upload_url expired")
    return upload


def _parts(content_type: str | None, body: bytes):
    boundary = boundary_of(content_type)
    if boundary is None:
        raise ApiError(21, "the upload must be multipart/form-data")
    try:
        return parse(body, boundary)
    except NotMultipart as exc:
        raise ApiError(21, f"malformed multipart body: {exc}") from None


def upload_photo(world, query: dict[str, str], content_type: str | None, body: bytes) -> Response:
    state = world.state
    with state.lock:
        upload = find_upload(state, query, ("photo", "moment"))
        ids = list(upload["photo_ids"])
    files: dict[int, Any] = {}
    for part in _parts(content_type, body):
        match = PIC_FIELD.fullmatch(part.name or "")
        if not match or part.filename is None:
            continue  # only file fields pic1..picN carry pictures
        index = int(match.group(1))
        if index in files:
            raise ApiError(100, f"field pic{index} appears twice")
        if index > len(ids):
            raise ApiError(100, f"field pic{index} but the upload_url has {len(ids)} photo id(s)")
        files[index] = part
    if not files:
        raise ApiError(505, "no image in the request (file fields pic1..picN)")
    # Decoding happens outside the lock: a 50 MB image must not stall other calls.
    checked = [
        (ids[i - 1], part, check_image(part.data, world.limits, part.content_type))
        for i, part in sorted(files.items())
    ]
    answer = {}
    with state.lock:
        upload = find_upload(state, query, ("photo", "moment"))
        if any(photo_id in upload["uploaded"] for photo_id, _, _ in checked):
            raise ApiError(100, "a photo id of this upload_url was already uploaded; get a new upload_url")
        for photo_id, part, (name, width, height) in checked:
            token = random_token(72)
            upload["uploaded"].add(photo_id)
            state.photos.append(
                {
                    "photo_id": photo_id,
                    "token": token,
                    "kind": upload["kind"],
                    "uid": upload["uid"],
                    "gid": upload["gid"],
                    "aid": upload["aid"],
                    "bytes": len(part.data),
                    "sha256": hashlib.sha256(part.data).hexdigest(),
                    "width": width,
                    "height": height,
                    "format": name,
                    "committed": False,
                    "assigned_photo_id": None,
                    "comment": None,
                    "used": False,
                    "created_ms": state.now_ms(),
                }
            )
            answer[photo_id] = {"token": token}
    return json_response({"photos": answer})


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
