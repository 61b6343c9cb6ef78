"""The rules at their exact limits and with their exact params: which item, which block, how many too many.

Sources: docs/ok-api.md, "Post rules" and "Error codes".
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from okcomposer.api.okrules import app_checks, poll_checks, post_checks, repeated_blocks, show_time
from okcomposer.api.rules import validate
from okcomposer.api.topic import (
    AppRefBlock,
    Attachment,
    LinkBlock,
    MovieBlock,
    MovieItem,
    MusicBlock,
    MusicItem,
    PollBlock,
    Post,
    TextBlock,
    TopicReshareBlock,
    TopicType,
)
from okcomposer.limits import Limits

NOW = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
LIMITS = Limits(poll_answers_min=2, poll_answers_max=4, blocks_max=3)


def post(*blocks, **params) -> Post:
    return Post(Attachment(list(blocks)), **params)


def answers(n: int) -> list[str]:
    return [f"answer {i}" for i in range(1, n + 1)]


@pytest.mark.parametrize(
    ("count", "found"),
    [
        (1, [("poll.too_few_answers", {"count": 1, "min": 2})]),
        (2, []),
        (4, []),
        (5, [("poll.too_many_answers", {"count": 5, "max": 4, "excess": 1})]),
        (7, [("poll.too_many_answers", {"count": 7, "max": 4, "excess": 3})]),
    ],
)
def test_poll_answer_count_at_its_limits(count, found):
    assert list(poll_checks("q", answers(count), None, LIMITS)) == found


def test_poll_answers_are_numbered_and_checked_after_a_blank_one():
    limits = Limits(poll_answer_max_chars=5)
    found = list(poll_checks("q", ["", "Tea", " ", "tea ", "coffee", "TEA"], None, limits))
    assert found == [
        ("poll.answer_empty", {"item": 1}),
        ("poll.answer_empty", {"item": 3}),
        ("poll.duplicate_answer", {"item": 4, "first": 2, "answer": "tea"}),
        ("poll.answer_too_long", {"item": 5, "count": 6, "max": 5}),
        ("poll.duplicate_answer", {"item": 6, "first": 2, "answer": "TEA"}),
    ]


def test_too_many_blocks_says_how_many_to_remove():
    assert list(post_checks([("text", "a")] * 3, LIMITS)) == []
    assert list(post_checks([("text", "a")] * 5, LIMITS)) == [
        ("post.too_many_blocks", {"count": 5, "max": 3, "excess": 2})
    ]
    [found] = validate(post(*[TextBlock("a")] * 5), limits=LIMITS, now=NOW)
    assert found.message == "The post has 5 blocks but OK accepts at most 3; remove 2 of them."


def test_text_at_its_limit_in_utf16_units():
    limits = Limits(text_max_chars=4)
    assert list(post_checks([("text", "ab😀")], limits)) == []  # 2 + 2 units
    assert list(post_checks([("text", "ab"), ("poll", "ignored text"), ("text", "😀")], limits)) == []
    assert list(post_checks([("text", "abc😀")], limits)) == [
        ("post.text_too_long", {"count": 5, "max": 4, "excess": 1})
    ]


def test_repeated_link_and_app_ref_blocks_name_the_first():
    outline = [("text", "x"), ("link", ""), ("app-ref", ""), ("link", ""), ("app-ref", ""), ("link", "")]
    assert list(repeated_blocks(outline)) == [
        (3, "link.more_than_one", {"first": 2}),
        (4, "app_ref.more_than_one", {"first": 3}),
        (5, "link.more_than_one", {"first": 2}),
    ]


def test_a_repeated_block_reports_the_repeat_before_its_own_problems():
    found = validate(post(TextBlock("x"), LinkBlock("https://ok.ru/"), LinkBlock("")), now=NOW)
    assert [(p.rule, p.block) for p in found] == [("link.more_than_one", 2), ("link.empty", 2)]
    assert found[0].message == (
        "Block 3 (link): a post can have only one link and block 2 is one already; remove this block."
    )
    assert found[0].params == {"block_number": 3, "block_type": "link", "first": 2}


def test_app_image_url_is_quoted_as_given():
    limits = Limits()
    assert list(app_checks(["ftp://x"], ["Go"], False, limits)) == [("app.image_url", {"url": "ftp://x"})]
    assert list(app_checks([None], ["Go"], False, limits)) == [("app.image_url", {"url": ""})]
    assert list(app_checks([], [], True, limits)) == [
        ("app.alone", {}),
        ("app.images", {"count": 0, "width": 492, "height": 364}),
        ("app.actions", {"count": 0}),
    ]
    assert list(app_checks(["https://ok.ru/a.png"], [" "], False, limits)) == [("app.action_text", {})]


def test_movies_and_tracks_are_numbered_from_one():
    movies = MovieBlock([MovieItem("1"), MovieItem(""), MovieItem(None), MovieItem("0")])
    tracks = MusicBlock([MusicItem("7", "Song", "Band"), MusicItem("", " ", None), MusicItem("0", "a", "b")])
    found = validate(post(TextBlock("x"), movies, tracks), now=NOW)
    assert [(p.rule, p.block, p.params.get("item")) for p in found] == [
        ("movie.no_id", 1, 2),
        ("movie.no_id", 1, 3),
        ("music.no_id", 2, 2),
        ("music.no_title", 2, 2),
        ("music.no_artist", 2, 2),
    ]
    assert found[0].message == "Block 2 (movie): video 2 has no id; remove it and add the video again."
    assert validate(post(TextBlock("x"), MovieBlock([]), MusicBlock([])), now=NOW)[0].rule == "movie.empty"


def test_blocks_without_text_are_not_text_to_the_rules():
    # An app-ref with a caption is not a text block: alone it still leaves the post without text.
    found = validate(post(AppRefBlock("", "caption")), now=NOW)
    assert [p.rule for p in found] == ["app_ref.no_id"]
    status = validate(post(TopicReshareBlock("1", False), type=TopicType.USER_STATUS), now=NOW)
    assert [(p.rule, p.block) for p in status] == [("reshare.status_needs_text", 0)]
    assert validate(post(TopicReshareBlock("1", False), TextBlock("look"), set_status=True), now=NOW) == []


def test_poll_in_a_post_is_checked_with_its_block_number():
    found = validate(post(TextBlock("x"), PollBlock("q", ["a"])), limits=LIMITS, now=NOW)
    assert [(p.rule, p.block, p.params) for p in found] == [
        ("poll.too_few_answers", 1, {"block_number": 2, "block_type": "poll", "count": 1, "min": 2})
    ]


def test_times_in_messages_are_utc():
    moscow = timezone(timedelta(hours=3))
    assert show_time(datetime(2025, 1, 1, 15, 30, tzinfo=moscow)) == "2025-01-01 12:30 UTC"


def test_a_naive_now_is_refused():
    with pytest.raises(ValueError, match=r"^validate\(now=\.\.\.\) needs an aware datetime$"):
        validate(post(TextBlock("x")), now=datetime(2025, 1, 1))
