"""The preview: the post's text, link, poll, photos (thumbnails from the background) and other blocks."""

from __future__ import annotations

import pytest
from support.images import make_photos

from okcomposer.api.topic import Post
from okcomposer.ui.compose.preview import PreviewView
from okcomposer.ui.photos import thumbnails

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


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


@pytest.mark.parametrize("width", [260, 420, 900])
def test_photos_fit_the_pane_however_narrow(qtbot, preview, tmp_path, width):
    files = make_photos(tmp_path, 5)
    post = Post.from_draft(
        {
            "attachment": {
                "media": [
                    {"type": "photo", "list": [{"file": str(f)} for f in files] + [{"id": "1" * 40}]},
                    {"type": "link", "url": "https://ok.ru/group/70000001000101/" + "x" * 120},
                ]
            }
        }
    )
    preview.resize(width, 600)
    preview.show()
    preview.show_post(post, "Me")
    qtbot.waitUntil(lambda: len(preview.browser.images) == 5, timeout=10_000)
    qtbot.waitUntil(lambda: not preview._relayout.isActive())
    browser = preview.browser
    assert browser.horizontalScrollBar().maximum() == 0
    assert browser.document().size().width() <= browser.viewport().width()


def test_a_wider_pane_gets_bigger_thumbnails(qtbot, preview, tmp_path):
    files = make_photos(tmp_path, 3)
    post = Post.from_draft(
        {"attachment": {"media": [{"type": "photo", "list": [{"file": str(f)} for f in files]}]}}
    )
    preview.resize(260, 500)
    preview.show()
    preview.show_post(post, "Me")
    qtbot.waitUntil(lambda: len(preview.browser.images) == 3, timeout=10_000)
    narrow = preview.photo_width()
    preview.resize(700, 500)
    qtbot.waitUntil(lambda: preview.photo_width() > narrow and not preview._relayout.isActive())
    qtbot.waitUntil(lambda: f'width="{min(160, preview.photo_width())}"' in preview.browser.toHtml())
