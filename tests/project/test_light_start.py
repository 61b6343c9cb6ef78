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
