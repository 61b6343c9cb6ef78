"""mediatopic.post attachment rules: each rule of the seed and docs/ok-api.md "Post rules" gives its code."""

from __future__ import annotations

import json

import pytest

TEXT = {"type": "text", "text": "hello"}
LINK = {"type": "link", "url": "https://apiok.ru/"}
APP = {
    "type": "app",
    "text": "t",
    "images": [{"url": "https://x.ru/i.jpg", "mark": "m"}],
    "actions": [{"text": "go", "mark": "a"}],
}
APP_REF = {"type": "app-ref", "appId": 512000589246, "text": "play"}
POLL = {
    "type": "poll",
    "question": "Q?",
    "answers": [{"text": "Yes"}, {"text": "No"}],
    "options": "SingleChoice",
}
TOPIC_RESHARE = {"type": "topic", "topicId": "10240918683741", "group": "false"}


def poll(**changes):
    return {**POLL, **changes}


REFUSED = [
    ("not json", "{media", 100),
    ("not an object", "[1, 2]", 100),
    ("no media", {"text": "x"}, 100),
    ("empty media", {"media": []}, 100),
    ("unknown top key", {"media": [TEXT], "publishAtMS": 1}, 100),
    ("duplicate key", '{"media": [{"type": "text", "text": "a"}], "media": []}', 100),
    ("NaN", '{"media": [{"type": "poll", "question": NaN}]}', 100),
    ("unknown block", {"media": [{"type": "gif", "url": "https://x.ru/a.gif"}]}, 100),
    ("block without type", {"media": [{"text": "x"}]}, 100),
    ("empty text", {"media": [{"type": "text", "text": "  "}]}, 100),
    ("too many blocks", {"media": [TEXT] * 51}, 600),
    (
        "too much text",
        {"media": [{"type": "text", "text": "a" * 60_000}, {"type": "text", "text": "b" * 40_001}]},
        601,
    ),
    ("empty question", {"media": [poll(question="")]}, 602),
    ("long question", {"media": [poll(question="q" * 256)]}, 602),
    ("one answer", {"media": [poll(answers=[{"text": "a"}])]}, 603),
    ("21 answers", {"media": [poll(answers=[{"text": str(i)} for i in range(21)])]}, 603),
    ("empty answer", {"media": [poll(answers=[{"text": "a"}, {"text": ""}])]}, 604),
    ("long answer", {"media": [poll(answers=[{"text": "a"}, {"text": "b" * 256}])]}, 604),
    ("bad poll option", {"media": [poll(options="SingleChoice,Secret")]}, 100),
    ("ftp link", {"media": [{"type": "link", "url": "ftp://x.ru/f"}]}, 607),
    ("relative link", {"media": [{"type": "link", "url": "example.com/page"}]}, 607),
    ("link without host", {"media": [{"type": "link", "url": "https:///path"}]}, 607),
    ("two links", {"media": [LINK, {"type": "link", "url": "https://ok.ru/"}]}, 100),
    ("app alone", {"media": [APP]}, 100),
    ("app two images", {"media": [TEXT, {**APP, "images": APP["images"] * 2}]}, 100),
    ("app no action", {"media": [TEXT, {**APP, "actions": []}]}, 100),
    ("two app-refs", {"media": [APP_REF, APP_REF]}, 100),
    ("unknown app", {"media": [{**APP_REF, "appId": 999}]}, 100),
    ("unmoderated app", {"media": [{**APP_REF, "appId": "512000000077"}]}, 100),
    ("unknown topic", {"media": [TEXT, {**TOPIC_RESHARE, "topicId": "1"}]}, 300),
    ("topic in wrong place", {"media": [TEXT, {**TOPIC_RESHARE, "group": "true"}]}, 300),
    ("group not a string", {"media": [TEXT, {**TOPIC_RESHARE, "group": False}]}, 100),
    ("unknown movie reshare", {"media": [TEXT, {"type": "movie-reshare", "movieId": "5"}]}, 300),
    ("unknown video", {"media": [{"type": "movie", "list": [{"id": "123"}]}]}, 300),
    ("someone else's video", {"media": [{"type": "movie", "list": [{"id": "14029922"}]}]}, 100),
    (
        "unknown track",
        {"media": [{"type": "music", "list": [{"id": 1, "title": "t", "artistName": "a"}]}]},
        300,
    ),
    (
        "fake photo token",
        {"media": [{"type": "photo", "list": [{"id": "GbEJzZVBho7Us2ZwjGXhGnIo4rHF2U7jn8N6fbeMFCUf"}]}]},
        100,
    ),
    (
        "photo id and photoId",
        {"media": [{"type": "photo", "list": [{"id": "a", "photoId": "930000000001"}]}]},
        100,
    ),
    ("unknown photoId", {"media": [{"type": "photo", "list": [{"photoId": "1"}]}]}, 121),
    ("someone else's photo", {"media": [{"type": "photo", "list": [{"photoId": "930000000099"}]}]}, 121),
    (
        "a reshare of a photo that is not public",
        {"media": [{"type": "photo", "list": [{"photoId": "930000000003"}]}]},
        458,
    ),
    (
        "photos from two albums",
        {"media": [{"type": "photo", "list": [{"photoId": "930000000001"}, {"photoId": "930000000002"}]}]},
        100,
    ),
    ("publishAt in a user topic", {"media": [TEXT], "publishAtMs": 4102444800000}, 100),
    ("onBehalfOfGroup in a user topic", {"media": [TEXT], "onBehalfOfGroup": "true"}, 100),
    ("disableComments in a user topic", {"media": [TEXT], "disableComments": "true"}, 100),
    ("blank text beside a poll", {"media": [{"type": "text", "text": "\n\t "}, POLL]}, 100),
    ("text not a string", {"media": [{"type": "text", "text": 5}]}, 100),
    # Lengths in UTF-16 units: an emoji counts 2, so 128 of them are 256 > 255.
    ("128 emoji in an answer", {"media": [poll(answers=[{"text": "a"}, {"text": "😀" * 128}])]}, 604),
    ("128 emoji in the question", {"media": [poll(question="😀" * 128)]}, 602),
    ("50,001 emoji of text", {"media": [{"type": "text", "text": "😀" * 50_001}]}, 601),
    ("answers repeat", {"media": [poll(answers=[{"text": "Yes"}, {"text": " yes"}])]}, 100),
    ("answer not a string", {"media": [poll(answers=[{"text": "a"}, {"text": 2}])]}, 100),
    ("app image not a web address", {"media": [TEXT, {**APP, "images": [{"url": "x.ru/i.jpg"}]}]}, 100),
    ("app action without text", {"media": [TEXT, {**APP, "actions": [{"text": " ", "mark": "a"}]}]}, 100),
    ("bracket in link host", {"media": [{"type": "link", "url": "http://[::1"}]}, 607),
    ("empty link", {"media": [{"type": "link", "url": ""}]}, 607),
]


