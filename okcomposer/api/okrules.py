"""OK's rules for one mediatopic.post, on plain values: called by the client's validation and the sandbox.

The client (api/rules.py) passes the values of a Post, the sandbox (sandbox/rules.py) the values of the raw
attachment JSON after its own shape checks; each check yields `(rule id, params)` for every rule broken, the
ids being keys of rule_table.RULES (which gives OK's error code). Sources: docs/ok-api.md, "Post rules" (the
mediatopic.post seed page) and "Error codes". Lengths are counted in UTF-16 code units, as Java's
String.length() counts them (an emoji is 2): OK runs on Java; this is an inference, kept in `utf16_len` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from okcomposer.api.rule_table import RULES
from okcomposer.api.topic import ms_to_datetime, parse_publish_at
from okcomposer.limits import Limits

Found = Iterator[tuple[str, dict[str, Any]]]
# A post as the rules about the whole post read it: each block's type and, for a text block, its text.
Outline = Sequence[tuple[str, str]]

POLL_OPTIONS = ("SingleChoice", "AnonymousVoting", "ResultsAfterVoting")
ONE_PER_TOPIC = {"link": "link.more_than_one", "app-ref": "app_ref.more_than_one"}
GROUP_TYPES = ("GROUP_THEME", "GROUP_THEME_PROMO", "GROUP_SUGGESTED")
SCHEDULABLE = ("GROUP_THEME", "GROUP_THEME_PROMO")
# A link in a text, for the link-preview rule: http(s):// addresses and bare www. ones (OK's feed makes links
# of both; whether its preview counts www. is UNCONFIRMED, see docs/ok-api.md "Post rules").
WEB_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def utf16_len(text: str) -> int:
    """The length OK counts: UTF-16 code units (an emoji or another astral character is 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def is_blank(text: str | None) -> bool:
    """True for None, "" and text of nothing but whitespace (what OK would show as nothing)."""
    return not (text or "").strip()


def is_web_url(url: object) -> bool:
    """An absolute http(s) URL with a host and no whitespace (the link block's rule, error 607)."""
    if not isinstance(url, str) or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


def links_in(text: str) -> int:
    """How many web addresses (http://, https:// or www.) a text holds."""
    return len(WEB_LINK.findall(text))


def preview_applies(outline: Outline) -> bool:
    """The seed's text_link_preview rule: the text block is the only text block, the last block, and holds
    exactly one link."""
    texts = [i for i, (kind, _) in enumerate(outline) if kind == "text"]
    return texts == [len(outline) - 1] and links_in(outline[-1][1]) == 1


def only_blank_text(outline: Outline) -> bool:
    """No blocks, or nothing but blank text blocks: the post is empty."""
    return all(kind == "text" and is_blank(text) for kind, text in outline)


def post_checks(outline: Outline, limits: Limits) -> Found:
    """post.empty, post.too_many_blocks (600) and post.text_too_long (601, all text blocks together)."""
    if only_blank_text(outline):
        yield "post.empty", {}
    if len(outline) > limits.blocks_max:
        excess = len(outline) - limits.blocks_max
        yield "post.too_many_blocks", {"count": len(outline), "max": limits.blocks_max, "excess": excess}
    chars = sum(utf16_len(text) for kind, text in outline if kind == "text")
    if chars > limits.text_max_chars:
        excess = chars - limits.text_max_chars
        yield "post.text_too_long", {"count": chars, "max": limits.text_max_chars, "excess": excess}


def repeated_blocks(outline: Outline) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(index, rule, params) for each link or app-ref block after the first (the seed: one of each)."""
    first: dict[str, int] = {}
    for index, (kind, _) in enumerate(outline):
        if kind in ONE_PER_TOPIC:
            at = first.setdefault(kind, index)
            if at != index:
                yield index, ONE_PER_TOPIC[kind], {"first": at + 1}


def reshare_needs_text(outline: Outline, as_status: bool) -> int | None:
    """The index of the first reshare when the post is set as status without a text (the seed's rule)."""
    if not as_status or any(kind == "text" and not is_blank(text) for kind, text in outline):
        return None
    return next((i for i, (kind, _) in enumerate(outline) if kind in ("topic", "movie-reshare")), None)


def text_checks(text: str, outline: Outline) -> Found:
    """text.empty: a blank text block is refused (what OK does with one is UNCONFIRMED; the client never
    sends one). A post of nothing but blank text is reported once, as post.empty."""
    if is_blank(text) and not only_blank_text(outline):
        yield "text.empty", {}


def link_checks(url: str) -> Found:
    """link.empty or link.bad_url (both 607 MEDIA_TOPIC_LINK_BAD_FORMAT)."""
    if is_blank(url):
        yield "link.empty", {}
    elif not is_web_url(url):
        yield "link.bad_url", {"url": url}


def poll_checks(question: str, answers: Sequence[str], options: str | None, limits: Limits) -> Found:
    """The poll rules (602 question, 603 answer count, 604 answer text; duplicates and options: 100).

    `options` is the comma-separated string as sent; names are trimmed and empty names ignored (UNCONFIRMED).
    """
    if is_blank(question):
        yield "poll.question_empty", {}
    elif utf16_len(question) > limits.poll_question_max_chars:
        yield "poll.question_too_long", {"count": utf16_len(question), "max": limits.poll_question_max_chars}
    count = len(answers)
    if count < limits.poll_answers_min:
        yield "poll.too_few_answers", {"count": count, "min": limits.poll_answers_min}
    elif count > limits.poll_answers_max:
        excess = count - limits.poll_answers_max
        yield "poll.too_many_answers", {"count": count, "max": limits.poll_answers_max, "excess": excess}
    seen: dict[str, int] = {}
    for n, answer in enumerate(answers, 1):
        if is_blank(answer):
            yield "poll.answer_empty", {"item": n}
            continue
        length = utf16_len(answer)
        if length > limits.poll_answer_max_chars:
            yield "poll.answer_too_long", {"item": n, "count": length, "max": limits.poll_answer_max_chars}
        # Two answers that differ only in case or surrounding spaces read the same (OK's answer: UNCONFIRMED).
        key = answer.strip().casefold()
        if key in seen:
            yield "poll.duplicate_answer", {"item": n, "first": seen[key], "answer": answer.strip()}
        seen.setdefault(key, n)
    for name in (n.strip() for n in (options or "").split(",")):
        if name and name not in POLL_OPTIONS:
            yield "poll.unknown_option", {"option": name}


def app_checks(
    image_urls: Sequence[str | None], action_texts: Sequence[str | None], only_apps: bool, limits: Limits
) -> Found:
    """The app block: never the only content, one image (a web address), one action with a text (the seed)."""
    if only_apps:
        yield "app.alone", {}
    if len(image_urls) != 1:
        width, height = limits.app_image_size
        yield "app.images", {"count": len(image_urls), "width": width, "height": height}
    elif not is_web_url(image_urls[0]):
        yield "app.image_url", {"url": image_urls[0] or ""}
    if len(action_texts) != 1:
        yield "app.actions", {"count": len(action_texts)}
    elif is_blank(action_texts[0]):
        yield "app.action_text", {}


def group_option_checks(
    topic_type: str,
    gid: str | None,
    hidden: bool,
    on_behalf: bool | None,
    disable_comments: bool | None,
    set_status: bool = False,
) -> Found:
    """Which topic types take a gid, hidden_post, onBehalfOfGroup, disableComments and set_status (the seed).

    A "false" option on a page topic asks for nothing and passes; "true" is refused (OK's answer UNCONFIRMED).
    """
    is_group = topic_type in GROUP_TYPES
    if gid and not is_group:
        yield "post.gid_without_group_type", {"gid": gid, "type": topic_type}
    if is_group and not gid:
        yield "post.group_type_without_gid", {"type": topic_type}
    if not is_group:
        if hidden:
            yield "post.hidden_not_group", {}
        if on_behalf:
            yield "post.on_behalf_not_group", {}
        if disable_comments:
            yield "post.disable_comments_not_group", {}
    else:
        if set_status:  # a status is the user's own (OK's answer to a group one: UNCONFIRMED)
            yield "post.status_in_group", {}
        if on_behalf and topic_type == "GROUP_SUGGESTED":
            yield "post.on_behalf_suggested", {}


def schedule_checks(
    topic_type: str, publish_at: str | None, publish_at_ms: int | None, now: datetime
) -> Found:
    """publishAt ("YYYY-mm-dd hh:mi:ss", Moscow) or publishAtMs: group themes only, one of the two, a real
    time within years 1-9999, later than `now` (an aware datetime)."""
    if publish_at is None and publish_at_ms is None:
        return
    if topic_type not in SCHEDULABLE:
        yield "schedule.not_group", {"type": topic_type}
    if publish_at is not None and publish_at_ms is not None:
        yield "schedule.both", {}
    at = ms = None
    if publish_at is not None:
        try:
            at = parse_publish_at(publish_at)
        except ValueError:
            yield "schedule.bad_format", {"value": publish_at}
    if publish_at_ms is not None:
        try:
            ms = ms_to_datetime(publish_at_ms)
        except ValueError:
            yield "schedule.out_of_range", {"value": publish_at_ms}
    when = ms if ms is not None else at
    if when is not None and when <= now:
        # when_ms/now_ms (ms since the epoch) let the window write both in the user's own format and zone
        yield (
            "schedule.in_past",
            {
                "when": show_time(when),
                "now": show_time(now),
                "when_ms": int(when.timestamp() * 1000),
                "now_ms": int(now.timestamp() * 1000),
            },
        )


def show_time(when: datetime) -> str:
    """An aware datetime as "YYYY-MM-DD hh:mm UTC" for messages."""
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def message(rule_id: str, params: dict[str, Any]) -> str:
    """The rule's English text filled from its params."""
    return RULES[rule_id].template.format(**params)
