"""The post as OK's feed shows it: avatar, name, group and time; the text with its links and hashtags,
folded when long; photos as a collage; the poll; a link card from the page's Open Graph tags; the
like/comment/share bar. Pictures, cards and photos are fetched or decoded off the GUI thread."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QLocale, Qt, QTimer, QUrl
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QTextDocument, QTextOption
from PySide6.QtWidgets import QStyle, QTextBrowser, QVBoxLayout, QWidget

from okcomposer.api.blocks import (
    AppBlock,
    AppRefBlock,
    Block,
    LinkBlock,
    MovieBlock,
    MovieReshareBlock,
    MusicBlock,
    PhotoBlock,
    PhotoItem,
    PollBlock,
    TextBlock,
    TopicReshareBlock,
)
from okcomposer.api.topic import Post, ms_to_datetime
from okcomposer.app.linkcard import LinkCard, fetch_link_card
from okcomposer.ui.common import theme
from okcomposer.ui.common.tasks import Lane, TaskGroup
from okcomposer.ui.common.times import short_date, short_time, system_tz
from okcomposer.ui.compose import collage, feed_text
from okcomposer.ui.compose import preview_blocks as parts
from okcomposer.ui.photos import thumbnails

AVATAR = 40  # pixels
PADDING = 12  # inside the card
PHOTO_SIZE = 640  # the longest side of the preview's own photo thumbnails (sharp at full width)
MORE = "okc:more"  # the fold's "more" link
_CACHE = 60  # photos, pictures and cards kept in memory (each cache)
_photos: OrderedDict[str, QImage] = OrderedDict()
_pictures: OrderedDict[str, QImage] = OrderedDict()
_cards: OrderedDict[str, LinkCard] = OrderedDict()
_lane = Lane(2)  # decoding photos is CPU work: two at a time


@dataclass(frozen=True)
class Author:
    """Who the post is shown from: a name ("" for the signed-in user not known yet), the address of its
    picture, and the group's name when a user posts in a group (not on its behalf)."""

    name: str = ""
    picture: str = ""
    group: str = ""


