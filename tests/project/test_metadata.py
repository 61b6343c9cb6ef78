"""Package metadata for people on other systems: a windowed entry point, project links, classifiers."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _target(spec: str):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def test_a_gui_entry_point_opens_the_window_without_a_console():
    # gui-scripts get no console window on Windows; the same main opens the window when given no command.
    assert PROJECT["gui-scripts"] == {"okcomposer-gui": "okcomposer.cli:main"}
    assert _target(PROJECT["gui-scripts"]["okcomposer-gui"]) is _target(PROJECT["scripts"]["okcomposer"])


def test_links_and_classifiers():
    assert PROJECT["urls"]["Homepage"].startswith("https://github.com/")
    assert PROJECT["urls"]["Issues"].endswith("/issues")
    classifiers = PROJECT["classifiers"]
    assert "Intended Audience :: End Users/Desktop" in classifiers
    assert {"Natural Language :: English", "Natural Language :: Russian"} <= set(classifiers)
    # An SPDX `license` and a License :: classifier together are refused by setuptools >= 77.
    assert isinstance(PROJECT["license"], str) and not any(c.startswith("License ::") for c in classifiers)
    python = [
        c.rsplit(" ", 1)[1] for c in classifiers if c.startswith("Programming Language :: Python :: 3.")
    ]
    assert python and min(python, key=lambda v: tuple(map(int, v.split(".")))) == "3.11"
    assert PROJECT["requires-python"] == ">=3.11"


def test_readme_images_show_on_the_package_index_too():
    """PyPI shows the README as the project's page but cannot resolve a relative link: images point at the
    repository's raw files (the Source URL, branch main), and each names a file that is in this checkout."""
    source = PROJECT["urls"]["Source"]
    owner_repo = re.fullmatch(r"https://github\.com/([^/]+/[^/]+)", source)
    assert owner_repo, source
    raw = f"https://raw.githubusercontent.com/{owner_repo.group(1)}/main/"
    blob = f"{source}/blob/main/"
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)", text) + re.findall(r"<img[^>]*\ssrc=\"([^\"]+)", text)
    assert len(images) >= 5, images
    for url in images:
        assert url.startswith(raw), f"{url}: PyPI shows only absolute image links, {raw}..."
        assert (ROOT / url.removeprefix(raw)).is_file(), f"{url}: no such file in the repository"
    links = re.findall(r"(?<!!)\[[^\]]*\]\(([^)\s]+)", text)
    for url in links:
        assert url.startswith(("https://", "http://", "#", "mailto:")), f"{url}: relative, broken on PyPI"
        if url.startswith(blob):
            assert (ROOT / url.removeprefix(blob).split("#")[0]).exists(), f"{url}: not in the repository"
    assert PROJECT["readme"] == "README.md"
