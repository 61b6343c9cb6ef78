"""The shared rules on their own: UTF-16 lengths, blank text, web addresses, links for the preview, options.

The client (api/rules.py) and the sandbox call these same functions; test_rules_vs_sandbox.py compares them.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from okcomposer.api.okrules import (
    group_option_checks,
    is_blank,
    is_web_url,
    links_in,
    poll_checks,
    preview_applies,
    schedule_checks,
    utf16_len,
)
from okcomposer.api.rules import ERROR, validate
from okcomposer.api.topic import Attachment, PollBlock, PollOption, Post, TextBlock
from okcomposer.limits import Limits

NOW = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
T = TextBlock("hello")


def post(*blocks, **params) -> Post:
    return Post(Attachment(list(blocks)), **params)


def poll(question="Tea or coffee?", answers=("Tea", "Coffee")) -> PollBlock:
    return PollBlock(question, list(answers))


@pytest.mark.parametrize(
    ("text", "units"),
    [("", 0), ("abc", 3), ("é", 1), ("ё", 1), ("😀", 2), ("👍🏽", 4), ("\U0001d11e", 2), ("a\ud83d", 2)],
)
def test_utf16_len(text, units):
    assert utf16_len(text) == units


def test_a_blank_text_block_is_refused_not_sent():
    # OK's answer to a blank text block is unknown (docs/ok-api.md, "Post rules"): it is never sent.
    [found] = validate(post(T, TextBlock(" \n\t")), now=NOW)
    assert (found.rule, found.severity, found.code) == ("text.empty", ERROR, "PARAM")
    assert found.message == "Block 2 (text): the text is empty; write something or remove the block."


def test_blank():
    assert is_blank(None) and is_blank("") and is_blank(" \n\t\u3000")
    assert not is_blank(" a ") and not is_blank("😀")


def test_emoji_count_as_two():
    limits = Limits(poll_answer_max_chars=10, poll_question_max_chars=10, text_max_chars=10)
    assert validate(post(poll("😀" * 5, ["a", "😀" * 5]), TextBlock("😀" * 5)), limits=limits, now=NOW) == []
    found = validate(post(poll("😀" * 6, ["a", "é😀" * 4]), TextBlock("a😀" * 4)), limits=limits, now=NOW)
    assert [(p.rule, p.params["count"]) for p in found] == [
        ("post.text_too_long", 12),
        ("poll.question_too_long", 12),
        ("poll.answer_too_long", 12),
    ]
    assert found[0].message == (
        "The text of the post is 12 characters long (an emoji counts as 2) but OK accepts at most 10; "
        "shorten it by 2 characters."
    )
    assert (
        "answer 2 is 12 characters long (an emoji counts as 2) but OK accepts at most 10" in found[2].message
    )


def test_200_emoji_in_an_answer_are_too_long():
    [found] = validate(post(poll(answers=["a", "😀" * 200])), now=NOW)
    assert (found.rule, found.params["count"], found.params["max"]) == ("poll.answer_too_long", 400, 255)


def test_100000_emoji_of_text_are_too_long():
    [found] = validate(post(TextBlock("😀" * 100_000)), now=NOW)
    assert (found.rule, found.params["count"], found.code) == (
        "post.text_too_long",
        200_000,
        "MEDIA_TOPIC_TEXT_LIMIT",
    )


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("see https://ok.ru/", 1),
        ("see www.ok.ru", 1),
        ("see HTTP://OK.RU and nothing else", 1),
        ("https://www.ok.ru/group", 1),  # one address, not two
        ("www.a.ru or https://b.ru", 2),
        ("ok.ru without a scheme", 0),
    ],
)
def test_preview_counts_www_links(text, links):
    assert links_in(text) == links
    assert preview_applies([("text", text)]) is (links == 1)
    assert preview_applies([("text", text), ("poll", "")]) is False
    assert preview_applies([("text", "x"), ("text", text)]) is False
    found = validate(post(TextBlock(text), text_link_preview=True), now=NOW)
    assert [p.rule for p in found] == ([] if links == 1 else ["post.link_preview_ignored"])


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://ok.ru/", True),
        ("HTTP://OK.RU:8080/x?y=1#z", True),
        ("www.ok.ru", False),
        ("http://[::1", False),
        ("https:///path", False),
        ("https://ok.ru/a b", False),
        ("mailto:a@b.ru", False),
        (None, False),
    ],
)
def test_web_url(url, ok):
    assert is_web_url(url) is ok


def test_poll_option_names_are_trimmed_and_empty_names_ignored():
    limits = Limits()
    assert list(poll_checks("q", ["a", "b"], " SingleChoice,AnonymousVoting, ", limits)) == []
    assert list(poll_checks("q", ["a", "b"], "SingleChoice,Quiz", limits)) == [
        ("poll.unknown_option", {"option": "Quiz"})
    ]
    options = {PollOption.SINGLE_CHOICE, PollOption.ANONYMOUS_VOTING}
    block = PollBlock("q", ["a", "b"], options, options_raw=" SingleChoice,AnonymousVoting, ")
    assert validate(post(block), now=NOW) == []


def test_group_options():
    assert list(group_option_checks("USER", None, False, False, False)) == []
    assert [r for r, _ in group_option_checks("USER", "1", True, True, True)] == [
        "post.gid_without_group_type",
        "post.hidden_not_group",
        "post.on_behalf_not_group",
        "post.disable_comments_not_group",
    ]
    assert [r for r, _ in group_option_checks("GROUP_SUGGESTED", "1", True, True, True)] == [
        "post.on_behalf_suggested"
    ]
    assert [r for r, _ in group_option_checks("GROUP_THEME", None, False, None, None)] == [
        "post.group_type_without_gid"
    ]


def test_schedule_range():
    assert [r for r, _ in schedule_checks("GROUP_THEME", None, 2**62, NOW)] == ["schedule.out_of_range"]
    assert [r for r, _ in schedule_checks("GROUP_THEME", "2025-02-30 10:00:00", None, NOW)] == [
        "schedule.bad_format"
    ]
    assert list(schedule_checks("GROUP_THEME", "2025-01-01 15:00:01", None, NOW)) == []  # 12:00:01 UTC
    assert [r for r, _ in schedule_checks("GROUP_THEME", "2025-01-01 15:00:00", None, NOW)] == [
        "schedule.in_past"
    ]
