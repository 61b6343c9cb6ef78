"""`.ci/run` fails when a test fails, and passes when they pass (run on a tiny project in a temp folder)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PYPROJECT = """
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"
[project]
name = "ci-probe"
version = "0"
[project.optional-dependencies]
test = ["pytest"]
[tool.setuptools]
py-modules = []
"""


@pytest.mark.skipif(os.environ.get("OKC_CI_PROBE") == "1", reason="already inside the probe")
@pytest.mark.parametrize("outcome, expect_fail", [("assert 1 == 2", True), ("assert 1 == 1", False)])
def test_ci_run_exit_code_follows_the_tests(tmp_path, outcome, expect_fail):
    (tmp_path / ".ci").mkdir()
    shutil.copy(ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_probe.py").write_text(f"def test_probe():\n    {outcome}\n")
    env = {**os.environ, "OKC_CI_NO_APT": "1", "OKC_CI_PROBE": "1", "CI": "true"}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        ["bash", ".ci/run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
    )
    if expect_fail:
        assert done.returncode != 0 and "1 failed" in done.stdout
        assert "CI passed" not in done.stdout
    else:
        assert done.returncode == 0, done.stdout + done.stderr
        assert "1 passed" in done.stdout and "CI passed" in done.stdout
