"""User settings: a small typed JSON file under the config folder, versioned, never holding a secret."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from okcomposer.store import paths
from okcomposer.store.accounts import write_atomically

VERSION = 1
LANGUAGES = ("", "en", "ru")  # "" follows the system locale
THEMES = ("system", "light", "dark")


@dataclass(frozen=True)
class Settings:
    language: str = ""
    theme: str = "system"
    strip_gps: bool = True
    parallel_uploads: int = 4
    last_target: str = ""  # "me" or a group id

    def validated(self) -> Settings:
        """Any value out of range falls back to its default, so a hand-edited file cannot break the app."""
        default = Settings()
        fixes: dict[str, Any] = {}
        if self.language not in LANGUAGES:
            fixes["language"] = default.language
        if self.theme not in THEMES:
            fixes["theme"] = default.theme
        if not 1 <= self.parallel_uploads <= 8:
            fixes["parallel_uploads"] = default.parallel_uploads
        return replace(self, **fixes)


def _upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """One step per old version; version 1 is the first."""
    data["version"] = VERSION
    return data


class SettingsStore:
    def __init__(self, path: Path | None = None):
        self.path = path or paths.config_dir() / "settings.json"

    def load(self) -> Settings:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Settings()
        if not isinstance(data, dict):
            return Settings()
        data = _upgrade(data)
        known = {f.name: f for f in fields(Settings)}
        values = {}
        for key, value in data.items():
            field = known.get(key)
            if field is not None and type(value).__name__ == field.type:
                values[key] = value
        return Settings(**values).validated()

    def save(self, settings: Settings) -> None:
        data = {"version": VERSION, **asdict(settings.validated())}
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=2))
