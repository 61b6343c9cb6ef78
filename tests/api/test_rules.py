"""Validating a post against OK's documented rules: each rule fires and names its block; valid posts pass."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okcomposer.api.errors import CODES
from okcomposer.api.rules import ERROR, RULES, WARNING, Problem, english_params, is_publishable, validate
from okcomposer.api.topic import (
    AppAction,
    AppBlock,
    AppImage,
    AppRefBlock,
    Attachment,
    DraftError,
    LinkBlock,
    MovieBlock,
    MovieItem,
    MovieReshareBlock,
    MusicBlock,
    MusicItem,
    PhotoBlock,
    PhotoItem,
    PollBlock,
    PollOption,
    Post,
    TextBlock,
    TopicReshareBlock,
    TopicType,
)
from okcomposer.limits import Limits

DATA = Path(__file__).resolve().parent.parent / "data"
NOW = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
FUTURE_MS = int((NOW + timedelta(days=1)).timestamp() * 1000)
T = TextBlock("hello")
APP = AppBlock("play", [AppImage("https://ok.ru/a.png", "t", "m")], [AppAction("Go", "go")])
REF = AppRefBlock(512000589246, "try it")


def post(*blocks, **params) -> Post:
    return Post(Attachment(list(blocks)), **params)


def group(*blocks, **attachment) -> Post:
    return Post(Attachment(list(blocks), **attachment), type=TopicType.GROUP_THEME, gid="53038939046008")


def poll(question="Tea or coffee?", answers=("Tea", "Coffee"), **kw) -> PollBlock:
    return PollBlock(question, list(answers), **kw)


def unknown_option_poll() -> PollBlock:  # draft reading refuses one: built in code
    return PollBlock("q", ["a", "b"], {PollOption.SINGLE_CHOICE}, options_raw="SingleChoice,Quiz")


SUGGESTED = (TopicType.GROUP_SUGGESTED, "1")
# (rule, block index or None, post, limits or None): each post breaks exactly that one rule.
CASES = [
    ("post.empty", None, post(), None),
    ("post.too_many_blocks", None, post(T, T, T), Limits(blocks_max=2)),
    ("post.text_too_long", None, post(TextBlock("a" * 15), TextBlock("b" * 10)), Limits(text_max_chars=20)),
    ("post.gid_without_group_type", None, post(T, gid="123"), None),
    ("post.group_type_without_gid", None, post(T, type=TopicType.GROUP_SUGGESTED), None),
    ("post.status_in_group", None, Post(Attachment([T]), TopicType.GROUP_THEME, "1", set_status=True), None),
    ("post.hidden_not_group", None, post(T, hidden_post=True), None),
    ("post.on_behalf_suggested", None, Post(Attachment([T], on_behalf_of_group=True), *SUGGESTED), None),
    ("post.on_behalf_not_group", None, Post(Attachment([T], on_behalf_of_group=True)), None),
    ("post.disable_comments_not_group", None, Post(Attachment([T], disable_comments=True)), None),
    (
        "post.link_preview_ignored",
        None,
        post(TextBlock("https://a.ru or https://b.ru"), text_link_preview=True),
        None,
    ),
    ("schedule.not_group", None, Post(Attachment([T], publish_at_ms=FUTURE_MS)), None),
    ("schedule.both", None, group(T, publish_at="2030-01-01 10:00:00", publish_at_ms=FUTURE_MS), None),
    ("schedule.bad_format", None, group(T, publish_at="2030-01-01T10:00"), None),
    ("schedule.out_of_range", None, group(T, publish_at_ms=2**62), None),
    ("schedule.in_past", None, group(T, publish_at="2025-01-01 14:59:59"), None),
    ("text.empty", 1, post(T, TextBlock(" ")), None),
    ("link.more_than_one", 2, post(LinkBlock("https://a.ru/"), T, LinkBlock("https://b.ru/")), None),
    ("link.empty", 0, post(LinkBlock("")), None),
    ("link.bad_url", 1, post(T, LinkBlock("ok.ru/group/1")), None),
    ("app.alone", 0, post(APP), None),
    ("app.images", 1, post(T, AppBlock("x", [], [AppAction("Go", "go")])), None),
    ("app.image_url", 1, post(T, AppBlock("x", [AppImage("ok.ru/a.png")], APP.actions)), None),
    ("app.actions", 1, post(T, AppBlock("x", APP.images, None)), None),
    ("app.action_text", 1, post(T, AppBlock("x", APP.images, [AppAction(" ", "go")])), None),
    ("app_ref.more_than_one", 2, post(REF, T, REF), None),
    ("app_ref.no_id", 0, post(AppRefBlock("")), None),
    ("photo.empty", 0, post(PhotoBlock([])), None),
    ("photo.no_source", 1, post(T, PhotoBlock([PhotoItem(token="t"), PhotoItem()])), None),
    ("photo.many_sources", 0, post(PhotoBlock([PhotoItem(token="t", photo_id="1")])), None),
    ("photo.not_uploaded", 1, post(T, PhotoBlock([PhotoItem(file="/pics/cat.jpg")])), None),
    ("movie.empty", 0, post(MovieBlock([])), None),
    ("movie.no_id", 0, post(MovieBlock([MovieItem("1"), MovieItem()])), None),
    ("music.empty", 0, post(MusicBlock([])), None),
    ("music.no_id", 0, post(MusicBlock([MusicItem(None, "Fix You", "Coldplay")])), None),
    ("music.no_title", 0, post(MusicBlock([MusicItem("1", "", "Coldplay")])), None),
    ("music.no_artist", 0, post(MusicBlock([MusicItem("1", "Fix You")])), None),
    ("poll.question_empty", 1, post(T, poll(" ")), None),
    ("poll.question_too_long", 0, post(poll("a" * 11)), Limits(poll_question_max_chars=10)),
    ("poll.too_few_answers", 0, post(poll(answers=["Tea"])), None),
    ("poll.too_many_answers", 0, post(poll(answers="abcd")), Limits(poll_answers_max=3)),
    ("poll.answer_empty", 0, post(poll(answers=["Tea", ""])), None),
    ("poll.answer_too_long", 0, post(poll(answers=["Tea", "Coffee"])), Limits(poll_answer_max_chars=5)),
    ("poll.duplicate_answer", 0, post(poll(answers=["Tea", " tea"])), None),
    ("poll.unknown_option", 0, post(unknown_option_poll()), None),
    ("reshare.no_id", 1, post(T, MovieReshareBlock("")), None),
    ("reshare.group_missing", 1, post(T, TopicReshareBlock("10240918683741")), None),
    ("reshare.status_needs_text", 0, post(TopicReshareBlock("1", False), set_status=True), None),
]


def test_every_rule_has_a_case():
    assert {case[0] for case in CASES} == set(RULES)


@pytest.mark.parametrize(("rule", "block", "the_post", "limits"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_and_names_the_block(rule, block, the_post, limits):
    problems = validate(the_post, limits=limits, now=NOW)
    assert [p.rule for p in problems] == [rule]
    [found] = problems
    assert found.block == block
    assert found.code == RULES[rule].code
    assert found.severity == RULES[rule].severity
    assert found.message.endswith(".")
    if block is None:
        assert found.message[0].isupper() and not found.message.startswith("Block ")
    else:
        kind = the_post.attachment.media[block].TYPE
        assert found.message.startswith(f"Block {block + 1} ({kind}): ")
        assert (found.params["block_number"], found.params["block_type"]) == (block + 1, kind)
    # The params fill the rule's template: translators get everything the English text uses.
    assert RULES[rule].template.format(**english_params(found.params)) in found.message


def test_codes_are_oks_error_names():
    assert {r.code for r in RULES.values()} <= set(CODES)
    assert RULES["post.text_too_long"].code == "MEDIA_TOPIC_TEXT_LIMIT"
    assert RULES["post.too_many_blocks"].code == "MEDIA_TOPIC_BLOCK_LIMIT"
    assert RULES["link.bad_url"].code == "MEDIA_TOPIC_LINK_BAD_FORMAT"
    assert RULES["poll.question_empty"].code == "MEDIA_TOPIC_POLL_QUESTION_TEXT_LIMIT"
    assert RULES["poll.too_few_answers"].code == "MEDIA_TOPIC_POLL_ANSWERS_LIMIT"
    assert RULES["poll.answer_too_long"].code == "MEDIA_TOPIC_POLL_ANSWER_TEXT_LIMIT"


def test_an_exact_message():
    [found] = validate(post(T, T, poll(" ")), now=NOW)
    assert found == Problem(
        "poll.question_empty",
        2,
        "MEDIA_TOPIC_POLL_QUESTION_TEXT_LIMIT",
        "Block 3 (poll): the question is empty; write a question.",
        {"block_number": 3, "block_type": "poll"},
    )


# ---- valid posts ----


@pytest.mark.parametrize("path", sorted(DATA.glob("seed_*.json")), ids=lambda p: p.stem)
def test_seed_examples_are_valid(path):
    attachment = Attachment.from_json(json.loads(path.read_text(encoding="utf-8")))
    if attachment.publish_at:  # the seed's group topic, scheduled for 2015
        the_post = Post(attachment, type=TopicType.GROUP_THEME, gid="53038939046008")
        now = datetime(2015, 1, 1, tzinfo=UTC)
    else:
        the_post, now = Post(attachment), NOW
    assert validate(the_post, now=now) == []


@pytest.mark.parametrize(
    "the_post",
    [
        post(T),
        post(TextBlock("see https://ok.ru/"), text_link_preview=True),
        post(PhotoBlock([PhotoItem(photo_id=1)]), TextBlock("www.ok.ru"), text_link_preview=True),
        post(T, poll(options={PollOption.SINGLE_CHOICE, PollOption.RESULTS_AFTER_VOTING})),
        post(T, APP, REF, LinkBlock("HTTP://OK.RU:8080/x?y=1#z")),
        post(TopicReshareBlock("1", True), T, type=TopicType.USER_STATUS),
        post(MovieReshareBlock(14029922), TextBlock("watch"), set_status=True),
        post(MovieReshareBlock("14029922")),
        post(T, set_status=False, text_link_preview=False, hidden_post=False),
        Post(Attachment([T], on_behalf_of_group=False, disable_comments=False)),
        post(T, type=TopicType.USER_NOTE),
        post(T, type=None),
        group(T, publish_at="2025-01-01 15:00:01", on_behalf_of_group=True, disable_comments=True),
        Post(
            Attachment([T], publish_at_ms=FUTURE_MS),
            type=TopicType.GROUP_THEME_PROMO,
            gid="1",
            hidden_post=True,
        ),
        Post(Attachment([T]), type=TopicType.GROUP_SUGGESTED, gid="1", hidden_post=True),
    ],
)
def test_valid_posts_have_no_problems(the_post):
    assert validate(the_post, now=NOW) == []


def test_all_problems_are_reported_together():
    bad = Post(
        Attachment([LinkBlock("x"), LinkBlock("https://a.ru"), poll("", ["a"])]),
        gid="1",
        hidden_post=True,
    )
    found = [(p.rule, p.block) for p in validate(bad, now=NOW)]
    assert found == [
        ("post.gid_without_group_type", None),
        ("post.hidden_not_group", None),
        ("link.bad_url", 0),
        ("link.more_than_one", 1),
        ("poll.question_empty", 2),
        ("poll.too_few_answers", 2),
    ]


def test_every_broken_item_is_named():
    block = PhotoBlock([PhotoItem(), PhotoItem(token="t"), PhotoItem(file="a.jpg", token="t"), PhotoItem()])
    found = validate(post(block), now=NOW)
    assert [(p.rule, p.params["item"]) for p in found] == [
        ("photo.no_source", 1),
        ("photo.many_sources", 3),
        ("photo.no_source", 4),
    ]
    assert found[1].message == (
        "Block 1 (photo): photo 3 has an upload token and a local file at once but needs exactly one; "
        "add the photo again."
    )


def test_a_whitespace_only_post_is_empty_once():
    assert [p.rule for p in validate(post(TextBlock(""), TextBlock(" \n")), now=NOW)] == ["post.empty"]


def test_local_files_are_fine_in_a_draft():
    draft = post(T, PhotoBlock([PhotoItem(file="/pics/cat.jpg")]))
    assert validate(draft, now=NOW, for_sending=False) == []
    [found] = validate(draft, now=NOW)
    assert (
        found.message
        == "Block 2 (photo): photo 1 (/pics/cat.jpg) is not uploaded yet; upload it before publishing."
    )


def test_only_app_blocks_is_still_alone():
    assert [(p.rule, p.block) for p in validate(post(APP, APP), now=NOW)] == [
        ("app.alone", 0),
        ("app.alone", 1),
    ]


def test_reshare_as_status_needs_a_real_text():
    found = validate(post(TextBlock(" "), TopicReshareBlock("1", True), type=TopicType.USER_STATUS), now=NOW)
    assert [(p.rule, p.block) for p in found] == [("text.empty", 0), ("reshare.status_needs_text", 1)]


@pytest.mark.parametrize(
    "url",
    [
        "ok.ru",
        "https://",
        "http://exa mple.com",
        "javascript:alert(1)",
        "http://[::1",
        " https://ok.ru",
        "ftp://x.ru",
    ],
)
def test_bad_link_urls(url):
    assert [p.rule for p in validate(post(LinkBlock(url)), now=NOW)] == ["link.bad_url"]


@pytest.mark.parametrize(
    "blocks",
    [
        [TextBlock("https://ok.ru"), PhotoBlock([PhotoItem(token="t")])],  # text not last
        [TextBlock("one"), TextBlock("https://ok.ru")],  # two text blocks
        [TextBlock("no link at all")],
        [PhotoBlock([PhotoItem(token="t")])],  # no text block
    ],
)
def test_link_preview_warning_does_not_block_publishing(blocks):
    found = validate(post(*blocks, text_link_preview=True), now=NOW)
    assert [(p.rule, p.severity) for p in found] == [("post.link_preview_ignored", WARNING)]
    assert is_publishable(found)


def test_is_publishable():
    assert is_publishable([])
    assert not is_publishable(validate(post(), now=NOW))
    warning = validate(post(TextBlock("https://a.ru https://b.ru"), text_link_preview=True), now=NOW)
    assert [p.severity for p in warning] == [WARNING]
    assert is_publishable(warning)
    assert not is_publishable(warning + validate(post(LinkBlock("")), now=NOW))
    assert validate(post(), now=NOW)[0].severity == ERROR


def test_schedule_exactly_now_is_in_the_past():
    at_now = group(T, publish_at_ms=int(NOW.timestamp() * 1000))
    found = validate(at_now, now=NOW)
    assert [p.rule for p in found] == ["schedule.in_past"]
    assert found[0].message == (
        "The publishing time 2025-01-01 12:00 UTC is not in the future (it is now 2025-01-01 12:00 UTC); "
        "choose a later time."
    )
    assert validate(at_now, now=NOW - timedelta(milliseconds=1)) == []


def test_both_times_are_checked():
    found = validate(group(T, publish_at="soon", publish_at_ms=FUTURE_MS), now=NOW)
    assert [p.rule for p in found] == ["schedule.both", "schedule.bad_format"]


def test_validate_needs_an_aware_now():
    with pytest.raises(ValueError, match="aware"):
        validate(post(T), now=datetime(2025, 1, 1))


def test_default_now_and_limits(monkeypatch):
    monkeypatch.setenv("OKC_LIMIT_BLOCKS_MAX", "1")
    assert [p.rule for p in validate(post(T, T))] == ["post.too_many_blocks"]
    assert [p.rule for p in validate(group(T, publish_at="2000-01-01 00:00:00"))] == ["schedule.in_past"]


def test_set_status_with_type_user_status_also_counts():
    found = validate(post(MovieReshareBlock("1"), type=TopicType.USER_STATUS), now=NOW)
    assert [(p.rule, p.block) for p in found] == [("reshare.status_needs_text", 0)]


# ---- any parsed draft can be validated ----

DRAFTS = st.fixed_dictionaries(
    {
        "attachment": st.fixed_dictionaries(
            {
                "media": st.lists(
                    st.sampled_from(
                        [
                            {"type": "text", "text": ""},
                            {"type": "text", "text": "https://ok.ru"},
                            {"type": "link", "url": "nope"},
                            {"type": "photo", "list": [{}, {"file": "a"}, {"id": "t", "photoId": 1}]},
                            {"type": "movie", "list": [{}]},
                            {"type": "music", "list": [{"id": ""}]},
                            {"type": "poll", "question": "", "answers": [{"text": ""}, {"text": " "}]},
                            {"type": "poll", "question": "q", "answers": [], "options": "Quiz"},
                            {"type": "app"},
                            {"type": "app", "images": [], "actions": [{}]},
                            {"type": "app-ref", "appId": ""},
                            {"type": "topic", "topicId": ""},
                            {"type": "movie-reshare", "movieId": 0},
                            {"type": "place"},
                        ]
                    ),
                    max_size=8,
                )
            },
            optional={
                "publishAt": st.text(max_size=20),
                "publishAtMs": st.integers(-(2**63) + 1, 2**63 - 1),
                "onBehalfOfGroup": st.booleans(),
                "disableComments": st.booleans(),
            },
        )
    },
    optional={
        "type": st.sampled_from(list(TopicType.__members__)),
        "gid": st.text(max_size=3),
        "set_status": st.booleans(),
        "text_link_preview": st.booleans(),
        "hidden_post": st.booleans(),
    },
)


@settings(max_examples=300)
@given(DRAFTS, st.booleans())
def test_validate_never_crashes(draft, for_sending):
    try:
        the_post = Post.from_draft(draft)
    except DraftError:
        return
    for found in validate(the_post, now=NOW, for_sending=for_sending):
        assert found.rule in RULES
        assert found.message.endswith(".")
        assert found.block is None or 0 <= found.block < len(the_post.attachment.media)
