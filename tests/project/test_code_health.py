"""Code health, as part of the test suite: ruff lint and format, mypy on the Qt-free packages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT_FREE = [
    "okcomposer/api",
    "okcomposer/app",
    "okcomposer/media",
    "okcomposer/store",
    "okcomposer/sandbox",
    "okcomposer/limits.py",
    "okcomposer/cli.py",
    "okcomposer/cli_accounts.py",
    "okcomposer/cli_outbox.py",
]


def _tool(name: str) -> list[str]:
    exe = shutil.which(name, path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return [exe]


def _run(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_lint():
    done = _run([*_tool("ruff"), "check", "okcomposer", "tests", "benchmarks", "packaging"])
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format():
    done = _run([*_tool("ruff"), "format", "--check", "okcomposer", "tests", "benchmarks", "packaging"])
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_on_the_qt_free_packages():
    done = _run([*_tool("mypy"), *QT_FREE])
    assert done.returncode == 0, done.stdout + done.stderr
