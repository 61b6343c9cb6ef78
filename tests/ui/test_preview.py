"""The preview in OK's feed look: header, highlighted and folded text, collages, poll, link card, bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from support.image_server import Answer, image_server
from support.images import make_photos

from okcomposer.api.blocks import LinkBlock
from okcomposer.api.topic import Post
from okcomposer.ui.compose import preview as preview_module
from okcomposer.ui.compose.feed_text import FOLD_LINES, pieces
from okcomposer.ui.compose.preview import MORE, Author, PreviewView
from okcomposer.ui.photos import thumbnails

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def preview(qtbot):
    view = PreviewView()
    qtbot.addWidget(view)
    view.resize(420, 700)
    view.show()
    yield view
    view.photos.stop()
    view.fetches.stop()
    thumbnails.wait_all()


def photo_post(files) -> Post:
    return Post.from_draft(
        {"attachment": {"media": [{"type": "photo", "list": [{"file": str(f)} for f in files]}]}}
    )


def test_the_header_text_poll_and_bar(preview):
    post = Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": "1",
            "attachment": {
                "media": [
                    {"type": "text", "text": "Свежий хлеб <b>не тег</b>\nвторая строка"},
                    {
                        "type": "poll",
                        "question": "Какой?",
                        "answers": [{"text": "Ржаной"}, {"text": "Белый"}],
                        "options": "SingleChoice,AnonymousVoting",
                    },
                    {"type": "music", "list": [{"id": 1, "title": "Song", "artistName": "Band"}]},
                    {"type": "topic", "topicId": "77", "group": "true"},
                ]
            },
        }
    )
    preview.show_post(post, Author("Анна", "", "Пекарня"))
    text = preview.html()
    for expected in (
        "Анна → Пекарня",
        "just now",
        "Свежий хлеб <b>не тег</b>",
        "вторая строка",
        "Какой?",
        "○  Ржаной",
        "Anonymous poll",
        "Song — Band",
        "Shared topic 77",
        "Comment",
        "Share",
        "Like",
    ):
        assert expected in text, expected
    assert not preview.browser.images["avatar:"].isNull()  # the initials until a picture comes


def test_links_and_hashtags_are_highlighted():
    text = "Меню на www.example.org/menu, #хлеб и https://ok.ru/group/1#top."
    found = [(p.kind, p.text, p.target) for p in pieces(text) if p.kind != "text"]
    assert found == [
        ("link", "www.example.org/menu", "https://www.example.org/menu"),
        ("tag", "#хлеб", ""),
        ("link", "https://ok.ru/group/1#top", "https://ok.ru/group/1#top"),
    ]
    assert "".join(p.text for p in pieces(text)) == text


def test_highlights_reach_the_document(preview):
    post = Post.from_draft({"attachment": {"media": [{"type": "text", "text": "#хлеб на www.example.org"}]}})
    preview.show_post(post, Author("Me"))
    document = preview.browser.toHtml()
    link_color = preview_module.parts.Colors.of(preview.palette()).link
    assert f'<span style=" color:{link_color};">#хлеб</span>' in document
    assert '<a href="https://www.example.org">' in document


def test_long_text_is_folded_until_more_is_clicked(preview):
    long = "\n".join(f"Строка номер {n}" for n in range(1, 30))
    preview.show_post(Post.from_draft({"attachment": {"media": [{"type": "text", "text": long}]}}), Author())
    shown = preview.html()
    assert f"Строка номер {FOLD_LINES - 1}" in shown and "Строка номер 20" not in shown
    assert "more" in shown
    preview.browser.anchorClicked.emit(QUrl(MORE))
    assert "Строка номер 29" in preview.html()
    short = Post.from_draft({"attachment": {"media": [{"type": "text", "text": "Коротко"}]}})
    preview.show_post(short, Author())
    assert "more" not in preview.html()


@pytest.mark.parametrize(
    ("count", "size", "name"),
    [
        (1, (640, 480), "single"),
        (2, (640, 480), "pair"),
        (3, (640, 480), "big-top"),
        (3, (480, 640), "big-left"),
        (4, (640, 480), "big-top-three"),
        (5, (640, 480), "two-three"),
        (7, (640, 480), "two-three"),
    ],
)
def test_photos_are_laid_out_as_in_the_feed(qtbot, preview, tmp_path, count, size, name):
    files = make_photos(tmp_path, count, size)
    preview.show_post(photo_post(files), Author("Me"))
    qtbot.waitUntil(lambda: all(str(f) in preview_module._photos for f in files[:5]), timeout=10_000)
    qtbot.waitUntil(lambda: not preview._relayout.isActive())
    shape = preview.layouts[0]
    assert shape.name == name
    assert len(shape.cells) == min(count, 5) and shape.more == max(0, count - 5)
    assert all(x + w <= shape.width and y + h <= shape.height for x, y, w, h in shape.cells)


@pytest.mark.parametrize("width", [260, 420, 900])
def test_the_collage_fits_the_pane_however_narrow(qtbot, preview, tmp_path, width):
    files = make_photos(tmp_path, 5)
    post = photo_post(files)
    post.attachment.media.append(LinkBlock("https://ok.ru/group/70000001000101/" + "x" * 120))
    preview.resize(width, 600)
    preview.show_post(post, Author("Me"))
    qtbot.waitUntil(lambda: not preview._relayout.isActive())
    browser = preview.browser
    assert browser.horizontalScrollBar().maximum() == 0
    assert preview.layouts[0].width <= browser.viewport().width()


def test_the_link_card_comes_from_the_page_open_graph_tags(qtbot, preview):
    page = (
        "<html><head><meta property='og:title' content='Пекарня на углу'>"
        "<meta property='og:description' content='Хлеб с утра'><meta property='og:site_name' content='Колос'>"
        "</head></html>"
    )
    with image_server() as web:
        web.answers["/page"] = Answer(page.encode(), "text/html; charset=utf-8")
        url = web.url + "/page"
        post = Post.from_draft({"attachment": {"media": [{"type": "link", "url": url}]}})
        preview.show_post(post, Author("Me"))
        qtbot.waitUntil(lambda: "Пекарня на углу" in preview.html(), timeout=10_000)
        assert "Хлеб с утра" in preview.html() and "КОЛОС" in preview.html()
        assert web.requests == ["/page"]
        preview.show_post(post, Author("Me"))  # cached: not fetched again
        assert web.requests == ["/page"]


def test_a_link_in_the_text_gets_a_card_only_with_link_preview_on(qtbot, preview):
    with image_server() as web:
        web.answers["/p"] = Answer(b"<title>Tagged</title>", "text/html")
        text = {"type": "text", "text": f"See {web.url}/p"}
        post = Post.from_draft({"attachment": {"media": [text]}})
        preview.show_post(post, Author("Me"))
        assert web.requests == []
        post.text_link_preview = True
        preview.show_post(post, Author("Me"))
        qtbot.waitUntil(lambda: "Tagged" in preview.html(), timeout=10_000)


def test_russian(qapp, preview):
    from okcomposer.ui.common import i18n

    assert i18n.install("ru") == "ru"
    try:
        preview.show_post(Post(), Author())
        text = preview.html()
        assert "Вы" in text and "пуст" in text.lower()
        assert "The post is empty" not in text and "You" not in text
        assert "Комментировать" in text and "Класс" in text
    finally:
        i18n.install("")


def test_the_same_post_again_is_not_rendered_again(preview):
    """Publish validates once more and shows the post again: with nothing changed, no new render (issue 16:
    each render sets the document and repaints the preview on the GUI thread)."""
    renders = []
    preview.browser.document().contentsChanged.connect(lambda: renders.append(1))
    post = Post.from_draft({"attachment": {"media": [{"type": "text", "text": "Свежий хлеб"}]}})
    preview.show_post(post, Author("Анна"))
    assert renders and "Свежий хлеб" in preview.html()
    renders.clear()
    preview.show_post(Post.from_draft(post.to_draft()), Author("Анна"))  # equal, not the same object
    assert renders == []
    preview.show_post(post, Author("Борис"))
    assert renders and "Борис" in preview.html()
    renders.clear()
    edited = Post.from_draft({"attachment": {"media": [{"type": "text", "text": "Свежий хлеб!"}]}})
    preview.show_post(edited, Author("Борис"))
    assert renders and "Свежий хлеб!" in preview.html()
