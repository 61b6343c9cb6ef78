"""Small real images for tests."""

from __future__ import annotations

from pathlib import Path

from PIL import Image


def make_jpeg(path: Path, size=(640, 480), color=(200, 80, 40)) -> Path:
    Image.new("RGB", size, color).save(path, "JPEG", quality=85)
    return path


def make_photos(folder: Path, count: int, size=(640, 480)) -> list[Path]:
    return [make_jpeg(folder / f"p{i}.jpg", size, (40 * i % 256, 90, 160)) for i in range(count)]
