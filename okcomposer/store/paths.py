"""Where okcomposer keeps its files; OKCOMPOSER_HOME moves them all (tests, portable installs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "okcomposer"


def _base(kind: str) -> Path:
    home = os.environ.get("OKCOMPOSER_HOME")
    if home:
        return Path(home) / kind
    getter = {
        "config": platformdirs.user_config_dir,
        "data": platformdirs.user_data_dir,
        "cache": platformdirs.user_cache_dir,
        "log": platformdirs.user_log_dir,
    }[kind]
    return Path(getter(APP, appauthor=False))


def folder(kind: str) -> Path:
    """The config, data, cache or log folder, created on first use."""
    path = _base(kind)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    return folder("config")


def data_dir() -> Path:
    return folder("data")


def cache_dir() -> Path:
    return folder("cache")


def log_dir() -> Path:
    return folder("log")
