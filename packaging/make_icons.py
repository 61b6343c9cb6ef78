"""Render okcomposer/ui/icons/okcomposer.svg (the one copy) to the app icon files in resources/icons:
PNGs 16-512, okcomposer.ico, okcomposer.icns.

Run it after changing the SVG (`python packaging/make_icons.py`) and commit what it writes, so builds never
render. The SVG is drawn by Qt's own renderer (QtSvg is part of PySide6-Essentials); Pillow writes the files.
"""

from __future__ import annotations

import argparse
import io
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "okcomposer" / "ui" / "icons" / "okcomposer.svg"
OUT = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # Windows uses up to 256
# macOS: each entry's type and its pixel size; @2x entries hold twice the points (ic10 is 512@2x). Pillow's
# own ICNS writer leaves out the 1x 16 and 32 px entries (icp4, icp5) Finder and the Dock use for small icons.
ICNS_ENTRIES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),  # 16@2x
    (b"ic12", 64),  # 32@2x
    (b"ic07", 128),
    (b"ic13", 256),  # 128@2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256@2x
    (b"ic09", 512),
    (b"ic10", 1024),  # 512@2x
)
ICNS_SIZES = tuple(sorted({size for _, size in ICNS_ENTRIES}))


def png_name(size: int) -> str:
    return f"okcomposer-{size}.png"


def render(svg: Path, sizes: tuple[int, ...]):
    """{size: a Pillow RGBA image of the SVG drawn at size x size}, rendered by QSvgRenderer."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    images = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
        data = bytes(rgba.constBits())
        images[size] = Image.frombuffer(
            "RGBA", (size, size), data, "raw", "RGBA", rgba.bytesPerLine(), 1
        ).copy()
    return images


def _png_bytes(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def icns_bytes(images) -> bytes:
    """An .icns file (big-endian: b"icns", length, then type + length + PNG per entry) with every
    ICNS_ENTRIES entry, from {size: RGBA image}."""
    entries = [(kind, _png_bytes(images[size])) for kind, size in ICNS_ENTRIES]
    toc = b"TOC " + struct.pack(">I", 8 + 8 * len(entries))
    toc += b"".join(kind + struct.pack(">I", 8 + len(data)) for kind, data in entries)
    body = toc + b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def _write(path: Path, data: bytes) -> bool:
    """Write data unless the file already holds it; True when it changed."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def make_icons(svg: Path = SVG, out: Path = OUT) -> list[Path]:
    """Write the PNGs, the .ico and the .icns into out; returns the files it changed."""
    images = render(svg, tuple(sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))))
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for size in PNG_SIZES:
        path = out / png_name(size)
        if _write(path, _png_bytes(images[size])):
            changed.append(path)

    ico = io.BytesIO()
    largest = images[max(ICO_SIZES)]
    largest.save(
        ico,
        "ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    if _write(out / "okcomposer.ico", ico.getvalue()):
        changed.append(out / "okcomposer.ico")

    if _write(out / "okcomposer.icns", icns_bytes(images)):
        changed.append(out / "okcomposer.icns")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG, help=f"the source SVG (default {SVG})")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT})")
    args = parser.parse_args(argv)
    changed = make_icons(args.svg, args.out)
    for path in changed:
        print(f"wrote {path}")
    if not changed:
        print("icons are up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
