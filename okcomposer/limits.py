"""OK's limits that OK never published (ok-api.md section 6): one table, used by the app and the sandbox.

The defaults are conservative guesses; a user can see them (`okcomposer limits`) and override any of them
with an environment variable `OKC_LIMIT_<NAME>` (e.g. `OKC_LIMIT_PHOTO_MAX_BYTES=52428800`).
"""

from __future__ import annotations

import os
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


def current_limits(environ: dict[str, str] | None = None) -> Limits:
    """The defaults, with any `OKC_LIMIT_<NAME>` integer override from the environment applied."""
    env = os.environ if environ is None else environ
    changes: dict[str, Any] = {}
    for field in fields(Limits):
        raw = env.get("OKC_LIMIT_" + field.name.upper())
        if raw is None or field.type != "int":
            continue
        try:
            changes[field.name] = int(raw)
        except ValueError as exc:
            raise ValueError(f"OKC_LIMIT_{field.name.upper()} must be a whole number, not {raw!r}") from exc
    return replace(Limits(), **changes)
