"""The crash path: a bug shows its traceback to copy (draft saved first); a hard crash is offered next start.

PySide6, unlike PyQt, only prints an exception raised in a slot; without sys.excepthook it would vanish.
`faulthandler` writes what it can of a hard crash (a segfault, an abort) to faulthandler.log in the log
folder; the next start offers to show that file, then moves it aside as faulthandler.log.1.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:  # the dialogs' modules load when one is shown: not before the window's first paint
    from PySide6.QtWidgets import QMessageBox, QWidget

    from okcomposer.ui.common.crash_dialog import CrashDialog

from okcomposer.redact import redact
from okcomposer.store import paths

log = logging.getLogger(__name__)
FAULT_FILE = "faulthandler.log"
_handler: CrashHandler | None = None


def expected_failures() -> tuple[type[BaseException], ...]:
    """Failures a Task may end with that are not bugs: OK's, the network's, the disk's, the user's input."""
    from okcomposer.api.blocks import DraftError
    from okcomposer.api.errors import OkError
    from okcomposer.app.accounts import CredentialsMissing
    from okcomposer.app.outbox import AlreadyPublished, Busy
    from okcomposer.app.photos import BadPhotos
    from okcomposer.app.publish import InvalidPost
    from okcomposer.media.fixes import FixError
    from okcomposer.store.secrets import NoKeyringError

    return (
        OkError,
        OSError,
        NoKeyringError,
        CredentialsMissing,
        InvalidPost,
        BadPhotos,
        DraftError,
        FixError,
        AlreadyPublished,  # the views ask the user instead
        Busy,
    )


def is_bug(exc: object) -> bool:
    """An exception no view can explain to the user (a bug in okcomposer): it goes to the crash dialog."""
    return isinstance(exc, BaseException) and not isinstance(exc, expected_failures())


def current() -> CrashHandler | None:
    """The installed handler (while run_gui runs), else None."""
    return _handler


def report_task_failure(name: str, text: str) -> None:
    """A background Task failed with a bug: log it and, when the app runs, show the crash dialog."""
    if _handler is not None:
        _handler.report(text, name)
    else:
        log.error("task %s failed:\n%s", name, redact(text))


class CrashHandler(QObject):
    """Installs sys.excepthook, threading.excepthook and faulthandler; shows reports on the GUI thread."""

    _reported = Signal(str)
    """A redacted traceback, emitted on any thread and delivered queued on the GUI thread."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.save_draft: Callable[[], None] | None = None  # set by the main window once it exists
        self.parent_widget: QWidget | None = None
        self.dialog: CrashDialog | None = None  # the open crash dialog (tests look at it)
        self.offer: QMessageBox | None = None  # the offer to show the previous run's crash
        self.previous_dialog: CrashDialog | None = None  # the previous run's report, once asked for
        self.reports: list[str] = []
        self.previous_crash = ""  # what faulthandler wrote in the previous run, if it crashed
        self._fault_file: IO[str] | None = None
        self._hooks: tuple = ()
        self._fault_was_enabled = False
        # Shown from the event loop, never inside the hook (a report from another thread arrives queued).
        self._reported.connect(lambda text: QTimer.singleShot(0, self, lambda: self._show(text)))

    # --- installing ------------------------------------------------------------------------------
    def install(self, log_dir: Path | None = None) -> None:
        global _handler
        self._hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        _handler = self
        folder = log_dir or paths.log_dir()
        self.previous_crash = _take_fault_file(folder / FAULT_FILE)
        self._fault_was_enabled = faulthandler.is_enabled()
        try:
            self._fault_file = open(folder / FAULT_FILE, "w", encoding="utf-8")  # noqa: SIM115 - open all run
            faulthandler.enable(self._fault_file, all_threads=True)
        except OSError as exc:
            log.warning("faulthandler could not write to %s: %s", folder, exc)

    def uninstall(self) -> None:
        global _handler
        if self._hooks:
            sys.excepthook, threading.excepthook = self._hooks
            self._hooks = ()
        if _handler is self:
            _handler = None
        if self._fault_file is not None:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None
            if self._fault_was_enabled and sys.__stderr__ is not None:
                faulthandler.enable(sys.__stderr__, all_threads=True)  # as it was (pytest enables it)

    # --- the hooks -------------------------------------------------------------------------------
    def excepthook(self, kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt) and self._hooks:
            self._hooks[0](kind, value, tb)
            return
        self.report("".join(traceback.format_exception(kind, value, tb)))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.report(
            "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)), name
        )

    def report(self, text: str, where: str = "") -> None:
        """Log a traceback (from any thread) and show it in the crash dialog on the GUI thread."""
        clean = redact(text)
        if where:
            clean = f"[{where}]\n{clean}"
        log.error("unhandled exception:\n%s", clean)
        self._reported.emit(clean)

    def _show(self, text: str) -> None:
        self.reports.append(text)
        if self.dialog is not None:  # a second report while the first is open
            self.dialog.add_report(text)
            return
        if self.save_draft is not None:
            try:
                self.save_draft()
            except Exception:  # noqa: BLE001 - the dialog must come even when saving fails too
                log.exception("saving the draft before the crash dialog failed")
        from okcomposer.ui.common.crash_dialog import CrashDialog

        self.dialog = CrashDialog(text, self.parent_widget)
        try:
            self.dialog.exec()
        finally:
            self.dialog.deleteLater()
            self.dialog = None

    # --- the previous run --------------------------------------------------------------------------
    def offer_previous_crash(self, parent: QWidget | None = None) -> QMessageBox | None:
        """When the previous run crashed hard, ask whether to show what faulthandler wrote."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        if not self.previous_crash:
            return None
        text = self.previous_crash
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("okcomposer closed unexpectedly"),
            self.tr("okcomposer closed unexpectedly the last time it ran. Show the crash report?"),
            parent=parent,
        )
        show = box.addButton(self.tr("Show the report"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(show)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        show.clicked.connect(lambda: self._show_previous(text, parent))
        self.offer = box
        box.open()
        return box

    def _show_previous(self, text: str, parent: QWidget | None) -> None:
        from PySide6.QtCore import Qt

        from okcomposer.ui.common.crash_dialog import CrashDialog

        dialog = CrashDialog(text, parent, previous_run=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.previous_dialog = dialog
        dialog.open()


def _take_fault_file(path: Path) -> str:
    """The previous run's faulthandler output ("" when it ended normally); the file is moved to .1."""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    if not data.strip():
        return ""
    try:
        path.replace(path.with_name(path.name + ".1"))
    except OSError as exc:
        log.warning("could not move %s aside: %s", path, exc)
    return redact(data.decode("utf-8", errors="replace"))
