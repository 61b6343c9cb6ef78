"""Link cards: Open Graph tags read from a page served on 127.0.0.1 (no internet), with size caps."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from support.image_server import Answer, image_server

from okcomposer.app import linkcard
from okcomposer.app.linkcard import LinkCard, fetch_link_card, parse_open_graph

PAGE = """<!doctype html><html><head>
<meta charset="utf-8"><title>Запасной заголовок</title>
<meta property="og:title" content="Хлеб &amp; булки">
<meta property="og:description" content="Свежая выпечка каждый день">
<meta property="og:image" content="/img/cover.jpg">
<meta property="og:site_name" content="Пекарня">
</head><body><meta property="og:title" content="not this one"></body></html>"""


@pytest.fixture
def site():
    with image_server() as web:
        yield web


def serve(web, path: str, body: bytes, kind: str, status: int = 200) -> str:
    web.answers[path] = Answer(body, kind, status)
    return web.url + path


def jpeg_bytes(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 80, 40)).save(out, "JPEG")
    return out.getvalue()


def test_the_card_comes_from_the_open_graph_tags_of_a_served_page(site):
    url = serve(site, "/post", PAGE.encode(), "text/html; charset=utf-8")
    serve(site, "/img/cover.jpg", jpeg_bytes(40, 30), "image/jpeg")
    card = fetch_link_card(url)
    assert (card.title, card.description, card.site) == (
        "Хлеб & булки",
        "Свежая выпечка каждый день",
        "Пекарня",
    )
    assert card.image_url == site.url + "/img/cover.jpg"
    assert card.image[:2] == b"\xff\xd8"


def test_a_windows_1251_page_and_title_fallback(site):
    page = "<html><head><meta charset='windows-1251'><title> Новости\n дня </title></head></html>"
    card = fetch_link_card(serve(site, "/ru", page.encode("cp1251"), "text/html"))
    assert card.title == "Новости дня"
    assert card.site == "127.0.0.1" and card.image == b""


def test_what_cannot_be_read_gives_a_bare_card(site):
    pdf = serve(site, "/pdf", b"%PDF-1.4", "application/pdf")
    assert fetch_link_card(site.url + "/missing") == LinkCard(site.url + "/missing", site="127.0.0.1")
    assert fetch_link_card(pdf).title == ""
    assert fetch_link_card("ftp://example.org/x").title == ""
    assert fetch_link_card("http://127.0.0.1:1/").title == ""  # nobody listens there


def test_a_huge_page_is_cut_and_a_huge_image_left_out(site, monkeypatch):
    monkeypatch.setattr(linkcard, "MAX_IMAGE", 1000)
    head = PAGE.replace("/img/cover.jpg", "/big.jpg").split("</head>")[0]
    url = serve(site, "/big", (head + "<p>" + "я" * (2 * linkcard.MAX_PAGE)).encode(), "text/html")
    serve(site, "/big.jpg", jpeg_bytes(400, 400) + b"\0" * 2000, "image/jpeg")
    card = fetch_link_card(url)
    assert card.title == "Хлеб & булки" and card.image == b""


def test_parsing_copes_with_odd_pages():
    assert parse_open_graph("", "https://a.example/x") == LinkCard("https://a.example/x", site="a.example")
    odd = (
        "<meta name=DESCRIPTION content=' Описание '><meta property=og:image content='javascript:x'><title>T"
    )
    card = parse_open_graph(odd, "https://a.example/")
    assert (card.description, card.image_url, card.title) == ("Описание", "", "T")
    long = parse_open_graph(f"<meta property='og:title' content='{'x' * 900}'>", "https://a.example/")
    assert len(long.title) == 300 and long.title.endswith("…")
