"""The OK contract lives in the repo: code and tests cite docs/ok-api.md by its section names, never the
research notes outside it (a user's clone has no ../shared)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "ok-api.md"
CITATION = re.compile(r'ok-api\.md[^"\n]{0,4}((?:"[^"\n]+"(?:, )?)+)')


def _sources() -> list[Path]:
    return [p for d in ("okcomposer", "tests", "benchmarks") for p in sorted((ROOT / d).rglob("*.py"))]


def test_no_code_or_test_reads_or_cites_the_research_notes():
    here = Path(__file__)
    offenders = [
        str(p.relative_to(ROOT))
        for p in _sources()
        if p != here and re.search(r"\.\./shared|shared/(ok-api|seeds|cases)", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_cited_section_exists():
    lines = DOC.read_text(encoding="utf-8").splitlines()
    headings = {line[3:].strip() for line in lines if line.startswith("## ")}
    cited: dict[str, set[str]] = {}
    for path in _sources():
        for match in CITATION.finditer(path.read_text(encoding="utf-8")):
            for name in re.findall(r'"([^"]+)"', match.group(1)):
                cited.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    assert len(cited) >= 10  # the citations are really found
    missing = {name: sorted(paths) for name, paths in cited.items() if name not in headings}
    assert missing == {}


def test_every_row_says_where_it_comes_from():
    rows = [
        line
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and not line.startswith("| ---")
    ]
    assert len(rows) > 80
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) >= 2 and all(cells[:2]), row
