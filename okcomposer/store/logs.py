"""The log file: rotating, under the platformdirs log folder, every line passed through the secret filter."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from okcomposer.redact import RedactingFilter
from okcomposer.store import paths

FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


def setup_logging(level: int = logging.INFO, console: bool = False) -> Path:
    """Log to okcomposer.log (1 MB x 3 files) and, when asked, to stderr; returns the file's path."""
    path = paths.log_dir() / "okcomposer.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_okcomposer", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = [
        logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    ]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(RedactingFilter())
        handler._okcomposer = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    # urllib3 logs full URLs at DEBUG; upload URLs carry a token, which the filter masks.
    return path


def is_set_up() -> bool:
    """setup_logging() has run (and close_logging() has not)."""
    return any(getattr(h, "_okcomposer", False) for h in logging.getLogger().handlers)


def close_logging() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_okcomposer", False):
            root.removeHandler(handler)
            handler.close()
