"""`okcomposer post DRAFT.json` and `okcomposer moment IMAGE…`: publish once, through app.outbox.Outbox (the
one way to publish; exit codes: see okcomposer.cli.outbox). `okcomposer check IMAGE…`: the same photo checks
alone, one JSON line per file, nothing sent (exit 1 when any fails)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from okcomposer.cli.common import (
    AGAIN_HELP,
    EXIT_API,
    EXIT_OK,
    InputError,
    connect,
    limits_in_force,
    open_outbox,
    own_entries,
    read_draft,
    say,
    user_zone,
)
from okcomposer.cli.sending import attempt, parse_at, precheck_files, precheck_videos, report, video_step


def add_parser(sub: Any) -> None:
    """`post DRAFT [--dry-run] [--keep-gps] [--at TIME [--tz ZONE]] [--again]`, `moment IMAGE… [--keep-gps]
    [--again]`, `check IMAGE…`."""
    post = sub.add_parser("post", help="publish a draft file (mediatopic.post parameters as JSON)")
    post.add_argument("draft", help='DRAFT.json; photo items may be {"file": "path"}, uploaded first')
    post.add_argument("--dry-run", action="store_true", help="check and print the request, send nothing")
    post.add_argument("--keep-gps", action="store_true", help="do not strip GPS location from photos")
    post.add_argument(
        "--at",
        metavar="TIME",
        help="publish later: ISO 8601 with an offset (2026-03-01T14:00+01:00) or 'YYYY-mm-dd HH:MM' in your "
        "time zone; OK keeps a group topic until then, a post for your page waits in the outbox",
    )
    post.add_argument(
        "--tz",
        metavar="ZONE",
        help="time zone of a 'YYYY-mm-dd HH:MM' time, e.g. Europe/Berlin (default: Settings → Time zone)",
    )
    post.add_argument("--again", action="store_true", help=AGAIN_HELP)
    post.set_defaults(run=cmd_post)

    moment = sub.add_parser("moment", help="post each image as a Moment")
    moment.add_argument("images", nargs="+", metavar="IMAGE")
    moment.add_argument("--keep-gps", action="store_true", help="do not strip GPS location from photos")
    moment.add_argument("--again", action="store_true", help=AGAIN_HELP)
    moment.set_defaults(run=cmd_moment)

    check = sub.add_parser("check", help="precheck images; one JSON line per file")
    check.add_argument("images", nargs="+", metavar="IMAGE")
    check.set_defaults(run=cmd_check)


def cmd_post(args: argparse.Namespace) -> int:
    """Publish a draft once; with --at, schedule a group topic on OK or keep a page post in the outbox."""
    from okcomposer.api.topic import ms_to_datetime
    from okcomposer.app.outbox import SendOptions
    from okcomposer.app.publish import InvalidPost, resolve_files
    from okcomposer.app.video import check_post, local_videos, resolve_videos
    from okcomposer.store.drafts import now_ms

    base_dir = Path(args.draft).resolve().parent
    post = resolve_videos(resolve_files(read_draft(args.draft), base_dir), base_dir)  # sent from anywhere
    limits, tz = limits_in_force(), user_zone(args.tz)
    due_ms = None
    if args.at is not None:
        at_ms = parse_at(args.at, tz, now_ms(), tz)  # a wall time in --tz, else the settings' zone
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
            if outbox.owner.endswith("|"):  # OKC_* credentials: whose page it waits for, asked of OK
                with connect(args) as (_client, uid):
                    own_entries(outbox, uid)
                if outbox.owner.endswith("|"):
                    say(
                        "OK did not say whose credentials these are: only `okcomposer outbox run` with them "
                        "sends this post, not the app"
                    )
            waiting = attempt(lambda: outbox.queue(post, due_ms, again=args.again), tz)
            return waiting if isinstance(waiting, int) else report(waiting, tz)
        with connect(args) as (client, uid):
            own_entries(outbox, uid)
            options = SendOptions(
                uid=uid,
                limits=limits,
                strip_gps=not args.keep_gps,
                base_dir=base_dir,
                on_step=video_step if videos else None,
            )
            started = outbox.clock()
            # An expired code-flow session is renewed by the client itself (app.accounts.RenewingClient).
            entry = attempt(lambda: outbox.publish(client, post, again=args.again, options=options), tz)
            if isinstance(entry, int):
                return entry
        return report(entry, tz, earlier=entry.intent_ms < started)


def cmd_moment(args: argparse.Namespace) -> int:
    """Post each image as a Moment, once (a repeat within 7 days exits 3 unless --again)."""
    from okcomposer.app.outbox import SendOptions

    limits, tz = limits_in_force(), user_zone(None)
    files = [Path(p) for p in args.images]
    precheck_files(files, limits)
    with open_outbox(args) as outbox, connect(args) as (client, uid):
        own_entries(outbox, uid)
        options = SendOptions(uid=uid, limits=limits, strip_gps=not args.keep_gps)
        started = outbox.clock()
        entry = attempt(lambda: outbox.publish_moments(client, files, again=args.again, options=options), tz)
    return entry if isinstance(entry, int) else report(entry, tz, earlier=entry.intent_ms < started)


def cmd_check(args: argparse.Namespace) -> int:
    """One JSON line per image in `args.images` (media.precheck's result); exit 1 when any image fails."""
    from okcomposer.media.precheck import precheck

    limits = limits_in_force()
    failed = 0
    for image in args.images:
        result = precheck(Path(image), limits)
        failed += not result.ok
        print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
    return EXIT_API if failed else EXIT_OK
