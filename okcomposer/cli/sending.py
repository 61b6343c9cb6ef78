"""What the publishing commands (post, moment, outbox) share: the --at time, the checks before anything is
written, and how an outbox entry's end is told (stdout: ids; stderr: one line; the exit code).

Commands import this module; it imports no command, only okcomposer.cli.common.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okcomposer.cli.common import EXIT_API, EXIT_OK, EXIT_REPEAT, EXIT_UNCONFIRMED, InputError, say

if TYPE_CHECKING:
    from okcomposer.store.outbox import Entry


def parse_at(text: str, zone: tzinfo | None, now_ms: int, shown: tzinfo, what: str = "--at") -> int:
    """--at TIME as ms since the epoch; InputError (exit 2) for bad text or a time not in the future."""
    from okcomposer.api.topic import datetime_to_ms, ms_to_datetime
    from okcomposer.app.bulk_import import parse_time
    from okcomposer.app.outbox_text import when_text

    too_far = InputError(f"{what}: {text.strip()!r} is too far ahead; give a time before the year 9999")
    try:
        at_ms = datetime_to_ms(parse_time(text.strip(), zone))
    except OverflowError:
        raise too_far from None
    except ValueError as exc:
        # 9999-12-31 23:59 in a zone east of UTC is year 10000 in UTC: datetime says "out of range"
        raise (too_far if "out of range" in str(exc) else InputError(f"{what}: {exc}")) from None
    try:
        ms_to_datetime(at_ms)  # a time no calendar can show (year 9999) is refused here, not after sending
    except ValueError:
        raise too_far from None
    if at_ms <= now_ms:
        raise InputError(f"{what}: {when_text(at_ms, shown)} is in the past; give a later time")
    return at_ms


def precheck_files(paths: Sequence[Path], limits: Any) -> None:
    """Bad photos are bad input (exit 2) before anything is written to the outbox or sent."""
    from okcomposer.media.precheck import precheck

    bad = [result.message for result in (precheck(p, limits) for p in paths) if not result.ok]
    if bad:
        raise InputError("\n".join(bad))


def precheck_videos(paths: Sequence[Path], limits: Any) -> None:
    """A video OK would refuse (missing, too small or too large) is bad input (exit 2), as a bad photo is."""
    from okcomposer.app.video import BadVideo, check_video

    bad = []
    for path in paths:
        try:
            check_video(path, limits)
        except BadVideo as exc:
            bad.append(str(exc))
    if bad:
        raise InputError("\n".join(bad))


VIDEO_STEPS = {
    "uploading": "uploading the video...",
    "updating": "naming the video on OK...",
    "processing": "OK is processing the video (this can take a few minutes)...",
    "ready": "the video is ready",
}


def video_step(step: str) -> None:
    """The steps of a post with a local video, one line each on stderr (the wait can be long)."""
    if step.startswith("status:"):
        say(f"OK reports the video as '{step[7:]}'; taking it as processed")
    elif step in VIDEO_STEPS:
        say(VIDEO_STEPS[step])


def attempt(send: Callable[[], Entry], tz: tzinfo) -> Entry | int:
    """The entry `send` ends with, or the exit code after a repeat (3) or another process sending it (1)."""
    from okcomposer.app.outbox import AlreadyPublished, Busy
    from okcomposer.app.photos import BadPhotos
    from okcomposer.app.publish import InvalidPost
    from okcomposer.app.video import BadVideo

    try:
        return send()
    except AlreadyPublished as exc:
        return repeated(exc.entries[0], tz)
    except Busy as exc:
        say(f"{exc}; nothing was sent")
        return EXIT_API
    except InvalidPost as exc:
        raise InputError("\n".join(p.message for p in exc.problems)) from None
    except BadPhotos as exc:
        raise InputError("\n".join(r.message for r in exc.results)) from None
    except BadVideo as exc:
        raise InputError(str(exc)) from None


def repeated(earlier: Entry, tz: tzinfo) -> int:
    """Exit 3: the same content is (or may be, or will be) there already."""
    from okcomposer.app.outbox_text import entry_text

    say(f"already {entry_text(earlier, tz, earlier=True)}")
    say("nothing was sent; --again sends it anyway")
    return EXIT_REPEAT


def report(entry: Entry, tz: tzinfo, earlier: bool = False) -> int:
    """Print what became of an entry (stdout: the topic or Moment ids, one a line); its exit code."""
    from okcomposer.app.outbox_text import entry_text
    from okcomposer.store import outbox as box

    if earlier and entry.state in box.ON_OK:
        say("an earlier attempt, cut off before its answer, did reach OK: nothing was sent again")
    if entry.state in box.ON_OK or entry.state == box.WAITING:
        # Moments OK named no ids for print nothing here: an entry id is not a Moment id.
        shown = entry.topic_id or (entry.id if entry.kind != "moment" else "")
        for item in filter(None, shown.split(",")):
            print(item, flush=True)
        say(entry_text(entry, tz))
        return EXIT_OK
    say(entry_text(entry, tz))
    return EXIT_UNCONFIRMED if entry.state == box.UNCONFIRMED else EXIT_API
