"""Publish a post: validate, upload its local photos, then one mediatopic.post."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Collection
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from okcomposer.api import methods
from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OK_API_BASE, OkClient
from okcomposer.api.errors import OkApiError, OkCancelled, OkError
from okcomposer.api.rules import Problem, validate
from okcomposer.api.topic import Post
from okcomposer.app.confirm import LISTING_COUNT, find_posted
from okcomposer.app.messages import MessageError, message
from okcomposer.app.photos import FileProgress, Progress, prepare_and_upload
from okcomposer.app.retry import (
    RATE_LIMIT_CODES,
    OutcomeUnknown,
    backoff_delay,
    is_transient,
    outcome_unknown,
    sleep,
)
from okcomposer.limits import Limits, current_limits
from okcomposer.store.paths import work_dir


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


def is_ok(api_base: str) -> bool:
    """Whether an API address is OK's own (api.ok.ru and the like), not the sandbox or another server."""
    host = (urlsplit(api_base).hostname or "").lower()
    return host in ("ok.ru", "odnoklassniki.ru") or host.endswith((".ok.ru", ".odnoklassniki.ru"))


def topic_url(post: Post, topic_id: str, uid: str | None = None, api_base: str = OK_API_BASE) -> str:
    """Where a person sees the topic: on ok.ru, or on the sandbox's own page of it (sandbox/pages.py) when
    `api_base` is not OK's, so a sandbox topic never links to an unrelated ok.ru address."""
    if not is_ok(api_base):
        return f"{api_base.rstrip('/')}/sandbox/topic/{topic_id}"
    if post.effective_type.is_group and post.gid:
        return f"https://ok.ru/group/{post.gid}/topic/{topic_id}"
    if uid:
        return f"https://ok.ru/profile/{uid}/statuses/{topic_id}"
    return f"https://ok.ru/topic/{topic_id}"


def profile_url(uid: str | None, api_base: str = OK_API_BASE) -> str | None:
    """The user's page (where Moments show), or the sandbox's page of what it stored; None without a uid."""
    if not uid:
        return None
    return f"https://ok.ru/profile/{uid}" if is_ok(api_base) else f"{api_base.rstrip('/')}/sandbox/"


PAGE_PAST_GRACE_MS = (
    60_000  # as app.multi: a page time this far in the past is refused (it would wait forever)
)


def check_page_time(due_ms: int, now_ms: int | None = None) -> None:
    """Before `Outbox.queue` keeps a page post until `due_ms` (ms since the epoch): raise MessageError
    ("page.time_passed") when that time has passed by more than a minute.

    docs/ok-api.md, "Page posts later"."""
    now_ms = int(time.time() * 1000) if now_ms is None else now_ms
    if due_ms < now_ms - PAGE_PAST_GRACE_MS:
        raise MessageError(message("page.time_passed"))


def check(post: Post, limits: Limits, for_sending: bool = False) -> None:
    """Raise InvalidPost for every error-level problem (by default local files are fine: we upload them)."""
    errors = [p for p in validate(post, limits=limits, for_sending=for_sending) if p.severity == "error"]
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
    before_post: Callable[[int, frozenset[str]], None] | None = None,
    known_ids: Collection[str] = (),
) -> Published:
    """Check, upload the local photos, then one mediatopic.post under the exactly-once rules.

    `before_post(started_ms, listed_ids)` runs (on this thread) just before the irreversible call, with
    the topic ids OK listed at the place a moment before: the outbox records both there. `known_ids` are
    topic ids a lost answer can never be (see app.confirm).
    Raises InvalidPost, BadPhotos, OkApiError (OK refused), OutcomeUnknown (not confirmed), OkCancelled,
    or another OkError (OkNotSent: provably never reached OK).
    """
    limits = limits or current_limits()
    post = resolve_files(post, base_dir)
    check(post, limits)
    local = post.local_files()
    listed: Future[frozenset[str]] | None = None
    if local:
        with (
            work_dir("okc-upload-") as work,  # in the cache folder; swept at start after a kill
            ThreadPoolExecutor(1, thread_name_prefix="okc-listing") as side,
        ):
            gid = post.gid if post.effective_type.is_group else None

            def get_slot(files):
                return methods.get_photo_upload_url(client, [f.size for f in files], gid=gid)

            if on_step:
                on_step("upload")
            # The place's listing (see post_exactly_once) is read while the photos upload, not after them.
            listed = side.submit(_listed_now, client, post)
            pairs = prepare_and_upload(
                client,
                [p for _, _, p in local],
                Path(work),
                limits,
                get_slot,
                strip_gps=strip_gps,
                parallel=parallel,
                progress=progress,
                cancel=cancel,
                file_progress=file_progress,
            )
        places = [(b, i) for b, i, _ in local]
        # Every topic type takes the upload token itself as "id", with no photosV2.commit: "photoId" would
        # reshare an existing public photo instead (docs/ok-api.md "Photos").
        post = post.with_tokens({place: token for place, (_, token) in zip(places, pairs, strict=True)})
    if cancel is not None:
        cancel.raise_if_cancelled()
    check(post, limits, for_sending=True)  # once more, exactly as it will be sent
    if on_step:
        on_step("post")
    topic_id = post_exactly_once(
        client,
        post,
        cancel=cancel,
        on_step=on_step,
        before_post=before_post,
        known_ids=known_ids,
        listed=listed.result() if listed is not None else None,
    )
    return Published(topic_id, topic_url(post, topic_id, uid, client.api_base), len(local))


