"""OK's limits that OK never published (ok-api.md section 6): one table, used by the app and the sandbox.

The defaults are conservative guesses; a user can see them (`okcomposer limits`) and override any of them
with an environment variable `OKC_LIMIT_<NAME>` (e.g. `OKC_LIMIT_PHOTO_MAX_BYTES=52428800`); an override
outside the limit's sane range (RANGES, ORDERED) is refused with a message naming it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    photo_max_bytes: int = 30 * MIB
    photo_min_side: int = 32
    photo_max_side: int = 12_000
    photo_max_pixels: int = 80_000_000
    photo_formats: tuple[str, ...] = ("JPEG", "PNG", "GIF", "BMP", "WEBP", "TIFF")
    photos_per_upload_url: int = 10
    text_max_chars: int = 100_000
    blocks_max: int = 50
    poll_question_max_chars: int = 255
    poll_answers_min: int = 2
    poll_answers_max: int = 20
    poll_answer_max_chars: int = 255
    video_min_bytes: int = 16 * 1024
    video_max_bytes: int = 1024 * MIB
    app_image_size: tuple[int, int] = (492, 364)


# The sane range of each whole-number limit, (lowest, highest): a limit must be positive, and no larger than
# anything a phone or a PC could make (a negative or 5000-digit value is a typo, never a wish).
GIB = 1024 * MIB
RANGES: dict[str, tuple[int, int]] = {
    "photo_max_bytes": (1, 4 * GIB),
    "photo_min_side": (1, 100_000),
    "photo_max_side": (1, 100_000),
    "photo_max_pixels": (1, 10_000_000_000),
    "photos_per_upload_url": (1, 1000),
    "text_max_chars": (1, 100_000_000),
    "blocks_max": (1, 10_000),
    "poll_question_max_chars": (1, 100_000),
    "poll_answers_min": (1, 1000),
    "poll_answers_max": (1, 1000),
    "poll_answer_max_chars": (1, 100_000),
    "video_min_bytes": (1, 1024 * GIB),
    "video_max_bytes": (1, 1024 * GIB),
}
# (smaller, larger): the first must not exceed the second.
ORDERED = (
    ("photo_min_side", "photo_max_side"),
    ("poll_answers_min", "poll_answers_max"),
    ("video_min_bytes", "video_max_bytes"),
)
_WHOLE = re.compile(r"[+-]?[0-9]{1,30}")


def variable(name: str) -> str:
    """The environment variable that overrides limit `name`: OKC_LIMIT_<NAME>."""
    return "OKC_LIMIT_" + name.upper()


def checked_limits(environ: Mapping[str, str] | None = None) -> tuple[Limits, dict[str, str]]:
    """The limits with every sensible `OKC_LIMIT_<NAME>` override applied, and {variable: message} for the
    overrides that were not (out of RANGES, not a whole number, or a minimum above its maximum): those
    limits keep their defaults. Each message names the variable and the allowed range, in one line."""
    env = os.environ if environ is None else environ
    defaults = Limits()
    changes: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for field in fields(Limits):
        raw = env.get(variable(field.name))
        if raw is None or field.type != "int":
            continue
        low, high = RANGES[field.name]
        text = raw.strip()
        value = int(text) if _WHOLE.fullmatch(text) else None
        if value is None or not low <= value <= high:
            shown = raw if len(raw) <= 40 else raw[:40] + "..."
            problems[variable(field.name)] = (
                f"{variable(field.name)} must be a whole number from {low} to {high}, not {shown!r}"
            )
        else:
            changes[field.name] = value
    for small, large in ORDERED:
        lo, hi = changes.get(small, getattr(defaults, small)), changes.get(large, getattr(defaults, large))
        if lo > hi:
            blamed = small if small in changes else large  # the one the user set (both: the minimum)
            problems[variable(blamed)] = (
                f"{variable(blamed)}={changes[blamed]} is out of range: {variable(small)} ({lo}) must not "
                f"exceed {variable(large)} ({hi})"
            )
            changes.pop(blamed)
    return replace(defaults, **changes), problems


def current_limits(environ: Mapping[str, str] | None = None) -> Limits:
    """The defaults, with any `OKC_LIMIT_<NAME>` integer override from the environment applied.

    Raises ValueError, one line per bad override, naming its variable and allowed range (checked_limits):
    the CLI prints them and exits 2; the window (ui.app) shows them and uses the defaults instead.
    """
    limits, problems = checked_limits(environ)
    if problems:
        raise ValueError("\n".join(problems.values()))
    return limits
