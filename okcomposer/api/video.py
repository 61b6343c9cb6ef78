"""OK's video upload as documented (docs/ok-api.md "Video"): video.getUploadUrl, then one multipart POST with
the file in the field `data`, or resumable `Content-Range` chunks whose progress a GET on the upload URL
reports; video.update names it (an empty answer is success); video.get(fields=video.status) follows the
processing.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkBadResponse, OkCancelled, OkError, OkHttpError, OkNetworkError
from okcomposer.api.upload import Progress, UploadFile, multipart_body, text_name

log = logging.getLogger(__name__)

CHUNK_SIZE = 8 * 1024 * 1024
WHAT = "upload.video"
STATUS_FIELDS = "video.status"
# video.get's status words (docs/ok-api.md "Video"): these two mean "still working"; the failure words are
# the plausible ones (UNCONFIRMED). Any other word means done: OK never documented the word for it.
WORKING_STATUSES = frozenset({"PROCESSING", "UPLOADING"})
FAILED_STATUSES = frozenset(
    {"ERROR", "FAILED", "FAIL", "REJECTED", "BLOCKED", "CENSORED", "DELETED", "BANNED", "CORRUPTED"}
)
# Plausible words for "done": done without a note to the user. Any other unknown word is done too, but said.
DONE_STATUSES = frozenset({"OK", "READY", "ONLINE", "PUBLISHED", "COMPLETED", "DONE", "SUCCESS", "ACTIVE"})
# Status words of the upload URL itself that say a chunk or the upload went wrong (docs/ok-api.md "Video").
UPLOAD_ERROR_STATUSES = frozenset({"REQUESTED_RANGE_NOT_SATISFIABLE", "INTERNAL_SERVER_ERROR", "ERROR"})


@dataclass(frozen=True)
class VideoSlot:
    """Where one video is uploaded, and the id it has on OK from the start."""

    upload_url: str
    video_id: str


def get_video_upload_url(
    client: OkClient, file_name: str, file_size: int, gid: str | None = None, post_form: bool = True
) -> VideoSlot:
    """video.getUploadUrl -> {upload_url, video_id}; `file_size` in bytes (0 is allowed: unknown).

    `file_name` is sent as valid text (non-UTF-8 bytes of a file name become U+FFFD): a signed parameter
    must be UTF-8.
    """
    method = "video.getUploadUrl"
    params = {"file_name": text_name(file_name), "file_size": file_size, "gid": gid, "post_form": post_form}
    data = client.call(method, params)
    if not isinstance(data, dict) or "upload_url" not in data or "video_id" not in data:
        raise OkBadResponse("expected {upload_url, video_id}", method)
    return VideoSlot(str(data["upload_url"]), str(data["video_id"]))


def _check_upload_answer(data: Any) -> None:
    """An upload answer's body is undocumented: anything is success unless it names an upload error."""
    status = data.get("status") if isinstance(data, dict) else None
    if isinstance(status, str) and status.strip().upper() in UPLOAD_ERROR_STATUSES:
        raise OkBadResponse(f"the upload server answered {status.strip().upper()}", WHAT)


def _abort_on_cancel(client: OkClient, cancel: CancelToken | None) -> Callable[[], None]:
    """Cancel breaks the request in flight at once (an upload is always safe to abandon)."""
    return cancel.on_cancel(client.abort) if cancel is not None else (lambda: None)


