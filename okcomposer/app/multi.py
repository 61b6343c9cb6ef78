"""One post, many targets: a version per target, each published separately, and retries of failures only.

Every target is its own mediatopic.post under the exactly-once rules of app.publish: a target whose outcome
is unknown is never sent again by okcomposer (the user looks on ok.ru, or `recheck_unknown` finds it).
Targets go out in the order given. Before anything is sent, every target is checked (the post's rules, the
photos, the user's right to post in each group); one refusal refuses them all (`Refused`).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from okcomposer.api import methods
from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkApiError, OkCancelled, OkError
from okcomposer.api.topic import Post, TextBlock, TopicType, datetime_to_ms, ms_to_datetime
from okcomposer.api.upload import CancelToken
from okcomposer.app.confirm import find_posted
from okcomposer.app.photos import BadPhotos
from okcomposer.app.publish import InvalidPost, publish, topic_url
from okcomposer.app.retry import OutcomeUnknown, retrying
from okcomposer.app.video import BadVideo, check_post, check_video, local_videos, publish_with_video
from okcomposer.limits import Limits, current_limits
from okcomposer.media.precheck import precheck

ME = "me"
PUBLISHED, FAILED, UNKNOWN, QUEUED = "published", "failed", "unknown", "queued"
SETTLED = frozenset({PUBLISHED, UNKNOWN, QUEUED})  # never sent again by publish_all or retry_failed
Progress = Callable[[str, str], None]  # (target, step): "start", publish's steps, then the target's state
Queue = Callable[[Post, int], str]  # keeps a post for the user's page at a time (ms); returns a draft id


@dataclass
class Override:
    """What one target changes; None keeps the base post's value."""

    text: str | None = None  # the text of the first text block
    publish_at_ms: int | None = None
    on_behalf_of_group: bool | None = None
    disable_comments: bool | None = None


@dataclass(frozen=True)
class TargetResult:
    target: str
    state: str  # published | failed | unknown | queued (the user's page at a time: okcomposer must run)
    topic_id: str | None = None
    url: str | None = None
    error_code: int | None = None
    message: str = ""
    started_ms: int | None = None


class Refused(ValueError):
    """Some targets cannot be published to; nothing was sent to any target."""

    def __init__(self, problems: dict[str, list[str]]):
        self.problems = problems
        super().__init__("; ".join(f"{where(t)}: {m}" for t, ms in problems.items() for m in ms))


def where(target: str) -> str:
    return "your page" if target == ME else f"group {target}"


@dataclass
class MultiPost:
    """A base post (its blocks and options) and the places it goes, each with optional overrides."""

    base: Post
    targets: list[str]
    overrides: dict[str, Override] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for target in self.targets:
            if target != ME and not (target.isascii() and target.isdigit()):
                raise ValueError(f"a target is 'me' or a group id, not {target!r}")
        self.targets = list(dict.fromkeys(self.targets))

    def publish_time(self, target: str) -> int | None:
        """The time (ms) the target's post should appear; None for at once."""
        override = self.overrides.get(target)
        if override is not None and override.publish_at_ms is not None:
            return override.publish_at_ms
        when = self.base.attachment.scheduled_at()
        return datetime_to_ms(when) if when is not None else None

    def version(self, target: str) -> Post:
        """The concrete post: USER for "me" (never scheduled), GROUP_THEME in a group."""
        post = copy.deepcopy(self.base)
        override = self.overrides.get(target, Override())
        if override.text is not None:
            first = next((b for b in post.attachment.media if isinstance(b, TextBlock)), None)
            if first is None:
                post.attachment.media.insert(0, TextBlock(override.text))
            else:
                first.text = override.text
        att = post.attachment
        when = self.publish_time(target)
        if target == ME:
            post.type, post.gid, post.hidden_post = TopicType.USER, None, None
            att.on_behalf_of_group = att.disable_comments = None
            att.schedule(None)
            return post
        post.type, post.gid, post.set_status = TopicType.GROUP_THEME, target, None
        for name in ("on_behalf_of_group", "disable_comments"):
            if getattr(override, name) is not None:
                setattr(att, name, getattr(override, name))
        att.schedule(ms_to_datetime(when) if when is not None else None)
        return post

    def versions(self) -> dict[str, Post]:
        return {target: self.version(target) for target in self.targets}


def check_targets(
    client: OkClient, multi: MultiPost, targets: Iterable[str], uid: str, limits: Limits, can_queue: bool
) -> None:
    """Refused (nothing sent) when any target's post breaks a rule or the user may not post there."""
    problems: dict[str, list[str]] = {}
    checked: dict[Path, str | None] = {}
    for target in targets:
        post = multi.version(target)
        found = problems.setdefault(target, [])
        videos = local_videos(post)
        try:
            check_post(post, videos, limits)
            for video in videos:
                check_video(video.path, limits)
        except (InvalidPost, BadVideo) as exc:
            found += [p.message for p in exc.problems] if isinstance(exc, InvalidPost) else [str(exc)]
        for _, _, path in post.local_files():
            if path not in checked:
                result = precheck(path, limits)
                checked[path] = None if result.ok else result.message
            if checked[path]:
                found.append(str(checked[path]))
        if target == ME and multi.publish_time(target) is not None and not can_queue:
            found.append("OK cannot delay a post on your own page; publish it at once or choose a group")
        if target != ME:
            found += posting_problems(client, target, uid)
    problems = {t: ms for t, ms in problems.items() if ms}
    if problems:
        raise Refused(problems)


