"""The crash path: bugs in slots, threads and Tasks reach a dialog to copy (draft saved first), and the log;
a hard crash written by faulthandler is offered at the next start."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from ui.window_helpers import WAIT

from okcomposer.api.errors import OkApiError
from okcomposer.store import logs, paths
from okcomposer.ui.common import crash
from okcomposer.ui.common.crash import FAULT_FILE, CrashHandler
from okcomposer.ui.common.crash_dialog import CrashDialog
from okcomposer.ui.common.tasks import TaskGroup

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def shown(monkeypatch):
    """CrashDialog.exec() records the dialog's text instead of blocking."""
    texts: list[str] = []

    def fake_exec(dialog: CrashDialog) -> int:
        texts.append(dialog.details.toPlainText())
        return 0

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    return texts


@pytest.fixture
def handler(qapp, tmp_path):
    path = logs.setup_logging()
    hook = CrashHandler()
    hook.install(tmp_path)
    yield hook
    hook.uninstall()
    logs.close_logging()
    assert path.exists()


def _boom() -> None:
    raise RuntimeError("boom https://api.ok.ru/fb.do?access_token=SECRET123&method=x")


def test_an_exception_in_a_slot_is_shown_redacted_after_saving_the_draft(qtbot, handler, monkeypatch):
    order, shown = [], []
    handler.save_draft = lambda: order.append("saved")

    def fake_exec(dialog: CrashDialog) -> int:
        order.append("dialog")
        shown.append(dialog.details.toPlainText())
        return 0

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    assert order == ["saved", "dialog"]
    assert "RuntimeError: boom" in shown[0] and "_boom" in shown[0]
    assert "SECRET123" not in shown[0] and "access_token=***" in shown[0]
    log = (paths.log_dir() / "okcomposer.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom" in log and "SECRET123" not in log


def test_an_exception_in_a_thread_is_shown(qtbot, handler, shown):
    thread = threading.Thread(target=_boom, name="okc-test-thread")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    assert "okc-test-thread" in shown[0] and "RuntimeError: boom" in shown[0]


def test_a_bug_in_a_task_is_shown_but_an_ok_error_is_not(qtbot, handler, shown):
    group = TaskGroup()
    failures = []

    def fails_with(exc):
        def fn(_report, _cancel):
            raise exc

        return fn

    group.run(fails_with(OkApiError(102, "PARAM_SESSION_EXPIRED")), failed=failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=WAIT)
    group.run(fails_with(KeyError("missing")), failed=failures.append, name="okc-buggy")
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    assert len(failures) == 2 and "[okc-buggy]" in shown[0] and "KeyError: 'missing'" in shown[0]
    qtbot.waitUntil(lambda: not group.busy, timeout=WAIT)
    assert len(shown) == 1


def test_reports_while_the_dialog_is_open_are_added_to_it(qtbot, handler, monkeypatch):
    seen = []

    def fake_exec(dialog):
        handler.report("second traceback")
        QApplication.processEvents()  # the queued report arrives while "exec" runs
        seen.append(dialog.details.toPlainText())
        return 0

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    handler.report("first traceback")
    qtbot.waitUntil(lambda: len(handler.reports) == 2, timeout=WAIT)
    assert len(seen) == 1 and "first traceback" in seen[0] and "second traceback" in seen[0]


def test_the_dialog_copies_its_text(qtbot):
    dialog = CrashDialog("Traceback: something")
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Traceback: something"


def test_faulthandler_writes_a_hard_crash_to_the_log_folder(tmp_path):
    code = textwrap.dedent(
        f"""
        import faulthandler
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        from okcomposer.ui.common.crash import CrashHandler
        app = QCoreApplication([])
        CrashHandler().install(Path({str(tmp_path)!r}))
        faulthandler._sigsegv()
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode != 0
    assert "Fatal Python error" in (tmp_path / FAULT_FILE).read_text(encoding="utf-8")


def test_the_previous_crash_is_offered_then_moved_aside(qtbot, qapp, tmp_path):
    (tmp_path / FAULT_FILE).write_text("Fatal Python error: Segmentation fault\n  File x.py, line 1\n")
    hook = CrashHandler()
    hook.install(tmp_path)
    try:
        assert "Segmentation fault" in hook.previous_crash
        assert (tmp_path / (FAULT_FILE + ".1")).exists() and (tmp_path / FAULT_FILE).read_text() == ""
        box = hook.offer_previous_crash()
        assert box is not None and box.isVisible()
        box.buttons()[0].click()  # "Show the report"
        assert hook.previous_dialog is not None and hook.previous_dialog.isVisible()
        assert "Segmentation fault" in hook.previous_dialog.details.toPlainText()
        hook.previous_dialog.close()
    finally:
        hook.uninstall()
    again = CrashHandler()
    again.install(tmp_path)  # the run ended normally: nothing to offer
    try:
        assert again.previous_crash == "" and again.offer_previous_crash() is None
    finally:
        again.uninstall()


def test_run_gui_sets_up_logging_and_offers_the_last_crash(qtbot, keyring_memory):
    from okcomposer.ui.shell.app import run_gui

    (paths.log_dir() / FAULT_FILE).write_text("Fatal Python error: Aborted\n")
    seen = {}

    def shown():
        hook = crash.current()
        seen["offer"] = hook is not None and hook.offer is not None and hook.offer.isVisible()
        seen["hooked"] = sys.excepthook == hook.excepthook and threading.excepthook == hook.thread_excepthook
        hook.offer.close()
        hook.parent_widget.close()

    assert run_gui(on_shown=shown) == 0
    assert seen == {"offer": True, "hooked": True}
    assert crash.current() is None and sys.excepthook != CrashHandler.excepthook
    assert "starting" in (paths.log_dir() / "okcomposer.log").read_text(encoding="utf-8")
    assert not logs.is_set_up()


def test_a_bug_while_composing_saves_the_draft_before_the_dialog(qtbot, keyring_memory, shown, monkeypatch):
    from okcomposer.store.drafts import DraftStore
    from okcomposer.ui.shell.app import run_gui

    saved_before_dialog = []
    real_show = CrashHandler._show

    def show(hook, text):
        window = hook.parent_widget
        real_show(hook, text)
        if len(saved_before_dialog) == 0:
            saved_before_dialog.append(window.context.drafts.list())
            window.close()

    monkeypatch.setattr(CrashHandler, "_show", show)

    def shown_window():
        window = crash.current().parent_widget
        window.composer.add_block("text")
        window.composer.frames()[-1].editor.edit.setPlainText("Не потерять это")
        QTimer.singleShot(0, _boom)  # at once: before the autosave timer

    assert run_gui(on_shown=shown_window) == 0
    assert shown and "RuntimeError: boom" in shown[0]
    [drafts] = saved_before_dialog
    assert [d.body["attachment"]["media"][0]["text"] for d in drafts] == ["Не потерять это"]
    store = DraftStore()
    try:
        assert store.list()[0].title == "Не потерять это"
    finally:
        store.close()