class _Browser(QTextBrowser):
    """Serves the pictures made off-thread to the document; never reads a file or the network itself."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.images: dict[str, QImage] = {}

    def loadResource(self, kind: int, name: QUrl | str):
        url = QUrl(name)  # Qt passes a QUrl; the stub's supertype also allows a str
        if url.toString() in self.images:
            return self.images[url.toString()]
        if kind == QTextDocument.ResourceType.ImageResource.value:
            return None
        return super().loadResource(kind, url)


class PreviewView(QWidget):
    """Call show_post() whenever the post changes; pictures fill in as they arrive."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.browser = _Browser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long addresses wrap
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.photos = TaskGroup(self, lane=_lane)
        self.fetches = TaskGroup(self)
        self._asked: set[str] = set()
        self._post = Post()
        self._author = Author()
        self._waits_until: int | None = None
        self._width = 0
        self._locale = ""
        self.unfolded = False
        self.layouts: list[collage.Collage] = []  # the photo blocks' collages, as last drawn
        self._relayout = QTimer(self, singleShot=True, interval=50)
        self._relayout.timeout.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.refresh()

    def show_post(self, post: Post, author: Author, waits_until: int | None = None) -> None:
        """Show `post` from `author` (the text folds again when it changed); `waits_until` (ms since the
        epoch): a post for my page that waits on this computer until then (OK gets no time for it)."""
        same = (post, author, waits_until) == (self._post, self._author, self._waits_until)
        if same and QLocale().name() == self._locale:
            return  # validating again (Publish does) changes nothing: no new render, no repaint
        if _texts(post) != _texts(self._post):
            self.unfolded = False
        self._post, self._author, self._waits_until = post, author, waits_until
        self.refresh()

    def refresh(self) -> None:
        colors = parts.Colors.of(self.palette())
        sheet = f"QTextBrowser {{ background: {colors.feed}; }}"
        if self.browser.styleSheet() != sheet:  # setting it again repolishes the browser: a window repaint
            self.browser.setStyleSheet(sheet)
        self.browser.images.clear()
        self._width = self.content_width()
        self._locale = QLocale().name()  # the words and dates are in the language set when it renders
        bar = self.browser.verticalScrollBar()
        where = bar.value()  # typing in the composer re-renders: keep the reader's place
        self.browser.setHtml(self._document(colors))
        bar.setValue(where)

    def content_width(self) -> int:
        """The card's inner width in pixels, scroll bar or not."""
        scroll = self.browser.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margin = 2 * int(self.browser.document().documentMargin())
        return max(60, self.browser.contentsRect().width() - scroll - margin - 2 * PADDING - 4)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.content_width() != self._width:
            self._relayout.start()  # once the resizing stops for a moment

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._relayout.start()  # light <-> dark

    def html(self) -> str:
        """The document as plain text (for tests and accessibility tools)."""
        return self.browser.toPlainText()

    # --- the document -----------------------------------------------------------------------------
    def _document(self, colors: parts.Colors) -> str:
        post, author = self._post, self._author
        self.layouts = []
        self.browser.images["avatar:"] = self._avatar(author)
        try:
            when = post.attachment.scheduled_at()
        except ValueError:
            when = None
        if when is None and self._waits_until is not None:
            when = ms_to_datetime(self._waits_until)
        scheduled = None
        if when is not None:
            local = when.astimezone(system_tz())
            scheduled = f"{short_date(local)} {short_time(local)}"
        head = parts.header(
            author.name or self.tr("You"),
            author.group,
            parts.when_text(scheduled, bool(post.hidden_post)),
            colors,
            AVATAR,
        )
        body = [self._block(block, colors) for block in post.attachment.media]
        card = self._text_link_card(colors)
        if card:
            body.append(card)
        if not post.attachment.media:
            empty = self.tr("The post is empty.")  # (lupdate finds no tr() inside an f-string)
            body.append(f"<p style='color:{colors.muted}'>{parts.e(empty)}</p>")
        inner = head + "".join(f"<div style='margin-top:8px'>{part}</div>" for part in body)
        inner += parts.actions_bar(colors)
        return (
            f"<body style='color:{colors.text}'><table width='100%' cellspacing='0' cellpadding='{PADDING}'"
            f" bgcolor='{colors.card}'><tr><td>{inner}</td></tr></table></body>"
        )

    def _block(self, block: Block, colors: parts.Colors) -> str:
        if isinstance(block, TextBlock):
            return self._text(block.text, colors)
        if isinstance(block, LinkBlock):
            return self._link(block.url, colors)
        if isinstance(block, PhotoBlock):
            return self._photos(block.items, colors)
        if isinstance(block, PollBlock):
            return parts.poll(block, colors)
        if isinstance(block, MovieBlock):
            return parts.movies(block, colors)
        if isinstance(block, MusicBlock):
            return parts.music(block)
        if isinstance(block, AppBlock):
            return parts.app(block, colors)
        if isinstance(block, AppRefBlock):
            return parts.app_ref(block, colors)
        if isinstance(block, TopicReshareBlock):
            return parts.boxed(parts.e(self.tr("↻ Shared topic {0}").format(block.topic_id)), colors)
        if isinstance(block, MovieReshareBlock):
            return parts.boxed(parts.e(self.tr("↻ Shared video {0}").format(block.movie_id)), colors)
        return ""

    def _text(self, text: str, colors: parts.Colors) -> str:
        cut = None if self.unfolded else feed_text.fold(text, self.browser.font(), self._width)
        if cut is None:
            return feed_text.to_html(text, colors.link)
        word = self.tr("more")
        more = f" <a href='{MORE}' style='color:{colors.muted}'>{parts.e(word)}</a>"
        return feed_text.to_html(cut, colors.link) + "…" + more

    def _text_link_card(self, colors: parts.Colors) -> str:
        """With "Preview the link in the text" on and no link block, OK shows the text's first link."""
        post = self._post
        if not post.text_link_preview or any(isinstance(b, LinkBlock) for b in post.attachment.media):
            return ""
        for text in _texts(post):
            for piece in feed_text.pieces(text):
                if piece.kind == "link":
                    return self._link(piece.target, colors)
        return ""

    def _link(self, url: str, colors: parts.Colors) -> str:
        url = url.strip()
        if not url:
            return ""
        card = _cards.get(url)
        if card is None:
            self._fetch_card(url)
            card = LinkCard(url)
        height = 0
        picture = _pictures.get("linkimage:" + url)
        if picture is not None and not picture.isNull():
            height = max(1, round(self._width * min(picture.height() / picture.width(), 0.75)))
            self.browser.images["linkimage:" + url] = _cut(
                picture, self._width, height, self.devicePixelRatioF()
            )
        return parts.link_card(card, colors, self._width, height)

    def _photos(self, items: list[PhotoItem], colors: parts.Colors) -> str:
        images: list[QImage | None] = []
        for item in items[: collage.SHOWN]:
            image = None
            if item.file:
                image = _photos.get(item.file) or thumbnails.cached(item.file)
                if item.file not in _photos:
                    self._load_photo(item.file)
            images.append(image)
        ratios = [i.width() / i.height() if i is not None and i.height() else 0.0 for i in images]
        ratios += [0.0] * (len(items) - len(ratios))
        shape = collage.layout(ratios, self._width)
        self.layouts.append(shape)
        if not items:
            return ""
        name = f"collage:{len(self.layouts)}"
        fill = parts.Colors.of(self.palette()).fill
        self.browser.images[name] = collage.paint(shape, images, QColor(fill), self.devicePixelRatioF())
        return f"<img src='{name}' width='{shape.width}' height='{shape.height}'>"

    # --- background work --------------------------------------------------------------------------
    def _avatar(self, author: Author) -> QImage:
        size = round(AVATAR * self.devicePixelRatioF())
        picture = _pictures.get(author.picture) if author.picture else None
        if author.picture and picture is None and author.picture not in self._asked:
            self._asked.add(author.picture)
            self.fetches.run(
                partial(_fetch_picture, author.picture),
                succeeded=partial(self._picture_arrived, author.picture),
                failed=lambda _exc: None,  # the initials stay
                name="okc-avatar",
            )
        if picture is not None and not picture.isNull():
            icon = _round(picture, size)
        else:
            icon = theme.initials_icon(author.name or self.tr("You"), size).pixmap(size, size).toImage()
        icon.setDevicePixelRatio(self.devicePixelRatioF())
        return icon

    def _picture_arrived(self, key: str, data: bytes) -> None:
        _remember(_pictures, key, QImage.fromData(data))
        self.refresh()

    def _fetch_card(self, url: str) -> None:
        if url in self._asked:
            return
        self._asked.add(url)

        def arrived(card: LinkCard) -> None:
            _remember(_cards, url, card)
            if card.image:
                _remember(_pictures, "linkimage:" + url, QImage.fromData(card.image))
            self.refresh()

        self.fetches.run(
            lambda _r, cancel: fetch_link_card(url, cancel), arrived, lambda _exc: None, name="okc-linkcard"
        )

    def _load_photo(self, path: str) -> None:
        if path in self._asked:
            return
        self._asked.add(path)

        def arrived(image: QImage | None) -> None:
            if image is not None:
                _remember(_photos, path, image)
                self._relayout.start()  # several photos arriving together: one render

        self.photos.run(
            lambda _r, _c: _safe_thumbnail(path), arrived, lambda _exc: None, name="okc-preview-photo"
        )

    def _on_anchor(self, url: QUrl) -> None:
        if url.toString() == MORE:
            self.unfolded = True
            self.refresh()


