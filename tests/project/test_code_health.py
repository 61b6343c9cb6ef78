"""Lint and types run in .ci/run with pinned tools, not here: these tests only check that wiring.

ruff and mypy as tests would pass or fail with whichever versions pip found; .ci/run installs the exact
versions of the [lint] extra and runs them over the whole package before the tests.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _pins() -> dict[str, str]:
    lint = PYPROJECT["project"]["optional-dependencies"]["lint"]
    pins = {}
    for requirement in lint:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9][0-9A-Za-z.]*)", requirement.strip())
        assert match, f"{requirement!r}: the lint tools are pinned with == to one version"
        pins[match[1].lower()] = match[2]
    return pins


def test_the_lint_extra_pins_ruff_and_mypy_exactly():
    assert set(_pins()) == {"ruff", "mypy"}


def test_ci_installs_the_lint_extra_and_runs_every_check_before_the_tests():
    lines = [line.strip() for line in CI_RUN.splitlines() if not line.lstrip().startswith("#")]
    install = next(i for i, line in enumerate(lines) if "pip install" in line and "lint]" in line)
    steps = [
        next(i for i, line in enumerate(lines) if line.startswith(command))
        for command in (
            ".venv/bin/ruff check okcomposer",
            ".venv/bin/ruff format --check okcomposer",
            ".venv/bin/mypy",
        )
    ]
    tests = next(i for i, line in enumerate(lines) if "python -m pytest" in line)
    assert install < min(steps) and max(steps) < tests
    assert "set -euo pipefail" in CI_RUN  # a failing check fails CI


def test_mypy_checks_the_whole_package_with_the_widgets():
    mypy = PYPROJECT["tool"]["mypy"]
    assert mypy["files"] == ["okcomposer"]
    for override in mypy.get("overrides", []):
        assert not override.get("ignore_errors"), f"{override['module']}: no package is exempt from mypy"
    qt = next(o for o in mypy["overrides"] if "PySide6.*" in o["module"])
    assert qt["ignore_missing_imports"] is False  # no PySide6 installed must fail, not check nothing