def posting_problems(client: OkClient, gid: str, uid: str) -> list[str]:
    """Why the user may not publish in group `gid` (empty when they may), from their membership."""
    try:
        members = retrying(lambda: methods.get_memberships(client, gid, [uid]))
    except OkApiError as exc:
        if exc.code == 160:
            return [f"there is no group {gid}"]
        raise
    mine = next((m for m in members if m.uid == uid), None)
    if mine is None:
        return [f"you are not a member of group {gid}, so you cannot publish there"]
    if not mine.can_post_as_group:
        return [
            f"only admins, moderators and editors publish in group {gid}; you are {mine.status or 'a member'}"
        ]
    return []


def publish_all(
    client: OkClient,
    multi: MultiPost,
    *,
    uid: str | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    previous: dict[str, TargetResult] | None = None,
    queue: Queue | None = None,
    only: Iterable[str] | None = None,
    limits: Limits | None = None,
) -> dict[str, TargetResult]:
    """Publish to each target not settled in `previous`; {target: result}, partial success included."""
    limits = limits or current_limits()
    previous = dict(previous or {})
    wanted = set(multi.targets if only is None else only)
    todo = [
        t for t in multi.targets if t in wanted and (t not in previous or previous[t].state not in SETTLED)
    ]
    if uid is None:
        uid = retrying(lambda: methods.get_current_user(client), cancel=cancel).uid
    check_targets(client, multi, todo, uid, limits, queue is not None)
    results = dict(previous)
    stop: tuple[int, str] | None = None  # after 102 or a cancel, the rest are not sent
    for target in todo:
        if stop is None and cancel is not None and cancel.cancelled:
            stop = (12, "Not published: cancelled.")
        if stop is not None:
            results[target] = TargetResult(target, FAILED, error_code=stop[0], message=stop[1])
            continue
        if progress:
            progress(target, "start")
        result = results[target] = _publish_one(client, multi, target, uid, limits, cancel, queue, progress)
        if progress:
            progress(target, result.state)
        if result.error_code == 102:
            stop = (102, "Not sent: the session expired; sign in again.")
        elif result.error_code == 12:
            stop = (12, "Not sent: cancelled.")
    return {t: results[t] for t in multi.targets if t in results}


def _publish_one(client, multi, target, uid, limits, cancel, queue, progress) -> TargetResult:
    post = multi.version(target)
    when = multi.publish_time(target)
    if target == ME and when is not None and queue is not None:
        draft_id = queue(post, when)
        at = ms_to_datetime(when).strftime("%Y-%m-%d %H:%M UTC")
        message = f"OK cannot delay posts on your page: okcomposer posts it at {at} if it is running then."
        return TargetResult(target, QUEUED, message=f"{message} (draft {draft_id})")
    steps: list[str] = []

    def on_step(step: str) -> None:
        steps.append(step)
        if progress:
            progress(target, step)

    started = int(time.time() * 1000)
    try:
        if local_videos(post):
            done = publish_with_video(client, post, uid=uid, limits=limits, cancel=cancel, on_state=on_step)
        else:
            done = publish(client, post, uid=uid, limits=limits, cancel=cancel, on_step=on_step)
    except OutcomeUnknown as exc:
        return TargetResult(target, UNKNOWN, message=str(exc), started_ms=started)
    except OkCancelled:
        if "confirming" in steps:  # cancelled while checking a lost answer: the topic may exist
            message = f"Cancelled while checking whether OK published it: look at {where(target)} on ok.ru."
            return TargetResult(target, UNKNOWN, message=message, started_ms=started)
        return TargetResult(target, FAILED, error_code=12, message="Not published: cancelled.")
    except OkApiError as exc:
        return TargetResult(target, FAILED, error_code=exc.code, message=str(exc), started_ms=started)
    except (OkError, InvalidPost, BadPhotos, BadVideo) as exc:
        return TargetResult(target, FAILED, message=str(exc), started_ms=started)
    return TargetResult(target, PUBLISHED, done.topic_id, done.url, started_ms=started)


def retry_failed(
    client: OkClient, multi: MultiPost, previous: dict[str, TargetResult], **options
) -> dict[str, TargetResult]:
    """Publish again to the targets whose state is "failed" only; every other result is kept as it was."""
    failed = [t for t, r in previous.items() if r.state == FAILED]
    return publish_all(client, multi, previous=previous, only=failed, **options)


def recheck_unknown(
    client: OkClient, multi: MultiPost, results: dict[str, TargetResult], uid: str | None = None
) -> dict[str, TargetResult]:
    """Look again for the topics of "unknown" targets; found ones become "published", nothing is sent."""
    updated = dict(results)
    for target, result in results.items():
        if result.state != UNKNOWN or result.started_ms is None:
            continue
        post = multi.version(target)
        try:
            topic_id = find_posted(client, post, result.started_ms)
        except OkError:
            continue
        if topic_id:
            updated[target] = TargetResult(
                target, PUBLISHED, topic_id, topic_url(post, topic_id, uid), started_ms=result.started_ms
            )
    return updated


def summary(results: dict[str, TargetResult]) -> str:
    """One line: "2 of 3 published; group 1: failed (...)"."""
    done = sum(r.state == PUBLISHED for r in results.values())
    queued = sum(r.state == QUEUED for r in results.values())
    parts = [f"{done} of {len(results)} published" + (f", {queued} queued" if queued else "")]
    parts += [
        f"{where(t)}: {r.state} ({r.message})" for t, r in results.items() if r.state in (FAILED, UNKNOWN)
    ]
    return "; ".join(parts)
