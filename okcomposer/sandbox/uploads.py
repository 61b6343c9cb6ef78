"""The endpoint photo upload URLs point at (pic1..picN); the video one is in video.py."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from okcomposer.sandbox.answers import ApiError, Response, json_response
from okcomposer.sandbox.images import check_image
from okcomposer.sandbox.multipart import NotMultipart, boundary_of, parse
from okcomposer.sandbox.state import random_token

PIC_FIELD = re.compile(r"pic([1-9][0-9]*)")


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
