"""A link's card as a feed shows it: the page's Open Graph tags (og:title, og:description, og:image,
og:site_name), read with the standard library's HTML parser from at most MAX_PAGE bytes of the page.

OK builds its own card on its servers when the post is published; this is the client's preview of it, so
a page that cannot be read gives a card with the address only (never an error in the window).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

MAX_PAGE = 512 * 1024  # bytes of the page read: Open Graph tags are in <head>, near the top
MAX_IMAGE = 2 * 1024 * 1024  # bytes of the og:image read; a bigger one is left out
TIMEOUT = (3.0, 5.0)  # seconds to connect, and between two reads
_AGENT = "okcomposer-link-preview"


@dataclass(frozen=True)
class LinkCard:
    """What the preview shows of a linked page; empty strings for what the page does not say."""

    url: str
    title: str = ""
    description: str = ""
    image_url: str = ""
    site: str = ""  # og:site_name, else the address's host
    image: bytes = b""  # the og:image's bytes when they could be read (at most MAX_IMAGE)


class _OpenGraph(HTMLParser):
    """Collects <meta property="og:..."> (and name="description", <title>) until </head>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, str] = {}
        self.title = ""
        self._in_title = False
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            values = {k.lower(): (v or "") for k, v in attrs}
            key = (values.get("property") or values.get("name") or "").strip().lower()
            if key and key not in self.tags and "content" in values:
                self.tags[key] = values["content"].strip()
        elif tag == "body":
            self.done = True  # the tags belong in <head>; the rest of the page is not read

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self.done = True

    def handle_data(self, data: str) -> None:
        if self._in_title and not self.done:
            self.title += data


def parse_open_graph(page: str, url: str) -> LinkCard:
    """The card of `page` (HTML text) found at `url`: og:* tags first, then <title> and the description.

    Relative og:image addresses are made absolute against `url`; only http(s) images are kept.
    """
    parser = _OpenGraph()
    parser.feed(page)
    parser.close()
    tags = parser.tags
    image = tags.get("og:image") or tags.get("og:image:url") or tags.get("og:image:secure_url") or ""
    image = urljoin(url, image) if image else ""
    if urlsplit(image).scheme not in ("http", "https"):
        image = ""
    title = tags.get("og:title") or tags.get("twitter:title") or " ".join(parser.title.split())
    description = tags.get("og:description") or tags.get("description") or ""
    site = tags.get("og:site_name") or (urlsplit(url).hostname or "")
    return LinkCard(url, _short(title, 300), _short(description, 600), image, _short(site, 100))


def fetch_link_card(url: str, cancel=None) -> LinkCard:
    """Read `url` (at most MAX_PAGE bytes, TIMEOUT) and its og:image (at most MAX_IMAGE) into a card.

    Blocking: run it on a Task. Never raises for what the web does (no answer, an error status, not HTML,
    an image too big): what could not be read is left empty; a bare card is LinkCard(url, site=host).
    """
    bare = LinkCard(url, site=urlsplit(url).hostname or url)
    if urlsplit(url).scheme not in ("http", "https"):
        return bare
    try:
        data, kind, charset = _get(url, MAX_PAGE)
    except (OSError, ValueError):  # requests' errors are OSErrors; a bad address a ValueError
        return bare
    if "html" not in kind and kind:
        return bare
    card = parse_open_graph(_decode(data, charset), url)
    if not card.image_url or (cancel is not None and cancel.cancelled):
        return card
    try:
        image, kind, _ = _get(card.image_url, MAX_IMAGE)
    except (OSError, ValueError):
        return card
    if kind and not kind.startswith("image/"):
        return card
    return LinkCard(card.url, card.title, card.description, card.image_url, card.site, image)


def _get(url: str, cap: int) -> tuple[bytes, str, str]:
    """(at most `cap` bytes, the content type, its charset); OSError for an answer over `cap` or an error."""
    import requests

    with requests.get(url, timeout=TIMEOUT, stream=True, headers={"User-Agent": _AGENT}) as answer:
        answer.raise_for_status()
        kind = answer.headers.get("Content-Type", "").split(";")[0].strip().lower()
        data = answer.raw.read(cap + 1, decode_content=True)
        charset = _header_charset(answer.headers.get("Content-Type", ""))
    if len(data) > cap and kind.startswith("image/"):
        raise OSError("image too large")  # a page is cut (its head is what counts); an image is not
    return data[:cap], kind, charset


def _header_charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return ""


def _decode(data: bytes, charset: str) -> str:
    """The page's text: the charset its header or a <meta charset> names, else UTF-8, else Windows-1251."""
    if not charset:
        found = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", data[:4096])
        charset = found.group(1).decode("ascii").lower() if found else ""
    for encoding in (charset, "utf-8", "cp1251"):
        if not encoding:
            continue
        try:
            # not final: a page cut at MAX_PAGE may end inside a character
            return codecs.getincrementaldecoder(encoding)().decode(data, final=False)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
