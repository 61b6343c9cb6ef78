"""The checks mediatopic.post makes on its raw attachment JSON (mediatopic-post seed, ok-api.md section 4)."""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urlsplit

from okcomposer.sandbox import demo
from okcomposer.sandbox.answers import ApiError
from okcomposer.sandbox.photorules import check_photos
from okcomposer.sandbox.schedule import group_options

TOP_KEYS = {"media", "publishAtMs", "publishAt", "onBehalfOfGroup", "disableComments"}
POLL_OPTIONS = {"SingleChoice", "AnonymousVoting", "ResultsAfterVoting"}
URL_IN_TEXT = re.compile(r"https?://[^\s]+", re.IGNORECASE)


def utf16_len(text: str) -> int:
    # Counted in UTF-16 units (an emoji is 2), the larger of the plausible counts: never looser than OK.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def is_http_url(value: object) -> bool:
    if not isinstance(value, str) or any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


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


def _text(ctx, block, where):
    if not isinstance(block.get("text"), str) or not block["text"].strip():
        raise _bad(where, "a text block needs a non-empty text")


def _link(ctx, block, where):
    if "url" not in block:
        raise _bad(where, "a link block needs a url")
    if not is_http_url(block["url"]):
        raise _bad(where, f"url {block['url']!r} is not an absolute http(s) URL", 607)


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


def _photo(ctx, block, where):
    ctx.need_scope("PHOTO_CONTENT", "A photo block")
    _list(block, where)


def _movie(ctx, block, where):
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


def _music(ctx, block, where):
    for item in _list(block, where):
        if not isinstance(item, dict):
            raise _bad(where, "each track must be an object")
        track = _id(item.get("id"), where, "id")
        if track not in demo.MUSIC:
            raise _bad(where, f"track {track} not found", 300)
        for key in ("title", "artistName"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise _bad(where, f"each track needs {key}")


def _poll(ctx, block, where):
    limits = ctx.limits
    question = block.get("question")
    if (
        not isinstance(question, str)
        or not question.strip()
        or utf16_len(question) > limits.poll_question_max_chars
    ):
        raise _bad(where, f"the question must have 1..{limits.poll_question_max_chars} characters", 602)
    answers = block.get("answers")
    if not isinstance(answers, list):
        raise _bad(where, "answers must be a list")
    if not limits.poll_answers_min <= len(answers) <= limits.poll_answers_max:
        raise _bad(where, f"a poll needs {limits.poll_answers_min}..{limits.poll_answers_max} answers", 603)
    for answer in answers:
        text = answer.get("text") if isinstance(answer, dict) else None
        if not isinstance(text, str) or not text.strip() or utf16_len(text) > limits.poll_answer_max_chars:
            raise _bad(
                where, f"each answer needs a text of 1..{limits.poll_answer_max_chars} characters", 604
            )
    options = block.get("options")
    if options is not None:
        names = options.split(",") if isinstance(options, str) else [None]
        if any(name not in POLL_OPTIONS for name in names):
            raise _bad(where, f"options must be a comma-separated subset of {sorted(POLL_OPTIONS)}")


def _app(ctx, block, where):
    if "text" in block and not isinstance(block["text"], str):
        raise _bad(where, "text must be a string")
    images, actions = block.get("images"), block.get("actions")
    if not isinstance(images, list) or len(images) != 1 or not isinstance(images[0], dict):
        raise _bad(where, "an app block needs exactly one image")
    if not is_http_url(images[0].get("url")):
        raise _bad(where, "the app image needs an absolute http(s) url")
    if not isinstance(actions, list) or len(actions) != 1 or not isinstance(actions[0], dict):
        raise _bad(where, "an app block needs exactly one action")
    if not isinstance(actions[0].get("text"), str) or not actions[0]["text"].strip():
        raise _bad(where, "the app action needs a text")


def _app_ref(ctx, block, where):
    app_id = _id(block.get("appId"), where, "appId")
    if app_id not in demo.APPS:
        raise _bad(where, f"application {app_id} not found")
    if not demo.APPS[app_id]:
        raise _bad(where, f"application {app_id} has not passed moderation")


def _topic(ctx, block, where):
    topic_id = _id(block.get("topicId"), where, "topicId")
    group = block.get("group")
    if group not in ("true", "false"):
        raise _bad(where, 'group must be the string "true" or "false"')
    if not ctx.state.topic_exists(topic_id, group == "true"):
        raise _bad(where, f"topic {topic_id} (group={group}) not found", 300)


def _movie_reshare(ctx, block, where):
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
ONE_PER_TOPIC = ("link", "app", "app-ref")


def check_attachment(
    ctx, raw: str, topic_type: str, gid: str | None, status: str | None, as_status: bool
) -> dict:
    """Validate a mediatopic.post attachment; returns what the topic record needs."""
    data = parse_attachment(raw)
    media = data["media"]
    if len(media) > ctx.limits.blocks_max:
        raise ApiError(600, f"{len(media)} blocks, at most {ctx.limits.blocks_max} are allowed")
    counts: Counter[str] = Counter()
    for index, block in enumerate(media):
        where = f"media[{index}]"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            raise _bad(where, "each block must be an object with a type")
        if block["type"] not in BLOCKS:
            raise _bad(where, f"unknown block type {block['type']!r}")
        counts[block["type"]] += 1
        BLOCKS[block["type"]](ctx, block, where)
    total = sum(utf16_len(b["text"]) for b in media if b["type"] == "text")
    if total > ctx.limits.text_max_chars:
        raise ApiError(601, f"text has {total} characters, at most {ctx.limits.text_max_chars} are allowed")
    for kind in ONE_PER_TOPIC:
        if counts[kind] > 1:
            raise ApiError(100, f"Invalid parameter attachment: at most one {kind} block per topic")
    if counts["app"] and counts["app"] == len(media):
        raise ApiError(100, "Invalid parameter attachment: an app block cannot be the only block")
    if (counts["topic"] or counts["movie-reshare"]) and as_status and not counts["text"]:
        raise ApiError(100, "Invalid parameter attachment: a reshare set as status needs a text block")
    photos = check_photos(ctx, [item for b in media if b["type"] == "photo" for item in b["list"]], gid)
    publish_at_ms, on_behalf, disable_comments = group_options(ctx, data, topic_type, status)
    return {
        "attachment": data,
        "photos": photos,
        "publish_at_ms": publish_at_ms,
        "on_behalf_of_group": on_behalf,
        "disable_comments": disable_comments,
    }


def link_preview_applies(media: list[dict]) -> bool:
    """The seed's rule: the text block is the only text block, the last block, and holds exactly one link."""
    texts = [index for index, block in enumerate(media) if block["type"] == "text"]
    return texts == [len(media) - 1] and len(URL_IN_TEXT.findall(media[-1]["text"])) == 1
