"""Small real images for tests."""

from __future__ import annotations

from pathlib import Path

from PIL import Image


def make_jpeg(path: Path, size=(640, 480), color=(200, 80, 40)) -> Path:
    Image.new("RGB", size, color).save(path, "JPEG", quality=85)
    return path


def make_photos(folder: Path, count: int, size=(640, 480)) -> list[Path]:
    return [make_jpeg(folder / f"p{i}.jpg", size, (40 * i % 256, 90, 160)) for i in range(count)]


def allow_writing_heif() -> None:
    """Let Pillow write HEIF (pillow-heif's saver) while reading still goes through okcomposer's own opener
    (media/heif.py), which loads pillow-heif only when a HEIF file is opened."""
    import pillow_heif
    from PIL import Image

    from okcomposer.media import heif

    pillow_heif.register_heif_opener()
    Image.OPEN.pop(heif.FORMAT, None)
    heif.register_lazily()
