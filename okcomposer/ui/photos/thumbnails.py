"""Off-GUI-thread photo work: thumbnails with prechecks, one-click fixes, saving pasted or dropped images, and
downloading images dragged from a web page (app.photo_urls: timeout, byte cap, content type)."""

from __future__ import annotations

import itertools
import os
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageOps
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from okcomposer.app.messages import MessageError
from okcomposer.app.photo_urls import Downloader
from okcomposer.limits import Limits
from okcomposer.media.fixes import FixError, prepare
from okcomposer.media.precheck import SAFE_DECODE_PIXELS, PrecheckResult, open_image, precheck
from okcomposer.store import paths
from okcomposer.ui.common.tasks import Lane, TaskGroup

THUMB_SIZE = 160
_CACHE_MAX = 400


@dataclass(frozen=True)
class Loaded:
    """What a background job found: the file (a fixed copy after a fix), its thumbnail and precheck."""

    path: str
    image: QImage | None = None
    result: PrecheckResult | None = None
    error: str | None = None  # a fix or save that failed, in words for the user
    failure: BaseException | None = None  # a download that failed (put in words on the GUI thread)


# Every loader's jobs share two to four threads: decoding is CPU-bound.
_LANE = Lane(max(2, min(4, (os.cpu_count() or 2) // 2)))
# Downloads mostly wait on the network: their own threads, so a slow server never holds up thumbnails.
_DOWNLOADS = Lane(3)
_cache: OrderedDict[str, QImage] = OrderedDict()
_job_ids = itertools.count(1)


def cached(path: str) -> QImage | None:
    """A thumbnail made earlier for this path, if still in the small in-memory cache."""
    return _cache.get(path)


def _remember(path: str, image: QImage) -> None:
    _cache[path] = image
    _cache.move_to_end(path)
    while len(_cache) > _CACHE_MAX:
        _cache.popitem(last=False)


def make_thumbnail(path: str, size: int = THUMB_SIZE) -> QImage | None:
    """A small upright QImage of the file, decoded at reduced size where the format allows (any thread)."""
    with open_image(path) as im:
        if im.width * im.height > SAFE_DECODE_PIXELS:
            return None
        if im.format == "JPEG":
            # libjpeg scales by 1/2..1/8 while decoding, to the least that still covers what is asked: ask
            # for the thumbnail's own shape, not the square box, and a 6000x4000 photo's 640-pixel preview
            # decodes at an eighth (750x500), not a quarter: 50 ms of CPU, not 75, beside a publish.
            fit = min(1.0, size / max(im.width, im.height, 1))
            im.draft("RGB", (max(1, round(im.width * fit)), max(1, round(im.height * fit))))
        im.thumbnail((size, size))  # the box is square: turning upright afterwards gives the same size
        upright = ImageOps.exif_transpose(im)  # the orientation read from the file turns the small copy
        rgba = upright.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    image = QImage(data, rgba.width, rgba.height, rgba.width * 4, QImage.Format.Format_RGBA8888)
    return image.copy()  # detach from the Python buffer before it goes away


def _thumb_or_none(path: str) -> QImage | None:
    try:
        return make_thumbnail(path)
    except Exception:  # an unreadable file keeps its placeholder; precheck says why
        return None


def _safely(work: Callable[[], Loaded]) -> Loaded:
    try:
        return work()
    except Exception as exc:  # never let a job's exception vanish: report it as the job's error
        return Loaded("", error=str(exc) or type(exc).__name__)


def _check(path: str, limits: Limits | None, check: bool) -> Loaded:
    result = precheck(path, limits) if check else None
    image = _thumb_or_none(path) if result is None or result.format else None
    return Loaded(path, image, result)


def _fix(path: str, result: PrecheckResult, fixes: set[str], limits: Limits) -> Loaded:
    try:
        out = prepare(path, result, fixes=fixes, out_dir=paths.cache_dir() / "fixed", limits=limits)
    except (FixError, OSError) as exc:
        return Loaded(path, None, result, str(exc))
    return _check(str(out), limits, True)


def _new_file(suffix: str) -> Path:
    folder = paths.cache_dir() / "pasted"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in itertools.count(1):
        out = folder / f"pasted-{stamp}-{n}{suffix}"
        if not out.exists():
            return out
    raise AssertionError("unreachable")


def _save_png(image: QImage) -> Loaded:
    out = _new_file(".png")
    if not image.save(str(out)):  # the format follows the .png suffix
        return Loaded(str(out), error=f"The pasted image could not be saved to {out}.")
    return Loaded(str(out))


def _save_bytes(data: bytes, suffix: str) -> Loaded:
    out = _new_file(suffix)
    out.write_bytes(data)
    return Loaded(str(out))


def _download(url: str, limits: Limits | None) -> Loaded:
    try:
        path = Downloader.default().get(url)
    except MessageError as exc:
        return Loaded("", failure=exc)
    return _check(str(path), limits, True)


class ThumbnailLoader(QObject):
    """Queues photo jobs (a TaskGroup on the shared photo lane); each answer arrives on the GUI thread as
    `loaded(job id, Loaded)`, never after the loader is deleted."""

    loaded = Signal(int, object)
    """A job finished: its id (from check/fix/save_pasted) and what it found."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pending: set[int] = set()
        self.tasks = TaskGroup(self, lane=_LANE)
        self.downloads = TaskGroup(self, lane=_DOWNLOADS)

    def check(self, path: str, limits: Limits | None, check: bool = True) -> int:
        """Thumbnail (and precheck unless check=False) of one file."""
        return self._submit(lambda: _check(path, limits, check))

    def fix(self, path: str, result: PrecheckResult, fixes: set[str], limits: Limits) -> int:
        """Write a fixed copy into cache_dir()/fixed (never touching `path`), then check the copy."""
        return self._submit(lambda: _fix(path, result, set(fixes), limits))

    def save_pasted(self, image: QImage) -> int:
        """Save a clipboard or dropped image as PNG into cache_dir()/pasted."""
        copy = image.copy()
        return self._submit(lambda: _save_png(copy))

    def save_data(self, data: bytes, suffix: str) -> int:
        """Save a dropped image's own bytes (a data: address) into cache_dir()/pasted, as they are."""
        return self._submit(lambda: _save_bytes(data, suffix))

    def download(self, url: str, limits: Limits | None) -> int:
        """Download an image address (app.photo_urls.Downloader), then thumbnail and precheck the file; a
        refusal arrives as Loaded.failure (a MessageError naming the address as given)."""
        return self._submit(lambda: _download(url, limits), self.downloads)

    def _submit(self, work: Callable[[], Loaded], tasks: TaskGroup | None = None) -> int:
        job = next(_job_ids)
        self.pending.add(job)
        (tasks or self.tasks).run(
            lambda _report, _cancel: _safely(work), lambda loaded: self._done(job, loaded), name="okc-photos"
        )
        return job

    def _done(self, job: int, loaded: Loaded) -> None:
        self.pending.discard(job)
        if loaded.image is not None:
            _remember(loaded.path, loaded.image)
        self.loaded.emit(job, loaded)


def wait_all(ms: int = 30_000) -> bool:
    """Wait for every photo job (tests, shutdown); their answers arrive at the next event loop turn."""
    return _DOWNLOADS.wait(ms / 1000) and _LANE.wait(ms / 1000)
