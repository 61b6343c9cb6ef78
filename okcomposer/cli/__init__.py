"""The command line: publish drafts and Moments, check images, run the sandbox; no command opens the window.

Exit codes: 0 done, 1 OK or the network refused, 2 bad input (nothing was sent); the publishing commands
(post, moment, import --publish, outbox) add 3 (a repeat: nothing sent) and 4 (not confirmed), see
okcomposer.cli.outbox. 141 (128 + SIGPIPE, as a shell reports a tool the pipe ended): the reader of the
output went away (`okcomposer check *.jpg | head -1`); nothing more is printed.

One module per command group, each with `add_parser(sub)` (its options; it sets `run`, the function the
command runs) and its commands; they share okcomposer.cli.common (and the publishing ones
okcomposer.cli.sending), never each other. Declaring the options imports only the standard library: what a
command needs (the client, the sandbox, Pillow, Qt) is imported when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from okcomposer import __version__
from okcomposer.api.errors import OkApiError, OkCancelled, OkError
from okcomposer.cli import gui
from okcomposer.cli.common import EXIT_API, EXIT_INPUT, EXIT_PIPE, InputError

__all__ = ["COMMANDS", "EXIT_PIPE", "build_parser", "main"]

COMMANDS = (
    "post", "moment", "check", "import", "outbox", "stats", "limits", "login", "accounts", "logout", "sandbox"
)  # fmt: skip
# The modules of the command groups (each has add_parser), in the order `okcomposer --help` lists them;
# imported only when a command or --help is given: opening the window declares none of them.
GROUPS = ("post", "imports", "outbox", "stats", "limits", "accounts", "sandbox")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line, not a usage dump
        self.exit(EXIT_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given an `argv` whose first word is no command, the window's: options and FILE…."""
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
    parser.set_defaults(command=None, run=gui.cmd_gui)  # no command: the window
    if argv is not None and gui.names_files(argv, COMMANDS):  # `okcomposer photo.jpg`: with this photo
        gui.add_files_argument(parser)
        return parser
    if argv is not None and gui.opens_window(argv):  # `okcomposer --sandbox`: no command to declare
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, prog="okcomposer")
    for group in GROUPS:
        importlib.import_module(f"okcomposer.cli.{group}").add_parser(sub)
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
        if args.command is None:  # the window: refuse a mistyped command before any of Qt is imported
            problem = gui.not_a_file(getattr(args, "files", []), COMMANDS)
            if problem:
                raise InputError(problem)
        return args.run(args)
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
