"""Shared fixtures: offscreen Qt, per-test app folders, a live sandbox on a free port."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """Point every app folder at a temp dir so tests never touch the user's real data."""
    home = tmp_path / "okc-home"
    monkeypatch.setenv("OKCOMPOSER_HOME", str(home))
    for name in (
        "OKC_APPLICATION_KEY",
        "OKC_ACCESS_TOKEN",
        "OKC_SESSION_SECRET_KEY",
        "OKC_APPLICATION_SECRET_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def sandbox():
    """A real sandbox HTTP server on 127.0.0.1 and a free port, stopped after the test."""
    from okcomposer.sandbox.server import Sandbox

    sb = Sandbox(host="127.0.0.1", port=0)
    sb.start()
    try:
        yield sb
    finally:
        sb.stop()
