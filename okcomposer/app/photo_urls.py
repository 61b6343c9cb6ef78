"""Photos named by an http(s) address (an import's photos column, an image dragged from a web page),
downloaded to a file of their own, which then goes through the same prechecks, fixes and uploads as any photo.

Bounded: a connect and read timeout, a deadline for the whole download, a byte cap (Content-Length is
believed only to refuse early), and an image/* content type. It blocks: the window calls it on a Task.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import requests
from urllib3.exceptions import ReadTimeoutError

from okcomposer.app.import_table import echo
from okcomposer.app.messages import MessageError, message
from okcomposer.limits import MIB

MAX_BYTES = 50 * MIB  # the most a download may bring; precheck then applies OK's own limit
TIMEOUT_S = 20.0  # to connect, and between two pieces of the answer
DEADLINE_S = 120.0  # for the whole download
_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
    "image/tiff": ".tif",
    "image/heic": ".heic",
    "image/heif": ".heif",
    "image/avif": ".avif",
}
_SAFE = re.compile(r"[^\w.-]+")


def is_url(text: str) -> bool:
    """Whether text is an http:// or https:// address (any case), not a file name."""
    head = text[:8].lower()
    return head.startswith("http://") or head.startswith("https://")


class Downloader:
    """Fetches photo addresses into `folder`/<hash of the address>/<its file name>."""

    def __init__(
        self,
        folder: Path,
        *,
        max_bytes: int = MAX_BYTES,
        timeout: float = TIMEOUT_S,
        deadline: float = DEADLINE_S,
    ):
        self.folder, self.max_bytes, self.timeout, self.deadline = Path(folder), max_bytes, timeout, deadline

    @classmethod
    def default(cls) -> Downloader:
        """Into the app's data folder (the drafts name these files until they are published)."""
        from okcomposer.store import paths

        return cls(paths.data_dir() / "downloaded")

    def get(self, url: str) -> Path:
        """The downloaded file of `url`.

        Raises MessageError with photo_url.failed (network, why in the library's words), photo_url.timeout,
        photo_url.status (an HTTP status other than 200), photo_url.not_image (Content-Type not image/*) or
        photo_url.too_big; the address is always echoed as given.
        """
        said = echo(url)
        started = time.monotonic()
        try:
            headers = {"Accept": "image/*"}
            with requests.get(url, stream=True, timeout=self.timeout, headers=headers) as answer:
                if answer.status_code != 200:
                    raise MessageError(message("photo_url.status", url=said, status=answer.status_code))
                kind = answer.headers.get("Content-Type", "").split(";")[0].strip().lower()
                if not kind.startswith("image/"):
                    raise MessageError(message("photo_url.not_image", url=said, type=kind or "nothing"))
                declared = answer.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise MessageError(message("photo_url.too_big", url=said, mb=self.max_bytes // MIB))
                target = self._place(url, kind)
                self._save(answer, target, said, started)
                return target
        except MessageError:
            raise
        except (requests.RequestException, ValueError, UnicodeError) as exc:  # ValueError: urllib3's bad host
            # A read that stalls mid-body comes as a ConnectionError wrapping urllib3's ReadTimeoutError.
            if isinstance(exc, requests.Timeout) or isinstance(
                exc.args[0] if exc.args else None, ReadTimeoutError
            ):
                raise MessageError(
                    message("photo_url.timeout", url=said, seconds=f"{self.timeout:g}")
                ) from None
            why = " ".join(str(exc).split()) or type(exc).__name__
            raise MessageError(message("photo_url.failed", url=said, why=why[:200])) from None

    def _place(self, url: str, kind: str) -> Path:
        name = _SAFE.sub("_", unquote(urlsplit(url).path.rsplit("/", 1)[-1]))[-80:].strip("._") or "photo"
        if Path(name).suffix.lower() not in (*_EXTENSIONS.values(), ".jpeg", ".tiff"):
            name += _EXTENSIONS.get(kind, ".img")
        folder = self.folder / hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name

    def _save(self, answer: requests.Response, target: Path, said: str, started: float) -> None:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as out:
                total = 0
                for chunk in answer.iter_content(64 * 1024):
                    total += len(chunk)
                    if total > self.max_bytes:
                        raise MessageError(message("photo_url.too_big", url=said, mb=self.max_bytes // MIB))
                    if time.monotonic() - started > self.deadline:
                        raise MessageError(
                            message("photo_url.timeout", url=said, seconds=f"{self.deadline:g}")
                        )
                    out.write(chunk)
            os.replace(temp, target)  # whole or not at all: no half photo under the real name
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
