"""The photos of a post laid out as OK's feed shows them, and painted into one image for the preview.

The layouts (UNCONFIRMED: modelled on ok.ru's web feed as seen, OK documents none of it):
- 1 photo ("single"): the whole width, its own shape, height between half and 5/4 of the width;
- 2 ("pair"): side by side, one height;
- 3: a landscape first photo on top with two below ("big-top"), else a tall one on the left with two
  stacked on its right ("big-left");
- 4 ("big-top-three"): the first on top, three below;
- 5 or more ("two-three"): two on top, three below; past five, the fifth says "+N" for the ones not shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

GAP = 2  # pixels between photos
SHOWN = 5  # photos drawn at most; the rest are counted on the last one
LANDSCAPE = 1.2  # width / height from which a first photo of three goes on top


@dataclass(frozen=True)
class Collage:
    """Where each photo goes: `cells[i]` is (x, y, width, height) in pixels; `more` photos not drawn."""

    name: str
    width: int
    height: int
    cells: list[tuple[int, int, int, int]]
    more: int = 0


def layout(ratios: list[float], width: int) -> Collage:
    """The collage of photos of these shapes (width / height each; 0 when unknown) in `width` pixels."""
    width = max(GAP * 4 + 3, width)
    shapes = [r if r > 0 else 4 / 3 for r in ratios]
    count = len(shapes)
    if count == 0:
        return Collage("none", width, 0, [])
    if count == 1:
        height = _clamp(width / shapes[0], width * 0.5, width * 1.25)
        return Collage("single", width, height, [(0, 0, width, height)])
    if count == 2:
        half = (width - GAP) // 2
        height = _clamp(half / (sum(shapes) / 2), half * 0.6, half * 1.4)
        return Collage(
            "pair", width, height, [(0, 0, half, height), (half + GAP, 0, width - half - GAP, height)]
        )
    if count == 3 and shapes[0] < LANDSCAPE:
        big = (width * 2 - GAP) // 3
        height = _clamp(big / shapes[0], big * 0.75, big * 1.3)
        upper = (height - GAP) // 2
        side = width - big - GAP
        cells = [
            (0, 0, big, height),
            (big + GAP, 0, side, upper),
            (big + GAP, upper + GAP, side, height - upper - GAP),
        ]
        return Collage("big-left", width, height, cells)
    if count <= 4:
        top = _clamp(width / shapes[0], width * 0.45, width * 0.75)
        row = _row(count - 1, width, top + GAP, 0.75 if count == 3 else 1.0)
        return Collage(
            "big-top" if count == 3 else "big-top-three",
            width,
            top + GAP + row[0][3],
            [(0, 0, width, top), *row],
        )
    first = _row(2, width, 0, 0.75)
    second = _row(3, width, first[0][3] + GAP, 1.0)
    height = first[0][3] + GAP + second[0][3]
    return Collage("two-three", width, height, first + second, more=count - SHOWN)


def _row(count: int, width: int, y: int, shape: float) -> list[tuple[int, int, int, int]]:
    """`count` cells across `width` at `y`, each `shape` times as high as it is wide."""
    cell = (width - GAP * (count - 1)) // count
    height = max(1, round(cell * shape))
    cells = [(i * (cell + GAP), y, cell, height) for i in range(count)]
    x, _, _, _ = cells[-1]
    cells[-1] = (x, y, width - x, height)  # the last one takes the pixels the division left over
    return cells


def _clamp(value: float, low: float, high: float) -> int:
    return max(1, round(min(max(value, low), high)))


def paint(collage: Collage, images: list[QImage | None], placeholder: QColor, scale: float = 1.0) -> QImage:
    """The collage as one image (`scale` times its size in pixels, for sharp high-DPI screens).

    Each photo fills its cell, cut at the edges (as the feed does); a photo without a thumbnail yet is
    a `placeholder` box.
    """
    out = QImage(round(collage.width * scale), round(collage.height * scale), QImage.Format.Format_ARGB32)
    out.fill(Qt.GlobalColor.transparent)
    out.setDevicePixelRatio(scale)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    for (x, y, w, h), image in zip(collage.cells, images, strict=False):
        target = QRect(x, y, w, h)
        if image is None or image.isNull():
            painter.fillRect(target, placeholder)
            continue
        painter.drawImage(QRectF(target), image, _cover(image, w / h))
    if collage.more > 0 and collage.cells:
        x, y, w, h = collage.cells[-1]
        painter.fillRect(QRect(x, y, w, h), QColor(0, 0, 0, 120))
        font = QFont()
        font.setPixelSize(max(12, h // 4))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(QRect(x, y, w, h), Qt.AlignmentFlag.AlignCenter, f"+{collage.more}")
    painter.end()
    return out


def _cover(image: QImage, shape: float) -> QRectF:
    """The middle part of `image` with the cell's shape (width / height): the photo fills it, cut."""
    w, h = image.width(), image.height()
    if w / h > shape:
        cut = h * shape
        return QRectF((w - cut) / 2, 0, cut, h)
    cut = w / shape
    return QRectF(0, (h - cut) / 2, w, cut)