@pytest.mark.parametrize(
    "attachment, code", [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED]
)
def test_refused_attachment(api, attachment, code):
    assert api.post_error(attachment) == code
    assert api.sb.state.topics == []


SEED_EXAMPLES = [
    {"media": [{"type": "text", "text": "my text"}, TOPIC_RESHARE]},
    {"media": [{"type": "text", "text": "hello"}, {"type": "movie-reshare", "movieId": "14029922"}]},
    {
        "media": [
            {"type": "text", "text": "my text"},
            {"type": "topic", "topicId": "10240965345470", "group": "true"},
            {"type": "topic", "topicId": "10240965411006", "group": "true"},
        ]
    },
    {
        "media": [
            {
                "type": "app-ref",
                "appId": 512000589246,
                "text": "Тестовый текст для топика",
                "imageHD": "https://st.mycdn.me/static/game-promo-image/0-2-94/topic_image.png",
                "args": "key=value",
                "snippet": "play",
            }
        ]
    },
    {
        "media": [
            {
                "type": "music",
                "list": [
                    {"id": 8058357707207, "title": "Fix You", "artistName": "Coldplay", "albumName": "X&Y"}
                ],
            },
            {
                "type": "poll",
                "question": "Правда крутой медиатопик?",
                "answers": [{"text": "Да"}, {"text": "Конечно да"}],
                "options": "SingleChoice",
            },
            {"type": "text", "text": "Текст в придачу"},
        ]
    },
    {"media": [TEXT, LINK, APP, {"type": "photo", "list": [{"photoId": "930000000001"}]}]},
]


ACCEPTED = [
    {"media": [TEXT], "onBehalfOfGroup": "false", "disableComments": "false"},  # asks for nothing
    {"media": [poll(answers=[{"text": "a"}, {"text": "😀" * 127}], question="😀" * 127)]},
    {"media": [{"type": "text", "text": "😀" * 50_000}]},
    {"media": [poll(options=" SingleChoice, AnonymousVoting,")]},
    {"media": [TEXT, APP, APP]},  # the seed limits links and app-refs to one, not app blocks
]


