"""Publish a post: validate, upload its local photos, then one mediatopic.post."""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from okcomposer.api import methods
from okcomposer.api.client import OkClient
from okcomposer.api.rules import Problem, validate
from okcomposer.api.topic import Post
from okcomposer.api.upload import CancelToken
from okcomposer.app.photos import FileProgress, Progress, prepare_files, upload_all
from okcomposer.limits import Limits, current_limits


class InvalidPost(ValueError):
    """The post breaks OK's rules; nothing was sent."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


@dataclass(frozen=True)
class Published:
    topic_id: str
    url: str
    photos_uploaded: int = 0


def topic_url(post: Post, topic_id: str, uid: str | None = None) -> str:
    if post.effective_type.is_group and post.gid:
        return f"https://ok.ru/group/{post.gid}/topic/{topic_id}"
    if uid:
        return f"https://ok.ru/profile/{uid}/statuses/{topic_id}"
    return f"https://ok.ru/topic/{topic_id}"


def check(post: Post, limits: Limits) -> None:
    """Raise InvalidPost for every error-level problem (local files are fine here: we upload them)."""
    errors = [p for p in validate(post, limits=limits, for_sending=False) if p.severity == "error"]
    if errors:
        raise InvalidPost(errors)


def resolve_files(post: Post, base_dir: Path | None) -> Post:
    """Relative photo paths in a draft file are relative to that file's folder."""
    if base_dir is None:
        return post
    moved = {(b, i): str(base_dir / p) for b, i, p in post.local_files() if not p.is_absolute()}
    if not moved:
        return post
    resolved = copy.deepcopy(post)
    for (b, i), path in moved.items():
        resolved.attachment.media[b].items[i].file = path  # type: ignore[union-attr]
    return resolved


def publish(
    client: OkClient,
    post: Post,
    *,
    uid: str | None = None,
    base_dir: Path | None = None,
    limits: Limits | None = None,
    strip_gps: bool = True,
    parallel: int = 4,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    file_progress: FileProgress | None = None,
    on_step: Callable[[str], None] | None = None,
) -> Published:
    limits = limits or current_limits()
    post = resolve_files(post, base_dir)
    check(post, limits)
    local = post.local_files()
    if local:
        with tempfile.TemporaryDirectory(prefix="okc-upload-") as work:
            prepared = prepare_files([p for _, _, p in local], Path(work), limits, strip_gps)
            group = post.effective_type.is_group
            gid = post.gid if group else None

            def get_slot(files):
                return methods.get_photo_upload_url(client, [f.size for f in files], gid=gid)

            if on_step:
                on_step("upload")
            pairs = upload_all(
                client,
                [p.upload for p in prepared],
                get_slot,
                per_url=limits.photos_per_upload_url,
                parallel=parallel,
                progress=progress,
                cancel=cancel,
                file_progress=file_progress,
            )
        places = [(b, i) for b, i, _ in local]
        if group:
            # Group topics take the upload token itself; committing would bind the photo to an album.
            post = post.with_tokens({place: token for place, (_, token) in zip(places, pairs, strict=True)})
        else:
            if on_step:
                on_step("commit")
            ids = {}
            for place, (photo_id, token) in zip(places, pairs, strict=True):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                ids[place] = methods.commit_photo(client, photo_id, token)
            post = post.with_photo_ids(ids)
    if cancel is not None:
        cancel.raise_if_cancelled()
    # Validate once more exactly as it will be sent.
    errors = [p for p in validate(post, limits=limits) if p.severity == "error"]
    if errors:
        raise InvalidPost(errors)
    if on_step:
        on_step("post")
    topic_id = methods.post_topic(client, post)
    return Published(topic_id, topic_url(post, topic_id, uid), len(local))
