"""Resumable video upload in Content-Range chunks, and the video status call (video.get, UNCONFIRMED)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkBadResponse, OkCancelled, OkError, OkHttpError, OkNetworkError
from okcomposer.api.upload import CancelToken, Progress, UploadFile, multipart_body

CHUNK_SIZE = 1024 * 1024
WHAT = "upload.video"
# How OK names a video's states in video.get is UNCONFIRMED: these names (any case) mean "done" or "broken";
# anything else means "still working on it".
READY_STATUSES = frozenset({"OK", "READY", "ONLINE", "PUBLISHED"})
FAILED_STATUSES = frozenset({"ERROR", "FAILED", "REJECTED", "BLOCKED", "CENSORED", "DELETED"})


@dataclass(frozen=True)
class VideoSlot:
    upload_url: str
    video_id: str


def get_video_upload_url(
    client: OkClient, file_name: str, file_size: int, gid: str | None = None, post_form: bool = True
) -> VideoSlot:
    method = "video.getUploadUrl"
    params = {"file_name": file_name, "file_size": file_size, "gid": gid, "post_form": post_form}
    data = client.call(method, params)
    if not isinstance(data, dict) or "upload_url" not in data or "video_id" not in data:
        raise OkBadResponse("expected {upload_url, video_id}", method)
    return VideoSlot(str(data["upload_url"]), str(data["video_id"]))


def upload_video(
    client: OkClient,
    slot: VideoSlot,
    file: UploadFile,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Any:
    """Send the whole video as the multipart field `data`."""
    body, content_type, handles = multipart_body([file], progress, cancel)
    try:
        return client.upload(slot.upload_url, body, content_type, "upload.video")
    finally:
        for h in handles:
            h.close()


def update_video(
    client: OkClient, video_id: str, title: str, description: str | None = None, privacy: str | None = None
) -> Any:
    """video.update finishes an upload with its title (and optional description, privacy)."""
    params = {"vid": video_id, "title": title, "description": description, "privacy": privacy}
    return client.call("video.update", params)


@dataclass(frozen=True)
class ChunkAnswer:
    """What the upload URL says it holds after a chunk: {video_id, received_bytes, ranges, complete}."""

    video_id: str
    received_bytes: int
    ranges: tuple[tuple[int, int], ...]
    complete: bool

    def next_offset(self) -> int:
        """The first byte not received yet (the end of the range that starts at byte 0)."""
        first = next(((low, high) for low, high in self.ranges if low == 0), None)
        return first[1] + 1 if first else 0


def parse_chunk_answer(data: Any) -> ChunkAnswer:
    if not isinstance(data, dict) or "ranges" not in data:
        raise OkBadResponse("the upload answer has no 'ranges'", WHAT)
    try:
        ranges = tuple(sorted((int(r[0]), int(r[1])) for r in data["ranges"]))
        return ChunkAnswer(
            str(data.get("video_id") or ""),
            int(data.get("received_bytes") or 0),
            ranges,
            bool(data["complete"]),
        )
    except (TypeError, ValueError, IndexError, KeyError):
        raise OkBadResponse("the upload answer's ranges are malformed", WHAT) from None


def send_chunk(
    client: OkClient, slot: VideoSlot, path: Path, start: int, end: int, total: int
) -> ChunkAnswer:
    """POST bytes start..end (inclusive) of the file with `Content-Range: bytes start-end/total`."""
    with path.open("rb") as f:
        f.seek(start)
        data = f.read(end - start + 1)
    if len(data) != end - start + 1:
        raise OkError(f"{path.name} changed while it was being uploaded; add the video again")
    headers = {"Content-Range": f"bytes {start}-{end}/{total}"}
    return parse_chunk_answer(client.upload(slot.upload_url, data, "application/octet-stream", WHAT, headers))


def network_only(exc: BaseException) -> bool:
    """The default retry test: a lost connection or a 5xx page (a chunk can always be sent again)."""
    return isinstance(exc, OkNetworkError) or (isinstance(exc, OkHttpError) and exc.status >= 500)


def upload_resumable(
    client: OkClient,
    slot: VideoSlot,
    path: Path,
    *,
    chunk_size: int = CHUNK_SIZE,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    probe: bool = False,
    attempts: int = 5,
    should_retry: Callable[[BaseException], bool] = network_only,
    pause: Callable[[int, BaseException], None] | None = None,
) -> ChunkAnswer:
    """Send the file in chunks until the server reports it complete; returns the last answer.

    After a failed chunk the same chunk is sent again: its answer says which ranges arrived, and sending
    continues from the first missing byte. With `probe` (resuming an upload begun earlier, e.g. before the app
    was closed) byte 0 is sent first just to learn what the server already holds. OK accepting a range twice
    is UNCONFIRMED; the sandbox does, and the bytes are the same either way.
    """
    total = path.stat().st_size
    chunk_size = max(1, chunk_size)
    forget = cancel.on_cancel(client.abort) if cancel is not None else (lambda: None)
    try:
        offset, failures = 0, 0
        answer: ChunkAnswer | None = None
        want_probe = probe
        while answer is None or not answer.complete:
            if cancel is not None:
                cancel.raise_if_cancelled()
            start = offset if offset < total else 0
            end = start if want_probe else min(total, start + chunk_size) - 1
            try:
                answer = send_chunk(client, slot, path, start, end, total)
            except OkError as exc:
                if cancel is not None and cancel.cancelled:
                    raise OkCancelled("cancelled") from None
                failures += 1
                if failures >= attempts or not should_retry(exc):
                    raise
                if pause is not None:
                    pause(failures - 1, exc)
                continue
            failures, want_probe = 0, False
            offset = answer.next_offset()
            if progress is not None:
                progress(min(offset, total), total)
        return answer
    finally:
        forget()


@dataclass(frozen=True)
class VideoInfo:
    id: str
    status: str  # as OK sent it, upper-cased

    @property
    def ready(self) -> bool:
        return self.status in READY_STATUSES

    @property
    def failed(self) -> bool:
        return self.status in FAILED_STATUSES


def get_videos(client: OkClient, video_ids: Iterable[str]) -> dict[str, VideoInfo]:
    """video.get(vids) -> {"videos": [{"id", "status", ...}]}; method and shape UNCONFIRMED (no OK page)."""
    method = "video.get"
    data = client.call(method, {"vids": ",".join(video_ids)})
    items = data.get("videos") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise OkBadResponse("expected a list of videos", method)
    found: dict[str, VideoInfo] = {}
    for item in items:
        if isinstance(item, dict) and item.get("id") is not None:
            vid = str(item["id"])
            found[vid] = VideoInfo(vid, str(item.get("status") or "").upper())
    return found
