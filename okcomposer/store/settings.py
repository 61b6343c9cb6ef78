"""User settings: typed options in settings.json under the config folder (store.options), never a secret."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from okcomposer.store import paths
from okcomposer.store.options import OptionFile, Upgrade, option, valid

VERSION = 1
UPGRADES: dict[int, Upgrade] = {}  # UPGRADES[n] turns a version-n settings.json into version n+1
LANGUAGES = ("", "en", "ru")  # "" follows the system locale
THEMES = ("system", "light", "dark")
MAX_PARALLEL_UPLOADS = 8


RECENT_EMOJI = 32


def known_zone(name: str) -> bool:
    """Whether `name` is "" (this computer's zone) or an IANA zone name zoneinfo knows ("Europe/Moscow")."""
    if name == "":
        return True
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name that is a folder, not a zone
        return False
    return True


def _emoji_list(value: object) -> tuple[str, ...]:
    """A JSON list of short strings (emoji), at most RECENT_EMOJI; TypeError for anything else."""
    if not isinstance(value, list) or not all(isinstance(v, str) and 0 < len(v) <= 16 for v in value):
        raise TypeError("not a list of emoji")
    return tuple(value[:RECENT_EMOJI])


@dataclass(frozen=True)
class Settings:
    """Each option declared once: name, type, default, group and check (a bad value reads as the default)."""

    language: str = option("", group="interface", check=lambda v: v in LANGUAGES)
    theme: str = option("system", group="interface", check=lambda v: v in THEMES)
    strip_gps: bool = option(True, group="photos")
    parallel_uploads: int = option(4, group="photos", check=lambda n: 1 <= n <= MAX_PARALLEL_UPLOADS)
    last_target: str = option("", group="publishing")  # "me" or a group id
    # The emoji picker's recent ones, newest first (ui.compose.emoji_picker).
    recent_emoji: tuple[str, ...] = option((), group="compose", load=_emoji_list, dump=list)
    spelling_notice_seen: bool = option(False, group="compose")  # "no dictionary: how to get one", said once
    # The zone of Insights, `okcomposer stats`, the posting slots and Next free slot: "" is this computer's.
    time_zone: str = option("", group="interface", check=known_zone)

    def validated(self) -> Settings:
        """Any value out of range falls back to its default, so a hand-edited file cannot break the app."""
        return valid(self)


class SettingsStore:
    """settings.json in the config folder (or `path`); `notice` says if a damaged file was kept aside."""

    def __init__(self, path: Path | None = None):
        self.path = path or paths.config_dir() / "settings.json"
        self.file = OptionFile(self.path, Settings, VERSION, UPGRADES)

    @property
    def notice(self) -> str | None:
        return self.file.notice

    def load(self) -> Settings:
        return self.file.load()

    def save(self, settings: Settings) -> None:
        self.file.save(settings)
