"""The layers: the core imports no Qt, and imports point only downwards."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "okcomposer"
CORE = ("api", "media", "store", "app", "sandbox")
# What each package may import from okcomposer (besides itself and the leaf modules).
ALLOWED = {
    "api": set(),
    "media": set(),
    "store": set(),
    "sandbox": {"api", "media"},
    "app": {"api", "media", "store"},
    "ui": {"app", "api", "media", "store"},
}
LEAVES = {"okcomposer", "okcomposer.limits", "okcomposer.redact"}


def test_core_packages_import_no_qt():
    modules = [
        ".".join(p.relative_to(ROOT.parent).with_suffix("").parts)
        for pkg in CORE
        for p in sorted((ROOT / pkg).glob("*.py"))
    ]
    code = (
        "import sys, importlib\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"core modules pulled in Qt: {done.stdout}"
    assert len(modules) > 15


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_imports_point_downwards():
    wrong = []
    for pkg, allowed in ALLOWED.items():
        for path in (ROOT / pkg).glob("*.py"):
            for name in _imports(path):
                if not name.startswith("okcomposer") or name in LEAVES:
                    continue
                target = name.split(".")[1]
                if target not in allowed | {pkg}:
                    wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


def test_no_core_module_names_qt():
    """Not even lazily, inside a function: the threads that run the use cases belong to ui/common/tasks.py."""
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for pkg in CORE
        for path in sorted((ROOT / pkg).rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6", "superqt", "qtpy")
    ]
    assert offenders == []


def test_only_ui_imports_qtwidgets():
    offenders = [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        if p.parts[len(ROOT.parts)] != "ui" and any("QtWidgets" in n for n in _imports(p))
    ]
    assert offenders == []


# Ways to start a thread: in ui/ only tasks.py uses them (app/photos.py's upload pool is the use case's own).
THREAD_MAKERS = {"QThread", "QThreadPool", "QRunnable", "ThreadPoolExecutor", "ProcessPoolExecutor", "Thread"}


def test_ui_runs_work_off_the_gui_thread_one_way():
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        if path.name == "tasks.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = ""
            if isinstance(node, ast.Attribute):
                name = node.attr
            elif isinstance(node, ast.Name):
                name = node.id
            elif isinstance(node, ast.alias):
                name = node.name.split(".")[-1]
            if name in THREAD_MAKERS:
                offenders.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')} {name}")
    assert offenders == []


def test_no_ui_module_constructs_a_client():
    """The session hands out the client (Session.client, through UiContext.client): no widget builds one."""
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in ("OkClient", "RenewingClient"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def _ui_package(path: Path) -> str:
    parts = path.relative_to(ROOT / "ui").parts
    return parts[0] if len(parts) > 1 else ""


def test_ui_feature_packages_point_down_to_common_and_never_up_to_the_shell():
    """ui/common imports no feature package; no feature imports ui/shell (the shell composes them)."""
    wrong = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        package = _ui_package(path)
        for name in _imports(path):
            if not name.startswith("okcomposer.ui."):
                continue
            target = name.split(".")[2]
            if (package == "common" and target != "common") or (
                package not in ("shell", "") and target == "shell"
            ):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []
    assert {"common", "shell", "compose", "photos", "targets", "schedule", "library", "accounts"} <= {
        _ui_package(p) for p in (ROOT / "ui").rglob("*.py")
    }


def test_no_ui_module_finds_its_parts_by_name():
    """Features are wired with typed, direct access (ui/shell/features.py): no getattr/hasattr/setattr by
    name, so a renamed attribute is an error and not a feature silently left out."""
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.func.id}"
        for path in sorted((ROOT / "ui").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("getattr", "hasattr", "setattr")
    ]
    assert offenders == []


def test_no_module_is_over_400_lines():
    long = [
        f"{p.relative_to(ROOT)}: {n}"
        for p in sorted(ROOT.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    ]
    assert long == []
