"""Upload local photos for a post or a Moment: prechecks, fixes, batches in parallel, retries, progress."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from okcomposer.api import methods
from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkApiError, OkCancelled, OkError
from okcomposer.api.upload import UploadFile
from okcomposer.app.messages import Message, message
from okcomposer.app.retry import backoff_delay, is_transient, sleep
from okcomposer.limits import Limits
from okcomposer.media.fixes import default_fixes, prepare
from okcomposer.media.precheck import PrecheckResult, mime_type, precheck

# (bytes sent, total bytes, files done, total files)
Progress = Callable[[int, int, int, int], None]
# (file index, bytes of it sent, its size)
FileProgress = Callable[[int, int, int], None]
ATTEMPTS = 4


class BadPhotos(ValueError):
    """Some files fail the prechecks; nothing was uploaded."""

    def __init__(self, results: Sequence[PrecheckResult]):
        self.results = list(results)
        super().__init__("; ".join(r.message for r in self.results))


def photo_problem(path: Path, name: str, result: PrecheckResult) -> Message | None:
    """Why a local photo cannot go (None when it can): photo.missing, photo.unopenable (why: the system's
    words) or photo.bad (reason: the precheck's English, code: its OK error name, and its size; cause: the
    precheck's finer reason, a media.precheck.REASONS key or None, with that reason's values)."""
    if result.ok:
        return None
    try:
        missing = not path.exists()
    except (OSError, ValueError) as exc:  # a name too long for the system, a NUL in it
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a file name"
        return message("photo.unopenable", name=name, why=why)
    if missing:
        return message("photo.missing", name=name)
    return message(
        "photo.bad",
        name=name,
        reason=result.message,
        code=result.code,
        bytes=result.bytes,
        width=result.width,
        height=result.height,
        cause=result.reason,
        **dict(result.details),
    )


@dataclass(frozen=True)
class Prepared:
    source: Path
    upload: UploadFile


def check_files(paths: Sequence[Path], limits: Limits) -> list[PrecheckResult]:
    """Precheck every file (headers only, well under a millisecond each); raise BadPhotos naming every bad
    one, so a post never goes out half-made and nothing is uploaded."""
    results = [precheck(p, limits) for p in paths]
    bad = [r for r in results if not r.ok]
    if bad:
        raise BadPhotos(bad)
    return results


def prepare_one(
    path: Path, result: PrecheckResult, out_dir: Path, limits: Limits, strip_gps: bool = True
) -> Prepared:
    """The file as it will be uploaded: the default fixes applied into a copy in `out_dir` (GPS stripped
    unless `strip_gps` is False), checked again; BadPhotos when the copy still fails."""
    ready = prepare(
        path, result, fixes=default_fixes(result, strip_gps=strip_gps), out_dir=out_dir, limits=limits
    )
    after = precheck(ready, limits) if ready != path else result
    if not after.ok:
        raise BadPhotos([after])
    return Prepared(Path(path), UploadFile("pic1", Path(ready), mime_type(after.format) or "image/jpeg"))


def prepare_files(
    paths: Sequence[Path], out_dir: Path, limits: Limits, strip_gps: bool = True
) -> list[Prepared]:
    """Precheck every file; refuse them all if any is bad, so a post never goes out half-made."""
    results = check_files(paths, limits)
    return [prepare_one(p, r, out_dir, limits, strip_gps) for p, r in zip(paths, results, strict=True)]


PREPARE_THREADS = 1  # one: a second competes for the GIL with the GUI thread (stalls over 100 ms seen)


def prepare_and_upload(
    client: OkClient,
    paths: Sequence[Path],
    out_dir: Path,
    limits: Limits,
    get_slot: Callable[[Sequence[UploadFile]], methods.UploadSlot],
    *,
    strip_gps: bool = True,
    parallel: int = 4,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    file_progress: FileProgress | None = None,
) -> list[tuple[str, str]]:
    """Check every file, then prepare them (fixes into copies in `out_dir`) while the first ones upload: a
    batch leaves as soon as its own files are ready, not after the last photo. Returns [(photo_id, token)]
    in file order. Raises BadPhotos before anything is sent when a file fails its precheck (after, when a
    fixed copy still fails), else what upload_all raises."""
    results = check_files(paths, limits)
    with ThreadPoolExecutor(PREPARE_THREADS, thread_name_prefix="okc-prepare") as pool:
        futures = [
            pool.submit(prepare_one, p, r, out_dir, limits, strip_gps)
            for p, r in zip(paths, results, strict=True)
        ]
        try:
            return upload_all(
                client,
                [_Pending(f, r.bytes or 0) for f, r in zip(futures, results, strict=True)],
                get_slot,
                per_url=limits.photos_per_upload_url,
                parallel=parallel,
                progress=progress,
                cancel=cancel,
                file_progress=file_progress,
            )
        finally:
            for future in futures:
                future.cancel()  # an upload failed or was cancelled: prepare no more


@dataclass(frozen=True)
class _Pending:
    """A file still being prepared: its size until then is the original's (a fix changes it a little)."""

    future: Future[Prepared]
    size: int

    def result(self) -> UploadFile:
        return self.future.result().upload


