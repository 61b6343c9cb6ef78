"""Posting slots per target (weekly times) and the gap between posts, in a small versioned JSON file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okcomposer.store import paths
from okcomposer.store.accounts import write_atomically

VERSION = 1
DEFAULT_GAP_MINUTES = 60
Weekly = tuple[int, int, int]  # (weekday 0 = Monday, hour, minute) in the user's own time zone


def _weekly(value: Any) -> Weekly | None:
    """A stored [weekday, hour, minute], or None when it is not one (a hand-edited file)."""
    if not isinstance(value, list) or len(value) != 3 or not all(type(v) is int for v in value):
        return None
    weekday, hour, minute = value
    if 0 <= weekday <= 6 and 0 <= hour <= 23 and 0 <= minute <= 59:
        return weekday, hour, minute
    return None


@dataclass
class SlotSettings:
    """Weekly times per target ("me" or a group id) and the minimum gap between two posts in one place."""

    slots: dict[str, list[Weekly]] = field(default_factory=dict)
    gap_minutes: int = DEFAULT_GAP_MINUTES

    def of(self, target: str) -> list[Weekly]:
        return list(self.slots.get(target, []))

    def set(self, target: str, weekly: list[Weekly]) -> None:
        """Replace a target's times (sorted, without repeats); an empty list forgets the target."""
        clean = sorted(set(weekly))
        if clean:
            self.slots[target] = clean
        else:
            self.slots.pop(target, None)


class SlotStore:
    """slots.json in the config folder; a broken or missing file reads as no slots and a 60-minute gap."""

    def __init__(self, path: Path | None = None):
        self.path = path or paths.config_dir() / "slots.json"

    def load(self) -> SlotSettings:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return SlotSettings()
        if not isinstance(data, dict):
            return SlotSettings()
        gap = data.get("gap_minutes")
        settings = SlotSettings(gap_minutes=gap if type(gap) is int and 1 <= gap <= 24 * 60 else 60)
        groups = data.get("slots")
        for target, items in groups.items() if isinstance(groups, dict) else ():
            if isinstance(target, str) and isinstance(items, list):
                settings.set(target, [w for w in map(_weekly, items) if w is not None])
        return settings

    def save(self, settings: SlotSettings) -> None:
        data = {
            "version": VERSION,
            "gap_minutes": settings.gap_minutes,
            "slots": {t: [list(w) for w in ws] for t, ws in sorted(settings.slots.items())},
        }
        write_atomically(self.path, json.dumps(data, indent=2))
