"""Publish a post with local video files: upload, video.update, wait until OK is done, then post once.

A local video is a movie item with a `file` (and optionally a `title`), MovieItem.file/.title; in a draft
file that is `{"type": "movie", "list": [{"file": "clip.mp4", "title": "My clip"}]}`. These two keys are
okcomposer's own: they are replaced by {"id": video_id} before anything reaches mediatopic.post.
The upload is one multipart POST (field `data`), as every public client sends it; files above
RESUMABLE_ABOVE bytes (or with a chunk size given) go in resumable Content-Range chunks instead
(docs/ok-api.md "Video").
"""

from __future__ import annotations

import copy
import logging
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from okcomposer.api import video as video_api
from okcomposer.api.blocks import MovieBlock, MovieItem
from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkApiError, OkCancelled, OkError
from okcomposer.api.rules import validate
from okcomposer.api.topic import Post
from okcomposer.api.upload import Progress, UploadFile
from okcomposer.api.video import CHUNK_SIZE, VideoInfo, get_videos, upload_resumable
from okcomposer.app.messages import MessageError, message
from okcomposer.app.publish import InvalidPost, Published, publish
from okcomposer.app.retry import backoff_delay, is_transient, retrying, sleep
from okcomposer.limits import Limits, current_limits

log = logging.getLogger(__name__)
# Steps: "uploading", "updating", "processing", "status:WORD" (OK's status word is none we know), "ready",
# then publish's own steps.
OnState = Callable[[str], None]
RESUMABLE_ABOVE = 256 * 1024 * 1024  # bytes; a smaller file goes in one multipart POST
MIME_TYPES = {
    ".mp4": "video/mp4",
    ".mov": "video/quicktime",
    ".webm": "video/webm",
    ".mkv": "video/x-matroska",
}


class BadVideo(MessageError):
    """A local video cannot be uploaded (missing, not a file, too small or too large); nothing was sent.

    `reason`: an app.messages.Message (video.missing, video.not_file, video.size).
    """


class VideoFailed(OkError):
    """OK could not process the video, or it was not ready in time; the post was not sent."""


@dataclass(frozen=True)
class LocalVideo:
    block: int
    item: int
    path: Path
    title: str


def local_videos(post: Post, base_dir: Path | None = None) -> list[LocalVideo]:
    """Every movie item that is still a local file, with its path resolved against `base_dir`."""
    found = []
    for b, block in enumerate(post.attachment.media):
        if not isinstance(block, MovieBlock):
            continue
        for i, item in enumerate(block.items):
            file = item.file
            if item.id is None and file:
                path = Path(file)
                if base_dir is not None and not path.is_absolute():
                    path = base_dir / path
                found.append(LocalVideo(b, i, path, item.title or path.stem))
    return found


def resolve_videos(post: Post, base_dir: Path) -> Post:
    """A copy whose relative local video paths are absolute, against `base_dir` (the draft file's folder)."""
    videos = [v for v in local_videos(post, base_dir) if str(v.path) != _item(post, v).file]
    if not videos:
        return post
    resolved = copy.deepcopy(post)
    for video in videos:
        _item(resolved, video).file = str(video.path)
    return resolved


def _item(post: Post, video: LocalVideo) -> MovieItem:
    block = post.attachment.media[video.block]
    assert isinstance(block, MovieBlock)
    return block.items[video.item]


def check_video(path: Path, limits: Limits) -> None:
    """BadVideo with a clear message when OK would refuse the file (16 KB to 1 GB by default)."""
    try:
        st = os.stat(path)
    except OSError:
        raise BadVideo(message("video.missing", name=path.name)) from None
    if not stat.S_ISREG(st.st_mode):
        raise BadVideo(message("video.not_file", name=path.name))
    if not limits.video_min_bytes <= st.st_size <= limits.video_max_bytes:
        low, high = limits.video_min_bytes // 1024, limits.video_max_bytes // (1024 * 1024)
        raise BadVideo(message("video.size", name=path.name, bytes=st.st_size, low_kb=low, high_mb=high))


def check_post(post: Post, videos: list[LocalVideo], limits: Limits) -> None:
    """The post's own rules, counting local videos as fine (they get their ids after the upload)."""
    local = {(v.block, v.item + 1) for v in videos}
    errors = [
        p
        for p in validate(post, limits=limits, for_sending=False)
        if p.severity == "error"
        and not (p.rule == "movie.no_id" and (p.block, p.params.get("item")) in local)
    ]
    if errors:
        raise InvalidPost(errors)


def _send_whole(client: OkClient, slot: video_api.VideoSlot, path: Path, progress, cancel) -> None:
    """One multipart POST, sent again from the start after a lost connection or a 5xx page."""
    mime = MIME_TYPES.get(path.suffix.lower(), "application/octet-stream")
    file = UploadFile("data", path, mime)
    retrying(lambda: video_api.upload_video(client, slot, file, progress, cancel), cancel=cancel)


def _send_chunks(client: OkClient, slot: video_api.VideoSlot, path: Path, chunk_size: int, progress, cancel):
    upload_resumable(
        client,
        slot,
        path,
        chunk_size=chunk_size,
        progress=progress,
        cancel=cancel,
        should_retry=is_transient,
        pause=lambda attempt, exc: sleep(backoff_delay(attempt, exc), cancel),
    )


