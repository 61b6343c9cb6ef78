"""What `okcomposer WORD…` does when no window should open: a mistyped command (no such command, no such
file) and a Linux session with no display each get one line on stderr and exit 2, never a window or a silent
Qt abort (exit 134)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from okcomposer.cli import COMMANDS, EXIT_INPUT
from okcomposer.cli.gui import not_a_file


def run(home: Path, *argv: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    env = {
        **(os.environ if env is None else env),
        "OKCOMPOSER_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    # A window that opens by mistake would never end: the time limit turns that into a failure.
    return subprocess.run(
        [sys.executable, "-m", "okcomposer", *argv],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_mistyped_command_is_one_line_and_exit_2_not_a_window(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = run(tmp_path / "home", "statz", env=env, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (EXIT_INPUT, "")
    assert done.stderr.splitlines() == [
        "okcomposer: 'statz' is neither a command nor a file (commands: "
        + ", ".join(COMMANDS)
        + "; see okcomposer --help)"
    ]
    done = run(tmp_path / "home", "--sandbox", "frobnicate", "nope.jpg", env=env, cwd=tmp_path)
    assert done.returncode == EXIT_INPUT
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("okcomposer: 'frobnicate' is neither a command nor a file, nor is any of")
    assert not (tmp_path / "home" / "data" / "drafts.sqlite3").exists()  # no window made its stores


def test_files_of_which_one_exists_all_go_to_the_window(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "a.jpg").write_bytes(b"")
    assert not_a_file(["statz"], COMMANDS) is not None
    assert not_a_file([str(tmp_path / "gone.jpg"), str(tmp_path / "a.jpg")], COMMANDS) is None
    assert not_a_file([str(tmp_path / "photos")], COMMANDS) is None  # a folder of photos
    assert not_a_file(["bad\0name"], COMMANDS) is not None
    assert not_a_file([], COMMANDS) is None  # `okcomposer --sandbox`: the window, no files


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland: the Linux displays")
@pytest.mark.parametrize("platform", [None, "xcb"])
def test_no_display_is_one_line_and_exit_2_not_a_silent_abort(tmp_path, platform):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    if platform:
        env["QT_QPA_PLATFORM"] = platform
    done = run(tmp_path / "home", "--sandbox", env=env)
    assert (done.returncode, done.stdout) == (EXIT_INPUT, "")
    assert done.stderr.splitlines() == [
        "okcomposer: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
        "the commands work without one: okcomposer --help"
    ]
    assert run(tmp_path / "home", "limits", env=env).returncode == 0  # the commands need no display
