"""Qt's own messages go into the log at their level, with secrets masked, and pytest-qt still sees them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6 import QtCore
from PySide6.QtGui import QFont

from okcomposer.store import logs, paths
from okcomposer.ui.shell import qt_messages


@pytest.fixture
def log_file():
    """The app's log file at -v, with Qt's messages routed into it; both undone afterwards."""
    path = logs.setup_verbose(1)
    qt_messages.install()
    yield lambda: path.read_text(encoding="utf-8")  # the handler flushes each line
    qt_messages.uninstall()
    logs.close_logging()


@pytest.mark.qt_log_ignore("access_token=")
def test_a_token_in_a_qt_warning_is_masked_in_the_log_and_on_stderr(capsys):
    path = logs.setup_verbose(1)  # here, not in a fixture: its stderr handler must write to capsys's stream
    qt_messages.install()
    try:
        QtCore.qWarning(
            "QNetworkReply: error on https://api.ok.ru/fb.do?access_token=SECRETTOKEN123&sig=ABC987"
        )
    finally:
        qt_messages.uninstall()
        logs.close_logging()
    text, err = path.read_text(encoding="utf-8"), capsys.readouterr().err
    line = "WARNING MainThread okcomposer.qt: QNetworkReply: error on https://api.ok.ru/fb.do?access_token=***&sig=***"
    assert line in text and line in err
    assert "SECRETTOKEN123" not in text + err and "ABC987" not in text + err


@pytest.mark.qt_log_ignore("access_token=")
def test_the_handler_before_ours_gets_each_message_masked(log_file):
    """In the tests that is pytest-qt's capture (qt_log_level_fail, qt_log_ignore); here a recorder."""
    qt_messages.uninstall()
    got: list[tuple[QtCore.QtMsgType, str]] = []
    before = QtCore.qInstallMessageHandler(lambda kind, context, message: got.append((kind, message)))
    try:
        qt_messages.install()
        QtCore.qWarning("retry https://x/?access_token=SECRETTOKEN123")
        qt_messages.uninstall()
        QtCore.qWarning("access_token= after uninstall")
    finally:
        QtCore.qInstallMessageHandler(before)
    assert got == [
        (QtCore.QtMsgType.QtWarningMsg, "retry https://x/?access_token=***"),
        (QtCore.QtMsgType.QtWarningMsg, "access_token= after uninstall"),
    ]
    assert log_file().count("okcomposer.qt:") == 1


@pytest.mark.qt_log_ignore("access_token=")
def test_pytest_qt_still_captures_qt_messages(request, log_file, qtlog):
    if not hasattr(request.node, "qt_log_capture"):
        pytest.skip("pytest-qt's capture is off (pytest -s)")
    QtCore.qWarning("access_token=SECRETTOKEN123 in a warning")
    assert [(r.message, r.ignored) for r in qtlog.records] == [("access_token=*** in a warning", True)]


@pytest.mark.qt_log_ignore("Point size <= 0")
def test_qt_s_own_warning_is_logged(log_file):
    QFont().setPointSize(-1)  # Qt itself warns: "QFont::setPointSize: Point size <= 0 (-1), ..."
    assert "WARNING MainThread okcomposer.qt: QFont::setPointSize: Point size <= 0 (-1)" in log_file()


@pytest.mark.qt_log_level_fail("CRITICAL")
@pytest.mark.qt_log_ignore("a critical one")
def test_levels_follow_qt_s_message_types(log_file):
    QtCore.qDebug("a debug one")
    QtCore.qInfo("an info one")
    QtCore.qCritical("a critical one")
    text = log_file()
    assert "DEBUG MainThread okcomposer.qt: a debug one" in text
    assert "INFO MainThread okcomposer.qt: an info one" in text
    assert "ERROR MainThread okcomposer.qt: a critical one" in text


def test_installing_twice_keeps_one_handler(log_file):
    qt_messages.install()  # a second call must not make our handler its own "previous" (endless recursion)
    QtCore.qDebug("once")
    assert log_file().count("okcomposer.qt: once") == 1
    qt_messages.uninstall()
    assert not qt_messages.is_installed()
    QtCore.qDebug("after uninstall")
    assert "after uninstall" not in log_file()


def test_the_gui_routes_qt_messages_from_before_its_qapplication_is_made(tmp_path):
    """A real start, in its own process: QApplication's constructor warns about a style that does not
    exist; that warning is in the log file, not on stderr, and the handler is gone once the window closed."""
    script = textwrap.dedent(
        """
        from PySide6.QtWidgets import QApplication
        from okcomposer.ui.shell import qt_messages
        from okcomposer.ui.shell.app import run_gui

        seen = []
        code = run_gui(on_shown=lambda: (seen.append(qt_messages.is_installed()), QApplication.quit()))
        print(seen, qt_messages.is_installed(), code)
        """
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_STYLE_OVERRIDE": "nosuchstyle",  # read, and warned about, while the QApplication is made
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",  # never the user's keyring
    }
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.strip() == "[True] False 0", done.stderr
    assert "nosuchstyle" not in done.stderr
    text = (paths.log_dir() / "okcomposer.log").read_text(encoding="utf-8")
    assert "WARNING MainThread okcomposer.qt: QApplication: invalid style override 'nosuchstyle'" in text
    assert text.index("nosuchstyle") < text.index("starting")  # logged before the app was built


def test_a_qt_fatal_message_is_logged_masked_before_the_abort(tmp_path):
    """qFatal() aborts the process once the handler returns: the line is in the log by then, masked, and
    faulthandler (the crash path) has written the stack for the next start's offer."""
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from PySide6 import QtCore
        from okcomposer.store import logs
        from okcomposer.ui.shell import qt_messages
        from okcomposer.ui.common.crash import CrashHandler

        logs.setup_logging()
        qt_messages.install()
        app = QtCore.QCoreApplication([])
        CrashHandler().install(Path({str(tmp_path)!r}))
        QtCore.qFatal("cannot go on: https://api.ok.ru/fb.do?access_token=SECRETTOKEN123")
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode != 0
    text = (paths.log_dir() / "okcomposer.log").read_text(encoding="utf-8")
    # PySide6's qFatal() from Python warns with the text, then calls Qt's qFatal with a fixed one
    assert "WARNING MainThread okcomposer.qt: cannot go on: https://api.ok.ru/fb.do?access_token=***" in text
    assert "CRITICAL MainThread okcomposer.qt: [A qFatal() call was made from Python code]" in text
    assert "SECRETTOKEN123" not in text + done.stderr
    assert "Fatal Python error: Aborted" in (tmp_path / "faulthandler.log").read_text(encoding="utf-8")


def test_the_previous_run_s_crash_report_is_masked(qapp, tmp_path):
    from okcomposer.ui.common.crash import FAULT_FILE, CrashHandler

    (tmp_path / FAULT_FILE).write_text("Fatal Python error: Aborted\n  url?access_token=SECRETTOKEN123\n")
    hook = CrashHandler()
    hook.install(tmp_path)
    hook.uninstall()
    assert "access_token=***" in hook.previous_crash and "SECRETTOKEN123" not in hook.previous_crash
