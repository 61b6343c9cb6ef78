"""`okcomposer sandbox`: serve the local OK API emulator (okcomposer.sandbox) until Ctrl+C or SIGTERM.

The options are declared here, without the emulator: parsing any other command never imports it.
Exit codes: 0 stopped, 1 cannot listen, 2 bad option (one line on stderr, nothing started).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

from okcomposer.cli.common import limits_in_force

PROG = "okcomposer sandbox"
MAX_LATENCY_MS = 3_600_000  # an hour: more is no test of anything, and a timeout must fit a C double
MAX_TTL_MS = 10 * 365 * 86_400_000  # ten years


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, else one line naming the range."""

    def parse(text: str) -> int:
        if not (text.isascii() and text.isdigit()) or len(text) > len(str(high)) + 5:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low} to {high}, not {text!r}")
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low} to {high}, not {text!r}")
        return value

    return parse


def add_parser(sub: Any) -> None:
    """`sandbox [--host H [--allow-remote]] [--port P] [--latency-ms MS] [--upload-ttl-ms MS] [--fault F]`."""
    parser = sub.add_parser(
        "sandbox",
        help="run a local OK API emulator on 127.0.0.1",
        description="Serve a local emulator of the OK API for the demo account; prints its address and "
        "demo tokens as one JSON line, then runs until Ctrl+C. It has no passwords: its /sandbox/* hooks "
        "show its state and inject faults, so it listens on this computer only unless --allow-remote.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other computers can reach (anyone there can then read the sandbox's state, "
        "add faults and take its demo tokens)",
    )
    parser.add_argument(
        "--port", type=whole_number(0, 65535), default=0, help="port (default 0: a free port)"
    )
    parser.add_argument(
        "--latency-ms",
        type=whole_number(0, MAX_LATENCY_MS),
        default=0,
        help="delay every answer by this much",
    )
    parser.add_argument(
        "--upload-ttl-ms", type=whole_number(0, MAX_TTL_MS), default=86_400_000, help="upload URL lifetime"
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="METHOD=KIND[:TIMES]",
        help="inject a fault, e.g. mediatopic.post=drop_after:1 (TIMES 0 = every call); repeatable",
    )
    parser.add_argument(
        "--exit-with-parent", action="store_true", help="stop when the process that started this one ends"
    )
    parser.add_argument(
        "--no-history",
        dest="history",
        action="store_false",
        help="start the demo groups without their month of earlier topics (and statistics)",
    )
    parser.set_defaults(run=cmd_sandbox)


def cmd_sandbox(args: argparse.Namespace) -> int:
    """Serve until Ctrl+C or SIGTERM; prints Sandbox.info() as one JSON line first."""
    from okcomposer.sandbox.faults import parse_spec
    from okcomposer.sandbox.server import Sandbox, is_loopback

    limits_in_force()  # a bad OKC_LIMIT_* is one line and exit 2, not a traceback from the server
    if not args.allow_remote and not is_loopback(args.host):
        print(
            f"{PROG}: {args.host!r} is not a loopback address: other computers could reach the sandbox; "
            "add --allow-remote if that is what you want",
            file=sys.stderr,
        )
        return 2
    sandbox = Sandbox(
        host=args.host,
        port=args.port,
        latency_ms=args.latency_ms,
        upload_ttl_ms=args.upload_ttl_ms,
        allow_remote=args.allow_remote,
        with_history=args.history,
    )
    try:
        for spec in args.fault:
            method, kind, times, body = parse_spec(spec)
            sandbox.add_fault(method, kind, times, body=body)
    except ValueError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    try:
        sandbox.start()
    except (OSError, OverflowError, UnicodeError) as exc:
        print(f"{PROG}: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    if not is_loopback(args.host):
        print(
            f"{PROG}: warning: listening on {args.host}:{sandbox.port}, which other computers may reach; "
            "anyone who can reach it can read its state, add faults and take its demo tokens",
            file=sys.stderr,
            flush=True,
        )
    return _serve(sandbox, args.exit_with_parent)


def _serve(sandbox: Any, exit_with_parent: bool) -> int:
    done = threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        # Ctrl+C and SIGTERM both end the loop quietly, even where SIGINT was inherited as ignored.
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, lambda *_: done.set())
    try:
        print(json.dumps(sandbox.info()), flush=True)
        parent = os.getppid()
        while not done.wait(0.2):
            if exit_with_parent and os.getppid() != parent:
                break  # the app that started us died (even by SIGKILL): do not linger
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0
