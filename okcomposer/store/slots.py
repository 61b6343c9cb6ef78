"""Posting slots per target (weekly times) and the gap between posts, in slots.json (store.options)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okcomposer.store import paths
from okcomposer.store.options import OptionFile, Upgrade, option

VERSION = 1
UPGRADES: dict[int, Upgrade] = {}  # UPGRADES[n] turns a version-n slots.json into version n+1
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


def _load_slots(value: Any) -> dict[str, list[Weekly]]:
    """{target: sorted weekly times} from the stored object; bad targets and times are left out."""
    if not isinstance(value, dict):
        raise TypeError("slots are not an object")
    result: dict[str, list[Weekly]] = {}
    for target, items in value.items():
        if isinstance(target, str) and isinstance(items, list):
            clean = sorted({w for w in map(_weekly, items) if w is not None})
            if clean:
                result[target] = clean
    return result


def _dump_slots(slots: dict[str, list[Weekly]]) -> dict[str, list[list[int]]]:
    return {t: [list(w) for w in ws] for t, ws in sorted(slots.items())}


@dataclass
class SlotSettings:
    """Weekly times per target ("me" or a group id) and the minimum gap between two posts in one place."""

    slots: dict[str, list[Weekly]] = option(factory=dict, group="slots", load=_load_slots, dump=_dump_slots)
    gap_minutes: int = option(DEFAULT_GAP_MINUTES, group="slots", check=lambda n: 1 <= n <= 24 * 60)

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
    """slots.json in the config folder; a missing file reads as no slots and a 60-minute gap; `notice` says
    if a damaged file was kept aside."""

    def __init__(self, path: Path | None = None):
        self.path = path or paths.config_dir() / "slots.json"
        self.file = OptionFile(self.path, SlotSettings, VERSION, UPGRADES)

    @property
    def notice(self) -> str | None:
        return self.file.notice

    def load(self) -> SlotSettings:
        return self.file.load()

    def save(self, settings: SlotSettings) -> None:
        self.file.save(settings)
