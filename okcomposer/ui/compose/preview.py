"""A rough preview of a post as OK shows it: author, text, link card, photos, poll and the other blocks."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QImage, QTextDocument, QTextOption
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
    PollOption,
    TextBlock,
    TopicReshareBlock,
)
from okcomposer.api.topic import Post
from okcomposer.ui.photos import thumbnails
from okcomposer.ui.photos.thumbnails import Loaded, ThumbnailLoader

PHOTOS_PER_ROW = 3
SPACING = 4  # pixels between thumbnails
_MUTED = "color: #757575;"
_CARD = "border: 1px solid #bdbdbd; padding: 6px; margin: 4px 0;"


class _Browser(QTextBrowser):
    """Serves the photo thumbnails (made off-thread) to the document as thumb:N images."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.images: dict[str, QImage] = {}

    def loadResource(self, kind: int, name: QUrl | str):
        url = QUrl(name)  # Qt passes a QUrl; the stub's supertype also allows a str
        if url.scheme() == "thumb" and url.toString() in self.images:
            return self.images[url.toString()]
        if kind == QTextDocument.ResourceType.ImageResource.value or url.scheme() in ("thumb", "file"):
            return None  # never read a file here: only thumbnails made in the background are shown
        return super().loadResource(kind, url)


class PreviewView(QWidget):
    """Call show_post() whenever the post changes; thumbnails of local photos fill in as they are made."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.browser = _Browser(self)
        self.browser.setOpenLinks(False)
        self.loader = ThumbnailLoader(self)
        self.loader.loaded.connect(self._on_thumbnail)
        self._asked: set[str] = set()
        self._post: Post | None = None
        self._author = ""
        self._photo_width = 0
        self._relayout = QTimer(self, singleShot=True, interval=50)
        self._relayout.timeout.connect(
            lambda: self._post is not None and self.show_post(self._post, self._author)
        )
        # Long addresses without spaces must wrap too, or the pane scrolls sideways.
        self.browser.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.show_post(Post(), "")

    def show_post(self, post: Post, author: str) -> None:
        self._post, self._author = post, author
        self.browser.images.clear()
        self._photo_width = self.photo_width()
        bar = self.browser.verticalScrollBar()
        where = bar.value()  # typing in the composer re-renders: keep the reader's place
        self.browser.setHtml(self._document(post, author))
        bar.setValue(where)

    def photo_width(self) -> int:
        """The width of a thumbnail such that a row of PHOTOS_PER_ROW fits the pane, scroll bar or not."""
        bar = self.browser.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margin = 2 * int(self.browser.document().documentMargin())
        room = self.browser.contentsRect().width() - bar - margin - (PHOTOS_PER_ROW + 1) * SPACING - 2
        return max(24, room // PHOTOS_PER_ROW)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._post is not None and self.photo_width() != self._photo_width:
            self._relayout.start()  # once the resizing stops for a moment

    def html(self) -> str:
        """The document as plain text (for tests and accessibility tools)."""
        return self.browser.toPlainText()

    def _document(self, post: Post, author: str) -> str:
        kind = self.tr("in the group") if post.effective_type.is_group else self.tr("on the profile")
        parts = [f"<p><b>{_e(author or self.tr('You'))}</b> <span style='{_MUTED}'>{_e(kind)}</span></p>"]
        try:
            when = post.attachment.scheduled_at()
        except ValueError:
            when = None
        if when is not None:
            text = self.tr("Scheduled for {0} UTC").format(when.strftime("%Y-%m-%d %H:%M"))
            parts.append(f"<p style='{_MUTED}'>{_e(text)}</p>")
        for block in post.attachment.media:
            parts.append(self._block(block))
        if not post.attachment.media:
            parts.append(f"<p style='{_MUTED}'>{_e(self.tr('The post is empty.'))}</p>")
        return "".join(parts)

    def _block(self, block: Block) -> str:
        renderers: dict[type, Callable[[Any], str]] = {
            TextBlock: self._text,
            LinkBlock: self._link,
            PhotoBlock: lambda b: self._photos(b.items),
            PollBlock: self._poll,
            MovieBlock: self._movies,
            MusicBlock: self._music,
            AppBlock: self._app,
            AppRefBlock: self._app_ref,
            TopicReshareBlock: lambda b: _card(_e(self.tr("↻ Shared topic {0}").format(b.topic_id))),
            MovieReshareBlock: lambda b: _card(_e(self.tr("↻ Shared video {0}").format(b.movie_id))),
        }
        return renderers[type(block)](block)

    def _text(self, block: TextBlock) -> str:
        return "<p>" + _e(block.text).replace("\n", "<br>") + "</p>"

    def _link(self, block: LinkBlock) -> str:
        host = urlsplit(block.url).hostname or block.url
        return _card(f"<b>{_e(host)}</b><br><a href='{_e(block.url)}'>{_e(block.url)}</a>")

    def _movies(self, block: MovieBlock) -> str:
        rows = [self.tr("▶ Video {0}").format("?" if i.id is None else i.id) for i in block.items]
        return "".join(f"<p>{_e(row)}</p>" for row in rows)

    def _music(self, block: MusicBlock) -> str:
        rows = []
        for item in block.items:
            line = " — ".join(x for x in (item.title, item.artist_name) if x) or str(item.id or "?")
            album = f" <i>({_e(item.album_name)})</i>" if item.album_name else ""
            rows.append(f"<p>♪ {_e(line)}{album}</p>")
        return "".join(rows)

    def _app(self, block: AppBlock) -> str:
        image = block.images[0] if block.images else None
        action = block.actions[0] if block.actions else None
        lines = [_e(block.text or "")]
        if image is not None:
            lines.append(f"<span style='{_MUTED}'>🖼 {_e(image.title or image.url or '')}</span>")
        if action is not None:
            lines.append(f"<b>[ {_e(action.text or '')} ]</b>")
        return _card("<br>".join(lines))

    def _app_ref(self, block: AppRefBlock) -> str:
        title = self.tr("App {0}").format(block.app_id)
        return _card(f"<b>{_e(title)}</b><br>{_e(block.text or block.snippet or '')}")

    def _poll(self, block: PollBlock) -> str:
        rows = [f"<b>{_e(block.question)}</b>"]
        mark = "○" if PollOption.SINGLE_CHOICE in block.options else "☐"
        rows += [f"{mark} {_e(answer)}" for answer in block.answers]
        notes = []
        if PollOption.ANONYMOUS_VOTING in block.options:
            notes.append(self.tr("Anonymous poll"))
        if PollOption.RESULTS_AFTER_VOTING in block.options:
            notes.append(self.tr("Results after voting"))
        if notes:
            rows.append(f"<span style='{_MUTED}'>{_e(' · '.join(notes))}</span>")
        return _card("<br>".join(rows))

    def _photos(self, items: list[PhotoItem]) -> str:
        """Rows of PHOTOS_PER_ROW thumbnails, scaled to fit the pane's width (never enlarged)."""
        width = self._photo_width or self.photo_width()
        cells = []
        for item in items:
            image = thumbnails.cached(item.file) if item.file else None
            if image is not None:
                name = f"thumb:{len(self.browser.images)}"
                self.browser.images[name] = image
                shown = min(image.width(), width)
                height = max(1, round(image.height() * shown / max(1, image.width())))
                cells.append(f"<img src='{name}' width='{shown}' height='{height}'>")
            else:
                if item.file and item.file not in self._asked:
                    self._asked.add(item.file)
                    self.loader.check(item.file, None, check=False)
                label = self.tr("Photo") if item.file else self.tr("Photo {0}").format(item.photo_id or "")
                cells.append(
                    f"<div style='background: #e0e0e0; padding: {width // 5}px 4px;'>{_e(label)}</div>"
                )
        rows = [cells[i : i + PHOTOS_PER_ROW] for i in range(0, len(cells), PHOTOS_PER_ROW)]
        body = "".join(
            "<tr>" + "".join(f"<td width='{width}'>{cell}</td>" for cell in row) + "</tr>" for row in rows
        )
        return f"<table cellspacing='{SPACING}' cellpadding='0'>{body}</table>"

    def _on_thumbnail(self, _job: int, loaded: Loaded) -> None:
        if loaded.image is not None and self._post is not None:
            self.show_post(self._post, self._author)


def _card(body: str) -> str:
    return f"<div style='{_CARD}'>{body}</div>"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)
