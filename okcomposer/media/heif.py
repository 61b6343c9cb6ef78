"""HEIC/HEIF photos (phones) through pillow-heif, loaded the first time such a file is opened.

pillow-heif and its codecs take ~6.5 MiB once imported; most sessions never see a HEIC, so Pillow first gets
a small opener that recognises the file type by its first bytes (an ISO "ftyp" box with a HEIF brand) and
only then imports pillow-heif, which puts its own opener in the same place (issue 16: peak memory).
"""

from __future__ import annotations

from typing import IO, Any

from PIL import Image

FORMAT = "HEIF"  # pillow-heif's own plugin id: registering it replaces ours
BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"heif", b"mif1", b"msf1"}


def looks_heif(prefix: bytes) -> bool:
    """Whether a file's first 16 bytes start a HEIF file: a "ftyp" box whose major brand is a HEIF one."""
    return prefix[4:8] == b"ftyp" and prefix[8:12] in BRANDS


def _open(fp: IO[bytes], filename: str | bytes) -> Any:
    try:
        from pillow_heif import register_heif_opener
    except ImportError as exc:  # a source install without it: Pillow goes on, HEIC gets the advice
        raise SyntaxError(f"HEIF needs pillow-heif: {exc}") from exc
    register_heif_opener()
    factory, _accept = Image.OPEN[FORMAT]
    if factory is _open:  # pillow-heif registered under another id: nothing to hand over to
        raise SyntaxError("pillow-heif did not register a HEIF opener")
    return factory(fp, filename)


def register_lazily() -> None:
    """Give Pillow the small HEIF opener (once; a no-op once pillow-heif's own is registered)."""
    if FORMAT not in Image.OPEN:
        Image.register_open(FORMAT, _open, looks_heif)
