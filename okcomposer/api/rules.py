"""Checks a post against OK's documented rules before sending: every broken rule, one clear message each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

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
    UnknownBlock,
)
from okcomposer.api.topic import Post, TopicType, ms_to_datetime, parse_publish_at
from okcomposer.limits import Limits, current_limits

ERROR = "error"
WARNING = "warning"  # shown to the user, but does not block publishing


@dataclass(frozen=True)
class Rule:
    """One rule and its English text, filled from a problem's params.

    A block's problem reads "Block N (type): " + template, so block templates start in lower case.
    """

    id: str
    template: str
    code: str = "PARAM"  # the error name OK would answer, where it would answer one
    severity: str = ERROR


_RULE_LIST = [
    Rule("post.empty", "The post is empty; add some text, a photo or another block."),
    Rule(
        "post.too_many_blocks",
        "The post has {count} blocks but OK accepts at most {max}; remove {excess} of them.",
        "MEDIA_TOPIC_BLOCK_LIMIT",
    ),
    Rule(
        "post.text_too_long",
        "The text of the post is {count} characters long but OK accepts at most {max}; "
        "shorten it by {excess} characters.",
        "MEDIA_TOPIC_TEXT_LIMIT",
    ),
    Rule(
        "post.gid_without_group_type",
        "A group ({gid}) is set but the topic type is {type}; choose a group topic type or clear the group.",
    ),
    Rule("post.group_type_without_gid", "A {type} topic needs a group; choose the group to post in."),
    Rule("post.hidden_not_group", "Only a group topic can be hidden; turn off the hidden post option."),
    Rule(
        "post.on_behalf_not_group",
        "Only a group topic can be published on behalf of a group; turn off that option.",
    ),
    Rule(
        "post.disable_comments_not_group",
        "Comments can be turned off only for a group topic; turn off that option.",
    ),
    Rule(
        "post.link_preview_ignored",
        "OK makes a link preview only when the last block is the only text block and holds exactly one link; "
        "as it is, the link stays plain text.",
        severity=WARNING,
    ),
    Rule(
        "schedule.not_group",
        "Only group topics (GROUP_THEME, GROUP_THEME_PROMO) can be scheduled, but this post is {type}; "
        "publish it now or post it in a group.",
    ),
    Rule("schedule.both", "The post has both publishAt and publishAtMs; keep only one publishing time."),
    Rule(
        "schedule.bad_format",
        "The publishing time '{value}' is not a date and time in the form YYYY-MM-DD hh:mm:ss (Moscow time); "
        "choose the time again.",
    ),
    Rule("schedule.out_of_range", "The publishing time {value} ms is out of range; choose the time again."),
    Rule(
        "schedule.in_past",
        "The publishing time {when} is not in the future (it is now {now}); choose a later time.",
    ),
    Rule("block.unknown", "okcomposer does not know this block type; remove the block or update okcomposer."),
    Rule("text.empty", "the text is empty; write something or remove the block.", severity=WARNING),
    Rule(
        "link.more_than_one",
        "a post can have only one link and block {first} is one already; remove this block.",
    ),
    Rule(
        "link.empty",
        "the link is empty; enter a web address such as https://ok.ru/.",
        "MEDIA_TOPIC_LINK_BAD_FORMAT",
    ),
    Rule(
        "link.bad_url",
        "'{url}' is not a web address; enter a full address starting with https:// or http://.",
        "MEDIA_TOPIC_LINK_BAD_FORMAT",
    ),
    Rule("app.alone", "an app block cannot be the only content of a post; add a text or photo block."),
    Rule("app.images", "an app block needs exactly one image ({width}x{height}) but has {count}; keep one."),
    Rule("app.actions", "an app block needs exactly one action but has {count}; keep one."),
    Rule(
        "app_ref.more_than_one",
        "a post can have only one app-ref block and block {first} is one already; remove this block.",
    ),
    Rule("app_ref.no_id", "the app id is empty; enter the id of the application."),
    Rule("photo.empty", "the block has no photos; add a photo or remove the block."),
    Rule(
        "photo.no_source",
        "photo {item} has no upload token, photo id or file; remove it and add the photo again.",
    ),
    Rule(
        "photo.many_sources", "photo {item} has {sources} at once but needs exactly one; add the photo again."
    ),
    Rule("photo.not_uploaded", "photo {item} ({file}) is not uploaded yet; upload it before publishing."),
    Rule("movie.empty", "the block has no videos; add a video or remove the block."),
    Rule("movie.no_id", "video {item} has no id; remove it and add the video again."),
    Rule("music.empty", "the block has no tracks; add a track or remove the block."),
    Rule("music.no_id", "track {item} has no id; remove it and add the track again."),
    Rule("music.no_title", "track {item} has no title; enter the title of the track."),
    Rule("music.no_artist", "track {item} has no artist name; enter the artist."),
    Rule(
        "poll.question_empty",
        "the question is empty; write a question.",
        "MEDIA_TOPIC_POLL_QUESTION_TEXT_LIMIT",
    ),
    Rule(
        "poll.question_too_long",
        "the question is {count} characters long but OK accepts at most {max}; shorten it.",
        "MEDIA_TOPIC_POLL_QUESTION_TEXT_LIMIT",
    ),
    Rule(
        "poll.too_few_answers",
        "the poll has {count} answers but needs at least {min}; add answers.",
        "MEDIA_TOPIC_POLL_ANSWERS_LIMIT",
    ),
    Rule(
        "poll.too_many_answers",
        "the poll has {count} answers but OK accepts at most {max}; remove {excess} of them.",
        "MEDIA_TOPIC_POLL_ANSWERS_LIMIT",
    ),
    Rule(
        "poll.answer_empty",
        "answer {item} is empty; write it or remove it.",
        "MEDIA_TOPIC_POLL_ANSWER_TEXT_LIMIT",
    ),
    Rule(
        "poll.answer_too_long",
        "answer {item} is {count} characters long but OK accepts at most {max}; shorten it.",
        "MEDIA_TOPIC_POLL_ANSWER_TEXT_LIMIT",
    ),
    Rule(
        "poll.duplicate_answer",
        'answer {item} repeats answer {first} ("{answer}"); make every answer different.',
    ),
    Rule(
        "poll.unknown_option",
        "the poll option '{option}' is unknown to OK; turn the poll options off and on again.",
    ),
    Rule("reshare.no_id", "the reshare has no id of what it shares; share the topic or video again."),
    Rule(
        "reshare.group_missing",
        "OK needs to know whether the shared topic is a group's topic and the block does not say; "
        "share it again.",
    ),
    Rule(
        "reshare.status_needs_text",
        "a reshare set as the status needs a comment; add a text block.",
    ),
]
RULES: dict[str, Rule] = {rule.id: rule for rule in _RULE_LIST}


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
    rule = RULES[rule_id]
    text = rule.template.format(**params)
    if index is None:
        message = text
    else:
        params = {"block_number": index + 1, "block_type": block.TYPE if block else "", **params}
        message = f"Block {index + 1} ({params['block_type']}): {text}"
    return Problem(rule.id, index, rule.code, message, params, rule.severity)


def validate(
    post: Post, *, limits: Limits | None = None, now: datetime | None = None, for_sending: bool = True
) -> list[Problem]:
    """Every broken rule of OK's mediatopic.post docs; post-level problems first, then by block."""
    limits = limits or current_limits()
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        raise ValueError("validate(now=...) needs an aware datetime")
    problems = list(_post_rules(post, limits))
    problems += _schedule_rules(post, now)
    problems += _block_rules(post, limits, for_sending)
    return problems


