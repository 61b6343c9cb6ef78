"""Helpers for the workflow views' tests: a UiContext per test, a sandbox sign-in, a thread check."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from okcomposer.api.credentials import Credentials
from okcomposer.app.accounts import Session
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext

WAIT = 15_000
G1, G2, MEMBER_ONLY = "70000001000101", "70000001000102", "70000001000201"


def make_context(tmp_path) -> UiContext:
    return UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))


def sign_in(context: UiContext, sandbox) -> None:
    """Sign in as the sandbox's demo user, in memory (as the main window does with --sandbox)."""
    info = sandbox.info()
    creds = Credentials(info["application_key"], info["access_token"], info["session_secret_key"])
    context.set_session(Session(creds, sandbox.base_url), info["user"]["name"], info["user"]["uid"])


def assert_no_threads_left() -> None:
    QApplication.processEvents()
    left = [t.name for t in threading.enumerate() if t.name.startswith("okc-") and t.name != "okc-sandbox"]
    assert not left, f"still running: {left}"


def no_backoff(monkeypatch) -> None:
    """Retries of "try later" answers go at once (the tests need a failure, not a minute of waiting)."""
    monkeypatch.setattr("okcomposer.app.retry.backoff_delay", lambda *a, **k: 0.0)
    monkeypatch.setattr("okcomposer.app.publish.backoff_delay", lambda *a, **k: 0.0)


@contextmanager
def british_english():
    """Dates and times as en_GB writes them ("09:30", "Mon"), whatever an earlier test installed."""
    previous = QLocale()
    QLocale.setDefault(QLocale("en_GB"))
    try:
        yield
    finally:
        QLocale.setDefault(previous)
