"""The checks mediatopic.post makes on its raw attachment JSON: okrules' rules plus the JSON shape and state.

Source: docs/ok-api.md, "Post rules" and "Error codes".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from okcomposer.api.okrules import (
    Outline,
    app_checks,
    link_checks,
    message,
    poll_checks,
    post_checks,
    preview_applies,
    repeated_blocks,
    reshare_needs_text,
    text_checks,
)
from okcomposer.api.rule_table import ERROR, RULES
from okcomposer.sandbox import demo
from okcomposer.sandbox.answers import ApiError
from okcomposer.sandbox.photorules import check_photos
from okcomposer.sandbox.schedule import group_options

TOP_KEYS = {"media", "publishAtMs", "publishAt", "onBehalfOfGroup", "disableComments"}


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def parse_attachment(raw: str) -> dict:
    try:
        data = json.loads(raw, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        raise ApiError(100, f"Invalid parameter attachment: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ApiError(100, "Invalid parameter attachment: must be a JSON object")
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        # A mistyped key (say publishAtMS) would make OK silently publish at once: refuse it here.
        raise ApiError(100, f"Invalid parameter attachment: unknown keys {unknown}")
    media = data.get("media")
    if not isinstance(media, list) or not media:
        raise ApiError(100, "Invalid parameter attachment: media must be a non-empty list")
    return data


def _bad(where: str, why: str, code: int = 100) -> ApiError:
    return ApiError(code, f"Invalid parameter attachment: {where}: {why}")


def _refuse_first(found: Iterable[tuple[str, dict[str, Any]]], where: str) -> None:
    """Answer the first broken rule of okrules with its OK code, as OK refuses the whole call."""
    for rule_id, params in found:
        if RULES[rule_id].severity == ERROR:
            raise _bad(where, message(rule_id, params), RULES[rule_id].number)


def _string(block: dict, key: str, where: str) -> str:
    value = block.get(key, "")
    if not isinstance(value, str):
        raise _bad(where, f"{key} must be a string")
    return value


def _text(ctx, block, where, shape):
    _refuse_first(text_checks(_string(block, "text", where), shape), where)


def _link(ctx, block, where, shape):
    if "url" not in block:
        raise _bad(where, "a link block needs a url")
    _refuse_first(link_checks(_string(block, "url", where)), where)


def _list(block, where) -> list:
    items = block.get("list")
    if not isinstance(items, list) or not items:
        raise _bad(where, "list must be a non-empty list")
    return items


def _id(value, where, name) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return value
    raise _bad(where, f"{name} must be a numeric id, not {value!r}")


def _photo(ctx, block, where, shape):
    ctx.need_scope("PHOTO_CONTENT", "A photo block")
    _list(block, where)


def _movie(ctx, block, where, shape):
    ctx.need_scope("VIDEO_CONTENT", "A movie block")
    for item in _list(block, where):
        if not isinstance(item, dict) or set(item) != {"id"}:
            raise _bad(where, 'each movie must be {"id": video_id}')
        vid = _id(item["id"], where, "id")
        video = ctx.state.video(vid)
        if video is None and vid not in demo.VIDEOS:
            raise _bad(where, f"video {vid} not found", 300)
        if video is None or video["uid"] != ctx.uid:
            raise _bad(where, f"video {vid} is not a video this user uploaded")
        if video["status"] == "uploading":
            raise _bad(where, f"video {vid} has not been fully uploaded")


def _music(ctx, block, where, shape):
    for item in _list(block, where):
        if not isinstance(item, dict):
            raise _bad(where, "each track must be an object")
        track = _id(item.get("id"), where, "id")
        if track not in demo.MUSIC:
            raise _bad(where, f"track {track} not found", 300)
        for key in ("title", "artistName"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise _bad(where, f"each track needs {key}")


def _objects(block: dict, key: str, where: str) -> list[dict]:
    items = block.get(key, [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise _bad(where, f"{key} must be a list of objects")
    return items


def _poll(ctx, block, where, shape):
    question = _string(block, "question", where)
    answers = [_string(answer, "text", where) for answer in _objects(block, "answers", where)]
    options = block.get("options")
    if options is not None and not isinstance(options, str):
        raise _bad(where, "options must be a comma-separated string")
    _refuse_first(poll_checks(question, answers, options, ctx.limits), where)


def _app(ctx, block, where, shape):
    if "text" in block and not isinstance(block["text"], str):
        raise _bad(where, "text must be a string")
    urls = [image.get("url") for image in _objects(block, "images", where)]
    texts = [action.get("text") for action in _objects(block, "actions", where)]
    texts = [text if isinstance(text, str) else None for text in texts]
    only_apps = all(kind == "app" for kind, _ in shape)
    _refuse_first(app_checks(urls, texts, only_apps, ctx.limits), where)


def _app_ref(ctx, block, where, shape):
    app_id = _id(block.get("appId"), where, "appId")
    if app_id not in demo.APPS:
        raise _bad(where, f"application {app_id} not found")
    if not demo.APPS[app_id]:
        raise _bad(where, f"application {app_id} has not passed moderation")


def _topic(ctx, block, where, shape):
    topic_id = _id(block.get("topicId"), where, "topicId")
    group = block.get("group")
    if group not in ("true", "false"):
        raise _bad(where, 'group must be the string "true" or "false"')
    if not ctx.state.topic_exists(topic_id, group == "true"):
        raise _bad(where, f"topic {topic_id} (group={group}) not found", 300)


def _movie_reshare(ctx, block, where, shape):
    vid = _id(block.get("movieId"), where, "movieId")
    video = ctx.state.video(vid)
    if vid not in demo.VIDEOS and (video is None or video["status"] == "uploading"):
        raise _bad(where, f"video {vid} not found", 300)


BLOCKS = {
    "text": _text,
    "link": _link,
    "photo": _photo,
    "movie": _movie,
    "music": _music,
    "poll": _poll,
    "app": _app,
    "app-ref": _app_ref,
    "topic": _topic,
    "movie-reshare": _movie_reshare,
}


def check_attachment(
    ctx, raw: str, topic_type: str, gid: str | None, status: str | None, as_status: bool
) -> dict:
    """Validate a mediatopic.post attachment; returns what the topic record needs.

    The rules are the client's (api/okrules.py, answered with each rule's OK code); this adds the JSON shape
    and what only OK knows (scopes, ids that exist, whose photos). Raises ApiError.
    """
    data = parse_attachment(raw)
    media = data["media"]
    for index, block in enumerate(media):
        where = f"media[{index}]"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            raise _bad(where, "each block must be an object with a type")
        if block["type"] not in BLOCKS:
            raise _bad(where, f"unknown block type {block['type']!r}")
    shape = outline(media)
    _refuse_first(post_checks(shape, ctx.limits), "media")
    for index, block in enumerate(media):
        BLOCKS[block["type"]](ctx, block, f"media[{index}]", shape)
    for index, rule_id, params in repeated_blocks(shape):
        _refuse_first([(rule_id, params)], f"media[{index}]")
    reshare = reshare_needs_text(shape, as_status)
    if reshare is not None:
        _refuse_first([("reshare.status_needs_text", {})], f"media[{reshare}]")
    photos = check_photos(ctx, [item for b in media if b["type"] == "photo" for item in b["list"]], gid)
    publish_at_ms, on_behalf, disable_comments = group_options(ctx, data, topic_type, gid, status, as_status)
    return {
        "attachment": data,
        "photos": photos,
        "publish_at_ms": publish_at_ms,
        "on_behalf_of_group": on_behalf,
        "disable_comments": disable_comments,
    }


def outline(media: list[dict]) -> Outline:
    """(type, text) per block, as okrules reads a post (text "" for other blocks and non-string texts)."""
    return [
        (b["type"], b["text"] if b["type"] == "text" and isinstance(b.get("text"), str) else "")
        for b in media
    ]


def link_preview_applies(media: list[dict]) -> bool:
    """The seed's rule (okrules.preview_applies): the only text block, the last block, exactly one link."""
    return preview_applies(outline(media))
