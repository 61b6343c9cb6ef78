"""`okcomposer limits`: the limits okcomposer checks against, as JSON (OKC_LIMIT_* overrides them)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from okcomposer.cli.common import EXIT_OK, limits_in_force


def add_parser(sub: Any) -> None:
    """`limits`."""
    limits = sub.add_parser(
        "limits", help="print the limits okcomposer checks against (OKC_LIMIT_* overrides them)"
    )
    limits.set_defaults(run=cmd_limits)


def cmd_limits(args: argparse.Namespace) -> int:
    """The limits in force as indented JSON on stdout (okcomposer.limits.Limits' fields); exit 2 for a bad
    OKC_LIMIT_* value."""
    from dataclasses import asdict

    print(json.dumps(asdict(limits_in_force()), indent=2))
    return EXIT_OK
