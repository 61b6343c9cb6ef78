"""`okcomposer stats`: OK's figures for the topics of the groups you administer, and the best times to post.

The figures are fetched into the cache in the drafts database (app.insights) unless a refresh of that group
is under 15 minutes old (`--refresh` asks anyway); with --sandbox a throwaway cache is used.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from okcomposer.cli.common import EXIT_OK, InputError, connect, say, user_zone

if TYPE_CHECKING:
    from okcomposer.app.best_times import Cell
    from okcomposer.store.figures import CachedTopic

DEFAULT_DAYS = 30
# Columns of the table, in OK's names; the CSV and JSON carry every figure OK gave.
TABLE = ("reach", "likes", "comments", "reshares", "link_clicks", "negatives")


def add_parser(sub: Any) -> None:
    """`stats`."""
    stats = sub.add_parser(
        "stats",
        help="OK's figures for your groups' topics (reach, likes, comments, ...) and the best times to post",
        description="Print OK's statistics for the topics of a group you administer (default: every one), "
        "fetched into a local cache at most every 15 minutes.",
    )
    stats.add_argument("--group", metavar="GID", help="only this group (default: every group you administer)")
    stats.add_argument(
        "--since",
        metavar="YYYY-mm-dd",
        help=f"topics created on or after this day (default {DEFAULT_DAYS} days ago)",
    )
    stats.add_argument("--format", choices=("table", "csv", "json"), default="table", help="default: table")
    stats.add_argument(
        "--best-times",
        action="store_true",
        help="print the best weekday and hour to post (engagement per reach), best first, as `Tue 09:00`",
    )
    stats.add_argument(
        "--tz",
        metavar="ZONE",
        help="time zone for dates and best times (default: the settings' zone, else this computer's)",
    )
    stats.add_argument("--refresh", action="store_true", help="ask OK now even if the cache is fresh")
    stats.set_defaults(run=cmd_stats)


def since_ms(text: str | None, zone: tzinfo, now: datetime) -> int:
    """Midnight of the day `text` (YYYY-mm-dd) in `zone`, in ms; DEFAULT_DAYS before `now` when None.
    InputError for a malformed date."""
    if text is None:
        return int((now - timedelta(days=DEFAULT_DAYS)).timestamp() * 1000)
    try:
        day = datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise InputError(f"--since {text!r} is not a date written as YYYY-mm-dd") from None
    return int(day.replace(tzinfo=zone).timestamp() * 1000)


def cmd_stats(args: argparse.Namespace) -> int:
    """Refresh the figures of the chosen groups, then print them (or the best times) on stdout.

    Exit 1 when OK refuses a group named with --group (or every group), 2 for bad input.
    """
    import contextlib
    import tempfile
    from pathlib import Path

    from okcomposer.api.errors import OkApiError
    from okcomposer.app.insights import DEFAULT_DAYS as FETCH_DAYS
    from okcomposer.app.insights import Insights, administered_groups
    from okcomposer.store.drafts import DraftStore

    zone = user_zone(args.tz)
    now = datetime.now(zone)
    since = since_ms(args.since, zone, now)
    if args.group is not None and not (args.group.isascii() and args.group.isdigit()):
        raise InputError(f"--group {args.group!r} is not a group id (digits, as in ok.ru/group/ID)")
    with contextlib.ExitStack() as stack:
        client, uid = stack.enter_context(connect(args))
        if args.sandbox:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="okc-sandbox-"))
            store, owner = DraftStore(Path(folder) / "drafts.sqlite3"), ""
        else:
            from okcomposer.cli.common import account_owner

            store, owner = DraftStore(on_notice=say), account_owner(args)
        stack.callback(store.close)
        insights = Insights(store, owner)
        gids = [args.group] if args.group else [g.uid for g in administered_groups(client, uid or "")]
        if not gids:
            say("you administer no group: OK gives statistics to a group's admins only")
        fetch_since = min(since, int(now.timestamp() * 1000) - FETCH_DAYS * 86_400_000)
        topics: list[CachedTopic] = []
        refused: list[OkApiError] = []
        for gid in gids:
            try:
                insights.refresh(client, gid, since_ms=fetch_since, force=args.refresh, on_wait=_waiting)
            except OkApiError as exc:
                if args.group:
                    raise
                say(f"no figures for group {gid}: {exc}")
                refused.append(exc)
            topics.extend(insights.topics(gid, since))
        if gids and len(refused) == len(gids):
            raise refused[0]
    topics.sort(key=lambda t: t.created_ms, reverse=True)
    if args.best_times:
        return _print_best(topics, zone, args.format)
    print(render(topics, zone, args.format), end="")
    return EXIT_OK


def _waiting(exc: BaseException, delay: float) -> None:
    say(f"{exc}; trying again in {delay:.0f} s")


def _when(ms: int, zone: tzinfo) -> datetime:
    return datetime.fromtimestamp(ms / 1000, zone)


def render(topics: list[CachedTopic], zone: tzinfo, fmt: str) -> str:
    """The topics as a text table, CSV (every figure OK gave, a column each) or JSON (a list of objects with
    id, group, created and fetched as ISO 8601 in `zone`, words, and each figure OK gave as an integer)."""
    from okcomposer.api.stats import FIGURES

    if fmt == "json":
        items = [
            {
                "id": t.topic_id,
                "group": t.target,
                "created": _when(t.created_ms, zone).isoformat(timespec="seconds"),
                "fetched": _when(t.fetched_ms, zone).isoformat(timespec="seconds"),
                "words": t.words,
                **{name: t.figures[name] for name in FIGURES if name in t.figures},
            }
            for t in topics
        ]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "group", "created", *FIGURES, "words"])
        for t in topics:
            figures = [t.figures.get(name, "") for name in FIGURES]
            created = _when(t.created_ms, zone).isoformat(timespec="seconds")
            writer.writerow([t.topic_id, t.target, created, *figures, t.words])
        return out.getvalue()
    head = ["created", "group", "topic", *(name.replace("_", " ") for name in TABLE), "first words"]
    rows = [
        [
            f"{_when(t.created_ms, zone):%Y-%m-%d %H:%M}",
            t.target,
            t.topic_id,
            *(str(t.figures[name]) if name in t.figures else "-" for name in TABLE),
            t.words,
        ]
        for t in topics
    ]
    if not rows:
        return "no topics with figures in this period\n"
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head) - 1)]
    lines = []
    for row in [head, *rows]:
        cells = [
            cell.rjust(width) if 3 <= i < 3 + len(TABLE) else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("  ".join(cells + [row[-1]]).rstrip())
    return "\n".join(lines) + "\n"


def best_lines(cells: list[Cell], fmt: str) -> str:
    """Ranked cells as `Tue 09:00` lines with their figures, or as CSV or JSON."""
    if fmt == "json":
        items = [
            {
                "slot": c.label,
                "weekday": c.weekday,
                "hour": c.hour,
                "posts": c.posts,
                "reach": c.reach,
                "engagement": c.engagement,
                "engagement_per_reach": round(c.rate, 4),
            }
            for c in cells
        ]
        return json.dumps(items, indent=2) + "\n"
    if fmt == "csv":
        head = "slot,posts,reach,engagement,engagement_per_reach\n"
        return head + "".join(f"{c.label},{c.posts},{c.reach},{c.engagement},{c.rate:.4f}\n" for c in cells)
    return "".join(
        f"{c.label}  {c.rate * 100:4.1f}% engagement per reach  "
        f"({c.posts} posts, reach {c.reach}, engagement {c.engagement})\n"
        for c in cells
    )


def _print_best(topics: list[CachedTopic], zone: tzinfo, fmt: str) -> int:
    from okcomposer.app.best_times import MIN_POSTS, best_times, ranked

    cells = ranked(best_times(((t.created_ms, t.figures) for t in topics), zone))
    if not cells:
        say(f"too few posts to tell: a weekday and hour needs {MIN_POSTS} posts with figures to be ranked")
    sys.stdout.write(best_lines(cells, fmt) if cells or fmt != "table" else "")
    return EXIT_OK
