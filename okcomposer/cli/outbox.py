"""`okcomposer outbox` (list, run, send, discard, check), and the exit codes of every publishing command:
`post` and `moment` (okcomposer.cli.post), `import --publish` (okcomposer.cli.imports) and `outbox` all
publish through app.outbox.Outbox (the one way to publish).

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
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from okcomposer.cli.common import (
    EXIT_API,
    EXIT_OK,
    EXIT_REPEAT,
    EXIT_UNCONFIRMED,
    InputError,
    connect,
    limits_in_force,
    open_outbox,
    own_entries,
    say,
    user_zone,
)
from okcomposer.cli.sending import attempt, report

if TYPE_CHECKING:
    from okcomposer.app.outbox import Outbox
    from okcomposer.store.outbox import Entry

DEFAULT_GRACE_MINUTES = 15


def _minutes(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected whole minutes >= 0, not {text!r}")
    return int(text)


def add_parser(sub: Any) -> None:
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
    box.set_defaults(run=cmd_outbox)


def cmd_outbox(args: argparse.Namespace) -> int:
    """`okcomposer outbox`: list; `run`: settle, send what is due, list what is overdue; `send`, `discard`,
    `check` one entry. Never asks anything: safe to run from cron or a timer."""
    tz = user_zone(None)
    action = args.outbox_command
    with open_outbox(args) as outbox:
        if action is None:
            return list_entries(outbox, tz, args.sandbox)
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
                own_entries(outbox, uid)
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


def list_entries(outbox: Outbox, tz: tzinfo, sandbox: bool = False) -> int:
    """One line per entry that waits or needs the user: "ID  <where it stands>"."""
    entries = outbox.attention()
    if not entries and sandbox:  # open_outbox gave a throwaway one: the profile's may well hold entries
        say(
            "--sandbox has an outbox of its own, empty and gone when the command ends; `okcomposer outbox` "
            "lists this profile's"
        )
    elif not entries:
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
    if outbox.owner.endswith("|") and outbox.attention():  # OKC_* credentials: whose entries to run, from OK
        with connect(args) as (_client, uid):
            own_entries(outbox, uid)
    due, overdue = outbox.due(grace_ms)
    now = outbox.clock()
    # Due earlier but not sent then (no network, a crash during uploads): tried again while in the grace,
    # this account's only (another's would go to this account's page); those Outbox.due has are not repeated.
    unsent = [
        e
        for e in outbox.store.in_states((box.NOT_SENT,))
        if box.same_owner(e, outbox.owner) and e.due_ms is not None and e.due_ms <= now
    ]
    retry = [e for e in unsent if e.due_ms is not None and e.due_ms >= now - grace_ms and e not in due]
    overdue += [e for e in unsent if e not in retry and e not in due]
    results: list[Entry] = []
    if due or retry or outbox.interrupted():
        with connect(args) as (client, uid):
            own_entries(outbox, uid)
            results += outbox.recover(client, uid)
            options = SendOptions(uid=uid, limits=limits_in_force())
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
        own_entries(outbox, uid)
        options = SendOptions(uid=uid, limits=limits_in_force())
        if entry.state == box.UNCONFIRMED:
            sent = attempt(lambda: outbox.publish_anyway(client, entry.id, options), tz)
        else:
            sent = attempt(lambda: outbox.send_entry(client, entry.id, options), tz)
    if isinstance(sent, int):
        return sent
    return report(sent, tz)
