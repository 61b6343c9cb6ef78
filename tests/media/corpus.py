"""Writes a corpus of good, odd and hostile image files into a folder, for the precheck and fixes tests."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

from PIL import Image

GPS = {1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 4.0)}
DATE_TIME = "2024:01:02 03:04:05"
DATE_TIME_ORIGINAL = "2023:05:06 07:08:09"
OVER_BYTES_LIMIT = 100_000  # the tests' photo_max_bytes for over_bytes.jpg, instead of writing 30 MB


def photo(size: tuple[int, int]) -> Image.Image:
    """A gradient with noise: compresses like a photo rather than like a flat colour."""
    gradient = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 60)
    return Image.merge("RGB", (gradient, noise, Image.blend(gradient, noise, 0.5)))


def exif(orientation: int | None = None, gps: bool = False) -> Image.Exif:
    data = Image.Exif()
    data[0x0132] = DATE_TIME  # DateTime, in IFD0
    data.get_ifd(0x8769)[0x9003] = DATE_TIME_ORIGINAL  # DateTimeOriginal, in the Exif IFD
    if orientation is not None:
        data[0x0112] = orientation
    if gps:
        data.get_ifd(0x8825).update(GPS)
    return data


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A valid-looking PNG of a few dozen bytes whose header declares width x height RGB pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 4096)
    chunks = png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def fake_heic() -> bytes:
    """An ISO-BMFF header with the heic brand: what an iPhone photo starts with (Pillow cannot read it)."""
    ftyp = b"ftypheic" + b"\x00\x00\x00\x00" + b"mif1heic"
    return struct.pack(">I", 8 + len(ftyp) - 4) + ftyp + b"\x00\x00\x00\x08free" + bytes(200)


def _save(folder: Path, name: str, im: Image.Image, **params) -> Path:
    path = folder / name
    im.save(path, **params)
    return path


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def make_corpus(folder: Path) -> dict[str, Path]:
    """Write every corpus file into folder; returns name -> path (missing.jpg is never created)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "good.jpg": _save(folder, "good.jpg", photo((64, 48)), quality=90, exif=exif()),
        "good.png": _save(folder, "good.png", photo((64, 48))),
        "dot.png": _save(folder, "dot.png", Image.new("RGB", (1, 1), "red")),
        "panorama.jpg": _save(folder, "panorama.jpg", Image.linear_gradient("L").resize((30_000, 100))),
        "cmyk.jpg": _save(folder, "cmyk.jpg", photo((64, 48)).convert("CMYK"), quality=90),
        "rotated.jpg": _save(folder, "rotated.jpg", photo((64, 40)), exif=exif(orientation=6)),
        "gps.jpg": _save(folder, "gps.jpg", photo((64, 48)), quality=95, exif=exif(gps=True)),
        "gps.png": _save(folder, "gps.png", photo((64, 48)), exif=exif(gps=True)),
        "photo.webp": _save(folder, "photo.webp", photo((64, 48)), quality=80),
        "icon.ico": _save(folder, "icon.ico", Image.new("RGBA", (64, 64), (0, 128, 255, 128))),
        "over_bytes.jpg": _save(folder, "over_bytes.jpg", photo((600, 400)), quality=95),
    }
    files["deep16.png"] = _deep16(folder)
    files["anim.gif"] = _anim_gif(folder)
    files.update(_broken(folder, files["good.jpg"], files["good.png"]))
    files["bomb.png"] = _write(folder, "bomb.png", bomb_png())
    files["photo.heic"] = _write(folder, "photo.heic", fake_heic())
    files["empty.jpg"] = _write(folder, "empty.jpg", b"")
    files["notimage.jpg"] = _write(folder, "notimage.jpg", b"This is a text file, not a photo.\n" * 20)
    (folder / "folder").mkdir(exist_ok=True)
    files["folder"] = folder / "folder"
    files["missing.jpg"] = folder / "missing.jpg"
    assert files["over_bytes.jpg"].stat().st_size > OVER_BYTES_LIMIT
    return files


def _deep16(folder: Path) -> Path:
    ramp = Image.linear_gradient("L").resize((64, 64)).convert("I").point(lambda v: v * 257)
    return _save(folder, "deep16.png", ramp.convert("I;16"))


def _anim_gif(folder: Path) -> Path:
    frames = [Image.new("P", (48, 48), color) for color in (1, 80, 160)]
    return _save(folder, "anim.gif", frames[0], save_all=True, append_images=frames[1:], duration=100, loop=0)


def _broken(folder: Path, good_jpg: Path, good_png: Path) -> dict[str, Path]:
    big = folder / "big.jpg"
    photo((256, 192)).save(big, quality=95)
    jpg, png = big.read_bytes(), good_png.read_bytes()
    big.unlink()
    # Appended data without 0xFF bytes, so no stray end marker: precheck must fall back to a real decode.
    appended = random.Random(7).randbytes(200_000).replace(b"\xff", b"\x00")
    return {
        "truncated.jpg": _write(folder, "truncated.jpg", jpg[: len(jpg) * 6 // 10]),
        "eoi_missing.jpg": _write(folder, "eoi_missing.jpg", jpg[:-2]),
        "trailing.jpg": _write(folder, "trailing.jpg", good_jpg.read_bytes() + appended),
        "truncated.png": _write(folder, "truncated.png", png[: len(png) * 6 // 10]),
        "stub.png": _write(folder, "stub.png", png[:20]),
    }
