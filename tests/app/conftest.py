"""Fixtures the outbox tests share: a sandbox to publish to and a drafts database (which holds the outbox)."""

from __future__ import annotations

import pytest

from okcomposer.sandbox.server import Sandbox
from okcomposer.store.drafts import DraftStore


@pytest.fixture
def sb():
    """A fresh in-process sandbox (a test file may define its own, e.g. with other timings)."""
    with Sandbox() as sandbox:
        yield sandbox


@pytest.fixture
def drafts(tmp_path):
    """The drafts database at tmp_path/d.sqlite3; a second DraftStore on that path is a second process."""
    store = DraftStore(tmp_path / "d.sqlite3")
    yield store
    store.close()
