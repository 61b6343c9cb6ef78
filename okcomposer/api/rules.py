"""Checks a post against OK's documented rules before sending: every broken rule, one clear message each.

The rules themselves live in okrules (shared with the sandbox, lengths in UTF-16 units); this module maps a
Post onto them and adds the rules only a draft can break (local files, missing ids). Source: docs/ok-api.md,
"Post rules".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from okcomposer.api.blocks import (
    AppBlock,
    AppRefBlock,
    Block,
    LinkBlock,
    MovieBlock,
    MovieReshareBlock,
    MusicBlock,
    PhotoBlock,
    PollBlock,
    TextBlock,
    TopicReshareBlock,
)
from okcomposer.api.okrules import (
    Found,
    Outline,
    app_checks,
    group_option_checks,
    link_checks,
    poll_checks,
    post_checks,
    preview_applies,
    repeated_blocks,
    reshare_needs_text,
    schedule_checks,
    text_checks,
)
from okcomposer.api.rule_table import ERROR, RULES, WARNING, Rule
from okcomposer.api.topic import Post, TopicType
from okcomposer.limits import Limits, current_limits

__all__ = ["ERROR", "RULES", "WARNING", "Problem", "Rule", "is_publishable", "problem", "validate"]


@dataclass(frozen=True)
class Problem:
    rule: str  # stable id, a key of RULES
    block: int | None  # 0-based index into attachment.media, None for the whole post
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = ERROR


def is_publishable(problems: list[Problem]) -> bool:
    """True when no problem is an error (warnings only)."""
    return not any(p.severity == ERROR for p in problems)


def problem(rule_id: str, block: Block | None = None, index: int | None = None, **params: Any) -> Problem:
    """The Problem of breaking `rule_id`, its English message filled from `params`.

    A tuple parameter is a list of the photo source keys ("id", "photoId", "file") and reads "an upload
    token and a local file"; the window words the keys itself (ui.i18n.problem_text).
    """
    rule = RULES[rule_id]
    text = rule.template.format(**english_params(params))
    if index is None:
        message = text
    else:
        params = {"block_number": index + 1, "block_type": block.TYPE if block else "", **params}
        message = f"Block {index + 1} ({params['block_type']}): {text}"
    return Problem(rule.id, index, rule.code, message, params, rule.severity)


def english_params(params: dict[str, Any]) -> dict[str, Any]:
    """The params as the English template reads them: a tuple of photo source keys becomes words."""
    return {
        name: " and ".join(_SOURCE_NAMES.get(v, str(v)) for v in value) if isinstance(value, tuple) else value
        for name, value in params.items()
    }


def validate(
    post: Post, *, limits: Limits | None = None, now: datetime | None = None, for_sending: bool = True
) -> list[Problem]:
    """Every broken rule of OK's mediatopic.post docs; post-level problems first, then by block.

    `now` (an aware datetime, default the current time) is what a publishing time must be later than;
    `for_sending=False` accepts photos that are still local files (a draft). A naive `now` raises ValueError.
    """
    limits = limits or current_limits()
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        raise ValueError("validate(now=...) needs an aware datetime")
    problems = list(_post_rules(post, limits))
    att = post.attachment
    kind = post.effective_type.value
    problems += [problem(r, **p) for r, p in schedule_checks(kind, att.publish_at, att.publish_at_ms, now)]
    problems += _block_rules(post, limits, for_sending)
    return problems


def outline(media: list[Block]) -> Outline:
    """The post as the shared rules read it: (type, text) per block."""
    return [(b.TYPE, b.text if isinstance(b, TextBlock) else "") for b in media]


def _post_rules(post: Post, limits: Limits) -> Iterator[Problem]:
    shape = outline(post.attachment.media)
    for rule_id, params in post_checks(shape, limits):
        yield problem(rule_id, **params)
    att = post.attachment
    kind, hidden = post.effective_type.value, bool(post.hidden_post)
    flags = (att.on_behalf_of_group, att.disable_comments, post.set_status is True)
    options = group_option_checks(kind, post.gid, hidden, *flags)
    for rule_id, params in options:
        yield problem(rule_id, **params)
    if post.text_link_preview and not preview_applies(shape):
        yield problem("post.link_preview_ignored")


def _block_rules(post: Post, limits: Limits, for_sending: bool) -> Iterator[Problem]:
    media = post.attachment.media
    shape = outline(media)
    repeats = {index: (rule_id, params) for index, rule_id, params in repeated_blocks(shape)}
    as_status = post.set_status is True or post.effective_type == TopicType.USER_STATUS
    reshare = reshare_needs_text(shape, as_status)
    only_apps = all(isinstance(b, AppBlock) for b in media)
    for index, block in enumerate(media):
        found = list(_check_block(block, shape, limits, for_sending, only_apps))
        if index in repeats:
            found.insert(0, repeats[index])
        if index == reshare:
            found.append(("reshare.status_needs_text", {}))
        for rule_id, params in found:
            yield problem(rule_id, block, index, **params)


def _check_block(block: Block, shape: Outline, limits: Limits, for_sending: bool, only_apps: bool) -> Found:
    if isinstance(block, TextBlock):
        yield from text_checks(block.text, shape)
    elif isinstance(block, LinkBlock):
        yield from link_checks(block.url)
    elif isinstance(block, PhotoBlock):
        yield from _check_photos(block, for_sending)
    elif isinstance(block, MovieBlock):
        if not block.items:
            yield "movie.empty", {}
        for n, movie in enumerate(block.items, 1):
            if movie.id is None or movie.id == "":
                yield "movie.no_id", {"item": n}
    elif isinstance(block, MusicBlock):
        yield from _check_music(block)
    elif isinstance(block, PollBlock):
        yield from poll_checks(block.question, block.answers, block.options_string(), limits)
    elif isinstance(block, AppBlock):
        urls = [image.url for image in block.images or []]
        yield from app_checks(urls, [action.text for action in block.actions or []], only_apps, limits)
    elif isinstance(block, AppRefBlock):
        if block.app_id == "":
            yield "app_ref.no_id", {}
    elif isinstance(block, TopicReshareBlock | MovieReshareBlock):
        if (block.topic_id if isinstance(block, TopicReshareBlock) else block.movie_id) == "":
            yield "reshare.no_id", {}
        if isinstance(block, TopicReshareBlock) and block.group is None:
            yield "reshare.group_missing", {}


_SOURCE_NAMES = {"id": "an upload token", "photoId": "a photo id", "file": "a local file"}


def _check_photos(block: PhotoBlock, for_sending: bool) -> Found:
    if not block.items:
        yield "photo.empty", {}
    for n, photo in enumerate(block.items, 1):
        sources = photo.sources
        if not sources:
            yield "photo.no_source", {"item": n}
        elif len(sources) > 1:
            yield (
                "photo.many_sources",
                {"item": n, "sources": tuple(sources)},
            )
        elif photo.file is not None and for_sending:
            yield "photo.not_uploaded", {"item": n, "file": photo.file}


def _check_music(block: MusicBlock) -> Found:
    if not block.items:
        yield "music.empty", {}
    for n, track in enumerate(block.items, 1):
        if track.id is None or track.id == "":
            yield "music.no_id", {"item": n}
        if not (track.title or "").strip():
            yield "music.no_title", {"item": n}
        if not (track.artist_name or "").strip():
            yield "music.no_artist", {"item": n}
