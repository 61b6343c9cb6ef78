"""Hostile input never crashes or hangs, and odd texts reach the sandbox byte-exact."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.odd_server import OddServer
from support.sandbox_client import demo_client

from okcomposer.api import methods, oauth
from okcomposer.api.client import OkClient
from okcomposer.api.credentials import Credentials
from okcomposer.api.errors import OkAuthError, OkError
from okcomposer.api.rules import validate
from okcomposer.api.topic import DraftError, Post
from okcomposer.app.publish import publish

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
BLOCK_TYPES = [
    "text",
    "link",
    "photo",
    "movie",
    "music",
    "poll",
    "app",
    "app-ref",
    "topic",
    "movie-reshare",
    "x",
]
blocks = st.fixed_dictionaries(
    {"type": st.sampled_from(BLOCK_TYPES)},
    optional={
        "text": json_values,
        "url": json_values,
        "list": json_values,
        "question": json_values,
        "answers": json_values,
        "options": json_values,
        "images": json_values,
        "actions": json_values,
        "appId": json_values,
        "topicId": json_values,
        "group": json_values,
        "movieId": json_values,
    },
)
drafts = st.fixed_dictionaries(
    {
        "attachment": st.fixed_dictionaries(
            {"media": st.lists(blocks, max_size=5)},
            optional={"publishAt": json_values, "publishAtMs": json_values, "onBehalfOfGroup": json_values},
        )
    },
    optional={"type": json_values, "gid": json_values, "hidden_post": json_values, "set_status": json_values},
)


@settings(max_examples=300, deadline=None)
@given(drafts)
def test_post_model_and_rules_take_any_draft_shaped_json(draft):
    try:
        post = Post.from_draft(draft)
    except DraftError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    problems = validate(post, for_sending=False)
    assert all(p.message for p in problems)
    json.dumps(post.to_draft())  # whatever was accepted serializes again


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.text(max_size=30))
def test_oauth_redirect_parsing_never_crashes(url, state):
    for parse in (oauth.parse_implicit_redirect, oauth.parse_code_redirect):
        try:
            parse(url, state)
        except OkAuthError as exc:
            assert str(exc)


@pytest.fixture(scope="module")
def odd():
    with OddServer() as server:
        yield server


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(json_values.map(lambda v: json.dumps(v).encode()), st.binary(max_size=200)))
def test_api_response_parsing_never_crashes(odd, body):
    odd.answer(body)
    client = OkClient(Credentials("K", "T", "S"), odd.base_url)
    for call in (
        methods.get_current_user,
        methods.get_user_group_ids,
        lambda c: methods.get_groups_info(c, ["1"]),
        lambda c: methods.get_memberships(c, "1", ["2"]),
        lambda c: methods.get_photo_upload_url(c, [10]),
        lambda c: methods.get_moment_upload_url(c),
        lambda c: methods.commit_moments(c, [("p", "t")]),
        lambda c: methods.get_topics(c, gid="1"),
    ):
        try:
            call(client)
        except OkError as exc:
            assert str(exc)
    client.close()


ODD_TEXTS = {
    "emoji": "Праздник 🎉👨‍👩‍👧‍👦🏳️‍🌈 & <b>не тег</b> ' \" \\ %s %%",
    "rtl": "مرحبا بالعالم שלום עולם \u202eevil\u202c",
    "zero_width": "zero\u200bwidth\u200c\u200djoin\ufeffbom\u2060",
    "long": ("Длинный текст. " * 7143)[:100_000],
}


@pytest.mark.parametrize("name", list(ODD_TEXTS))
def test_texts_reach_the_sandbox_byte_exact(sandbox, name):
    text = ODD_TEXTS[name]
    post = Post.from_draft({"attachment": {"media": [{"type": "text", "text": text}]}})
    publish(demo_client(sandbox), post)
    [topic] = sandbox.snapshot()["topics"]
    assert topic["attachment"]["media"][0]["text"].encode("utf-8") == text.encode("utf-8")
    assert topic["attachment_raw"] == post.to_params()["attachment"]