def post_exactly_once(
    client: OkClient,
    post: Post,
    *,
    cancel: CancelToken | None = None,
    on_step: Callable[[str], None] | None = None,
    before_post: Callable[[int, frozenset[str]], None] | None = None,
    known_ids: Collection[str] = (),
    attempts: int = 4,
    listed: frozenset[str] | None = None,
) -> str:
    """mediatopic.post, never sent again once its outcome is unknown; returns the topic id.

    A definite refusal that says "later" (2 SERVICE after checking, 8/11 rate limits) waits and tries again;
    so does a request that provably never left (OkNotSent: refused, DNS, TLS handshake). A lost answer
    (network, 5xx) is settled by looking for the topic (app.confirm); if it is not there, the user is told
    plainly and decides: we never guess "failed" and post again. `listed`: the topic ids OK listed at the
    place a moment ago (read now when None): a lost answer can never be one of them.
    """
    listed = _listed_now(client, post) if listed is None else listed
    known_ids = frozenset(known_ids) | listed
    started_ms = int(time.time() * 1000)
    if before_post is not None:
        before_post(started_ms, listed)

    def look() -> str | None:
        return _look_for(client, post, started_ms, known_ids, cancel)

    for attempt in range(attempts):
        try:
            return methods.post_topic(client, post)
        except OkApiError as exc:
            if not exc.transient or attempt == attempts - 1:
                raise
            if exc.code == 2:  # "try later": make sure nothing was created before trying again
                found = look()
                if found:
                    return found
            if on_step:
                on_step("rate_limited" if exc.code in RATE_LIMIT_CODES else "waiting")
            sleep(backoff_delay(attempt, exc), cancel)
        except OkError as exc:
            if not outcome_unknown(exc):
                if is_transient(exc) and attempt < attempts - 1:  # it never reached OK: safe to send again
                    if on_step:
                        on_step("waiting")
                    sleep(backoff_delay(attempt, exc), cancel)
                    continue
                raise
            if on_step:
                on_step("confirming")
            found = look()
            if found:
                return found
            raise OutcomeUnknown(_UNKNOWN_NOT_FOUND.format(where=_where(post))) from None
    raise AssertionError("unreachable")


_UNKNOWN_NOT_FOUND = (
    "OK's answer to the post was lost (the connection broke, or OK answered with a server error), and the "
    "post is not among the latest posts of {where}. It was most likely not published, but OK could not "
    "confirm it: look at {where} on ok.ru before publishing again."
)
_UNKNOWN_NO_CHECK = (
    "OK's answer to the post was lost (the connection broke, or OK answered with a server error), and "
    "checking {where} failed too. Look at {where} on ok.ru before publishing again."
)


def _where(post: Post) -> str:
    return f"group {post.gid}" if post.effective_type.is_group and post.gid else "your page"


LISTING_TIMEOUT = (5.0, 10.0)  # seconds: a slow listing must not hold up the publish for long


def _listed_now(client: OkClient, post: Post) -> frozenset[str]:
    """The ids OK lists at the post's place right now: a lost answer can never be one of them.

    One read before the irreversible call; without it (OK did not answer) the time rule still holds.
    """
    gid = post.gid if post.effective_type.is_group else None
    try:
        listed = methods.get_topics(client, gid=gid, count=LISTING_COUNT, timeout=LISTING_TIMEOUT)
        return frozenset(t.id for t in listed)
    except OkError:
        return frozenset()


def _look_for(
    client: OkClient, post: Post, started_ms: int, known_ids: Collection[str], cancel: CancelToken | None
) -> str | None:
    try:
        return find_posted(client, post, started_ms, known_ids, cancel)
    except OkCancelled:
        raise
    except OkError:
        raise OutcomeUnknown(_UNKNOWN_NO_CHECK.format(where=_where(post))) from None
