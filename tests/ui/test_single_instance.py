"""One window per profile (issue 12, item 6): a second start brings the first window forward with its
files and opens none of its own; a lock left by a killed window does not block the next start; nonsense
OKC_LIMIT_* settings are named in a message and the defaults used (item 9)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QApplication, QMessageBox
from support.images import make_photos
from ui.test_kill import Driven
from ui.window_helpers import WAIT, type_text

from okcomposer.limits import Limits
from okcomposer.store import paths
from okcomposer.store.drafts import DraftStore
from okcomposer.ui.shell import app as app_module
from okcomposer.ui.shell import single_instance
from okcomposer.ui.shell.app import running_gui
from okcomposer.ui.shell.single_instance import LOCK_NAME, SingleInstance

# Qt's offscreen platform cannot raise, minimize or size a window, and warns.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")
SECOND_START = "import sys; from okcomposer.ui.shell.app import run_gui; sys.exit(run_gui(sys.argv))"


def second_start(*argv: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    return subprocess.Popen(
        [sys.executable, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def ended(qtbot, proc: subprocess.Popen) -> tuple[int, str]:
    """Wait for the other process while this one's event loop runs (it answers the second start)."""
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    _, err = proc.communicate()
    return proc.returncode, err


def test_a_second_start_brings_the_window_forward_with_its_images_and_opens_none(
    qtbot, keyring_memory, tmp_path
):
    [photo] = make_photos(tmp_path, 1)
    with running_gui() as window:
        qtbot.waitUntil(lambda: window.is_built, timeout=WAIT)  # it paints first, then makes its parts
        window.showMinimized()
        qtbot.waitUntil(window.isMinimized, timeout=WAIT)
        code, err = ended(qtbot, second_start("-m", "okcomposer"))  # the command a user types
        assert code == 0 and "already running on this profile; its window was brought forward" in err
        assert not window.isMinimized() and window.isVisible()
        code, err = ended(qtbot, second_start("-c", SECOND_START, str(photo)))  # with a file: it is added
        assert code == 0, err
        qtbot.waitUntil(lambda: bool(window.composer.photo_grids()), timeout=WAIT)
        came = window.composer.photo_grids()[-1].paths()
        assert came == [str(photo.resolve())]
        window.close()
    assert not (paths.data_dir() / LOCK_NAME).exists()  # released on quitting


def test_a_lock_left_by_a_killed_window_does_not_block_the_next_start(
    qtbot, keyring_memory, tmp_path, monkeypatch
):
    if sys.platform == "win32":
        pytest.skip("SIGKILL is POSIX")
    home = tmp_path / "home"
    first = Driven(home, "type", "--interval-ms", "200")
    first.wait_for(lambda line: line == "started")
    lock = home / "data" / LOCK_NAME
    assert lock.exists()
    first.kill()
    assert lock.exists()  # the kill left it behind
    monkeypatch.setenv("OKCOMPOSER_HOME", str(home))
    with running_gui() as window:
        qtbot.waitUntil(lambda: window.is_built, timeout=WAIT)  # it paints first, then makes its parts
        assert window.isVisible()
        window.close()


def test_when_the_running_window_does_not_answer_the_second_start_says_so_and_ends(
    qtbot, keyring_memory, monkeypatch, capsys
):
    held = QLockFile(str(paths.data_dir() / LOCK_NAME))  # a window that has the profile but no server
    held.setStaleLockTime(0)
    assert held.tryLock(0)
    said, asked = [], []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    monkeypatch.setattr(single_instance, "HAND_OVER_MS", 300)  # it keeps trying to connect until then
    hand_over = SingleInstance.hand_over
    monkeypatch.setattr(
        SingleInstance, "hand_over", lambda self, *args: asked.append(hand_over(self, *args)) or asked[-1]
    )
    try:
        assert app_module.run_gui() == 1
    finally:
        held.unlock()
    assert asked == [False]  # asked the window once, got no answer, and gave up
    assert f"already running on this profile (process {os.getpid()})" in said[0]
    err = capsys.readouterr().err
    assert f"okcomposer: okcomposer is already running on this profile (process {os.getpid()})" in err
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]  # no second window


def test_a_senseless_limit_is_named_at_start_and_the_default_used(qtbot, keyring_memory, monkeypatch):
    monkeypatch.setenv("OKC_LIMIT_PHOTO_MAX_BYTES", "-1")
    monkeypatch.setenv("OKC_LIMIT_POLL_ANSWERS_MIN", "30")
    with running_gui() as window:
        qtbot.waitUntil(lambda: window.is_built, timeout=WAIT)  # it paints first, then makes its parts
        qtbot.waitUntil(lambda: isinstance(window.dialog, QMessageBox), timeout=WAIT)
        text = window.dialog.text()
        assert "OKC_LIMIT_PHOTO_MAX_BYTES must be a whole number from 1 to 4294967296, not '-1'" in text
        assert "OKC_LIMIT_POLL_ANSWERS_MIN (30) must not exceed OKC_LIMIT_POLL_ANSWERS_MAX (20)" in text
        assert window.context.limits == Limits()
        assert "OKC_LIMIT_PHOTO_MAX_BYTES" not in os.environ  # nor in a sandbox process it starts
        window.dialog.close()
        window.close()


def test_cli_commands_beside_the_running_window_lose_no_edit_and_send_nothing_twice(
    qtbot, keyring_memory, sandbox, tmp_path
):
    info = sandbox.info()
    creds = {
        "OKC_APPLICATION_KEY": info["application_key"],
        "OKC_ACCESS_TOKEN": info["access_token"],
        "OKC_SESSION_SECRET_KEY": info["session_secret_key"],
    }
    text = "Sent from the command line"
    draft = tmp_path / "d.json"
    draft.write_text(json.dumps({"type": "USER", "attachment": {"media": [{"type": "text", "text": text}]}}))
    rows = tmp_path / "rows.csv"
    rows.write_text("text;target\nImported one;me\nImported two;me\n", encoding="utf-8")

    def command(*argv: str) -> tuple[int, str]:
        env = {**os.environ, **creds, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "okcomposer", *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        return ended(qtbot, proc)

    def saved(window) -> None:
        qtbot.waitUntil(
            lambda: not window.keeper.pending and not window.keeper.timer.isActive(), timeout=WAIT
        )

    with running_gui(sandbox_factory=lambda: sandbox) as window:
        qtbot.waitUntil(lambda: window.is_built, timeout=WAIT)  # it paints first, then makes its parts
        qtbot.waitUntil(lambda: window.context.session is not None, timeout=WAIT)
        type_text(qtbot, window, "Typed in the window")
        saved(window)
        assert command("import", str(rows))[0] == 0
        assert command("--api-base", sandbox.base_url, "post", str(draft))[0] == 0
        assert command("--api-base", sandbox.base_url, "post", str(draft))[0] == 3  # a repeat: not sent
        type_text(qtbot, window, "and after them")
        saved(window)
        window.close()
    store = DraftStore()
    try:
        texts = [json.dumps(d.body, ensure_ascii=False) for d in store.list()]
    finally:
        store.close()
    assert sum("Typed in the window" in t and "and after them" in t for t in texts) == 1
    assert sum("Imported one" in t for t in texts) == 1 and sum("Imported two" in t for t in texts) == 1
    topics = [t for t in sandbox.snapshot()["topics"] if text in json.dumps(t, ensure_ascii=False)]
    assert len(topics) == 1
