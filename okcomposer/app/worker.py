"""The one way to run work off the GUI thread: a worker QObject moved to a QThread, results by signal."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from okcomposer.api.upload import CancelToken
from okcomposer.app import qtfix  # noqa: F401 - guards PySide6 6.12 emit() before any worker emits


class _Worker(QObject):
    """Runs one function on its thread and reports back."""

    progress = Signal(object)
    """Anything the function reports through its `report` argument (emitted from the worker thread)."""
    succeeded = Signal(object)
    """The function's return value."""
    failed = Signal(object, str)
    """The exception and its formatted traceback (log it through the redacting logger)."""

    def __init__(self, fn: Callable[..., Any], cancel: CancelToken):
        super().__init__()
        self._fn = fn
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self.progress.emit, self._cancel)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI, not vanish
            self.failed.emit(exc, "".join(traceback.format_exception(exc)))
        else:
            self.succeeded.emit(result)


class Task(QObject):
    """fn(report, cancel) runs on its own QThread; connect to the signals, then call start().

    Signals arrive on the thread that owns the Task (the GUI thread). `finished` always comes last.
    """

    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object, str)
    finished = Signal()

    def __init__(
        self,
        fn: Callable[[Callable[[Any], None], CancelToken], Any],
        name: str = "okc-task",
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.cancel_token = CancelToken()
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._worker = _Worker(fn, self.cancel_token)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.failed.connect(self._on_failed)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_token.cancel()

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, ms: int = 10_000) -> bool:
        """Cancel-free wait for the thread to end (used at shutdown after cancel())."""
        return self._thread.wait(ms)

    def _on_succeeded(self, result: object) -> None:
        self.succeeded.emit(result)
        self._stop()

    def _on_failed(self, exc: object, text: str) -> None:
        self.failed.emit(exc, text)
        self._stop()

    def _stop(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.finished.emit()