def upload_video(
    client: OkClient,
    slot: VideoSlot,
    file: UploadFile,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> None:
    """Send the whole video in one multipart/form-data POST, the file in the field `data` (file.field).

    Any HTTP 200 answer is success, empty or not (OK documents no body). Raises OkCancelled, OkHttpError,
    OkNetworkError/OkTimeout/OkNotSent, OkApiError (an error JSON), OkBadResponse (an upload error word).
    """
    body, content_type, handles = multipart_body([file], progress, cancel)
    forget = _abort_on_cancel(client, cancel)
    try:
        data = client.upload(slot.upload_url, body, content_type, WHAT, any_body=True)
    except OkError:
        if cancel is not None and cancel.cancelled:
            raise OkCancelled("cancelled") from None
        raise
    finally:
        forget()
        for h in handles:
            h.close()
    _check_upload_answer(data)


@dataclass(frozen=True)
class UploadStatus:
    """What a GET on the upload URL said: its status word, the total size and the last byte received.

    The format of that answer is UNCONFIRMED: None for what could not be read.
    """

    status: str | None
    total: int | None
    last_byte: int | None

    def next_offset(self, size: int) -> int | None:
        """Where to go on for a file of `size` bytes, or None when this status cannot tell."""
        if self.total not in (None, size) or self.last_byte is None or not -1 <= self.last_byte < size:
            return None
        return self.last_byte + 1


_LAST_KEYS = ("lastbyte", "lastbytereceived", "lastreceivedbyte", "last")
_COUNT_KEYS = ("received", "receivedbytes", "bytesreceived", "uploaded", "uploadedbytes", "offset")
_TOTAL_KEYS = ("total", "totalsize", "size", "filesize", "length", "contentlength")
_RANGE = re.compile(r"(?:bytes[ =])?(\d+)-(\d+)(?:/(\d+|\*))?")
_NUMBER = re.compile(r"-?\d+")


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _fields(text: str) -> dict[str, str]:
    """The flat fields of a JSON object, or the key=value / key: value pairs of a text; keys simplified."""
    try:
        data = json.loads(text) if text.strip() else None
    except ValueError:
        data = None
    if isinstance(data, dict):
        return {_key(str(k)): str(v).strip() for k, v in data.items() if isinstance(v, (str, int, float))}
    found = {}
    for part in re.split(r"[\n&;,]", text):
        key, sep, value = part.partition("=") if "=" in part else part.partition(":")
        if sep:
            found[_key(key)] = value.strip()
    return found


def parse_upload_status(response: requests.Response) -> UploadStatus:
    """Read a GET status answer of any plausible shape: JSON or key=value text with a status word, a total
    size and the last byte (or a count of bytes) received, or a Range / Content-Range header."""
    pairs = _fields(response.text or "")

    def number(keys: tuple[str, ...]) -> int | None:
        for key in keys:
            match = _NUMBER.fullmatch(pairs.get(key, ""))
            if match:
                return int(match.group())
        return None

    status = pairs.get("status") or pairs.get("state")
    total, last = number(_TOTAL_KEYS), number(_LAST_KEYS)
    if last is None and (count := number(_COUNT_KEYS)) is not None:
        last = count - 1
    for header in ("Range", "Content-Range"):
        match = _RANGE.fullmatch((response.headers.get(header) or "").strip())
        if last is None and match and match.group(1) == "0":
            last = int(match.group(2))
            total = total if total is not None or match.group(3) in (None, "*") else int(match.group(3))
    return UploadStatus(status.strip().upper() if status else None, total, last)


def upload_status(client: OkClient, slot: VideoSlot) -> UploadStatus | None:
    """GET the upload URL: how much of the file OK holds. None when the answer says nothing readable."""
    url = client.check_upload_url(slot.upload_url)
    response = client.request("GET", url, WHAT)
    if response.status_code != 200:
        raise OkHttpError(response.status_code, WHAT)
    found = parse_upload_status(response)
    return None if found == UploadStatus(None, None, None) else found


def send_chunk(client: OkClient, slot: VideoSlot, path: Path, start: int, end: int, total: int) -> None:
    """POST bytes start..end (inclusive) of the file, raw, with `Content-Range: bytes start-end/total`."""
    with path.open("rb") as f:
        f.seek(start)
        data = f.read(end - start + 1)
    if len(data) != end - start + 1:
        raise OkError(f"{path.name} changed while it was being uploaded; add the video again")
    headers = {"Content-Range": f"bytes {start}-{end}/{total}"}
    _check_upload_answer(
        client.upload(slot.upload_url, data, "application/octet-stream", WHAT, headers, any_body=True)
    )


def network_only(exc: BaseException) -> bool:
    """The default retry test: a lost connection or a 5xx page (a chunk can always be sent again)."""
    return isinstance(exc, OkNetworkError) or (isinstance(exc, OkHttpError) and exc.status >= 500)


class ResumeUnknown(OkError):
    """The upload URL's status could not say where to go on: start a fresh upload instead."""


def _where_now(client: OkClient, slot: VideoSlot, size: int) -> int | None:
    """The next byte to send according to the GET status, or None when it cannot tell (or fails)."""
    try:
        status = upload_status(client, slot)
    except OkError as exc:
        log.info("the upload status could not be read (%s)", exc)
        return None
    if status is not None and status.status in UPLOAD_ERROR_STATUSES:
        log.info("the upload status says %s", status.status)
        return None
    offset = status.next_offset(size) if status is not None else None
    if offset is None:
        log.info("the upload status did not say where to go on: %s", status)
    return offset


def upload_resumable(
    client: OkClient,
    slot: VideoSlot,
    path: Path,
    *,
    chunk_size: int = CHUNK_SIZE,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    resume: bool = False,
    attempts: int = 5,
    should_retry: Callable[[BaseException], bool] = network_only,
    pause: Callable[[int, BaseException], None] | None = None,
) -> None:
    """Send the file in `Content-Range` chunks of raw bytes (each answer may be anything, or empty).

    After a failed chunk, the GET status tells where to go on; when it cannot tell, the same chunk goes
    again (the bytes are the same; OK taking a range twice is UNCONFIRMED). With `resume` (an upload begun
    earlier), the GET status is asked first, and ResumeUnknown is raised when it cannot tell where to go on,
    so the caller can start a fresh upload. Raises OkCancelled, and the last error after `attempts`.
    """
    total = path.stat().st_size
    chunk_size = max(1, chunk_size)
    forget = _abort_on_cancel(client, cancel)
    try:
        offset = 0
        if resume:
            found = _where_now(client, slot, total)
            if found is None:
                raise ResumeUnknown("the upload URL did not say how much of the video it holds")
            offset = found
        failures = 0
        while offset < total:
            if cancel is not None:
                cancel.raise_if_cancelled()
            end = min(total, offset + chunk_size) - 1
            try:
                send_chunk(client, slot, path, offset, end, total)
            except OkError as exc:
                if cancel is not None and cancel.cancelled:
                    raise OkCancelled("cancelled") from None
                failures += 1
                if failures >= attempts or not should_retry(exc):
                    raise
                if pause is not None:
                    pause(failures - 1, exc)
                found = _where_now(client, slot, total)
                offset = offset if found is None else found
                continue
            failures, offset = 0, end + 1
            if progress is not None:
                progress(offset, total)
    finally:
        forget()


@dataclass(frozen=True)
class VideoInfo:
    """One video of a video.get answer; `status` as OK sent it, upper-cased ("" when absent)."""

    id: str
    status: str

    @property
    def working(self) -> bool:
        return self.status in WORKING_STATUSES

    @property
    def failed(self) -> bool:
        return self.status in FAILED_STATUSES

    @property
    def ready(self) -> bool:
        """Done: any status that is neither a known in-progress nor a known failure word."""
        return not self.working and not self.failed

    @property
    def known(self) -> bool:
        """False for a word none of our lists name (it counts as done; the user is told the word)."""
        return self.working or self.failed or self.status in DONE_STATUSES


def get_videos(client: OkClient, video_ids: Iterable[str]) -> dict[str, VideoInfo]:
    """video.get(vids, fields=video.status) -> {"videos": [{"id", "status", ...}]} (a bare list also read).

    Returns {video id: VideoInfo}; ids OK leaves out are missing. Raises OkBadResponse for other shapes.
    """
    method = "video.get"
    data = client.call(method, {"vids": ",".join(video_ids), "fields": STATUS_FIELDS})
    items = data.get("videos") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise OkBadResponse("expected a list of videos", method)
    found: dict[str, VideoInfo] = {}
    for item in items:
        if isinstance(item, dict) and item.get("id") is not None:
            vid = str(item["id"])
            found[vid] = VideoInfo(vid, str(item.get("status") or "").strip().upper())
    return found


PRIVACY_VALUES = ("PUBLIC", "FRIENDS")


def update_video(
    client: OkClient,
    video_id: str,
    title: str | None = None,
    description: str | None = None,
    privacy: str | None = None,
    tags: str | None = None,
) -> None:
    """video.update(vid, title?, description?, tags?, privacy?) finishes an upload.

    OK answers an empty body on success (docs/ok-api.md "Video"); an error JSON raises OkApiError. `privacy`
    is one of PRIVACY_VALUES (the documented ones) or None; ValueError for another.
    """
    if privacy is not None and privacy not in PRIVACY_VALUES:
        raise ValueError(f"privacy must be one of {', '.join(PRIVACY_VALUES)}")
    params = {"vid": video_id, "title": title, "description": description, "tags": tags, "privacy": privacy}
    client.call("video.update", params, any_body=True)
