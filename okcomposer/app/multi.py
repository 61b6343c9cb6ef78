"""One post, many targets: a version per target, each published once through the outbox (app.outbox).

A group topic goes out with `Outbox.publish` (the group's name as the entry's target name); a post for the
user's own page at a time with `Outbox.queue` (OK cannot delay page posts: it waits on this computer).
A result carries its outbox entry (id, state) and tells the truth: published, scheduled, waiting, not
confirmed (never sent again without "Publish anyway"), not sent, failed, or already there (a repeat from
the last 7 days: nothing sent unless the user publishes again). Before anything is sent every target is
checked (rules, photos, the right to post in each group); one refusal refuses them all (`Refused`).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from okcomposer.api import methods
from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OkClient
from okcomposer.api.topic import Post, TextBlock, TopicType, datetime_to_ms, ms_to_datetime
from okcomposer.app.messages import Message, message
from okcomposer.app.outbox import AlreadyPublished, Busy, Outbox, SendOptions
from okcomposer.app.outbox_text import SUMMARY_ORDER, WORDS
from okcomposer.app.outbox_text import summary as outbox_summary
from okcomposer.app.photos import BadPhotos, photo_problem
from okcomposer.app.publish import InvalidPost
from okcomposer.app.retry import retrying
from okcomposer.app.rights import posting_problems
from okcomposer.app.video import BadVideo, check_post, check_video, local_videos
from okcomposer.limits import Limits, current_limits
from okcomposer.media.precheck import precheck
from okcomposer.store.outbox import FAILED, NOT_SENT, PUBLISHED, SCHEDULED, UNCONFIRMED, WAITING, Entry

ME = "me"
ALREADY = "already"  # the same content is (or may be) there from the last 7 days: nothing was sent
STATES = (PUBLISHED, SCHEDULED, WAITING, ALREADY, UNCONFIRMED, NOT_SENT, FAILED)
RESENDABLE = frozenset({FAILED, NOT_SENT})  # what "Retry failed" sends again; everything else stays
PAST_GRACE_MS = 60_000  # a page time this far in the past is refused (it would wait forever)
Progress = Callable[[str, str], None]  # (target, step): "start", then publish's steps
OnResult = Callable[["TargetResult"], None]  # each target's result as soon as it is known


@dataclass
class Override:
    """What one target changes; None keeps the base post's value."""

    text: str | None = None  # the text of the first text block
    publish_at_ms: int | None = None
    on_behalf_of_group: bool | None = None
    disable_comments: bool | None = None


@dataclass(frozen=True)
class TargetResult:
    """Where one target's post stands, from its outbox entry (`entry_id`, `state`).

    `at_ms`: see `when_of` (for ALREADY, the earlier entry's); `earlier_state`: the earlier entry's state
    for ALREADY. `message` is English (command line, logs); `error` is the failure itself when it is known
    in this process (the window words it: ui.i18n.error_text).
    """

    target: str
    state: str
    topic_id: str | None = None
    url: str | None = None
    error_code: int | None = None
    message: str = ""
    entry_id: str | None = None
    at_ms: int | None = None
    earlier_state: str | None = None
    error: BaseException | None = field(default=None, compare=False)


def when_of(entry: Entry) -> int | None:
    """When a scheduled topic appears on OK, a waiting post is sent, or else the publish was attempted."""
    if entry.state in (SCHEDULED, WAITING):
        return entry.publish_at_ms if entry.state == SCHEDULED else entry.due_ms
    return entry.attempt_ms if entry.attempt_ms is not None else entry.intent_ms


def result_of(target: str, entry: Entry) -> TargetResult:
    """The result an outbox entry stands for."""
    code = entry.code if entry.state == FAILED else None
    error = entry.extra.get("error")
    return TargetResult(
        target,
        entry.state,
        entry.topic_id,
        entry.url,
        code,
        entry.detail or "",
        entry.id,
        when_of(entry),
        error=error if isinstance(error, BaseException) else None,
    )


def already(target: str, earlier: Entry) -> TargetResult:
    """A repeat that was not sent: the earlier entry's link, time and state."""
    said = f"already {WORDS.get(earlier.state, earlier.state)} (entry {earlier.id}); nothing was sent"
    return TargetResult(
        target,
        ALREADY,
        earlier.topic_id,
        earlier.url,
        None,
        said,
        earlier.id,
        when_of(earlier),
        earlier.state,
    )


