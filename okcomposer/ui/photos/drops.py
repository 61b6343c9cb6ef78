"""What a drop or the clipboard hands over as photos, whoever made it.

A file manager gives file:// addresses (several files, or folders, which are expanded here to the images in
them); a browser gives the image's http(s) address (text/uri-list, or only text, or an <img> in text/html),
a data: address, or the decoded image itself (application/x-qt-image). Everything is read from the QMimeData
at once: a drop's data is gone when the drop event returns.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QImage

from okcomposer.app.photo_urls import is_url

# What a folder is searched for (the formats precheck knows, converted ones included).
IMAGE_SUFFIXES = (
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".bmp",
    ".webp",
    ".tif",
    ".tiff",
    ".heic",
    ".heif",
    ".avif",
)
MAX_FOLDER_IMAGES = 100  # the most images one drop takes from folders (the rest are named in a message)
_MAX_FOLDER_ENTRIES = 20_000  # a dropped home folder is not walked to its end
_DATA_SUFFIXES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
}


@dataclass
class Dropped:
    """The photos in one drop or paste, in the order given."""

    files: list[str] = field(default_factory=list)  # local files, folders already expanded
    urls: list[str] = field(default_factory=list)  # http(s) addresses to download
    data: list[tuple[bytes, str]] = field(default_factory=list)  # data: addresses: (bytes, file suffix)
    images: list[QImage] = field(default_factory=list)  # decoded image data (saved as PNG)
    folders_capped: bool = False  # a folder held more than MAX_FOLDER_IMAGES images
    empty_folders: list[str] = field(default_factory=list)  # dropped folders without any image

    def __bool__(self) -> bool:
        return bool(self.files or self.urls or self.data or self.images or self.empty_folders)


def local_files(mime: QMimeData) -> list[str]:
    """The local files and folders among the addresses of a drop or the clipboard, as given."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def has_photos(mime: QMimeData | None) -> bool:
    """Whether a drag carries anything read_drop can turn into photos (cheap: for dragEnterEvent)."""
    if mime is None:
        return False
    if mime.hasImage() or local_files(mime):
        return True
    return bool(_addresses(mime))


def read_drop(mime: QMimeData | None) -> Dropped:
    """The photos in `mime`: local files (folders expanded), else web addresses, else the image data."""
    found = Dropped()
    if mime is None:
        return found
    given = local_files(mime)
    if given:
        _expand(given, found)
        return found
    for address in _addresses(mime):
        if address.lower().startswith("data:"):
            decoded = data_address(address)
            if decoded is not None:
                found.data.append(decoded)
        else:
            found.urls.append(address)
    # A browser may send both the address and the decoded pixels: the address brings the original file.
    if not found.urls and not found.data and mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            found.images.append(image.copy())
    return found


def data_address(address: str) -> tuple[bytes, str] | None:
    """(bytes, file suffix) of a data:image/...;base64,... address; None when it is not an image."""
    head, comma, body = address.partition(",")
    if not comma:
        return None
    kind, *params = head[5:].split(";")
    kind = kind.strip().lower()
    if not kind.startswith("image/"):
        return None
    try:
        raw = unquote_to_bytes(body)
        data = base64.b64decode(raw, validate=False) if "base64" in (p.lower() for p in params) else raw
    except (binascii.Error, ValueError):
        return None
    return (data, _DATA_SUFFIXES.get(kind, ".img")) if data else None


def _addresses(mime: QMimeData) -> list[str]:
    """http(s) and data: addresses as the browser wrote them: the uri-list first, then the plain text, then
    the <img> of the HTML (QUrl would re-encode them; the messages echo them unchanged)."""
    raw = bytes(mime.data("text/uri-list").data()).decode("utf-8", "replace")
    lines = [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        lines = [url.toString(QUrl.ComponentFormattingOption.FullyEncoded) for url in mime.urls()]
    listed = [line for line in lines if is_url(line) or line[:5].lower() == "data:"]
    if listed:
        return listed
    if mime.hasText():
        lines = [line.strip() for line in mime.text().splitlines() if line.strip()]
        if lines and all(is_url(line) or line.lower().startswith("data:image/") for line in lines):
            return lines
    if mime.hasHtml():
        return [src for src in _ImageSources.read(mime.html()) if is_url(src) or src.startswith("data:")]
    return []


class _ImageSources(HTMLParser):
    """The src of every <img> in a piece of HTML (what a browser puts beside a dragged image)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            src = dict(attrs).get("src")
            if src and src.strip() not in self.found:
                self.found.append(src.strip())

    @classmethod
    def read(cls, html: str) -> list[str]:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser.found


def _expand(given: list[str], found: Dropped) -> None:
    """Files as they are; each folder replaced by its images (subfolders too), sorted, up to the cap."""
    taken = 0
    for path in given:
        if not os.path.isdir(path):
            found.files.append(path)
            continue
        images = folder_images(path, MAX_FOLDER_IMAGES - taken + 1)
        if not images:
            found.empty_folders.append(path)
        if len(images) > MAX_FOLDER_IMAGES - taken:
            found.folders_capped = True
            images = images[: MAX_FOLDER_IMAGES - taken]
        found.files.extend(images)
        taken += len(images)


def folder_images(folder: str, limit: int) -> list[str]:
    """Up to `limit` image files in `folder` and its subfolders (hidden ones aside), sorted by name."""
    result: list[str] = []
    seen = 0
    stack = [Path(folder)]
    while stack and len(result) < limit:
        here = stack.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: (e.name.casefold(), e.name))
        except OSError:
            continue  # an unreadable subfolder is skipped
        subfolders = []
        for entry in entries:
            seen += 1
            if seen > _MAX_FOLDER_ENTRIES or len(result) >= limit:
                return result
            if entry.name.startswith("."):
                continue  # hidden: a viewer's thumbnails, a Mac's "._" copies
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(Path(entry.path))
                elif entry.is_file() and entry.name.lower().endswith(IMAGE_SUFFIXES):
                    result.append(entry.path)
            except OSError:
                continue
        stack.extend(reversed(subfolders))
    return result