def upload_video(
    client: OkClient,
    video: LocalVideo,
    *,
    gid: str | None = None,
    chunk_size: int | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    on_state: OnState | None = None,
) -> str:
    """Upload one file and name it with video.update; returns the video id.

    One multipart POST by default; Content-Range chunks of `chunk_size` bytes when it is given or the file
    is above RESUMABLE_ABOVE. Should OK refuse the chunks (not a lost connection: an HTTP 4xx, an error
    answer or word), the file goes again as one multipart POST to a fresh upload URL. Progress is
    (bytes sent, total bytes). Raises OkCancelled, OkApiError and the other OkErrors.
    """
    size = video.path.stat().st_size

    def new_slot() -> video_api.VideoSlot:
        return retrying(
            lambda: video_api.get_video_upload_url(client, video.path.name, size, gid=gid), cancel=cancel
        )

    slot = new_slot()
    if on_state:
        on_state("uploading")
    if chunk_size is None and size <= RESUMABLE_ABOVE:
        _send_whole(client, slot, video.path, progress, cancel)
    else:
        try:
            _send_chunks(client, slot, video.path, chunk_size or CHUNK_SIZE, progress, cancel)
        except OkCancelled:
            raise
        except OkError as exc:
            if is_transient(exc):
                raise
            log.warning("OK refused the video in chunks (%s); sending it whole to a fresh upload URL", exc)
            slot = new_slot()
            _send_whole(client, slot, video.path, progress, cancel)
    if on_state:
        on_state("updating")
    # Setting the title twice does no harm, so video.update may be retried even after a lost answer.
    retrying(lambda: video_api.update_video(client, slot.video_id, video.title), cancel=cancel)
    return slot.video_id


def status_note(info: VideoInfo) -> str | None:
    """What to tell the user about a status word none of our lists know (it counts as done)."""
    if info.known:
        return None
    if not info.status:
        return "OK reports no status for the video; taking it as processed"
    return f"OK reports the video as '{info.status}'; taking it as processed"


def wait_ready(
    client: OkClient,
    video_id: str,
    *,
    cancel: CancelToken | None = None,
    on_state: OnState | None = None,
    poll_s: float = 1.0,
    timeout_s: float = 1800.0,
) -> VideoInfo | None:
    """Poll video.get(fields=video.status) until OK is done with the video; on_state("processing") meanwhile.

    Done is any status that is neither PROCESSING/UPLOADING nor a failure word; an unknown word is logged
    and given as on_state("status:WORD") (docs/ok-api.md "Video"). Returns the last VideoInfo (None when OK
    has no video.get). Raises VideoFailed (a failure word, or still working after `timeout_s` seconds).
    """
    deadline = time.monotonic() + timeout_s
    delay = poll_s
    told = False
    while True:
        try:
            info = retrying(lambda: get_videos(client, [video_id]), cancel=cancel).get(video_id)
        except OkApiError as exc:
            if exc.code != 3:  # 3 METHOD: should OK have no video.get after all, post without waiting
                raise
            log.warning("video.get is unknown to OK; posting video %s without waiting", video_id)
            return None
        if info is not None and info.failed:
            raise VideoFailed(f"OK could not process the video ({info.status}); the post was not sent")
        if info is not None and info.ready:
            note = status_note(info)
            if note is not None:
                log.warning("video %s: %s", video_id, note)
                if on_state:
                    on_state(f"status:{info.status}")
            if on_state:
                on_state("ready")
            return info
        if not told and on_state:
            on_state("processing")
            told = True
        if time.monotonic() + delay > deadline:
            raise VideoFailed(
                f"OK was still processing the video {video_id} after {timeout_s:.0f} s, so the post was not "
                "sent; publish it again later."
            )
        sleep(delay, cancel)
        delay = min(delay * 1.5, 10.0)


def with_video_ids(post: Post, ids: dict[tuple[int, int], str]) -> Post:
    """A copy with the local movie items at (block, item) replaced by {"id": video_id}."""
    new = copy.deepcopy(post)
    for (b, i), video_id in ids.items():
        block = new.attachment.media[b]
        assert isinstance(block, MovieBlock)
        block.items[i] = MovieItem(id=video_id)
    return new


def publish_with_video(
    client: OkClient,
    post: Post,
    *,
    uid: str | None = None,
    base_dir: Path | None = None,
    limits: Limits | None = None,
    chunk_size: int | None = None,
    video_progress: Progress | None = None,
    cancel: CancelToken | None = None,
    on_state: OnState | None = None,
    poll_s: float = 1.0,
    timeout_s: float = 1800.0,
    **publish_options,
) -> Published:
    """upload -> update -> wait ready (for each local video) -> publish (photos, then one mediatopic.post).

    Raises BadVideo and InvalidPost before anything is sent, VideoFailed, and whatever publish() raises.
    """
    limits = limits or current_limits()
    videos = local_videos(post, base_dir)
    for video in videos:
        check_video(video.path, limits)
    check_post(post, videos, limits)
    gid = post.gid if post.effective_type.is_group else None
    ids: dict[tuple[int, int], str] = {}
    for video in videos:
        ids[(video.block, video.item)] = upload_video(
            client,
            video,
            gid=gid,
            chunk_size=chunk_size,
            progress=video_progress,
            cancel=cancel,
            on_state=on_state,
        )
    for video_id in ids.values():
        wait_ready(client, video_id, cancel=cancel, on_state=on_state, poll_s=poll_s, timeout_s=timeout_s)
    ready = with_video_ids(post, ids) if ids else post
    return publish(
        client,
        ready,
        uid=uid,
        base_dir=base_dir,
        limits=limits,
        cancel=cancel,
        on_step=on_state,
        **publish_options,
    )
