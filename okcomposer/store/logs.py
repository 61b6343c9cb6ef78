"""The log file: rotating, under the platformdirs log folder, every line passed through the secret filter.

Levels: our own loggers (okcomposer.*, Qt's messages included as okcomposer.qt) log from the level asked for;
every other library's (urllib3, PIL, requests_toolbelt, keyring, asyncio, charset_normalizer, ...) only from
WARNING, unless `third_party` asks for more (`okcomposer -vv`). Their DEBUG lines are noise to a user (Pillow
writes one per PNG chunk) and urllib3's carry whole URLs.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from okcomposer.redact import RedactingFilter
from okcomposer.store import paths

FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"
OWN = "okcomposer"  # the logger our modules' loggers (logging.getLogger(__name__)) descend from
_saved_level: int | None = None  # the root logger's level before setup_logging, for close_logging


class LevelFilter(logging.Filter):
    """Keeps okcomposer's records from `own` up and every other library's from `others` up, also from a
    library logger that sets its own level. A filter on our handlers rather than levels on the loggers: the
    logger tree stays as it was (pytest's caplog.set_level still works after a test set logging up)."""

    def __init__(self, own: int, others: int):
        super().__init__()
        self.own, self.others = own, others

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= (self.own if is_own(record.name) else self.others)


def is_own(name: str) -> bool:
    """`name` is okcomposer's logger or one under it."""
    return name == OWN or name.startswith(OWN + ".")


def setup_logging(
    level: int = logging.INFO, console: bool = False, third_party: int = logging.WARNING
) -> Path:
    """Log to okcomposer.log (1 MB x 3 files) and, when asked, to stderr; returns the file's path.

    `level` applies to okcomposer.* loggers, `third_party` to every other one (a logging level, e.g.
    logging.DEBUG); close_logging() puts the root logger's level back as it was.
    """
    global _saved_level
    path = paths.log_dir() / "okcomposer.log"
    root = logging.getLogger()
    _remove_handlers(root)
    if _saved_level is None:
        _saved_level = root.level
    handlers: list[logging.Handler] = [
        logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    ]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(LevelFilter(level, third_party))
        handler.addFilter(RedactingFilter())  # last: it only rewrites the records that are kept
        handler._okcomposer = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(min(level, third_party))  # what every logger without a level of its own inherits
    return path


def setup_verbose(verbose: int) -> Path:
    """The command line's logging: INFO to the file; -v (1) adds our DEBUG lines, also on stderr;
    -vv (2 or more) adds every library's DEBUG lines too (urllib3's requests, Pillow's decoding)."""
    return setup_logging(
        logging.DEBUG if verbose else logging.INFO,
        console=verbose > 0,
        third_party=logging.DEBUG if verbose > 1 else logging.WARNING,
    )


def is_set_up() -> bool:
    """setup_logging() has run (and close_logging() has not)."""
    return any(getattr(h, "_okcomposer", False) for h in logging.getLogger().handlers)


def close_logging() -> None:
    """Remove and close the handlers setup_logging() added; the root logger's level is put back."""
    global _saved_level
    root = logging.getLogger()
    _remove_handlers(root)
    if _saved_level is not None:
        root.setLevel(_saved_level)
        _saved_level = None


def _remove_handlers(root: logging.Logger) -> None:
    for handler in list(root.handlers):
        if getattr(handler, "_okcomposer", False):
            root.removeHandler(handler)
            handler.close()
