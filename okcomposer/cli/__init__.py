"""The command line: publish drafts and Moments, check images, run the sandbox; no command opens the window.

Exit codes: 0 done, 1 OK or the network refused, 2 bad input (nothing was sent); the publishing commands
(post, moment, import --publish, outbox) add 3 (a repeat: nothing sent) and 4 (not confirmed), see
okcomposer.cli.outbox. 141 (128 + SIGPIPE, as a shell reports a tool the pipe ended): the reader of the
output went away (`okcomposer check *.jpg | head -1`); nothing more is printed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from okcomposer import __version__
from okcomposer.api.errors import OkApiError, OkCancelled, OkError

if TYPE_CHECKING:
    from okcomposer.api.client import OkClient

EXIT_OK, EXIT_API, EXIT_INPUT, EXIT_PIPE = 0, 1, 2, 141
COMMANDS = ("post", "moment", "check", "import", "outbox", "limits", "login", "accounts", "logout", "sandbox")
AGAIN_HELP = "publish even if the same post went to the same place in the last 7 days (else exit 3)"


class InputError(Exception):
    """Bad input from the user: one line on stderr, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line, not a usage dump
        self.exit(EXIT_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given an `argv` whose first word is no command, the window's: options and FILE…."""
    from okcomposer.cli.gui import add_files_argument, names_files
    from okcomposer.cli.outbox import add_outbox_command
    from okcomposer.cli.sandbox import add_sandbox_command

    parser = _Parser(
        prog="okcomposer",
        usage="%(prog)s [-h] [--version] [--api-base URL] [--sandbox] [-v] [COMMAND ... | FILE ...]",
        description="Compose and publish posts and Moments to OK.ru; with no COMMAND, open the desktop app "
        "with the images FILE... added to the post (handed to the window already open on this profile).",
    )
    parser.add_argument("--version", action="version", version=f"okcomposer {__version__}")
    parser.add_argument(
        "--api-base", metavar="URL", help="OK API address (default https://api.ok.ru; a sandbox's)"
    )
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="start a built-in sandbox and use its demo account (no OK account needed)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log API calls to stderr (secrets redacted); -vv: other libraries' debug lines too",
    )
    parser.set_defaults(command=None)
    if argv is not None and names_files(argv, COMMANDS):  # `okcomposer photo.jpg`: the window
        add_files_argument(parser)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, prog="okcomposer")

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
        "--tz", metavar="ZONE", help="time zone of a 'YYYY-mm-dd HH:MM' time, e.g. Europe/Berlin"
    )
    post.add_argument("--again", action="store_true", help=AGAIN_HELP)

    moment = sub.add_parser("moment", help="post each image as a Moment")
    moment.add_argument("images", nargs="+", metavar="IMAGE")
    moment.add_argument("--keep-gps", action="store_true", help="do not strip GPS location from photos")
    moment.add_argument("--again", action="store_true", help=AGAIN_HELP)

    check = sub.add_parser("check", help="precheck images; one JSON line per file")
    check.add_argument("images", nargs="+", metavar="IMAGE")

    imp = sub.add_parser(
        "import",
        help="import posts from a CSV file as drafts (and publish them with --publish)",
        description=(
            "Columns (English or Russian headers): text/текст, link/ссылка, photos/фото "
            "(paths separated by |, relative to the CSV's folder), target/группа (a group id or 'me'), "
            "publish_at/время, "
            "optional type/тип. publish_at is ISO 8601 with an offset (2025-03-01T14:00+03:00, or Z for UTC) "
            "or 'YYYY-mm-dd HH:MM' in your local time zone (this computer's, or --tz); with --publish a "
            "group row is scheduled on OK and a row for your page waits in the outbox "
            "(`okcomposer outbox run` sends it). "
            "UTF-8 with or without BOM; ';' or ',' between cells. Every row is checked first: "
            "any bad row exits 2 and nothing is saved or published."
        ),
    )
    imp.add_argument("csv", metavar="FILE.csv")
    imp.add_argument("--publish", action="store_true", help="publish every row after saving the drafts")
    imp.add_argument("--tz", metavar="ZONE", help="time zone of 'YYYY-mm-dd HH:MM' times, e.g. Europe/Berlin")
    imp.add_argument("--again", action="store_true", help="with --publish: " + AGAIN_HELP)
    add_outbox_command(sub)

    sub.add_parser("limits", help="print the limits okcomposer checks against (OKC_LIMIT_* overrides them)")

    login = sub.add_parser("login", help="sign in with OK OAuth; the tokens go to the system keyring")
    login.add_argument("--application-id", required=True, help="the numeric id of your OK application")
    login.add_argument("--application-key", required=True, help="the application's public key")
    login.add_argument("--redirect-uri", default="https://oauth.mycdn.me/blank.html")
    login.add_argument(
        "--code-flow",
        action="store_true",
        help="use the code flow with refresh (application secret key from OKC_APPLICATION_SECRET_KEY)",
    )
    sub.add_parser("accounts", help="list the signed-in accounts (* marks the current one)")
    logout = sub.add_parser("logout", help="sign out: delete an account's tokens from the keyring")
    logout.add_argument("uid", nargs="?", help="the account's user id (default: the current account)")

    add_sandbox_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (`argv` without the program name; default sys.argv[1:]); returns the exit code."""
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        # The reader of our output left (`| head`): end quietly. Python would flush stdout again at exit and
        # print "Exception ignored ... BrokenPipeError", so stdout now points at the null device.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE


def _main(argv: list[str]) -> int:
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.errors == "strict":
        sys.stdout.reconfigure(errors="surrogateescape")  # a non-UTF-8 file name prints as its own bytes
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    from okcomposer.store.paths import sweep_work

    sweep_work()  # photo copies that a killed upload left in the cache folder
    if args.command in ("post", "moment", "outbox", "login", "logout") or args.verbose:
        from okcomposer.store.logs import setup_verbose

        setup_verbose(args.verbose)
    try:
        return _dispatch(parser, args)
    except InputError as exc:
        for line in str(exc).splitlines():
            print(f"okcomposer: {line}", file=sys.stderr)
        return EXIT_INPUT
    except OkApiError as exc:
        print(f"okcomposer: {exc}", file=sys.stderr)
        return EXIT_API
    except OkCancelled:
        print("okcomposer: cancelled", file=sys.stderr)
        return 130
    except OkError as exc:
        print(f"okcomposer: {exc}", file=sys.stderr)
        return EXIT_API
    except KeyboardInterrupt:
        print("okcomposer: interrupted", file=sys.stderr)
        return 130


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "sandbox":
        from okcomposer.cli.sandbox import cmd_sandbox

        return cmd_sandbox(args)
    if args.command is None:
        from okcomposer.cli.gui import cmd_gui

        return cmd_gui(args)
    if args.command == "check":
        return cmd_check(args.images)
    if args.command == "limits":
        return cmd_limits()
    if args.command in ("post", "moment", "outbox"):
        from okcomposer.cli import outbox as cli_outbox

        return {
            "post": cli_outbox.cmd_post,
            "moment": cli_outbox.cmd_moment,
            "outbox": cli_outbox.cmd_outbox,
        }[args.command](args)
    if args.command == "import":
        return cmd_import(args)
    from okcomposer.cli.accounts import run_accounts_command  # login, accounts, logout: no other is left

    return run_accounts_command(args)


def _limits():
    from okcomposer.limits import current_limits

    try:
        return current_limits()
    except ValueError as exc:
        raise InputError(str(exc)) from None


def cmd_limits() -> int:
    from dataclasses import asdict

    print(json.dumps(asdict(_limits()), indent=2))
    return EXIT_OK


def cmd_check(images: Sequence[str]) -> int:
    from okcomposer.media.precheck import precheck

    limits = _limits()
    failed = 0
    for image in images:
        result = precheck(Path(image), limits)
        failed += not result.ok
        print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
    return EXIT_API if failed else EXIT_OK


def user_zone(name: str | None) -> tzinfo:
    """ZONE (--tz), else this computer's zone (with DST rules where it has a name), else its offset now."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise InputError(f"unknown time zone {name!r} (use a name like Europe/Moscow)") from None
    local = os.path.realpath("/etc/localtime").partition("zoneinfo/")[2]
    for candidate in (os.environ.get("TZ", "").lstrip(":"), local):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                pass
    return datetime.now().astimezone().tzinfo or UTC


