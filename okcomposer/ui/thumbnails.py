"""Off-GUI-thread photo work: thumbnails with prechecks, one-click fixes, and saving pasted images."""

from __future__ import annotations

import itertools
import os
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from okcomposer.app import qtfix  # noqa: F401 - PySide6 emit() refcount guard, before any emit
from okcomposer.limits import Limits
from okcomposer.media.fixes import FixError, prepare
from okcomposer.media.precheck import SAFE_DECODE_PIXELS, PrecheckResult, precheck
from okcomposer.store import paths

THUMB_SIZE = 160
_CACHE_MAX = 400


@dataclass(frozen=True)
class Loaded:
    """What a background job found: the file (a fixed copy after a fix), its thumbnail and precheck."""

    path: str
    image: QImage | None = None
    result: PrecheckResult | None = None
    error: str | None = None  # a fix or save that failed, in words for the user


class _Hub(QObject):
    """Lives on the GUI thread for the whole run, so workers never emit on a deleted object."""

    done = Signal(int, int, object)
    """(loader id, job id, Loaded) — queued to the GUI thread."""


_hub: _Hub | None = None
_pool: QThreadPool | None = None
_cache: OrderedDict[str, QImage] = OrderedDict()
_loader_ids = itertools.count(1)
_job_ids = itertools.count(1)


def pool() -> QThreadPool:
    """The pool every photo job runs on; tests and shutdown wait on it with waitForDone()."""
    global _pool
    if _pool is None:
        _pool = QThreadPool(QCoreApplication.instance())
        _pool.setMaxThreadCount(max(2, min(4, (os.cpu_count() or 2) // 2)))
    return _pool


def _get_hub() -> _Hub:
    global _hub
    if _hub is None:
        pool()  # first, so at exit the pool (whose destructor waits for the jobs) goes before the hub
        _hub = _Hub(QCoreApplication.instance())  # created by the first loader, on the GUI thread
    return _hub


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
    with Image.open(path) as im:
        if im.width * im.height > SAFE_DECODE_PIXELS:
            return None
        if im.format == "JPEG":
            im.draft("RGB", (size * 2, size * 2))  # libjpeg scales by 1/2..1/8 while decoding
        upright = ImageOps.exif_transpose(im)
        upright.thumbnail((size, size))
        rgba = upright.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    image = QImage(data, rgba.width, rgba.height, rgba.width * 4, QImage.Format.Format_RGBA8888)
    return image.copy()  # detach from the Python buffer before it goes away


def _thumb_or_none(path: str) -> QImage | None:
    try:
        return make_thumbnail(path)
    except Exception:  # an unreadable file keeps its placeholder; precheck says why
        return None


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Loaded], loader: int, job: int):
        super().__init__()
        self._work, self._loader, self._job = work, loader, job

    def run(self) -> None:
        try:
            loaded = self._work()
        except Exception as exc:  # never let a worker exception vanish: report it as the job's error
            loaded = Loaded("", error=str(exc) or type(exc).__name__)
        if _hub is not None:
            _hub.done.emit(self._loader, self._job, loaded)


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


def _save_png(image: QImage) -> Loaded:
    folder = paths.cache_dir() / "pasted"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in itertools.count(1):
        out = folder / f"pasted-{stamp}-{n}.png"
        if not out.exists():
            break
    if not image.save(str(out)):  # the format follows the .png suffix
        return Loaded(str(out), error=f"The pasted image could not be saved to {out}.")
    return Loaded(str(out))


class ThumbnailLoader(QObject):
    """Queues photo jobs on pool(); each answer arrives on the GUI thread as `loaded(job id, Loaded)`."""

    loaded = Signal(int, object)
    """A job finished: its id (from check/fix/save_pasted) and what it found."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._id = next(_loader_ids)
        self.pending: set[int] = set()
        _get_hub().done.connect(self._on_hub_done)

    def check(self, path: str, limits: Limits | None, check: bool = True) -> int:
        """Thumbnail (and precheck unless check=False) of one file."""
        return self._submit(lambda: _check(path, limits, check))

    def fix(self, path: str, result: PrecheckResult, fixes: set[str], limits: Limits) -> int:
        """Write a fixed copy into cache_dir()/fixed (never touching `path`), then check the copy."""
        return self._submit(lambda: _fix(path, result, set(fixes), limits))

    def save_pasted(self, image: QImage) -> int:
        """Save a clipboard image as PNG into cache_dir()/pasted."""
        copy = image.copy()
        return self._submit(lambda: _save_png(copy))

    def _submit(self, work: Callable[[], Any]) -> int:
        job = next(_job_ids)
        self.pending.add(job)
        pool().start(_Job(work, self._id, job))
        return job

    def _on_hub_done(self, loader: int, job: int, loaded: Loaded) -> None:
        if loader != self._id:
            return
        self.pending.discard(job)
        if loaded.image is not None:
            _remember(loaded.path, loaded.image)
        self.loaded.emit(job, loaded)


def wait_all(ms: int = 30_000) -> bool:
    """Wait for every photo job (tests, shutdown); their answers arrive at the next event loop turn."""
    return pool().waitForDone(ms) if _pool is not None else True
