"""A window given make_context (as run_gui makes it) paints before it has its parts, then makes them a step
per turn of the event loop after importing what they are made of off the GUI thread (issue 16)."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from ui.window_helpers import WAIT

from okcomposer.store.accounts import AccountStore
from okcomposer.ui.photos import thumbnails
from okcomposer.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class FirstPaint(QObject):
    """Notes whether the window had its parts at its first paint."""

    def __init__(self) -> None:
        super().__init__()
        self.built_at_paint: bool | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, MainWindow)
            and event.type() == QEvent.Type.Paint
            and self.built_at_paint is None
        ):
            self.built_at_paint = watched.is_built
        return False


@pytest.fixture
def later_window(qtbot, ctx, tmp_path, keyring_memory, sandbox):
    made: list[object] = []

    def make_context():
        made.append(ctx)
        return ctx

    window = MainWindow(
        accounts=AccountStore(tmp_path / "accounts.json"),
        sandbox_factory=lambda: sandbox,
        make_context=make_context,
    )
    qtbot.addWidget(window)
    yield window, made
    window.close()


def test_it_paints_first_then_makes_its_parts_and_works(qtbot, later_window, ctx):
    window, made = later_window
    watch = FirstPaint()
    QApplication.instance().installEventFilter(watch)
    try:
        assert not window.is_built and not made  # nothing made before it is shown
        with qtbot.waitSignal(window.built, timeout=WAIT):
            window.show()
        assert watch.built_at_paint is False and made == [ctx]
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert window.centralWidget() is window.tabs and window.menus.menus and window.is_built
    qtbot.waitUntil(lambda: window.workflow is not None, timeout=WAIT)  # the features come next
    qtbot.waitUntil(lambda: ctx.session is not None, timeout=WAIT)  # the sandbox's demo user
    window.composer.add_block("text")
    window.composer.frames()[-1].editor.edit.setPlainText("Made after the first paint")
    window.save_now()
    qtbot.waitUntil(lambda: any("first paint" in d.title for d in ctx.drafts.list()), timeout=WAIT)


def test_closed_before_it_was_built_it_closes_cleanly(qtbot, later_window, ctx):
    window, made = later_window
    window.show()
    window.close()  # before the first step: it makes what it needs to shut down in order, then closes
    assert window.is_built and made == [ctx] and not window.isVisible() and window.workflow is None
    thumbnails.wait_all()
    QApplication.processEvents()
    left = [t.name for t in threading.enumerate() if t.name.startswith("okc-") and t.name != "okc-sandbox"]
    assert not left, f"still running: {left}"  # its store queue and tasks stopped with it


def test_run_gui_collects_no_cycles_while_starting_then_freezes_what_starting_made(qtbot, keyring_memory):
    import gc

    from okcomposer.ui.shell.app import running_gui

    try:
        with running_gui() as window:
            assert not gc.isenabled()  # a full collection would stall the first steps for ~20-30 ms
            qtbot.waitUntil(lambda: window.workflow is not None, timeout=WAIT)
            assert gc.isenabled() and gc.get_freeze_count() > 10_000  # kept out of later collections
            window.close()
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_nothing_before_the_first_paint_makes_the_qt_namespace(tmp_path):
    """PySide6 makes `Qt` with its ~100 enums the first time it is used (~16 ms): run_gui's path to the first
    paint does without it (a fresh process, as `okcomposer --sandbox` starts); nor does it import what the
    single-instance server needs (QtNetwork, hashlib: ~8 ms), which listens once the window is built."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent(
        """
        import sys
        import PySide6.QtCore as core
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication, QMainWindow

        class Watch(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                    print("Qt made before the first paint:", "Qt" in vars(core), flush=True)
                    print("imported:", [m for m in ("PySide6.QtNetwork", "hashlib") if m in sys.modules])
                    QApplication.instance().removeEventFilter(self)
                    QApplication.quit()
                return False

        app = QApplication(sys.argv[:1])
        watch = Watch()
        app.installEventFilter(watch)
        from okcomposer.cli import main
        main([])
        """
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "OKCOMPOSER_HOME": str(tmp_path),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert "Qt made before the first paint: False" in done.stdout, done.stdout + done.stderr
    assert "imported: []" in done.stdout, done.stdout


def test_ctrl_q_quits_while_the_window_is_still_empty(qtbot, later_window, ctx, monkeypatch):
    """Its menus come with its parts; Quit works before them, from the first paint (found trying the real
    window: Ctrl+Q pressed then was lost)."""
    from PySide6.QtGui import QKeySequence

    from okcomposer.ui.shell import window_build

    window, made = later_window
    importing = threading.Event()
    real_import = window_build.import_body
    monkeypatch.setattr(window_build, "import_body", lambda *args: importing.wait(10) and real_import(*args))

    def quits() -> list:
        return [a for a in window.actions() if a.shortcut() == QKeySequence("Ctrl+Q")]

    window.show()
    qtbot.waitUntil(lambda: len(quits()) == 1, timeout=WAIT)
    assert not window.is_built and not made  # still empty: its imports are held back
    importing.set()
    quits()[0].trigger()
    assert not window.isVisible() and window.is_built  # closed in order, its parts made to shut them down
