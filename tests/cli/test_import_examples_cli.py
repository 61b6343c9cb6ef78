"""The README's example import files (resources/examples/posts.csv and posts.xlsx) import as they are, and
publish to the sandbox; `import` takes an .xlsx like a CSV (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.cli import run

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


@pytest.mark.parametrize("name", ["posts.csv", "posts.xlsx"])
def test_the_example_files_import_as_drafts(capsys, name):
    code, out, err = run(capsys, "import", str(EXAMPLES / name))
    assert code == 0, err
    assert [line.split(": draft ")[0] for line in out.splitlines()] == ["row 2", "row 3", "row 4"]
    assert "3 row(s) saved as drafts" in err


@pytest.mark.parametrize("name", ["posts.csv", "posts.xlsx"])
def test_the_example_files_publish_to_the_sandbox(env, capsys, name):
    code, out, err = run(capsys, "--api-base", env.base_url, "import", str(EXAMPLES / name), "--publish")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("row 2: scheduled") and lines[1].startswith("row 3: scheduled")
    assert lines[2].startswith("row 4: published")