class _Meter:
    """Sums per-request byte progress into totals for one callback, from many threads."""

    def __init__(
        self,
        files: Sequence[UploadFile | _Pending],
        progress: Progress | None,
        file_progress: FileProgress | None,
    ):
        self.sizes = [f.size for f in files]
        self.total = sum(self.sizes)
        self.count = len(files)
        self.sent: dict[int, int] = {}
        self.done = 0
        self.progress = progress
        self.file_progress = file_progress
        self.lock = threading.Lock()

    def set_size(self, index: int, size: int) -> None:
        """A file's real size, once it is known (a file still being prepared counted its original's)."""
        with self.lock:
            self.total += size - self.sizes[index]
            self.sizes[index] = size

    def update(self, batch: int, part: range, sent: int) -> None:
        with self.lock:
            self.sent[batch] = sent
            self._emit()
            self._per_file(part, sent)

    def finish(self, batch: int, part: range) -> None:
        with self.lock:
            self.sent[batch] = sum(self.sizes[i] for i in part)
            self.done += len(part)
            self._emit()
            self._per_file(part, self.sent[batch])

    def _per_file(self, part: range, sent: int) -> None:
        # Parts go out in order, so the body's byte count tells how far each file got (headers aside).
        if self.file_progress is None:
            return
        offset = 0
        for i in part:
            self.file_progress(i, max(0, min(sent - offset, self.sizes[i])), self.sizes[i])
            offset += self.sizes[i]

    def _emit(self) -> None:
        if self.progress is not None:
            self.progress(min(sum(self.sent.values()), self.total), self.total, self.done, self.count)


def _batches(count: int, per_url: int, parallel: int) -> list[range]:
    size = max(1, min(per_url, math.ceil(count / max(1, parallel))))
    return [range(i, min(i + size, count)) for i in range(0, count, size)]


def upload_batch(
    client: OkClient,
    files: Sequence[UploadFile],
    get_slot: Callable[[Sequence[UploadFile]], methods.UploadSlot],
    on_bytes: Callable[[int], None],
    cancel: CancelToken | None,
) -> list[tuple[str, str]]:
    """One upload URL for the batch, fetched again when expired; returns [(photo_id, token)] in file order."""
    named = [UploadFile(f"pic{i + 1}", f.path, f.mime) for i, f in enumerate(files)]
    slot = None
    last: OkError = OkError("the upload kept failing")
    for attempt in range(ATTEMPTS):
        if cancel is not None:
            cancel.raise_if_cancelled()
        try:
            if slot is None or slot.expired(int(time.time() * 1000)):
                slot = get_slot(files)
            tokens = methods.upload_photos(client, slot, named, lambda sent, _t: on_bytes(sent), cancel)
            missing = [pid for pid in slot.photo_ids if pid not in tokens]
            if missing:
                raise OkError(f"the upload answer lacks {len(missing)} of the photos")
            return [(pid, tokens[pid]) for pid in slot.photo_ids]
        except OkError as exc:
            if cancel is not None and cancel.cancelled:
                raise OkCancelled("cancelled") from None  # we broke the connection ourselves
            expired = isinstance(exc, OkApiError) and exc.code in (100, 4) and "expire" in exc.message.lower()
            if not expired and (not is_transient(exc) or attempt == ATTEMPTS - 1):
                raise
            # Expired: fetch a fresh URL. A lost answer may mean the files did arrive, and OK takes each
            # photo id once: use a new URL too.
            slot, last = None, exc
            if expired:
                continue
        sleep(backoff_delay(attempt, last), cancel)
    raise last


def upload_all(
    client: OkClient,
    files: Sequence[UploadFile | _Pending],
    get_slot: Callable[[Sequence[UploadFile]], methods.UploadSlot],
    *,
    per_url: int,
    parallel: int = 4,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    file_progress: FileProgress | None = None,
) -> list[tuple[str, str]]:
    """Upload in batches, `parallel` requests at a time; a batch that succeeded is never sent again.

    A file may still be being prepared (prepare_and_upload): its batch waits for it on its own thread."""
    meter = _Meter(files, progress, file_progress)
    # Our own token, so a failed batch can stop its siblings without marking the caller's as cancelled.
    stop = cancel.child() if cancel is not None else CancelToken()
    # Uploads are safe to abandon: on cancel, break the sockets so waiting requests end at once.
    forget = stop.on_cancel(client.abort)
    batches = _batches(len(files), per_url, parallel)
    results: dict[int, list[tuple[str, str]]] = {}

    def run(index: int, part: range) -> None:
        chunk = []
        for i in part:  # a file still being prepared is waited for here, on this batch's own thread
            item = files[i]
            ready = item.result() if isinstance(item, _Pending) else item
            if ready.size != item.size:
                meter.set_size(i, ready.size)
            chunk.append(ready)
        stop.raise_if_cancelled()
        results[index] = upload_batch(
            client, chunk, get_slot, lambda sent: meter.update(index, part, sent), stop
        )
        meter.finish(index, part)

    try:
        with ThreadPoolExecutor(max_workers=max(1, parallel), thread_name_prefix="okc-upload") as pool:
            futures = [pool.submit(run, i, part) for i, part in enumerate(batches)]
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            failed = next((f for f in done if f.exception() is not None), None)
            if failed is not None:
                stop.cancel()
                wait(futures)
                raise failed.exception()  # type: ignore[misc]
    finally:
        forget()
    return [pair for i in range(len(batches)) for pair in results[i]]
