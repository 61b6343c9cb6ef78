"""The publishing commands, all through app.outbox.Outbox (the one way to publish): `post`, `moment`, and
`outbox` (list, run, send, discard, check). `import --publish` uses the same exit codes.

Exit codes:
  0  published, scheduled on OK, or waiting on this computer; also a re-run whose earlier attempt, cut off
     by a crash, is found on OK (its id is printed and nothing is sent again)
  1  not sent (the reason is printed: nothing reached OK, safe to try again), OK refused ("OK error N NAME"),
     or another okcomposer is sending the same post right now
  2  bad input: nothing was sent
  3  a repeat: the same content went (or may have gone, or waits to go) to the same place in the last
     7 days; nothing was sent and the earlier one is printed; --again sends it anyway
  4  not confirmed: the request may have reached OK but the topic was not found; look on OK, then
     `okcomposer outbox check ID`. It is never sent again on its own.
No command here reads stdin or needs a terminal: `okcomposer outbox run` is safe for cron, a systemd timer
or the Windows Task Scheduler. Declaring these commands imports nothing but the standard library.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okcomposer.cli import (
    EXIT_API,
    EXIT_OK,
    InputError,
    _limits,
    _renewed_client,
    account_owner,
    connect,
    read_draft,
    user_zone,
)

if TYPE_CHECKING:
    from okcomposer.app.outbox import Outbox
    from okcomposer.store.outbox import Entry

EXIT_REPEAT, EXIT_UNCONFIRMED = 3, 4
DEFAULT_GRACE_MINUTES = 15


def say(line: str) -> None:
    """One line on stderr, as every okcomposer message."""
    print(f"okcomposer: {line}", file=sys.stderr, flush=True)


# --- the options ------------------------------------------------------------------------------------------
def _minutes(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected whole minutes >= 0, not {text!r}")
    return int(text)


def add_outbox_command(sub: Any) -> None:
    """`outbox [run | send ID | discard ID | check ID]`."""
    box = sub.add_parser(
        "outbox",
        help="list what waits on this computer or needs a check; run, send, discard or check entries",
        description="With no ACTION: list waiting, sending, not-confirmed and not-sent entries, one a line.",
    )
    actions = box.add_subparsers(dest="outbox_command", metavar="ACTION", parser_class=type(box))
    run = actions.add_parser(
        "run",
        help="settle what a crash cut off, send what is due, list what is overdue (for cron: every minute)",
    )
    run.add_argument(
        "--grace",
        type=_minutes,
        default=DEFAULT_GRACE_MINUTES,
        metavar="MINUTES",
        help=f"send a post at most this late (default {DEFAULT_GRACE_MINUTES}); later ones wait for you",
    )
    send = actions.add_parser("send", help="send a waiting or not-sent entry now")
    send.add_argument("id", metavar="ID", help="the entry id (or its first characters)")
    send.add_argument("--again", action="store_true", help="publish a not-confirmed entry anyway")
    discard = actions.add_parser("discard", help="drop a waiting, not-sent or not-confirmed entry")
    discard.add_argument("id", metavar="ID")
    check = actions.add_parser("check", help="look on OK again for a not-confirmed entry")
    check.add_argument("id", metavar="ID")


# --- shared -----------------------------------------------------------------------------------------------
def parse_at(text: str, zone: tzinfo | None, now_ms: int, shown: tzinfo, what: str = "--at") -> int:
    """--at TIME as ms since the epoch; InputError (exit 2) for bad text or a time not in the future."""
    from okcomposer.api.topic import datetime_to_ms, ms_to_datetime
    from okcomposer.app.bulk_import import parse_time
    from okcomposer.app.outbox_text import when_text

    try:
        at_ms = datetime_to_ms(parse_time(text.strip(), zone))
    except (ValueError, OverflowError) as exc:
        raise InputError(f"{what}: {exc}") from None
    try:
        ms_to_datetime(at_ms)  # a time no calendar can show (year 9999) is refused here, not after sending
    except ValueError:
        raise InputError(
            f"{what}: {text.strip()!r} is too far ahead; give a time before the year 9999"
        ) from None
    if at_ms <= now_ms:
        raise InputError(f"{what}: {when_text(at_ms, shown)} is in the past; give a later time")
    return at_ms


@contextlib.contextmanager
def open_outbox(args: argparse.Namespace) -> Iterator[Outbox]:
    """The user's outbox; with --sandbox a throwaway one (that sandbox's topics are gone with it)."""
    from okcomposer.app.outbox import Outbox
    from okcomposer.store.drafts import DraftStore

    with contextlib.ExitStack() as stack:
        if args.sandbox:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="okc-sandbox-"))
            store = DraftStore(Path(folder) / "drafts.sqlite3")
        else:
            store = DraftStore(on_notice=say)  # a damaged database restored: say so
        stack.callback(store.close)
        yield Outbox(store, owner="" if args.sandbox else account_owner(args))


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


# --- post and moment --------------------------------------------------------------------------------------
def cmd_post(args: argparse.Namespace) -> int:
    """Publish a draft once; with --at, schedule a group topic on OK or keep a page post in the outbox."""
    import json

    from okcomposer.api.topic import ms_to_datetime
    from okcomposer.app.outbox import SendOptions
    from okcomposer.app.publish import InvalidPost, resolve_files
    from okcomposer.app.video import check_post, local_videos, resolve_videos
    from okcomposer.store.drafts import now_ms
    from okcomposer.store.outbox import FAILED

    base_dir = Path(args.draft).resolve().parent
    post = resolve_videos(resolve_files(read_draft(args.draft), base_dir), base_dir)  # sent from anywhere
    limits, tz = _limits(), user_zone(args.tz)
    due_ms = None
    if args.at is not None:
        at_ms = parse_at(args.at, tz if args.tz else None, now_ms(), tz)
        if post.effective_type.can_schedule:
            post.attachment.schedule(ms_to_datetime(at_ms))  # OK keeps it: "scheduled on OK"
        else:
            due_ms = at_ms
    elif not post.effective_type.can_schedule and (when := post.attachment.scheduled_at()) is not None:
        due_ms = parse_at(when.isoformat(), None, now_ms(), tz, f"{args.draft}: the time")  # waits for it
    if due_ms is not None:
        post.attachment.schedule(None)
    videos = local_videos(post)  # uploaded before the post, as the GUI does
    try:
        check_post(post, videos, limits)
    except InvalidPost as exc:
        raise InputError("\n".join(p.message for p in exc.problems)) from None
    if args.dry_run:
        print(json.dumps(post.to_draft(), ensure_ascii=False, indent=2))
        return EXIT_OK
    precheck_files([p for _, _, p in post.local_files()], limits)
    precheck_videos([v.path for v in videos], limits)
    with open_outbox(args) as outbox:
        if due_ms is not None:
            if args.sandbox:
                raise InputError("--sandbox forgets a post for later when the command ends; drop --at")
            waiting = attempt(lambda: outbox.queue(post, due_ms, again=args.again), tz)
            return waiting if isinstance(waiting, int) else report(waiting, tz)
        with connect(args) as (client, uid):
            options = SendOptions(
                uid=uid,
                limits=limits,
                strip_gps=not args.keep_gps,
                base_dir=base_dir,
                on_step=video_step if videos else None,
            )
            started = outbox.clock()
            entry = attempt(lambda: outbox.publish(client, post, again=args.again, options=options), tz)
            if isinstance(entry, int):
                return entry
            if entry.state == FAILED and entry.code == 102 and (fresh := _renewed_client(args)):
                # 102 is a definite refusal (nothing was done; the entry is failed, not a repeat to ask
                # about): a renewed code-flow session publishes it.
                with contextlib.closing(fresh):
                    entry = attempt(
                        lambda: outbox.publish(fresh, post, again=args.again, options=options), tz
                    )
                if isinstance(entry, int):
                    return entry
        return report(entry, tz, earlier=entry.intent_ms < started)


def cmd_moment(args: argparse.Namespace) -> int:
    """Post each image as a Moment, once (a repeat within 7 days exits 3 unless --again)."""
    from okcomposer.app.outbox import SendOptions

    limits, tz = _limits(), user_zone(None)
    files = [Path(p) for p in args.images]
    precheck_files(files, limits)
    with open_outbox(args) as outbox, connect(args) as (client, uid):
        options = SendOptions(uid=uid, limits=limits, strip_gps=not args.keep_gps)
        started = outbox.clock()
        entry = attempt(lambda: outbox.publish_moments(client, files, again=args.again, options=options), tz)
    return entry if isinstance(entry, int) else report(entry, tz, earlier=entry.intent_ms < started)


# --- outbox -----------------------------------------------------------------------------------------------
def cmd_outbox(args: argparse.Namespace) -> int:
    """`okcomposer outbox`: list; `run`: settle, send what is due, list what is overdue; `send`, `discard`,
    `check` one entry. Never asks anything: safe to run from cron or a timer."""
    tz = user_zone(None)
    action = args.outbox_command
    with open_outbox(args) as outbox:
        if action is None:
            return list_entries(outbox, tz)
        if action == "run":
            return run_due(args, outbox, tz)
        entry = find_entry(outbox, args.id)
        if action == "discard":
            if not outbox.store.discard(entry.id):
                raise InputError(f"entry {entry.id} is {entry.state}: it cannot be discarded")
            say(f"discarded entry {entry.id}")
            return EXIT_OK
        if action == "check":
            with connect(args) as (client, uid):
                return report(outbox.check(client, entry.id, uid), tz)
        return send_one(args, outbox, entry, tz)


def find_entry(outbox: Outbox, text: str) -> Entry:
    """The entry with this id, or the one whose id starts with it (at least 4 characters)."""
    entry = outbox.store.get(text)
    if entry is not None:
        return entry
    found = [e for e in outbox.store.recent(100_000) if len(text) >= 4 and e.id.startswith(text)]
    if len(found) == 1:
        return found[0]
    if found:
        raise InputError(f"{len(found)} outbox entries start with {text!r}; give more of the id")
    if len(text) < 4:
        raise InputError(f"{text!r} is too short: give at least 4 characters of the entry's id")
    raise InputError(f"no outbox entry {text!r} (`okcomposer outbox` lists them)")


def list_entries(outbox: Outbox, tz: tzinfo) -> int:
    """One line per entry that waits or needs the user: "ID  <where it stands>"."""
    entries = outbox.attention()
    if not entries:
        say("the outbox is empty: nothing waits, nothing needs a check")
    for entry in entries:
        print(f"{entry.id}  {_state_line(entry, tz)}", flush=True)
    return EXIT_OK


def _state_line(entry: Entry, tz: tzinfo) -> str:
    from okcomposer.app.outbox_text import status_line
    from okcomposer.store import outbox as box

    if entry.state == box.SENDING:
        if box.claim_alive(entry.claim):
            return f"sending now: {entry.summary or entry.target}"
        return "cut off while sending: `okcomposer outbox run` looks for it on OK"
    line = status_line(entry, tz)
    return line + _how_to_act(entry.id) if entry.state == box.NOT_SENT else line


def _how_to_act(entry_id: str) -> str:
    send, discard = f"okcomposer outbox send {entry_id}", f"okcomposer outbox discard {entry_id}"
    return f" — `{send}` sends it now, `{discard}` drops it"


def run_due(args: argparse.Namespace, outbox: Outbox, tz: tzinfo) -> int:
    """Settle crashed sends, send what is due (and retry what was due but not sent), list the overdue.

    Connects only when there is something to do, so an idle run needs no network and no account.
    Exit 1 when any entry ended not sent or failed, 4 when one is not confirmed, else 0.
    """
    from okcomposer.app.outbox import Busy, SendOptions
    from okcomposer.app.outbox_text import when_text, where_text
    from okcomposer.app.photos import BadPhotos
    from okcomposer.app.publish import InvalidPost
    from okcomposer.app.video import BadVideo
    from okcomposer.store import outbox as box

    grace_ms = args.grace * 60_000
    due, overdue = outbox.due(grace_ms)
    now = outbox.clock()
    # Due earlier but not sent then (no network, a crash during uploads): tried again while in the grace.
    unsent = [e for e in outbox.store.in_states((box.NOT_SENT,)) if e.due_ms is not None and e.due_ms <= now]
    retry = [e for e in unsent if e.due_ms is not None and e.due_ms >= now - grace_ms]
    overdue += [e for e in unsent if e not in retry]
    results: list[Entry] = []
    if due or retry or outbox.interrupted():
        with connect(args) as (client, uid):
            uid = uid or _current_uid(client)
            results += outbox.recover(client, uid)
            options = SendOptions(uid=uid, limits=_limits())
            for entry in [*due, *retry]:
                try:  # one by one: a bad photo in one entry does not hold up the others
                    results.append(outbox.send_entry(client, entry.id, options))
                except Busy:
                    continue  # another okcomposer (the app, an overlapping run) has it: it sends it
                except (InvalidPost, BadPhotos, BadVideo):
                    results.append(outbox.store.get(entry.id) or entry)
    for entry in results:
        print(f"{entry.id}  {_state_line(entry, tz)}", flush=True)
    for entry in overdue:
        where = f"{entry.summary!r} for {where_text(entry)}"
        print(f"{entry.id}  overdue since {when_text(entry.due_ms or 0, tz)}: {where}{_how_to_act(entry.id)}")
    states = {e.state for e in results}
    if states & {box.NOT_SENT, box.FAILED}:
        return EXIT_API
    return EXIT_UNCONFIRMED if box.UNCONFIRMED in states else EXIT_OK


def _current_uid(client: Any) -> str | None:
    """The signed-in user's id, for links to page posts; None when OK cannot tell."""
    from okcomposer.api.errors import OkError
    from okcomposer.api.methods import get_current_user

    try:
        return get_current_user(client).uid
    except OkError:
        return None


def send_one(args: argparse.Namespace, outbox: Outbox, entry: Entry, tz: tzinfo) -> int:
    """`outbox send ID`: a waiting or not-sent entry now; a not-confirmed one only with --again."""
    from okcomposer.app.outbox import SendOptions
    from okcomposer.store import outbox as box

    if entry.state == box.UNCONFIRMED and not args.again:
        say(f"entry {entry.id} may already be on OK: look there, then `okcomposer outbox check {entry.id}`")
        say(f"nothing was sent; `okcomposer outbox send {entry.id} --again` publishes it anyway")
        return EXIT_REPEAT
    if entry.state not in (box.WAITING, box.NOT_SENT, box.UNCONFIRMED):
        raise InputError(f"entry {entry.id} is {entry.state.replace('_', ' ')}: there is nothing to send")
    with connect(args) as (client, uid):
        options = SendOptions(uid=uid or _current_uid(client), limits=_limits())
        if entry.state == box.UNCONFIRMED:
            sent = attempt(lambda: outbox.publish_anyway(client, entry.id, options), tz)
        else:
            sent = attempt(lambda: outbox.send_entry(client, entry.id, options), tz)
    if isinstance(sent, int):
        return sent
    return report(sent, tz)