# Why a target is refused: a rule broken (api.rules.Problem), or a Message (a file, the right to post).
Reason = Any


class Refused(ValueError):
    """Some targets cannot be published to; nothing was sent to any target.

    `problems`: {target: [reason, ...]}, each reason an api.rules.Problem or an app.messages.Message;
    str() is the English list.
    """

    def __init__(self, problems: dict[str, list[Reason]]):
        self.problems = problems
        super().__init__("; ".join(f"{where(t)}: {m}" for t, ms in problems.items() for m in ms))


def where(target: str) -> str:
    """ "your page" or "group <id>"."""
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
        """The concrete post: USER for "me" (never scheduled on OK), GROUP_THEME in a group."""
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
        """{target: its concrete post}, in the targets' order."""
        return {target: self.version(target) for target in self.targets}


def check_targets(
    client: OkClient, multi: MultiPost, targets: Iterable[str], uid: str, limits: Limits
) -> None:
    """Refused (nothing sent) when any target's post breaks a rule or the user may not post there."""
    problems: dict[str, list[Reason]] = {}
    checked: dict[Path, Message | None] = {}
    for target in targets:
        post = multi.version(target)
        found = problems.setdefault(target, [])
        videos = local_videos(post)
        try:
            check_post(post, videos, limits)
            for video in videos:
                check_video(video.path, limits)
        except InvalidPost as exc:
            found += exc.problems
        except BadVideo as exc:
            found.append(exc.reason)
        for _, _, path in post.local_files():
            if path not in checked:
                checked[path] = photo_problem(path, path.name, precheck(path, limits))
            reason = checked[path]
            if reason is not None:
                found.append(reason)
        when = multi.publish_time(target)
        if target == ME and when is not None and when < time.time() * 1000 - PAST_GRACE_MS:
            found.append(message("page.time_passed"))
        if target != ME:
            found += posting_problems(client, target, uid)
    problems = {t: ms for t, ms in problems.items() if ms}
    if problems:
        raise Refused(problems)


def _to_send(result: TargetResult | None, again: bool) -> bool:
    if result is None or result.state in RESENDABLE:
        return True
    return again and result.state == ALREADY


def publish_all(
    client: OkClient,
    multi: MultiPost,
    *,
    outbox: Outbox,
    uid: str | None = None,
    names: dict[str, str] | None = None,
    progress: Progress | None = None,
    on_result: OnResult | None = None,
    cancel: CancelToken | None = None,
    previous: dict[str, TargetResult] | None = None,
    only: Iterable[str] | None = None,
    again: Iterable[str] = (),
    limits: Limits | None = None,
    send_options: SendOptions | None = None,
    draft_id: str | None = None,
) -> dict[str, TargetResult]:
    """Publish to each target not settled in `previous`; {target: result}, partial success included.

    Targets in `again` are published even when the same content is already there (the user chose to);
    any other repeat is reported ALREADY and nothing is sent to it. `names` are the targets' names
    (the outbox entries' target names); `send_options` carries the upload settings (strip_gps, parallel);
    `draft_id` is the draft every entry belongs to (app.multi_draft.record_draft gives it its state).
    """
    limits = limits or current_limits()
    previous, names, again = dict(previous or {}), dict(names or {}), set(again)
    wanted = set(multi.targets if only is None else only)
    todo = [t for t in multi.targets if t in wanted and _to_send(previous.get(t), t in again)]
    results = dict(previous)
    if todo:
        if uid is None:
            uid = retrying(lambda: methods.get_current_user(client), cancel=cancel).uid
        check_targets(client, multi, todo, uid, limits)
    stop: str | None = None  # after 102 or a cancel, the rest are not sent
    for target in todo:
        if stop is None and cancel is not None and cancel.cancelled:
            stop = "cancelled"
        if stop is not None:
            result = TargetResult(target, NOT_SENT, message=stop)
        else:
            if progress:
                progress(target, "start")
            options = replace(
                send_options or SendOptions(),
                uid=uid,
                limits=limits,
                cancel=cancel,
                on_step=_steps(progress, target),
            )
            name, repeat = names.get(target, ""), target in again
            result = _publish_one(client, outbox, multi, target, name, repeat, options, draft_id)
            if result.state == FAILED and result.error_code == 102:
                stop = "the session expired; sign in again"
            elif result.state == NOT_SENT and cancel is not None and cancel.cancelled:
                stop = "cancelled"
        results[target] = result
        if on_result:
            on_result(result)
    return {t: results[t] for t in multi.targets if t in results}