def _post_rules(post: Post, limits: Limits) -> Iterator[Problem]:
    media = post.attachment.media
    kind = post.effective_type
    if _only_empty_text(media):
        yield problem("post.empty")
    if len(media) > limits.blocks_max:
        yield problem(
            "post.too_many_blocks",
            count=len(media),
            max=limits.blocks_max,
            excess=len(media) - limits.blocks_max,
        )
    chars = sum(len(b.text) for b in media if isinstance(b, TextBlock))
    if chars > limits.text_max_chars:
        excess = chars - limits.text_max_chars
        yield problem("post.text_too_long", count=chars, max=limits.text_max_chars, excess=excess)
    if post.gid and not kind.is_group:
        yield problem("post.gid_without_group_type", gid=post.gid, type=kind.value)
    if kind.is_group and not post.gid:
        yield problem("post.group_type_without_gid", type=kind.value)
    if not kind.is_group:
        if post.hidden_post:
            yield problem("post.hidden_not_group")
        if post.attachment.on_behalf_of_group:
            yield problem("post.on_behalf_not_group")
        if post.attachment.disable_comments:
            yield problem("post.disable_comments_not_group")
    if post.text_link_preview and not _preview_applies(media):
        yield problem("post.link_preview_ignored")


def _only_empty_text(media: list[Block]) -> bool:
    return all(isinstance(b, TextBlock) and not b.text.strip() for b in media)


_WEB_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def _preview_applies(media: list[Block]) -> bool:
    # The seed: "works only if the text block is the only one, the last one, and holds exactly one link".
    texts = [i for i, b in enumerate(media) if isinstance(b, TextBlock)]
    if len(texts) != 1 or texts[0] != len(media) - 1:
        return False
    text = media[texts[0]]
    return isinstance(text, TextBlock) and len(_WEB_LINK.findall(text.text)) == 1


