"""Snippets and post templates: stored in SQLite next to the drafts, inserted into a new Post."""

from __future__ import annotations

import pytest

from okcomposer.api.blocks import PollBlock, PollOption
from okcomposer.api.rules import validate
from okcomposer.api.topic import Post, TextBlock
from okcomposer.app.templates import (
    insert_snippet,
    normalize_tags,
    post_from_template,
    save_hashtags,
    save_poll,
    save_post_template,
    save_signature,
    save_text,
    snippet_text,
)
from okcomposer.store import paths
from okcomposer.store.templates import TemplateStore


@pytest.fixture
def store():
    s = TemplateStore()
    yield s
    s.close()


def post(*texts: str) -> Post:
    return Post.from_draft({"attachment": {"media": [{"type": "text", "text": t} for t in texts]}})


def test_store_lives_next_to_the_drafts_and_survives_reopening(store):
    assert store.path == paths.data_dir() / "templates.sqlite3"
    first = save_signature(store, "Shop", "— Sunrise Bakery, ул. Ленина 1")
    save_hashtags(store, "Tags", ["bread", "#утро"])
    store.close()
    again = TemplateStore()
    try:
        [sig] = again.list("signature")
        assert sig.id == first and sig.body == {"text": "— Sunrise Bakery, ул. Ленина 1"}
        assert [t.kind for t in again.list()] == ["hashtags", "signature"]
        save_signature(again, "Shop (new)", "— Sunrise", template_id=first)
        assert again.load(first).name == "Shop (new)" and len(again.list()) == 2
        again.delete(first)
        assert again.load(first) is None
    finally:
        again.close()


def test_bad_templates_are_refused(store):
    with pytest.raises(ValueError):
        store.save("macro", "x", {})
    with pytest.raises(ValueError):
        store.save("text", "  ", {"text": "a"})
    with pytest.raises(ValueError):
        save_signature(store, "empty", "   ")
    with pytest.raises(ValueError):
        save_hashtags(store, "none", ["#", "  "])


def test_normalize_tags():
    assert normalize_tags(["#Summer sale", "summer_sale", "news", "##news", " Утро "]) == [
        "#Summer_sale",
        "#news",
        "#Утро",
    ]


def test_signature_goes_after_the_last_text_once(store):
    sig = store.load(save_signature(store, "Shop", "— Sunrise Bakery"))
    original = post("Fresh bread today", "See you!")
    signed = insert_snippet(original, sig)
    assert signed.attachment.media[1].text == "See you!\n\n— Sunrise Bakery"
    assert original.attachment.media[1].text == "See you!"  # a new post; the old one is untouched
    assert insert_snippet(signed, sig).attachment.media[1].text == "See you!\n\n— Sunrise Bakery"
    photo_only = Post.from_draft({"attachment": {"media": [{"type": "photo", "list": [{"id": "tok"}]}]}})
    added = insert_snippet(photo_only, sig).attachment.media
    assert isinstance(added[-1], TextBlock) and added[-1].text == "— Sunrise Bakery"


def test_hashtags_skip_those_already_in_the_text(store):
    tags = store.load(save_hashtags(store, "Tags", ["bread", "morning", "Sale"]))
    assert snippet_text(tags) == "#bread #morning #Sale"
    tagged = insert_snippet(post("Fresh #Bread today"), tags)
    assert tagged.attachment.media[0].text == "Fresh #Bread today\n#morning #Sale"
    assert insert_snippet(tagged, tags).attachment.media[0].text == tagged.attachment.media[0].text


def test_text_snippet_and_empty_text_block(store):
    text = store.load(save_text(store, "Hours", "Open 8-20"))
    assert insert_snippet(post(""), text).attachment.media[0].text == "Open 8-20"
    assert insert_snippet(post("Hi"), text).attachment.media[0].text == "Hi\n\nOpen 8-20"


def test_standard_poll_is_added_as_a_block(store):
    poll = PollBlock("Which bread?", ["Rye", "Wheat"], {PollOption.SINGLE_CHOICE})
    template = store.load(save_poll(store, "Bread poll", poll))
    with_poll = insert_snippet(post("Vote!"), template)
    assert with_poll.attachment.media[-1] == poll
    assert not [p for p in validate(with_poll) if p.severity == "error"]


def test_whole_post_template_drops_time_and_tokens(store):
    source = Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": "70000001000101",
            "attachment": {
                "media": [
                    {"type": "text", "text": "Weekly menu"},
                    {"type": "photo", "list": [{"id": "one-time-token"}]},
                    {"type": "photo", "list": [{"photoId": "930000000001"}, {"file": "menu.jpg"}]},
                ],
                "publishAtMs": 1893456000000,
                "disableComments": "true",
            },
        }
    )
    template = store.load(save_post_template(store, "Menu", source))
    made = post_from_template(template)
    assert made.gid == "70000001000101" and made.attachment.disable_comments is True
    assert made.attachment.scheduled_at() is None
    assert [b.to_json() for b in made.attachment.media[1:]] == [
        {"type": "photo", "list": [{"photoId": "930000000001"}, {"file": "menu.jpg"}]}
    ]
    with pytest.raises(ValueError):
        insert_snippet(made, template)
    with pytest.raises(ValueError):
        post_from_template(store.load(save_text(store, "t", "x")))