def read_draft(path: str):
    """The Post in the draft file `path` (a regular file, at most 10 MB); InputError with one line if not."""
    from okcomposer.app.input_files import read_draft_file

    try:
        return read_draft_file(path)
    except ValueError as exc:  # InputFileError, DraftError: one line naming the file
        raise InputError(str(exc)) from None


@contextlib.contextmanager
def connect(args: argparse.Namespace) -> Iterator[tuple[OkClient, str | None]]:
    """An OkClient for the command, and the user's uid when known."""
    from okcomposer.api.client import OkClient
    from okcomposer.api.credentials import Credentials
    from okcomposer.app.accounts import CredentialsMissing, resolve

    if args.sandbox:
        from okcomposer.sandbox.server import Sandbox

        with Sandbox(host="127.0.0.1", port=0) as sandbox:
            info = sandbox.info()
            creds = Credentials(
                application_key=info["application_key"],
                access_token=info["access_token"],
                session_secret_key=info["session_secret_key"],
            )
            client = OkClient(creds, info["base_url"])
            print(
                f"okcomposer: using a built-in sandbox at {info['base_url']} (gone when this command ends)",
                file=sys.stderr,
            )
            try:
                yield client, str(info["user"]["uid"])
            finally:
                client.close()
        return
    try:
        session = resolve(os.environ, api_base=args.api_base)
        client = OkClient(session.credentials, session.api_base)
    except (CredentialsMissing, ValueError) as exc:
        raise InputError(str(exc)) from None
    try:
        yield client, session.account.uid if session.account else None
    finally:
        client.close()


