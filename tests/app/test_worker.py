"""Task: work on a QThread, results and errors back on the GUI thread, cancel."""

from __future__ import annotations

import threading
import time

import pytest

from okcomposer.api.errors import OkCancelled

pytest.importorskip("PySide6.QtCore")
from okcomposer.app.worker import Task  # noqa: E402


def test_result_arrives_on_the_owner_thread(qtbot):
    seen = {}

    def work(report, cancel):
        seen["thread"] = threading.get_ident()
        report(50)
        return 42

    task = Task(work)
    progress = []
    task.progress.connect(progress.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        with qtbot.waitSignal(task.succeeded, timeout=5000) as result:
            task.start()
    assert result.args == [42]
    assert seen["thread"] != threading.get_ident()
    assert progress == [50]


def test_failure_carries_the_exception(qtbot):
    def work(report, cancel):
        raise ValueError("bad photo")

    task = Task(work)
    with qtbot.waitSignal(task.failed, timeout=5000) as failed:
        task.start()
    exc, text = failed.args
    assert isinstance(exc, ValueError) and "bad photo" in text
    qtbot.waitUntil(lambda: not task.running, timeout=5000)


def test_cancel_stops_a_long_task_quickly(qtbot):
    def work(report, cancel):
        while not cancel.wait(0.01):
            pass
        raise OkCancelled("cancelled")

    task = Task(work)
    task.start()
    qtbot.waitUntil(lambda: task.running, timeout=5000)
    started = time.monotonic()
    with qtbot.waitSignal(task.failed, timeout=5000) as failed:
        task.cancel()
    assert isinstance(failed.args[0], OkCancelled)
    assert time.monotonic() - started < 1.0
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
