"""A draft's name in the Drafts list: its first line of text, else its photos ("3 photos: IMG_0012.jpg…")."""

from __future__ import annotations

import pytest

from okcomposer.api.blocks import PhotoBlock, PhotoItem
from okcomposer.api.topic import Attachment, Post, TextBlock
from okcomposer.ui.library.drafts_view import draft_title


@pytest.fixture(params=["en", "ru"])
def language(request, qapp):
    from okcomposer.ui.common import i18n

    assert i18n.install(request.param) == request.param
    yield request.param
    i18n.install("")


def photos(*files: str | None) -> Post:
    items = [PhotoItem(file=f) if f else PhotoItem(photo_id="930000000001") for f in files]
    return Post(attachment=Attachment(media=[PhotoBlock(items=items)]))


def test_photo_only_drafts_are_named_by_their_photos(language):
    many = draft_title(photos("/home/me/IMG_0012.jpg", "/home/me/IMG_0013.jpg", "/tmp/c.png"))
    one = draft_title(photos("/home/me/IMG_0012.jpg"))
    remote = draft_title(photos(None, None))
    if language == "en":
        assert (many, one, remote) == ("3 photos: IMG_0012.jpg…", "1 photo: IMG_0012.jpg", "2 photos")
    else:
        assert (many, one, remote) == ("3 фото: IMG_0012.jpg…", "1 фото: IMG_0012.jpg", "2 фото")


def test_text_comes_first_and_an_empty_post_has_no_name(qapp):
    text = Post(
        attachment=Attachment(media=[PhotoBlock(items=[PhotoItem(file="a.jpg")]), TextBlock("Hi\nthere")])
    )
    assert draft_title(text) == "Hi" and draft_title(Post()) == ""
