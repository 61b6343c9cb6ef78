"""What the window's start does not import (issue 16): the keyring and its backends (~60 ms) come with the
first account secret read or written, never with the window itself."""

from __future__ import annotations

import os
import subprocess
import sys


def test_opening_the_window_module_does_not_import_the_keyring():
    script = (
        "import sys\n"
        "import okcomposer.ui.shell.main_window, okcomposer.ui.shell.app\n"
        "from okcomposer.store import accounts, secrets\n"
        "print(sorted(m for m in sys.modules if m == 'keyring' or m.startswith('keyring.')))\n"
        "secrets.available()\n"
        "print('keyring' in sys.modules)\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "True"]  # not before it is used, and there when it is


def _run(script: str) -> list[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_opening_the_window_declares_no_command():
    """`okcomposer --sandbox -v` opens the window: no command group's module is imported to parse it, while
    `--help` (beside the same options) and a command still find every command."""
    lines = _run(
        "import sys\n"
        "from okcomposer.cli import build_parser\n"
        "args = build_parser(['--sandbox', '-v']).parse_args(['--sandbox', '-v'])\n"
        "print(args.command, args.sandbox, args.verbose)\n"
        "print(sorted(m for m in sys.modules if m.startswith('okcomposer.cli.')))\n"
        "print(build_parser(['--sandbox', '--help']).format_help().count('outbox'))\n"
        "argv = ['--api-base', 'post', 'stats']\n"
        "print(build_parser(argv).parse_args(argv).command)\n"
    )
    assert lines[0] == "None True 1"
    assert lines[1] == "['okcomposer.cli.common', 'okcomposer.cli.gui']"
    assert int(lines[2]) >= 1
    assert lines[3] == "stats"  # "post" there is the value of --api-base, not the command


def test_a_built_window_has_not_imported_what_only_a_dialog_or_a_drop_needs():
    """The import dialog (and the CSV/XLSX import use cases), the sign-in dialog (and its loopback HTTP
    server) and the misspelling matcher load when first used (issue 16: memory)."""
    lines = _run(
        "import sys, tempfile\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from okcomposer.store.accounts import AccountStore\n"
        "from okcomposer.store.drafts import DraftStore\n"
        "from okcomposer.store.settings import SettingsStore\n"
        "from okcomposer.ui.common.context import UiContext\n"
        "from okcomposer.ui.shell.main_window import MainWindow\n"
        "home = Path(tempfile.mkdtemp())\n"
        "context = UiContext(SettingsStore(home / 's.json'), DraftStore(home / 'd.sqlite3'))\n"
        "window = MainWindow(context, AccountStore(home / 'a.json'))\n"
        "window.install_workflow()\n"
        "names = ['okcomposer.ui.library.import_dialog', 'okcomposer.app.bulk_import',\n"
        "         'okcomposer.ui.accounts.sign_in_dialog', 'okcomposer.api.loopback', 'difflib']\n"
        "print(window.workflow is not None, [n for n in names if n in sys.modules])\n"
        "window.workflow.importing.open_dialog()\n"
        "print('okcomposer.ui.library.import_dialog' in sys.modules)\n"
        "window.close()\n"
        "context.drafts.close()\n"
    )
    assert lines[-2:] == ["True []", "True"]
