"""A post's text as the feed shows it: links and hashtags highlighted, long text folded with "more".

FOLD_LINES (UNCONFIRMED: ok.ru's web feed was seen cutting a long text after about six lines and offering
"Ещё"; OK documents no number) is a constant so that one change moves it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtGui import QFont, QTextDocument, QTextOption

FOLD_LINES = 6
# Links as OK turns them into links: http(s) addresses and www. ones; a trailing full stop, comma or
# bracket belongs to the sentence, not to the address.
_LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»\"'"
_HASHTAG = re.compile(r"(?<![\w#])#\w+")
_TAIL = re.compile(r"[^\s]*$")


@dataclass(frozen=True)
class Piece:
    """A run of the text: kind is "text", "link" or "tag"; `target` is the address a link opens."""

    kind: str
    text: str
    target: str = ""


def pieces(text: str) -> list[Piece]:
    """The text cut into plain runs, links and hashtags, in order (joined, they give `text` back)."""
    found: list[tuple[int, int, str, str]] = []
    for match in _LINK.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        address = text[start:end]
        target = address if "://" in address else "https://" + address
        found.append((start, end, "link", target))
    for match in _HASHTAG.finditer(text):
        start, end = match.span()
        if not any(s <= start < e for s, e, _, _ in found):  # a # inside an address is the address's
            found.append((start, end, "tag", ""))
    found.sort()
    out, at = [], 0
    for start, end, kind, target in found:
        if start > at:
            out.append(Piece("text", text[at:start]))
        out.append(Piece(kind, text[start:end], target))
        at = end
    if at < len(text):
        out.append(Piece("text", text[at:]))
    return out


def to_html(text: str, link_color: str) -> str:
    """The text as HTML: escaped, line breaks kept, links (to their address) and hashtags in `link_color`."""
    parts = []
    for piece in pieces(text):
        shown = html.escape(piece.text).replace("\n", "<br>")
        if piece.kind == "link":
            parts.append(
                f"<a href='{html.escape(piece.target, quote=True)}' style='color:{link_color}'>{shown}</a>"
            )
        elif piece.kind == "tag":
            parts.append(f"<span style='color:{link_color}'>{shown}</span>")
        else:
            parts.append(shown)
    return "".join(parts)


def fold(text: str, font: QFont, width: float, lines: int = FOLD_LINES) -> str | None:
    """The start of `text` that fills `lines` lines of `width` pixels in `font`, cut at a word; None when
    the whole text fits (nothing to fold)."""
    if not text:
        return None
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setPlainText(text)
    document.setTextWidth(max(10.0, width))
    document.size()  # lays the whole text out (the layout is lazy)
    left = lines
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        count = layout.lineCount()
        if count > left or (count == left and block.next().isValid()):
            line = layout.lineAt(left - 1)
            end = block.position() + line.textStart() + line.textLength()
            cut = text[:end].rstrip()
            # Leave room for "… more" on the last line: drop its last word when the line was full.
            if count > left and " " in cut:
                cut = _TAIL.sub("", cut).rstrip()
            return cut
        left -= count
        block = block.next()
    return None