def _fetch_picture(url: str, _report, _cancel) -> bytes:
    from okcomposer.ui.accounts.switcher import fetch_avatar

    return fetch_avatar(url)


def _texts(post: Post) -> list[str]:
    return [b.text for b in post.attachment.media if isinstance(b, TextBlock)]


def _safe_thumbnail(path: str) -> QImage | None:
    try:
        return thumbnails.make_thumbnail(path, PHOTO_SIZE)
    except (OSError, ValueError):
        return None  # an unreadable photo stays a grey box; its tile in the grid says why


def _remember(cache: OrderedDict, key: str, value) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > _CACHE:
        cache.popitem(last=False)


def _cut(image: QImage, width: int, height: int, scale: float) -> QImage:
    """`image` filling width x height (cut at the edges), at `scale` for sharp high-DPI screens."""
    scaled = image.scaled(
        round(width * scale),
        round(height * scale),
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    x = (scaled.width() - round(width * scale)) // 2
    y = (scaled.height() - round(height * scale)) // 2
    out = scaled.copy(x, y, round(width * scale), round(height * scale))
    out.setDevicePixelRatio(scale)
    return out


def _round(image: QImage, size: int) -> QImage:
    """A picture cut to a circle of `size` pixels (an avatar)."""
    square = _cut(image, size, size, 1.0)
    out = QImage(size, size, QImage.Format.Format_ARGB32)
    out.fill(Qt.GlobalColor.transparent)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(square))
    painter.drawEllipse(0, 0, size, size)
    painter.end()
    return out