def _steps(progress: Progress | None, target: str) -> Callable[[str], None] | None:
    if progress is None:
        return None
    return lambda step: progress(target, step)


def _publish_one(
    client: OkClient,
    outbox: Outbox,
    multi: MultiPost,
    target: str,
    name: str,
    again: bool,
    options: SendOptions,
    draft_id: str | None = None,
) -> TargetResult:
    """One target through the outbox: queued (my page at a time) or published; a repeat is not sent."""
    post, when = multi.version(target), multi.publish_time(target)
    try:
        if target == ME and when is not None:
            entry = outbox.queue(post, when, target_name=name, again=again, draft_id=draft_id)
        else:
            entry = outbox.publish(
                client, post, again=again, target_name=name, options=options, draft_id=draft_id
            )
    except AlreadyPublished as exc:
        return already(target, exc.entries[0])
    except (Busy, InvalidPost, BadPhotos, BadVideo) as exc:
        return TargetResult(target, NOT_SENT, message=str(exc), error=exc)
    return result_of(target, entry)


def retry_failed(
    client: OkClient, multi: MultiPost, previous: dict[str, TargetResult], **options
) -> dict[str, TargetResult]:
    """Publish again to the failed and not-sent targets only; every other result is kept as it was.

    Not-confirmed targets are never sent again here (see `publish_anyway`); `options` as for publish_all.
    """
    resend = [t for t, r in previous.items() if r.state in RESENDABLE]
    return publish_all(client, multi, previous=previous, only=resend, **options)


def recheck_unknown(
    client: OkClient,
    outbox: Outbox,
    results: dict[str, TargetResult],
    uid: str | None = None,
    only: Iterable[str] | None = None,
) -> dict[str, TargetResult]:
    """ "Check again": look for the topics of not-confirmed targets (Outbox.check); nothing is sent."""
    wanted = None if only is None else set(only)
    updated = dict(results)
    for target, result in results.items():
        if result.state != UNCONFIRMED or result.entry_id is None:
            continue
        if wanted is not None and target not in wanted:
            continue
        try:
            updated[target] = result_of(target, outbox.check(client, result.entry_id, uid))
        except KeyError:  # the entry is gone (a restored database): keep what we knew
            continue
    return updated


def publish_anyway(
    client: OkClient,
    outbox: Outbox,
    results: dict[str, TargetResult],
    target: str,
    options: SendOptions | None = None,
) -> dict[str, TargetResult]:
    """The user's explicit "Publish anyway" for one not-confirmed target: sent once more, as a new entry."""
    result = results.get(target)
    updated = dict(results)
    if result is None or result.state != UNCONFIRMED or result.entry_id is None:
        return updated
    try:
        entry = outbox.publish_anyway(client, result.entry_id, options)
    except Busy as exc:  # decided meanwhile (another window, `outbox check`): show what it is now
        found = outbox.store.get(result.entry_id)
        updated[target] = (
            result_of(target, found) if found else TargetResult(target, NOT_SENT, message=str(exc), error=exc)
        )
        return updated
    except (InvalidPost, BadPhotos, BadVideo) as exc:
        updated[target] = TargetResult(target, NOT_SENT, message=str(exc), error=exc)
        return updated
    updated[target] = result_of(target, entry)
    return updated


def summary(results: dict[str, TargetResult]) -> str:
    """One line: "2 published, 1 scheduled, 1 waiting; group 1: failed (...)"."""
    words = {**WORDS, ALREADY: "already there"}
    order = [*SUMMARY_ORDER[:3], ALREADY, *SUMMARY_ORDER[3:]]
    parts = [outbox_summary((r.state for r in results.values()), order, words)]
    parts += [
        f"{where(t)}: {words.get(r.state, r.state)} ({r.message})"
        for t, r in results.items()
        if r.state in (FAILED, NOT_SENT, UNCONFIRMED)
    ]
    return "; ".join(parts)
