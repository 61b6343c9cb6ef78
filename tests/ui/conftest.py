"""Fixtures of the window tests: a UiContext on temp files, an in-memory keyring, open_window()."""

from __future__ import annotations

import threading

import keyring
import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from support.memory_keyring import MemoryKeyring
from ui.window_helpers import WAIT

from okcomposer.store.accounts import AccountStore
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common import i18n
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.tasks import TaskGroup
from okcomposer.ui.photos import thumbnails


@pytest.fixture(autouse=True)
def _default_locale(qapp):
    """English as run_gui installs it for an English user (its translator gives the plural forms: "1 photo"),
    whatever an earlier test installed; the default QLocale as it was before the test."""
    before = QLocale()
    i18n.install("en")
    QLocale.setDefault(before)  # the translator only: dates and numbers stay as the tests expect them
    yield
    QLocale.setDefault(before)


@pytest.fixture(autouse=True)
def _crash_dialogs_do_not_block(monkeypatch):
    """A crash dialog (run_gui installs the hooks) would wait for a click forever: record it, fail instead."""
    from okcomposer.ui.common.crash_dialog import CrashDialog

    shown: list[str] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda dialog: shown.append(dialog.details.toPlainText()) or 0)
    yield
    assert not shown, "a crash dialog was shown:\n" + "\n".join(shown)


@pytest.fixture
def keyring_memory():
    old = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(old)


@pytest.fixture
def ctx(tmp_path):
    context = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    yield context
    context.drafts.close()


@pytest.fixture
def open_window(qtbot, tmp_path, keyring_memory):
    """open_window(ctx, sandbox=None) -> a shown MainWindow, signed in as the sandbox's demo user if given."""
    from okcomposer.ui.shell.main_window import MainWindow

    windows = []

    def make(context, sandbox=None) -> MainWindow:
        factory = (lambda: sandbox) if sandbox is not None else None
        window = MainWindow(context, AccountStore(tmp_path / "accounts.json"), sandbox_factory=factory)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        if sandbox is not None:
            qtbot.waitUntil(lambda: context.session is not None, timeout=WAIT)
        return window

    yield make
    for window in windows:
        window.close()
    thumbnails.wait_all()
    QApplication.processEvents()
    busy = [g.parent() for w in windows for g in w.findChildren(TaskGroup) if g.busy]
    left = [t.name for t in threading.enumerate() if t.name.startswith("okc-") and t.name != "okc-sandbox"]
    assert not busy and not left, f"still running: {busy} {left}"
