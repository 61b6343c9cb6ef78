"""The outbox's parts: how one entry is sent, what each way of failing proves, its options and errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkApiError, OkCancelled, OkError, OkHttpError, OkNetworkError, OkRedirect
from okcomposer.api.topic import Post
from okcomposer.app.messages import Message, MessageError, message
from okcomposer.app.publish import Published, publish
from okcomposer.app.retry import OutcomeUnknown, is_transient, outcome_unknown
from okcomposer.app.video import local_videos, publish_with_video
from okcomposer.store.outbox import FAILED, NOT_SENT, UNCONFIRMED, Entry


def stored_request(post: Post, base_dir: Path | None) -> dict[str, Any]:
    """The post as kept in the outbox: relative photo paths made absolute (a later send is elsewhere)."""
    body = post.to_draft()  # built afresh: changing it leaves the post as it is
    if base_dir is None:
        return body
    for block in body["attachment"]["media"]:
        for item in block.get("list") or ():
            if (
                isinstance(item, dict)
                and isinstance(item.get("file"), str)
                and not Path(item["file"]).is_absolute()
            ):
                item["file"] = str(base_dir / item["file"])
    return body


def provably_unsent(exc: BaseException) -> bool:
    """A failure that proves OK never got the request (refused, DNS, TLS handshake; 429)."""
    return is_transient(exc) and not outcome_unknown(exc)


def failure_outcome(exc: BaseException, *, posting: bool, kind: str) -> tuple[str, int | None, Message]:
    """(state, OK's code, reason) that a failure proves; `posting`: the irreversible call had started.

    A lost answer after the irreversible call started is "unconfirmed"; OK's refusal is "failed" with its
    code; everything before the call, or provably never sent, is "not_sent".
    """
    if isinstance(exc, OutcomeUnknown):
        return UNCONFIRMED, None, reason_of(exc)
    if isinstance(exc, OkApiError):
        return FAILED, exc.code, reason_of(exc)
    if isinstance(exc, OkCancelled):
        if posting and kind == "post":  # cancelled while a lost answer was being looked for
            return UNCONFIRMED, None, message("outbox.cancelled_checking")
        return NOT_SENT, None, message("outbox.cancelled")
    if isinstance(exc, OkError) and posting and not provably_unsent(exc):
        return UNCONFIRMED, None, reason_of(exc)
    return NOT_SENT, None, reason_of(exc)


def reason_of(exc: BaseException) -> Message:
    """A failure as a Message to keep with an outbox entry, so a later run words it in the user's language:
    its kind as the code, what is only data (an address, a status, the library's text) as parameters."""
    if isinstance(exc, MessageError):
        return exc.reason
    if isinstance(exc, OkCancelled):
        return message("outbox.cancelled")
    if isinstance(exc, OkRedirect):
        return message("error.redirect", host=exc.host)
    if isinstance(exc, OkHttpError):
        return message("error.http", status=exc.status)
    if isinstance(exc, OutcomeUnknown):
        return message("error.outcome_unknown", error=str(exc))
    if isinstance(exc, OkNetworkError):
        return message("error.network", error=str(exc))
    return message("error.text", error=str(exc) or type(exc).__name__)


def publish_post(
    client: OkClient,
    post: Post,
    options: Any,
    known: Iterable[str],
    before_post: Callable[[int, frozenset[str]], None],
) -> Published:
    """publish() or publish_with_video() with the entry's options (an app.outbox.SendOptions)."""
    values = dict(uid=options.uid, before_post=before_post, known_ids=frozenset(known), **options.uploads())
    if local_videos(post):
        return publish_with_video(client, post, on_state=options.on_step, **values)
    return publish(client, post, on_step=options.on_step, **values)


def moment_marks(files: Sequence[Path]) -> list[list]:
    """What tells one image apart for a Moment: [its full path, its size in bytes] (-1 when unreadable).

    There is no listing of Moments to match against, so the files themselves are the identity.
    """
    marks: list[list] = []
    for path in files:
        try:
            size = path.stat().st_size
        except OSError:
            size = -1
        marks.append([str(path), size])
    return marks


class AlreadyPublished(Exception):
    """The same content went (or may have gone) to the same place recently; nothing was sent.

    `entries` are the earlier outbox entries, newest first.
    """

    def __init__(self, entries: Sequence[Entry]):
        self.entries = list(entries)
        first = self.entries[0]
        super().__init__(f"already {first.state} at {first.target} (entry {first.id})")


class Busy(Exception):
    """Another okcomposer process is sending this entry right now; nothing was sent."""


@dataclass(frozen=True)
class SendOptions:
    """How to send: the user's uid (for links), limits and upload settings, progress and cancel hooks."""

    uid: str | None = None
    limits: Any = None
    strip_gps: bool = True
    parallel: int = 4
    progress: Any = None
    file_progress: Any = None
    cancel: Any = None
    on_step: Callable[[str], None] | None = None
    base_dir: Path | None = None

    def uploads(self) -> dict[str, Any]:
        """The keywords publish(), publish_with_video() and post_moments() all take for their uploads."""
        return {
            "limits": self.limits,
            "strip_gps": self.strip_gps,
            "parallel": self.parallel,
            "progress": self.progress,
            "cancel": self.cancel,
            "file_progress": self.file_progress,
        }


def owner_of(api_base: str, uid: str | None) -> str:
    """The outbox's mark of an account: its API address and user id ("API address|uid")."""
    return f"{api_base.rstrip('/')}|{uid or ''}"
