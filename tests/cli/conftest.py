"""Fixtures for command-line tests: OKC_* credentials pointing at a live sandbox."""

from __future__ import annotations

import pytest


@pytest.fixture
def env(sandbox, monkeypatch):
    info = sandbox.info()
    monkeypatch.setenv("OKC_APPLICATION_KEY", info["application_key"])
    monkeypatch.setenv("OKC_ACCESS_TOKEN", info["access_token"])
    monkeypatch.setenv("OKC_SESSION_SECRET_KEY", info["session_secret_key"])
    return sandbox
