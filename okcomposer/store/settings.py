"""User settings: typed options in settings.json under the config folder (store.options), never a secret."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from okcomposer.store import paths
from okcomposer.store.options import OptionFile, Upgrade, option, valid

VERSION = 1
UPGRADES: dict[int, Upgrade] = {}  # UPGRADES[n] turns a version-n settings.json into version n+1
LANGUAGES = ("", "en", "ru")  # "" follows the system locale
THEMES = ("system", "light", "dark")
MAX_PARALLEL_UPLOADS = 8


@dataclass(frozen=True)
class Settings:
    """Each option declared once: name, type, default, group and check (a bad value reads as the default)."""

    language: str = option("", group="interface", check=lambda v: v in LANGUAGES)
    theme: str = option("system", group="interface", check=lambda v: v in THEMES)
    strip_gps: bool = option(True, group="photos")
    parallel_uploads: int = option(4, group="photos", check=lambda n: 1 <= n <= MAX_PARALLEL_UPLOADS)
    last_target: str = option("", group="publishing")  # "me" or a group id

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
