"""Shipping: the wheel and the sdist hold what they must, the app icons, the .desktop and AppStream files."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import okcomposer

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "okcomposer" / "ui"
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.okcomposer.OkComposer"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Never copied into the build: what is not the project's (virtual envs, caches, earlier builds).
NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*.pyc",
    ".*_cache",
    ".hypothesis",
    "shots",
)


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> dict[str, Path]:
    """`python -m build` on a copy of the tree: the sdist, then the wheel built from that sdist."""
    if importlib.util.find_spec("build") is None:
        pytest.skip(
            "the 'build' package is not installed (it is in the test extra: pip install -e '.[test]')"
        )
    tmp = tmp_path_factory.mktemp("dists")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=NOT_SOURCE)
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(tmp / "dist"), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    wheels = list((tmp / "dist").glob("okcomposer-*.whl"))
    sdists = list((tmp / "dist").glob("okcomposer-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, list((tmp / "dist").iterdir())
    return {"wheel": wheels[0], "sdist": sdists[0]}


def _shipped_data() -> list[str]:
    """The files the app loads at run time, as paths inside the package."""
    files = [f"okcomposer/ui/icons/{p.name}" for p in sorted((UI / "icons").iterdir()) if p.is_file()]
    files += [f"okcomposer/ui/translations/{p.name}" for p in sorted((UI / "translations").glob("*.qm"))]
    return files


def test_every_translation_source_has_its_compiled_qm():
    sources = sorted(p.stem for p in (ROOT / "resources" / "translations").glob("*.ts"))
    assert sources, "no .ts files in resources/translations"
    assert sources == sorted(p.stem for p in (UI / "translations").glob("*.qm"))


def test_the_wheel_holds_the_package_its_icons_and_translations(dists):
    names = set(zipfile.ZipFile(dists["wheel"]).namelist())
    assert dists["wheel"].name == f"okcomposer-{okcomposer.__version__}-py3-none-any.whl"
    data = _shipped_data()
    assert any(n.endswith(".qm") for n in data) and "okcomposer/ui/icons/okcomposer.svg" in data
    assert set(data) <= names, sorted(set(data) - names)
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "okcomposer").rglob("*.py")}
    assert modules <= names, sorted(modules - names)
    assert not [n for n in names if n.startswith(("tests/", "resources/", "packaging/")) or ".pyc" in n]


def test_the_wheel_declares_the_command_and_its_metadata(dists):
    with zipfile.ZipFile(dists["wheel"]) as wheel:
        info = f"okcomposer-{okcomposer.__version__}.dist-info"
        entry_points = wheel.read(f"{info}/entry_points.txt").decode()
        metadata = wheel.read(f"{info}/METADATA").decode()
    assert re.search(r"^okcomposer = okcomposer\.cli:main$", entry_points, re.M), entry_points
    assert f"Version: {okcomposer.__version__}\n" in metadata
    assert "Requires-Dist: PySide6-Essentials" in metadata
    assert "Provides-Extra: test" in metadata
    # The long description (the package index page) with its screenshots as absolute links.
    assert "![The composer](https://raw.githubusercontent.com/" in metadata and "](resources/" not in metadata


def test_the_wheel_runs(dists, tmp_path):
    """okcomposer --version from the wheel itself (on sys.path first), not from this checkout."""
    code = "import sys, okcomposer.cli as cli; print(cli.__file__); sys.exit(cli.main())"
    env = {**os.environ, "PYTHONPATH": str(dists["wheel"])}
    done = subprocess.run(
        [sys.executable, "-c", code, "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    where, version = done.stdout.splitlines()
    assert where.startswith(str(dists["wheel"])), where
    assert version == f"okcomposer {okcomposer.__version__}"


def test_the_sdist_holds_what_builds_tests_and_ships_the_app(dists):
    with tarfile.open(dists["sdist"]) as sdist:
        top = f"okcomposer-{okcomposer.__version__}/"
        names = {m.name.removeprefix(top) for m in sdist.getmembers() if m.isfile()}
    expected = {"README.md", "pyproject.toml", "MANIFEST.in", "PKG-INFO", ".ci/run", *_shipped_data()}
    for folder in ("okcomposer", "tests", "benchmarks", "resources", "packaging"):
        expected |= {
            str(p.relative_to(ROOT))
            for p in (ROOT / folder).rglob("*")
            if p.is_file()
            and p.suffix != ".pyc"
            and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(ROOT).parts)
        }
    assert expected <= names, sorted(expected - names)
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc") or ".hypothesis" in n]


def test_the_app_icons_are_rendered_at_every_size():
    from PIL import Image

    for size in PNG_SIZES:
        with Image.open(ICONS / f"okcomposer-{size}.png") as png:
            assert (png.format, png.size, png.mode) == ("PNG", (size, size), "RGBA")
            assert png.getpixel((size // 2, size // 2))[3] == 255  # drawn, not blank
    with Image.open(ICONS / "okcomposer.ico") as ico:
        assert {(s, s) for s in (16, 24, 32, 48, 64, 128, 256)} <= set(ico.info["sizes"])
    with Image.open(ICONS / "okcomposer.icns") as icns:
        assert icns.format == "ICNS" and icns.size == (1024, 1024)
        assert {(16, 16, 1), (16, 16, 2), (32, 32, 1), (32, 32, 2)} <= set(icns.info["sizes"])


def test_the_icns_holds_small_icons_drawn_at_their_own_size():
    """Finder lists and small Dock sizes use the 16 and 32 px entries (1x and @2x), not a scaled 1024."""
    from PIL import IcnsImagePlugin

    with open(ICONS / "okcomposer.icns", "rb") as f:
        icns = IcnsImagePlugin.IcnsFile(f)
        for points, scale in ((16, 1), (32, 1), (16, 2), (32, 2)):
            image = icns.getimage((points, points, scale))
            side = points * scale
            assert image.size == (side, side)
            assert image.convert("RGBA").getpixel((side // 2, side // 2))[3] == 255  # drawn, not blank


def test_the_app_icons_match_the_svg(qapp):
    """The committed PNGs are the SVG as it is now (run packaging/make_icons.py after changing it)."""
    from PIL import ImageChops, ImageStat

    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import make_icons
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    from PIL import Image

    fresh = make_icons.render(UI / "icons" / "okcomposer.svg", (64, 256))
    for size, image in fresh.items():
        with Image.open(ICONS / f"okcomposer-{size}.png") as committed:
            diff = ImageStat.Stat(ImageChops.difference(committed.convert("RGBA"), image)).mean
        assert max(diff) < 2.0, f"okcomposer-{size}.png differs from the SVG: run packaging/make_icons.py"
    assert not list(ICONS.glob("*.svg")), "the SVG icons live once, in okcomposer/ui/icons"


def _desktop_entry() -> dict[str, str]:
    lines = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    end = next((i for i, line in enumerate(lines) if i and line.startswith("[")), len(lines))
    return dict(line.split("=", 1) for line in lines[1:end] if line and not line.startswith("#"))


def test_the_desktop_entry_offers_the_sandbox_without_a_terminal():
    text = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert _desktop_entry()["Actions"] == "sandbox;"
    action = text.split("[Desktop Action sandbox]", 1)[1]
    assert "Exec=okcomposer --sandbox" in action and "Name[ru]=" in action


def test_the_desktop_file_and_metainfo_agree_with_the_app():
    from okcomposer.ui.shell.app import DESKTOP_ID

    assert DESKTOP_ID == APP_ID
    entry = _desktop_entry()
    assert entry["Exec"].split()[0] == "okcomposer" and entry["Icon"] == APP_ID
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") == "okcomposer"
    assert root.findtext("project_license") == "MIT" and root.findtext("metadata_license") == "CC0-1.0"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [s.get(lang) for s in root.findall("summary")] == [None, "ru"]
    assert {p.get(lang) for p in root.findall("description/p")} == {None, "ru"}
    releases = [r.get("version") for r in root.findall("releases/release")]
    assert releases and releases[0] == okcomposer.__version__, "add a <release> for the new version"


@pytest.mark.parametrize(
    "tool, args, name",
    [
        ("desktop-file-validate", [], f"{APP_ID}.desktop"),
        ("appstreamcli", ["validate", "--no-net"], f"{APP_ID}.metainfo.xml"),
    ],
)
def test_the_linux_desktop_files_validate(tool, args, name):
    exe = shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} is not installed (Debian: apt-get install desktop-file-utils appstream)")
    done = subprocess.run([exe, *args, str(LINUX / name)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def _winversion():
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import winversion
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    return winversion


class _Node:
    """Stands for one of PyInstaller's versioninfo classes: keeps what the version file passes to it."""

    def __init__(self, kind: str, *args, **kwargs):
        self.kind, self.args, self.kwargs = kind, args, kwargs