def account_owner(args: argparse.Namespace) -> str:
    """The outbox's mark of the account this command publishes as, found without the network ("" if none)."""
    from okcomposer.app.accounts import resolve
    from okcomposer.app.outcomes import owner_of

    try:
        session = resolve(os.environ, api_base=args.api_base)
    except Exception:  # no account or no keyring: listing the outbox still works, nothing is sent
        return ""
    return owner_of(session.api_base, session.account.uid if session.account else None)


def _renewed_client(args: argparse.Namespace) -> OkClient | None:
    """A client with a renewed session for a stored code-flow account; None where that is not possible."""
    from okcomposer.api.client import OkClient
    from okcomposer.api.errors import OkAuthError
    from okcomposer.app.accounts import CredentialsMissing, renew, resolve
    from okcomposer.store.accounts import AccountStore

    if args.sandbox:
        return None
    store = AccountStore()
    try:
        session = resolve(os.environ, store, api_base=args.api_base)
        if session.account is None:
            return None
        fresh = renew(store, session.account)
    except (CredentialsMissing, OkAuthError):
        return None
    print("okcomposer: the session had expired and was renewed", file=sys.stderr)
    return OkClient(fresh.credentials, fresh.api_base)


def cmd_import(args: argparse.Namespace) -> int:
    """Check every row, then save drafts; with --publish, publish them row by row through the outbox."""
    from okcomposer.app import bulk_import as bulk
    from okcomposer.cli.outbox import EXIT_REPEAT, EXIT_UNCONFIRMED, open_outbox, say
    from okcomposer.store.drafts import DraftStore

    tz = user_zone(args.tz) if args.tz else None  # None: this computer's zone, DST rules and all
    limits = _limits()
    try:
        plan = bulk.load(Path(args.csv), tz=tz, limits=limits, page_later=args.publish)
    except bulk.ImportFailed as exc:
        raise InputError(str(exc)) from None
    if not plan.ok:
        raise InputError("\n".join([*plan.errors, "nothing was imported"]))
    if not args.publish:
        store = DraftStore(on_notice=say)
        for row, draft_id in zip(plan.rows, bulk.save_drafts(plan, store), strict=True):
            print(f"row {row.number}: draft {draft_id}")
        store.close()
        print(f"okcomposer: {len(plan.rows)} row(s) saved as drafts", file=sys.stderr)
        return EXIT_OK
    from okcomposer.store.logs import setup_verbose

    setup_verbose(args.verbose)
    with connect(args) as (client, uid), open_outbox(args) as outbox:
        if uid is None:
            from okcomposer.api.methods import get_current_user

            uid = get_current_user(client).uid
        refused = bulk.check_rights(client, plan, uid)
        if refused:
            raise InputError("\n".join([*refused, "nothing was imported"]))
        store = outbox.store.drafts
        results = bulk.publish_rows(
            client,
            plan,
            store,
            bulk.save_drafts(plan, store, outbox),
            uid=uid,
            limits=limits,
            on_result=lambda r: print(r.line(), flush=True),
            again=args.again,
            outbox=outbox,
            tz=user_zone(args.tz),
        )
    print(f"okcomposer: {bulk.rows_summary(results)}", file=sys.stderr)
    states = {r.state for r in results}
    if states & {"failed", "not_sent", "skipped"}:
        return EXIT_API
    return EXIT_UNCONFIRMED if "unknown" in states else EXIT_REPEAT if "already" in states else EXIT_OK