@pytest.mark.parametrize("attachment", ACCEPTED)
def test_accepted_at_the_limits(api, attachment):
    assert api.post(attachment).json().isdigit()


@pytest.mark.parametrize("attachment", SEED_EXAMPLES)
def test_seed_examples_are_accepted(api, attachment):
    raw = json.dumps(attachment, ensure_ascii=False)
    topic_id = api.post(raw).json()
    assert isinstance(topic_id, str) and topic_id.isdigit()
    topic = api.sb.state.topics[-1]
    assert topic["id"] == topic_id and topic["attachment_raw"] == raw and topic["attachment"] == attachment
    assert topic["uid"] == api.uid and topic["type"] == "USER" and topic["gid"] is None


def test_a_posted_topic_can_be_reshared(api):
    topic_id = api.post({"media": [TEXT]}).json()
    assert (
        api.post({"media": [TEXT, {"type": "topic", "topicId": topic_id, "group": "false"}]}).json().isdigit()
    )


def test_reshare_as_status_needs_text(api):
    reshare = {"media": [TOPIC_RESHARE]}
    assert api.post_error(reshare, set_status="true") == 100
    assert api.post_error(reshare, type="USER_STATUS") == 100
    assert api.post(reshare).json().isdigit()  # a plain reshare needs no text
    assert api.post({"media": [TEXT, TOPIC_RESHARE]}, set_status="true").json().isdigit()
    assert api.sb.state.topics[-1]["set_status"] is True


def test_type_gid_and_hidden_post_rules(api):
    text = {"media": [TEXT]}
    assert api.post_error(text, type="WALL") == 100
    assert api.post_error(text, gid=api.admin_gid) == 100  # gid with a user type
    assert api.post_error(text, type="GROUP_THEME") == 100  # group type without gid
    assert api.post_error(text, type="GROUP_THEME", gid="123") == 160
    assert api.post_error(text, hidden_post="true") == 100
    assert api.post_error(text, uid="561234500001") == 110
    assert api.post_error(text, ads_post="true") == 10


@pytest.mark.parametrize(
    "text, preview, applied",
    [
        ("look https://ok.ru/ now", "true", True),
        ("two https://ok.ru/ and http://apiok.ru/", "true", False),
        ("no link at all", "true", False),
        ("look www.ok.ru now", "true", True),
        ("two www.ok.ru and https://apiok.ru/", "true", False),
        ("look https://ok.ru/ now", "false", False),
    ],
)
def test_text_link_preview_rule(api, text, preview, applied):
    api.post({"media": [{"type": "text", "text": text}]}, text_link_preview=preview).json()
    topic = api.sb.state.topics[-1]
    assert topic["text_link_preview"] is (preview == "true")
    assert topic["link_preview_applied"] is applied


def test_link_preview_needs_the_text_block_last(api):
    api.post({"media": [{"type": "text", "text": "see https://ok.ru/"}, POLL]}, text_link_preview="true")
    assert api.sb.state.topics[-1]["link_preview_applied"] is False


def test_scopes_are_enforced(api):
    as_basic = {"session": api.session("VALUABLE_ACCESS")}
    photo = {"media": [{"type": "photo", "list": [{"photoId": "930000000001"}]}]}
    movie = {"media": [{"type": "movie", "list": [{"id": "123"}]}]}
    cases = [
        (photo, {}, "PHOTO_CONTENT"),
        (movie, {}, "VIDEO_CONTENT"),
        ({"media": [TEXT]}, {"type": "GROUP_THEME", "gid": api.admin_gid}, "GROUP_CONTENT"),
        ({"media": [TEXT]}, {"type": "USER_STATUS"}, "SET_STATUS"),
        ({"media": [TEXT]}, {"set_status": "true"}, "SET_STATUS"),
        ({"media": [TEXT]}, {"type": "USER_NOTE"}, "PUBLISH_NOTE"),
    ]
    for attachment, params, scope in cases:
        body = api.post(attachment, **params, **as_basic).json()
        assert body["error_code"] == 10 and scope in body["error_msg"], (params, body)
    assert api.post({"media": [TEXT]}, **as_basic).json().isdigit()  # a plain text topic needs no scope
    assert api.error("photosV2.getUploadUrl", **as_basic) == 10
    assert api.error("video.getUploadUrl", file_name="a.mp4", file_size="20000", **as_basic) == 10
    assert api.error("moments.getUploadUrl", **as_basic) == 10
