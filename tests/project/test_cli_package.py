"""okcomposer/cli/: one module per command group, imports pointing one way, and light until a command runs.

The package's __init__ assembles the parser from each group's add_parser; the groups share common (and the
publishing ones sending) and never import each other, so no group can pull another's imports in.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

CLI = Path(__file__).resolve().parents[2] / "okcomposer" / "cli"
PACKAGE = "okcomposer.cli"
SHARED = {"common": set(), "sending": {"common"}}  # each shared module: the cli modules it may import
HEAVY = ("okcomposer.sandbox", "okcomposer.ui", "okcomposer.app", "PIL", "PySide6", "shiboken6", "requests")


def _modules() -> dict[str, Path]:
    return {("__init__" if p.stem == "__init__" else p.stem): p for p in sorted(CLI.glob("*.py"))}


def _cli_imports(path: Path, names: set[str]) -> set[str]:
    """The okcomposer.cli modules `path` imports anywhere (top level or inside a function)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: from . import x / from .common import y
                module = f"{PACKAGE}.{module}" if module else PACKAGE
            if module == PACKAGE:
                found.update(alias.name if alias.name in names else "__init__" for alias in node.names)
            elif module.startswith(PACKAGE + "."):
                found.add(module.split(".")[2])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == PACKAGE:
                    found.add("__init__")
                elif alias.name.startswith(PACKAGE + "."):
                    found.add(alias.name.split(".")[2])
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _cli_imports(path, set(modules)) - {name} for name, path in modules.items()}


def test_the_cli_is_a_package_of_command_groups():
    modules = _modules()
    assert {"__init__", "common", "sending", "post", "outbox", "accounts", "sandbox", "gui"} <= set(modules)
    assert not list(CLI.parent.glob("cli*.py")), "the old top-level cli modules are gone"
    long = {
        name: n
        for name, p in modules.items()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) >= 400
    }
    assert long == {}


def test_no_import_cycles_between_cli_modules():
    graph = _graph()
    cycles = []

    def visit(name: str, path: list[str]) -> None:
        for target in sorted(graph.get(name, ())):
            if target in path:
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            else:
                visit(target, [*path, target])

    for start in graph:
        visit(start, [start])
    assert cycles == []


def test_commands_import_only_the_shared_modules_and_the_shared_import_no_command():
    graph = _graph()
    wrong = []
    for name, targets in graph.items():
        if name == "__init__":
            continue  # the parser: it imports the groups named in GROUPS when a command is given
        allowed = SHARED.get(name, set(SHARED))  # a command may use common and sending, nothing else
        wrong += [f"{name} imports {target}" for target in sorted(targets - allowed)]
    assert wrong == []
    commands = set(graph) - set(SHARED) - {"__init__"}
    from okcomposer.cli import GROUPS

    assert commands == {*GROUPS, "gui"}, "every command group is part of the parser (gui: no command)"


def _imported_after(code: str) -> list[str]:
    script = (
        "import sys\n"
        + code
        + f"\nprint('imported:', ','.join(sorted(m for m in sys.modules if m.startswith({HEAVY!r}))))\n"
    )
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    last = done.stdout.splitlines()[-1]
    assert last.startswith("imported: "), done.stdout
    return [m for m in last.removeprefix("imported: ").split(",") if m]


def test_version_and_parsing_every_command_import_nothing_heavy():
    code = (
        "import okcomposer.cli as cli\n"
        "try:\n"
        "    cli.main(['--version'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "login = ['login', '--application-id', '1', '--application-key', 'k']\n"
        "for argv in (['post', 'd.json'], ['moment', 'a.jpg'], ['check', 'a.jpg'], ['import', 'a.csv'],\n"
        "             ['outbox', 'run'], ['limits'], login, ['accounts'], ['logout', '7'],\n"
        "             ['sandbox', '--port', '0'], ['photo.jpg'], []):\n"
        "    args = cli.build_parser(argv).parse_args(argv)\n"
        "    assert callable(args.run), argv\n"
    )
    assert _imported_after(code) == []


def test_a_command_imports_what_it_runs_only(tmp_path):
    home = f"import os; os.environ['OKCOMPOSER_HOME'] = {str(tmp_path)!r}\nimport okcomposer.cli as cli\n"
    assert _imported_after(home + "assert cli.main(['limits']) == 0") == []
    checked = _imported_after(home + f"assert cli.main(['check', {str(tmp_path / 'none.jpg')!r}]) == 1")
    assert "PIL.Image" in checked  # the check itself
    assert not [m for m in checked if m.startswith(("okcomposer.sandbox", "PySide6", "requests"))]


def test_the_command_names_that_keep_a_file_from_opening_the_window_are_the_parsers_commands():
    import argparse

    from okcomposer.cli import COMMANDS, build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(COMMANDS) == sorted(sub.choices)