def _schedule_rules(post: Post, now: datetime) -> Iterator[Problem]:
    att = post.attachment
    if att.publish_at is None and att.publish_at_ms is None:
        return
    if not post.effective_type.can_schedule:
        yield problem("schedule.not_group", type=post.effective_type.value)
    if att.publish_at is not None and att.publish_at_ms is not None:
        yield problem("schedule.both")
    at = ms = None
    if att.publish_at is not None:
        try:
            at = parse_publish_at(att.publish_at)
        except ValueError:
            yield problem("schedule.bad_format", value=att.publish_at)
    if att.publish_at_ms is not None:
        try:
            ms = ms_to_datetime(att.publish_at_ms)
        except ValueError:
            yield problem("schedule.out_of_range", value=att.publish_at_ms)
    when = ms if ms is not None else at
    if when is not None and when <= now:
        yield problem("schedule.in_past", when=_show_time(when), now=_show_time(now))


def _show_time(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _block_rules(post: Post, limits: Limits, for_sending: bool) -> Iterator[Problem]:
    media = post.attachment.media
    first_of: dict[type, int] = {}
    status = post.set_status is True or post.effective_type == TopicType.USER_STATUS
    has_text = any(isinstance(b, TextBlock) and b.text.strip() for b in media)
    reshare_reported = False
    for index, block in enumerate(media):
        found = list(_check_block(block, media, limits, for_sending))
        if isinstance(block, LinkBlock | AppRefBlock):
            first = first_of.setdefault(type(block), index)
            if first != index:
                rule = "link.more_than_one" if isinstance(block, LinkBlock) else "app_ref.more_than_one"
                found.insert(0, (rule, {"first": first + 1}))
        if isinstance(block, TopicReshareBlock | MovieReshareBlock) and status and not has_text:
            if not reshare_reported:
                found.append(("reshare.status_needs_text", {}))
                reshare_reported = True
        for rule_id, params in found:
            yield problem(rule_id, block, index, **params)


Found = Iterator[tuple[str, dict[str, Any]]]


def _check_block(block: Block, media: list[Block], limits: Limits, for_sending: bool) -> Found:
    if isinstance(block, TextBlock):
        # A post of nothing but empty text is reported once, as post.empty.
        if not block.text.strip() and not _only_empty_text(media):
            yield "text.empty", {}
    elif isinstance(block, LinkBlock):
        if not block.url.strip():
            yield "link.empty", {}
        elif not _is_web_url(block.url):
            yield "link.bad_url", {"url": block.url}
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
        yield from _check_poll(block, limits)
    elif isinstance(block, AppBlock):
        yield from _check_app(block, limits, all(isinstance(b, AppBlock) for b in media))
    elif isinstance(block, AppRefBlock):
        if block.app_id == "":
            yield "app_ref.no_id", {}
    elif isinstance(block, TopicReshareBlock | MovieReshareBlock):
        if (block.topic_id if isinstance(block, TopicReshareBlock) else block.movie_id) == "":
            yield "reshare.no_id", {}
        if isinstance(block, TopicReshareBlock) and block.group is None:
            yield "reshare.group_missing", {}
    elif isinstance(block, UnknownBlock):
        yield "block.unknown", {}


def _is_web_url(url: str) -> bool:
    if any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


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
                {"item": n, "sources": " and ".join(_SOURCE_NAMES[s] for s in sources)},
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


def _check_poll(block: PollBlock, limits: Limits) -> Found:
    if not block.question.strip():
        yield "poll.question_empty", {}
    elif len(block.question) > limits.poll_question_max_chars:
        yield "poll.question_too_long", {"count": len(block.question), "max": limits.poll_question_max_chars}
    count = len(block.answers)
    if count < limits.poll_answers_min:
        yield "poll.too_few_answers", {"count": count, "min": limits.poll_answers_min}
    elif count > limits.poll_answers_max:
        excess = count - limits.poll_answers_max
        yield "poll.too_many_answers", {"count": count, "max": limits.poll_answers_max, "excess": excess}
    seen: dict[str, int] = {}
    for n, answer in enumerate(block.answers, 1):
        key = answer.strip().casefold()
        if not key:
            yield "poll.answer_empty", {"item": n}
            continue
        if len(answer) > limits.poll_answer_max_chars:
            yield (
                "poll.answer_too_long",
                {"item": n, "count": len(answer), "max": limits.poll_answer_max_chars},
            )
        if key in seen:
            yield "poll.duplicate_answer", {"item": n, "first": seen[key], "answer": answer.strip()}
        seen.setdefault(key, n)
    for name in block.unknown_options():
        yield "poll.unknown_option", {"option": name}


def _check_app(block: AppBlock, limits: Limits, only_apps: bool) -> Found:
    if only_apps:
        yield "app.alone", {}
    images = len(block.images or [])
    if images != 1:
        width, height = limits.app_image_size
        yield "app.images", {"count": images, "width": width, "height": height}
    actions = len(block.actions or [])
    if actions != 1:
        yield "app.actions", {"count": actions}
