"""Qt's own messages (qDebug/qWarning/qCritical, e.g. "QFont::setPointSize: ...") into Python logging.

Left alone, Qt prints them to stderr as they are: never in the log file and past the secret filter (a network
warning can quote a URL with its access_token). Installed, each one goes to the "okcomposer.qt" logger at its
level, redacted, and so through the log handlers' filters like every other record (store/logs.py).
The handler that was in place before keeps getting every message, redacted: in the tests that is pytest-qt's
capture, so `qt_log_level_fail` and `qt_log_ignore` work as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from okcomposer.redact import redact

log = logging.getLogger("okcomposer.qt")
LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,  # Qt aborts once the handler returns; faulthandler sees that
}
_installed = False
_previous: Callable[[QtMsgType, QMessageLogContext, str], Any] | None = None


def install() -> None:
    """Send Qt's messages to logging from now until uninstall(); installing twice changes nothing.

    Call it before the QApplication is made, so the platform plugin's first warnings are caught too.
    """
    global _installed, _previous
    if _installed:
        return
    _previous = qInstallMessageHandler(handle)
    _installed = True


def uninstall() -> None:
    """Put back the message handler install() replaced (Qt's own printing to stderr, or pytest-qt's)."""
    global _installed, _previous
    if not _installed:
        return
    qInstallMessageHandler(_previous)
    _installed, _previous = False, None


def is_installed() -> bool:
    return _installed


def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's message handler (called on any thread): log `message` redacted, then pass it on."""
    text = redact(message)  # here too: with no log handler set up, logging's last resort prints it raw
    category = context.category  # "default" for plain qWarning(); "qt.network.ssl" and so on for Qt's own
    where = f"[{category}] " if category and category != "default" else ""
    log.log(LEVELS.get(kind, logging.WARNING), "%s%s", where, text)
    previous = _previous
    if previous is not None:
        previous(kind, context, text)