def _parse_version_file(text: str) -> tuple[dict, dict[str, str]]:
    """(FixedFileInfo's arguments, the string table) of a PyInstaller version file, read the way
    PyInstaller reads it (eval against its versioninfo names)."""
    kinds = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct")
    names = {k: (lambda *a, _k=k, **kw: _Node(_k, *a, **kw)) for k in (*kinds, "VarFileInfo", "VarStruct")}
    root = eval(text, {"__builtins__": {}}, names)  # noqa: S307 (our own generated text)
    assert root.kind == "VSVersionInfo"
    fixed = root.kwargs["ffi"]
    assert fixed.kind == "FixedFileInfo"
    string_info = next(k for k in root.kwargs["kids"] if k.kind == "StringFileInfo")
    (table,) = string_info.args[0]
    assert table.kind == "StringTable" and table.args[0] == "040904B0"
    return fixed.kwargs, {s.args[0]: s.args[1] for s in table.args[1]}


def test_the_windows_version_resource_carries_the_package_version_and_names():
    fixed, strings = _parse_version_file(
        _winversion().version_file_text(okcomposer.__version__, "okcomposer.exe")
    )
    numbers = tuple(int(p) for p in re.findall(r"\d+", okcomposer.__version__)[:4])
    numbers += (0,) * (4 - len(numbers))
    assert fixed["filevers"] == fixed["prodvers"] == numbers
    assert strings["FileVersion"] == strings["ProductVersion"] == okcomposer.__version__
    assert strings["OriginalFilename"] == "okcomposer.exe" and strings["ProductName"] == "okcomposer"
    assert strings["CompanyName"] in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert strings["FileDescription"] and "MIT" in strings["LegalCopyright"]
    _, gui = _parse_version_file(
        _winversion().version_file_text(okcomposer.__version__, "okcomposer-gui.exe")
    )
    assert gui["OriginalFilename"] == "okcomposer-gui.exe"
    # The spec gives each Windows executable its own, generated at build time (no version typed in it).
    spec = (ROOT / "packaging" / "okcomposer.spec").read_text(encoding="utf-8")
    assert 'version=version_file("okcomposer.exe")' in spec
    assert 'version=version_file("okcomposer-gui.exe")' in spec
    assert okcomposer.__version__ not in spec


@pytest.mark.parametrize(
    "version, numbers", [("0.1.0", (0, 1, 0, 0)), ("2.10", (2, 10, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0))]
)
def test_the_windows_version_numbers(version, numbers):
    assert _winversion().numeric_version(version) == numbers


@pytest.mark.parametrize("version", ["dev", "1.70000"])
def test_a_version_windows_cannot_hold_is_refused(version):
    with pytest.raises(ValueError):
        _winversion().numeric_version(version)
