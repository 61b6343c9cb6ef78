"""`okcomposer import FILE.csv|FILE.xlsx [--publish]`: posts from a CSV or Excel file saved as drafts, and
published with --publish (through the outbox, with its exit codes: see okcomposer.cli.outbox)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from okcomposer.cli.common import (
    AGAIN_HELP,
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


def add_parser(sub: Any) -> None:
    """`import FILE.csv|FILE.xlsx [--publish] [--tz ZONE] [--again]`."""
    imp = sub.add_parser(
        "import",
        help="import posts from a CSV or Excel (.xlsx) file as drafts (and publish them with --publish)",
        description=(
            "Columns (English or Russian headers): text/текст, link/ссылка, photos/фото "
            "(paths relative to the file's folder, or http(s) addresses, separated by |), "
            "target/группа (a group id, 'me' or the name of one of your groups), publish_at/время, "
            "optional type/тип. "
            "publish_at is ISO 8601 with an offset (2027-03-01T09:00+03:00, or Z for UTC) or a time in "
            "your time zone (--tz, else Settings → Time zone, else this computer's): 2027-03-01 09:00, "
            "01.03.2027 9:00 or 01.03.27 9:00, "
            "seconds allowed; in .xlsx also a date cell. With --publish a group row is scheduled on OK and "
            "a row for your page waits in the outbox (`okcomposer outbox run` sends it). "
            "A CSV may be UTF-8 (with or without BOM), UTF-16 or Windows-1251 (Russian Excel's default), "
            "with ';', ',' or tab between cells; empty columns at the end are ignored. An .xlsx is read "
            "from its first sheet. Every row is checked first: any bad row exits 2 and nothing is saved or "
            "published."
        ),
    )
    imp.add_argument("csv", metavar="FILE.csv|FILE.xlsx")
    imp.add_argument("--publish", action="store_true", help="publish every row after saving the drafts")
    imp.add_argument("--tz", metavar="ZONE", help="time zone of 'YYYY-mm-dd HH:MM' times, e.g. Europe/Berlin")
    imp.add_argument("--again", action="store_true", help="with --publish: " + AGAIN_HELP)
    imp.set_defaults(run=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    """Check every row, then save drafts; with --publish, publish them row by row through the outbox.

    The check is the import dialog's (app.import_plan.check_import, then check_online): once the file
    alone shows no error, --publish asks OK for the user's groups (a target may name one) and the rights in
    each; without --publish, the groups are asked only when a row names its target, and only if signed in."""
    from okcomposer.api.errors import OkError
    from okcomposer.app import bulk_import as bulk
    from okcomposer.app.import_plan import group_names
    from okcomposer.store.drafts import DraftStore

    tz = user_zone(args.tz)  # --tz, else the settings' zone, else this computer's
    limits = limits_in_force()
    plan = _checked(args, tz, limits)
    named = [p for row in plan.rows for p in row.problems if getattr(p, "code", "") == "row.bad_target"]
    if len(named) < len(plan.errors):  # what the file alone shows is wrong: OK need not be asked
        _refuse_errors(plan)
    if not args.publish:
        if named:
            try:  # names need the user's groups: signed out or OK unreachable, the ids are asked for
                with connect(args) as (client, _uid):
                    bulk.name_targets(plan, group_names(client))
            except (InputError, OkError):
                pass
        _refuse_errors(plan)
        store = DraftStore(on_notice=say)
        for row, draft_id in zip(plan.rows, bulk.save_drafts(plan, store), strict=True):
            print(f"row {row.number}: draft {draft_id}")  # a page row's draft keeps its time
        store.close()
        print(f"okcomposer: {len(plan.rows)} row(s) saved as drafts", file=sys.stderr)
        return EXIT_OK
    from okcomposer.store.logs import setup_verbose

    setup_verbose(args.verbose)
    from okcomposer.app.import_plan import check_online, publish_plan

    with connect(args) as (client, uid), open_outbox(args) as outbox:
        check_online(client, plan, uid or "")
        _refuse_errors(plan)
        own_entries(outbox, uid)
        outcome = publish_plan(
            client,
            plan,
            outbox.store.drafts,
            uid=uid or "",
            limits=limits,
            on_result=lambda r: print(r.line(), flush=True),
            again=args.again,
            outbox=outbox,
            tz=user_zone(args.tz),
        )
    if outcome.refused:
        raise InputError("\n".join([*outcome.refused, "nothing was imported"]))
    results = outcome.results
    print(f"okcomposer: {bulk.rows_summary(results)}", file=sys.stderr)
    states = {r.state for r in results}
    if states & {"failed", "not_sent", "skipped"}:
        return EXIT_API
    return EXIT_UNCONFIRMED if "unknown" in states else EXIT_REPEAT if "already" in states else EXIT_OK


def _checked(args: argparse.Namespace, tz: Any, limits: Any) -> Any:
    """app.import_plan.check_import of the file, offline; InputError (exit 2) when it cannot be read."""
    from okcomposer.app import bulk_import as bulk
    from okcomposer.app.import_plan import check_import

    try:
        return check_import(Path(args.csv), tz=tz, limits=limits, on_download=_downloading)
    except bulk.ImportFailed as exc:
        raise InputError(str(exc)) from None


def _refuse_errors(plan: Any) -> None:
    """Exit 2 with every row's problems when any row has one; else the notes (a repeated wall time)."""
    if not plan.ok:
        raise InputError("\n".join([*plan.errors, "nothing was imported"]))
    for row in plan.rows:
        for note in row.notes:  # a repeated wall time: which of the two is used
            print(f"okcomposer: row {row.number}: {note}", file=sys.stderr)


def _downloading(index: int, count: int, url: str) -> None:
    """Progress for a person at a terminal; a script reading stderr gets only the verdict lines."""
    if sys.stderr.isatty():
        from okcomposer.app.input_files import one_line

        print(
            f"okcomposer: downloading photo {index} of {count}: {one_line(url)}", file=sys.stderr, flush=True
        )
