"""The post model: exact JSON round trips of OK's examples, drafts, uploads and Moscow-time scheduling."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    UnknownBlock,
    format_publish_at,
    parse_publish_at,
)

DATA = Path(__file__).resolve().parent.parent / "data"
SEEDS = sorted(DATA.glob("seed_*.json"))
LA = ZoneInfo("America/Los_Angeles")
VLADIVOSTOK = ZoneInfo("Asia/Vladivostok")


def load(name: str) -> dict:
    return json.loads((DATA / f"seed_{name}.json").read_text(encoding="utf-8"))


# ---- OK's own examples ----


def test_every_seed_example_is_there():
    assert len(SEEDS) == 7


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_round_trips_exactly(path):
    original = json.loads(path.read_text(encoding="utf-8"))
    attachment = Attachment.from_json(original)
    assert attachment.to_json() == original
    assert json.loads(attachment.to_json_string()) == original
    assert not any(isinstance(b, UnknownBlock) for b in attachment.media)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_round_trips_through_a_draft(path):
    original = json.loads(path.read_text(encoding="utf-8"))
    post = Post.from_draft({"attachment": json.dumps(original)})
    assert json.loads(post.to_params()["attachment"]) == original
    assert Post.from_draft(post.to_draft()) == post


def test_general_tree_parses_into_typed_blocks():
    media = Attachment.from_json(load("general_tree")).media
    assert [type(b) for b in media] == [
        PhotoBlock,
        MovieBlock,
        MusicBlock,
        PollBlock,
        LinkBlock,
        TextBlock,
        AppBlock,
    ]
    photo, movie, music, poll, link, text, app = media
    assert photo.items == [
        PhotoItem(token="photoToken1"),
        PhotoItem(token="photoToken2"),
        PhotoItem(photo_id="1234"),
    ]
    assert movie.items == [MovieItem("movieId1"), MovieItem("movieId2")]
    assert music.items == [MusicItem("id1", "SongName1", "Artist1", "Album1")]
    assert poll.question == "Is it question?"
    assert poll.answers == ["Yes", "No"]
    assert poll.options == {PollOption.SINGLE_CHOICE, PollOption.ANONYMOUS_VOTING}
    assert link == LinkBlock("https://apiok.ru/")
    assert text == TextBlock("Text1")
    assert app.images == [AppImage("http://r.mradx.net/img/38/F3C336.jpg", "Hover Text!", "prize_1234")]
    assert app.actions == [AppAction("Hello", "hello")]


def test_ids_keep_their_json_type():
    media = Attachment.from_json(load("media_example")).media
    assert media[1].items[0].id == 8058357707207
    assert media[1].to_json()["list"][0]["id"] == 8058357707207
    ref = Attachment.from_json(load("app_ref")).media[0]
    assert isinstance(ref, AppRefBlock)
    assert ref.app_id == 512000589246
    assert ref.image_hd.startswith("https://st.mycdn.me/")
    assert (ref.args, ref.snippet) == ("key=value", "play")


def test_reshares_read_group_strings_as_booleans():
    media = Attachment.from_json(load("several_reshares")).media
    assert media[1] == TopicReshareBlock("10240965345470", True)
    assert Attachment.from_json(load("topic_reshare")).media[1].group is False
    assert Attachment.from_json(load("movie_reshare")).media[1] == MovieReshareBlock("14029922")


def test_group_topic_options():
    att = Attachment.from_json(load("group_topic"))
    assert att.publish_at == "2015-11-05 19:09:13"
    assert (att.on_behalf_of_group, att.disable_comments) == (False, True)


def test_compact_string_is_what_gets_signed():
    att = Attachment([TextBlock("Привет"), LinkBlock("https://ok.ru/")], disable_comments=True)
    assert att.to_json_string() == (
        '{"media":[{"type":"text","text":"Привет"},{"type":"link","url":"https://ok.ru/"}],"disableComments":"true"}'
    )


# ---- nothing is lost ----


def test_unknown_keys_are_kept_everywhere():
    original = {
        "media": [
            {"type": "text", "text": "x", "future": {"a": [1]}},
            {"type": "photo", "list": [{"id": "t", "caption": "c"}], "layout": "grid"},
            {"type": "music", "list": [{"id": "1", "title": "t", "artistName": "a", "year": 1999}]},
        ],
        "newFlag": "true",
    }
    att = Attachment.from_json(original)
    assert att.media[0].extra == {"future": {"a": [1]}}
    assert att.media[1].items[0].extra == {"caption": "c"}
    assert att.extra == {"newFlag": "true"}
    assert att.to_json() == original


def test_unknown_block_type_is_kept_as_is():
    raw = {"type": "place", "id": "42", "name": {"ru": "Москва"}}
    att = Attachment.from_json({"media": [{"type": "text", "text": "hi"}, raw]})
    assert att.media[1] == UnknownBlock(raw)
    assert att.media[1].TYPE == "place"
    assert att.to_json()["media"][1] == raw


def test_absent_optional_keys_stay_absent():
    original = {
        "media": [{"type": "music", "list": [{"id": "1", "title": "t", "artistName": "a"}]}, {"type": "app"}]
    }
    assert Attachment.from_json(original).to_json() == original


def test_poll_options_keep_their_order_until_changed():
    raw = {
        "type": "poll",
        "question": "q",
        "answers": [{"text": "a"}],
        "options": "AnonymousVoting,SingleChoice",
    }
    poll = Attachment.from_json({"media": [raw]}).media[0]
    assert poll.to_json() == raw
    poll.options.discard(PollOption.ANONYMOUS_VOTING)
    poll.options.add(PollOption.RESULTS_AFTER_VOTING)
    assert poll.to_json()["options"] == "SingleChoice,ResultsAfterVoting"
    poll.options.clear()
    assert "options" not in poll.to_json()


def test_unknown_poll_option_is_kept_and_reported():
    raw = {"type": "poll", "question": "q", "answers": [], "options": "Quiz,SingleChoice"}
    poll = Attachment.from_json({"media": [raw]}).media[0]
    assert poll.options == {PollOption.SINGLE_CHOICE}
    assert poll.unknown_options() == ["Quiz"]
    assert poll.to_json() == raw


def test_new_poll_serializes_options_in_a_stable_order():
    poll = PollBlock("q", ["a", "b"], {PollOption.RESULTS_AFTER_VOTING, PollOption.SINGLE_CHOICE})
    assert poll.to_json() == {
        "type": "poll",
        "question": "q",
        "answers": [{"text": "a"}, {"text": "b"}],
        "options": "SingleChoice,ResultsAfterVoting",
    }


def test_json_booleans_are_read_and_strings_written():
    att = Attachment.from_json(
        {"media": [{"type": "topic", "topicId": 5, "group": True}], "onBehalfOfGroup": True}
    )
    assert att.to_json() == {
        "media": [{"type": "topic", "topicId": 5, "group": "true"}],
        "onBehalfOfGroup": "true",
    }


# ---- Post parameters and drafts ----


def test_to_params_are_the_strings_to_send():
    post = Post(
        Attachment([TextBlock("hi")]),
        type=TopicType.GROUP_THEME,
        gid="53038939046008",
        hidden_post=False,
        text_link_preview=True,
    )
    assert post.to_params() == {
        "attachment": '{"media":[{"type":"text","text":"hi"}]}',
        "type": "GROUP_THEME",
        "gid": "53038939046008",
        "text_link_preview": "true",
        "hidden_post": "false",
    }


def test_to_params_leaves_out_what_is_unset():
    assert Post(Attachment([TextBlock("hi")]), type=None).to_params() == {
        "attachment": '{"media":[{"type":"text","text":"hi"}]}'
    }
    assert Post(Attachment([TextBlock("hi")])).to_params()["type"] == "USER"


def test_to_params_refuses_local_files():
    post = Post(Attachment([PhotoBlock([PhotoItem(file="/tmp/a.jpg")])]))
    with pytest.raises(ValueError, match="upload"):
        post.to_params()


@pytest.mark.parametrize("attachment_as_string", [True, False])
def test_from_draft_reads_both_attachment_forms_and_boolean_forms(attachment_as_string):
    att = load("group_topic")
    draft = {
        "attachment": json.dumps(att) if attachment_as_string else att,
        "type": "GROUP_THEME",
        "gid": 53038939046008,
        "set_status": "false",
        "hidden_post": True,
        "uid": "575",
    }
    post = Post.from_draft(draft)
    assert post.type is TopicType.GROUP_THEME
    assert post.gid == "53038939046008"
    assert (post.set_status, post.hidden_post, post.text_link_preview) == (False, True, None)
    assert post.extra == {"uid": "575"}
    assert post.to_params()["hidden_post"] == "true"
    assert post.to_draft() == {
        "uid": "575",
        "attachment": att,
        "type": "GROUP_THEME",
        "gid": "53038939046008",
        "set_status": False,
        "hidden_post": True,
    }


def test_draft_without_type_sends_no_type():
    post = Post.from_draft({"attachment": {"media": []}})
    assert post.type is None
    assert post.effective_type is TopicType.USER
    assert "type" not in post.to_params()


def test_a_draft_never_carries_credentials():
    post = Post.from_draft({"attachment": {"media": []}, "access_token": "secret", "sig": "x", "method": "m"})
    assert post.extra == {}
    assert "access_token" not in post.to_draft()


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        ([], "a draft must be a JSON object, got an array"),
        ({}, "the draft has no 'attachment'"),
        ({"attachment": "{"}, "attachment: not valid JSON"),
        ({"attachment": 5}, "attachment: the attachment must be a JSON object, got a number"),
        ({"attachment": {}}, "attachment: the attachment needs a 'media'"),
        ({"attachment": {"media": {}}}, "attachment.media: expected an array, got an object"),
        (
            {"attachment": {"media": ["x"]}},
            "attachment.media[0]: a block must be a JSON object, got a string",
        ),
        ({"attachment": {"media": [{}]}}, "attachment.media[0]: a block needs a 'type'"),
        (
            {"attachment": {"media": [{"type": 3}]}},
            "attachment.media[0].type: expected a string, got a number",
        ),
        (
            {"attachment": {"media": [{"type": "text", "text": "a"}, {}, {"type": "poll", "answers": []}]}},
            "attachment.media[1]: a block needs a 'type'",
        ),
        (
            {
                "attachment": {
                    "media": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}, {"type": "poll"}]
                }
            },
            "attachment.media[2]: a poll needs a 'question'",
        ),
        (
            {"attachment": {"media": [{"type": "poll", "question": "q", "answers": [{"text": 1}]}]}},
            "attachment.media[0].answers[0].text: expected a string, got a number",
        ),
        (
            {"attachment": {"media": [{"type": "poll", "question": "q", "answers": [{}]}]}},
            "attachment.media[0].answers[0]: an answer needs a 'text'",
        ),
        (
            {"attachment": {"media": [{"type": "photo", "list": [{"id": 5}]}]}},
            "attachment.media[0].list[0].id: expected a string, got a number",
        ),
        (
            {"attachment": {"media": [{"type": "movie", "list": [{"id": 2**70}]}]}},
            "attachment.media[0].list[0].id: expected an id",
        ),
        (
            {"attachment": {"media": [{"type": "movie", "list": [{"id": True}]}]}},
            "attachment.media[0].list[0].id: expected an id",
        ),
        (
            {"attachment": {"media": [{"type": "app-ref"}]}},
            "attachment.media[0]: an app-ref block needs a 'appId'",
        ),
        (
            {"attachment": {"media": [{"type": "topic", "topicId": "1", "group": "yes"}]}},
            'attachment.media[0].group: expected "true" or "false", got a string',
        ),
        ({"attachment": {"media": [], "disableComments": 1}}, "attachment.disableComments: expected"),
        (
            {"attachment": {"media": [], "publishAtMs": "soon"}},
            "attachment.publishAtMs: expected milliseconds",
        ),
        ({"attachment": {"media": []}, "type": "GROUP"}, "type: expected one of USER, USER_STATUS"),
        ({"attachment": {"media": []}, "gid": 1.5}, "gid: expected a group id"),
        ({"attachment": {"media": []}, "set_status": "yes"}, 'set_status: expected "true" or "false"'),
        ({"attachment": {"media": []}, "devices": ["a"]}, "devices: expected a string, got an array"),
        (
            {"attachment": '{"media":[{"type":"text","text":"\\ud800"}]}'},
            "the draft holds text that is not valid Unicode",
        ),
    ],
)
def test_malformed_drafts_say_what_is_wrong(draft, message):
    with pytest.raises(DraftError) as caught:
        Post.from_draft(draft)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_draft_error_is_a_value_error():
    assert issubclass(DraftError, ValueError)


def test_publish_at_ms_accepts_digit_strings():
    post = Post.from_draft({"attachment": {"media": [], "publishAtMs": "1700000000000"}})
    assert post.attachment.publish_at_ms == 1700000000000


# ---- local files and uploads ----


def local_post() -> Post:
    return Post(
        Attachment(
            [
                TextBlock("look"),
                PhotoBlock([PhotoItem(file="/pics/a.jpg"), PhotoItem(token="done"), PhotoItem(file="b.png")]),
                PhotoBlock([PhotoItem(file="/pics/c.jpg", extra={"caption": "c"})]),
            ]
        )
    )


def test_local_files_lists_what_to_upload():
    assert local_post().local_files() == [
        (1, 0, Path("/pics/a.jpg")),
        (1, 2, Path("b.png")),
        (2, 0, Path("/pics/c.jpg")),
    ]


def test_with_tokens_returns_a_new_post():
    post = local_post()
    before = post.to_draft()
    done = post.with_tokens({(1, 0): "T1", (1, 2): "T2", (2, 0): "T3"})
    assert post.to_draft() == before
    assert done.local_files() == []
    assert done.attachment.media[1].items == [
        PhotoItem(token="T1"),
        PhotoItem(token="done"),
        PhotoItem(token="T2"),
    ]
    assert done.attachment.media[2].items[0].to_json() == {"id": "T3", "caption": "c"}
    assert '"file"' not in done.to_params()["attachment"]


@pytest.mark.parametrize("key", [(0, 0), (1, 1), (1, 9), (7, 0), (-1, 0)])
def test_with_tokens_refuses_what_is_not_a_local_file(key):
    with pytest.raises(ValueError, match="not a local photo file"):
        local_post().with_tokens({key: "T"})


# ---- time zones ----


def test_topic_types():
    assert [t for t in TopicType if t.is_group] == [
        TopicType.GROUP_THEME,
        TopicType.GROUP_THEME_PROMO,
        TopicType.GROUP_SUGGESTED,
    ]
    assert [t for t in TopicType if t.can_schedule] == [TopicType.GROUP_THEME, TopicType.GROUP_THEME_PROMO]


def test_schedule_needs_an_aware_datetime():
    with pytest.raises(ValueError, match="no time zone"):
        Attachment().schedule(datetime(2030, 1, 1, 12, 0))
    with pytest.raises(ValueError, match="no time zone"):
        format_publish_at(datetime(2030, 1, 1, 12, 0))


def test_schedule_sets_ms_and_clears_publish_at():
    att = Attachment(publish_at="2030-01-01 10:00:00")
    att.schedule(datetime(2030, 1, 1, 7, 0, tzinfo=UTC))
    assert att.publish_at is None
    assert att.publish_at_ms == 1893481200000
    assert att.scheduled_at() == datetime(2030, 1, 1, 7, 0, tzinfo=UTC)
    att.schedule(None)
    assert (att.publish_at, att.publish_at_ms, att.scheduled_at()) == (None, None, None)


def test_ms_are_exact_not_float_rounded():
    att = Attachment()
    att.schedule(datetime(2030, 1, 1, 7, 0, 0, 999999, tzinfo=UTC))
    assert att.publish_at_ms == 1893481200999


@pytest.mark.parametrize(
    ("local", "utc", "moscow"),
    [
        # Los Angeles springs forward at 2:00 on 2024-03-10: one wall-clock hour apart is one real hour.
        (
            datetime(2024, 3, 10, 1, 30, tzinfo=LA),
            datetime(2024, 3, 10, 9, 30, tzinfo=UTC),
            "2024-03-10 12:30:00",
        ),
        (
            datetime(2024, 3, 10, 3, 30, tzinfo=LA),
            datetime(2024, 3, 10, 10, 30, tzinfo=UTC),
            "2024-03-10 13:30:00",
        ),
        # ... and falls back on 2024-11-03: 1:30 happens twice, fold picks which.
        (
            datetime(2024, 11, 3, 1, 30, tzinfo=LA),
            datetime(2024, 11, 3, 8, 30, tzinfo=UTC),
            "2024-11-03 11:30:00",
        ),
        (
            datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=LA),
            datetime(2024, 11, 3, 9, 30, tzinfo=UTC),
            "2024-11-03 12:30:00",
        ),
        # Vladivostok (UTC+10): early morning there is still the day before in Moscow.
        (
            datetime(2024, 6, 1, 2, 0, tzinfo=VLADIVOSTOK),
            datetime(2024, 5, 31, 16, 0, tzinfo=UTC),
            "2024-05-31 19:00:00",
        ),
        (
            datetime(2024, 6, 1, 9, 0, tzinfo=VLADIVOSTOK),
            datetime(2024, 5, 31, 23, 0, tzinfo=UTC),
            "2024-06-01 02:00:00",
        ),
    ],
)
def test_users_in_other_time_zones(local, utc, moscow):
    att = Attachment()
    att.schedule(local)
    assert att.scheduled_at() == utc
    assert att.scheduled_at().tzinfo is UTC
    assert format_publish_at(local) == moscow
    # The same moment written the other way round gives the same time back.
    assert Attachment(publish_at=moscow).scheduled_at() == utc


def test_dst_change_in_los_angeles_is_one_real_hour():
    before, after = Attachment(), Attachment()
    before.schedule(datetime(2024, 3, 10, 1, 30, tzinfo=LA))
    after.schedule(datetime(2024, 3, 10, 3, 30, tzinfo=LA))
    assert after.publish_at_ms - before.publish_at_ms == 3_600_000


@pytest.mark.parametrize(
    ("publish_at", "utc"),
    [
        ("2015-11-05 19:09:13", datetime(2015, 11, 5, 16, 9, 13, tzinfo=UTC)),  # the seed's example, UTC+3
        ("2013-06-01 12:00:00", datetime(2013, 6, 1, 8, 0, tzinfo=UTC)),  # 2011-2014 Moscow was UTC+4
        ("2010-01-15 12:00:00", datetime(2010, 1, 15, 9, 0, tzinfo=UTC)),  # winter time, UTC+3
        ("2010-07-15 12:00:00", datetime(2010, 7, 15, 8, 0, tzinfo=UTC)),  # summer time, UTC+4
    ],
)
def test_publish_at_is_moscow_wall_time_from_zoneinfo(publish_at, utc):
    assert parse_publish_at(publish_at) == utc
    assert format_publish_at(utc) == publish_at


@pytest.mark.parametrize(
    "text",
    [
        "2015-11-05T19:09:13",
        "2015-11-05 19:09",
        "2015-02-30 10:00:00",
        "2015-11-05 25:00:00",
        " 2015-11-05 19:09:13",
    ],
)
def test_malformed_publish_at(text):
    with pytest.raises(ValueError, match="publishAt"):
        parse_publish_at(text)
    with pytest.raises(ValueError):
        Attachment(publish_at=text).scheduled_at()


def test_publish_at_ms_wins_over_publish_at():
    att = Attachment(publish_at="2030-01-01 10:00:00", publish_at_ms=0)
    assert att.scheduled_at() == datetime(1970, 1, 1, tzinfo=UTC)


def test_out_of_range_ms_is_a_value_error():
    with pytest.raises(ValueError, match="out of range"):
        Attachment(publish_at_ms=2**62).scheduled_at()


# ---- any JSON at all: a Post or a DraftError ----

LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.sampled_from(
        ["true", "false", "SingleChoice,Quiz", "2030-01-01 10:00:00", "USER", "GROUP_THEME", "\\ud800"]
    )
)
KEYS = st.sampled_from(
    "type text url list id photoId file title artistName albumName question answers options images actions "
    "mark appId imageHD args snippet topicId group movieId media publishAt publishAtMs onBehalfOfGroup "
    "disableComments".split()
) | st.text(max_size=4)
JSON = st.recursive(
    LEAVES, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(KEYS, kids, max_size=5), max_leaves=25
)
BLOCK_TYPES = st.sampled_from(
    ["text", "link", "photo", "movie", "music", "poll", "app", "app-ref", "topic", "movie-reshare", "place"]
)
ITEM = st.dictionaries(KEYS, LEAVES, max_size=4)
FIELD = JSON | st.lists(ITEM, max_size=3)
BLOCK = st.fixed_dictionaries(
    {"type": BLOCK_TYPES},
    optional={
        k: FIELD
        for k in "text url list question answers options images actions appId topicId group movieId x".split()
    },
)
# Well-typed blocks, so that many examples get past parsing and exercise the round trip too.
IDS = st.text(max_size=5) | st.integers(0, 2**63 - 1)
FLAGS = st.sampled_from(["true", "false", True, False])
SHORT = st.text(max_size=8)


def good(kind: str, required: dict, optional: dict) -> st.SearchStrategy:
    return st.fixed_dictionaries({"type": st.just(kind), **required}, optional={**optional, "x": LEAVES})


def items(**optional: st.SearchStrategy) -> st.SearchStrategy:
    return st.lists(st.fixed_dictionaries({}, optional={**optional, "y": LEAVES}), max_size=3)


GOOD_BLOCK = st.one_of(
    good("text", {"text": SHORT}, {}),
    good("link", {"url": SHORT | st.just("https://ok.ru/")}, {}),
    good("photo", {"list": items(id=SHORT, photoId=IDS, file=SHORT)}, {}),
    good("movie", {"list": items(id=IDS)}, {}),
    good("music", {"list": items(id=IDS, title=SHORT, artistName=SHORT, albumName=SHORT)}, {}),
    good(
        "poll",
        {"question": SHORT, "answers": st.lists(st.fixed_dictionaries({"text": SHORT}), max_size=4)},
        {"options": st.sampled_from(["", "SingleChoice", "AnonymousVoting, SingleChoice", "Quiz"])},
    ),
    good(
        "app",
        {},
        {"text": SHORT, "images": items(url=SHORT, title=SHORT, mark=SHORT), "actions": items(text=SHORT)},
    ),
    good("app-ref", {"appId": IDS}, {"text": SHORT, "imageHD": SHORT, "args": SHORT, "snippet": SHORT}),
    good("topic", {"topicId": IDS}, {"group": FLAGS}),
    good("movie-reshare", {"movieId": IDS}, {}),
    good("place", {}, {"id": IDS}),
)
ATTACHMENT = st.fixed_dictionaries(
    {"media": st.lists(GOOD_BLOCK, max_size=5) | st.lists(GOOD_BLOCK | BLOCK | JSON, max_size=4)},
    optional={
        "publishAt": LEAVES,
        "publishAtMs": st.integers(-(2**63), 2**63) | LEAVES,
        "onBehalfOfGroup": FLAGS | LEAVES,
        "disableComments": FLAGS,
        "future": LEAVES,
    },
)
DRAFT = st.fixed_dictionaries(
    {"attachment": ATTACHMENT | ATTACHMENT.map(json.dumps) | JSON},
    optional={
        "type": st.sampled_from(list(TopicType.__members__)) | LEAVES,
        "gid": IDS | LEAVES,
        "set_status": FLAGS | LEAVES,
        "text_link_preview": FLAGS,
        "hidden_post": FLAGS,
        "uid": LEAVES,
        "devices": JSON,
    },
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(JSON, DRAFT))
def test_from_draft_gives_a_post_or_a_draft_error(value):
    try:
        post = Post.from_draft(value)
    except DraftError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert Post.from_draft(post.to_draft()) == post
    assert Post.from_draft(json.loads(json.dumps(post.to_draft()))) == post
    if not post.local_files():
        params = post.to_params()
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in params.items())
        params["attachment"].encode("utf-8")


def test_the_model_is_qt_free():
    code = "import sys, okcomposer.api.rules; print(sorted(m for m in sys.modules if 'Qt' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
