"""The preview: the post's text, link, poll, photos (thumbnails from the background) and other blocks."""

from __future__ import annotations

import pytest
from support.images import make_photos

from okcomposer.api.topic import Post
from okcomposer.ui import thumbnails
from okcomposer.ui.preview import PreviewView


@pytest.fixture
def preview(qtbot):
    view = PreviewView()
    qtbot.addWidget(view)
    yield view
    thumbnails.wait_all()


def test_the_preview_shows_author_text_link_and_poll(preview):
    post = Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": "1",
            "attachment": {
                "media": [
                    {"type": "text", "text": "Свежий хлеб <b>не тег</b>\nвторая строка"},
                    {"type": "link", "url": "https://apiok.ru/dev"},
                    {
                        "type": "poll",
                        "question": "Какой?",
                        "answers": [{"text": "Ржаной"}, {"text": "Белый"}],
                        "options": "SingleChoice",
                    },
                    {"type": "music", "list": [{"id": 1, "title": "Song", "artistName": "Band"}]},
                    {"type": "topic", "topicId": "77", "group": "true"},
                    {"type": "future", "x": 1},
                ]
            },
        }
    )
    preview.show_post(post, "Пекарня")
    text = preview.html()
    for expected in (
        "Пекарня",
        "Свежий хлеб <b>не тег</b>",
        "вторая строка",
        "apiok.ru",
        "Какой?",
        "○ Ржаной",
        "○ Белый",
        "Song — Band",
        "Shared topic 77",
        "future",
    ):
        assert expected in text


def test_local_photos_get_their_thumbnails_from_the_background(qtbot, preview, tmp_path):
    files = make_photos(tmp_path, 4)
    post = Post.from_draft(
        {"attachment": {"media": [{"type": "photo", "list": [{"file": str(f)} for f in files]}]}}
    )
    preview.show_post(post, "Me")
    qtbot.waitUntil(lambda: len(preview.browser.images) == 4, timeout=10_000)
    assert all(not image.isNull() for image in preview.browser.images.values())


def test_an_empty_post(preview):
    preview.show_post(Post(), "")
    assert "empty" in preview.html()
