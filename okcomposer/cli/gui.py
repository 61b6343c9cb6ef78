"""`okcomposer [OPTIONS] [FILE…]`: no command opens the desktop window, the images FILE… added to the post.

With a window already open on this profile, a second start hands it the files and brings it forward
(okcomposer.ui.shell.single_instance) instead of opening another.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Collection, Sequence
from pathlib import Path

OPTIONS_WITH_VALUE = ("--api-base",)  # the top-level options that take the next word as their value


def names_files(argv: Sequence[str], commands: Collection[str]) -> bool:
    """True when the first word of `argv` that is no option (or any word after "--") is not a command name:
    `okcomposer photo.jpg` opens the window with photo.jpg, `okcomposer post d.json` runs `post`.

    A file named like a command is given as ./post, or after "--".
    """
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None) is not None
        if word in OPTIONS_WITH_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word not in commands
    return False


def opens_window(argv: Sequence[str]) -> bool:
    """True when `argv` has options only and none asks for help: `okcomposer --sandbox -v` opens the window,
    so no command needs declaring (each command group's module stays unimported)."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help") or word == "--" or not word.startswith("-"):
            return False
        if word in OPTIONS_WITH_VALUE:
            next(words, None)
    return True


def not_a_file(files: Sequence[str], commands: Collection[str]) -> str | None:
    """One line (no "okcomposer: " head) when none of `files`, the words taken as file names, exists as a
    file or folder: `okcomposer statz` is a mistyped command, and opening the window with a tile saying
    "statz holds no image" helps no one. None when any of them exists: then all go to the window, the
    missing ones saying so on their tiles."""
    if not files or any(os.path.exists(name) for name in files):  # exists() is False for a NUL in a name
        return None
    first, others = files[0], len(files) - 1
    more = f", nor is any of the other {others} words a file" if others else ""
    listed = ", ".join(commands)
    return f"'{first}' is neither a command nor a file{more} (commands: {listed}; see okcomposer --help)"


def add_files_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="images to add to the post in the window (no COMMAND)"
    )


def cmd_gui(args: argparse.Namespace) -> int:
    """No command: the desktop app, with `args.files` (paths) added to its post; with --sandbox it runs on a
    built-in sandbox as its demo user. Returns the app's exit code (0 also when a running window took over).
    """
    from okcomposer.ui.shell.app import run_gui

    def new_sandbox():
        # In its own process, so the emulator's image decoding never holds up the window.
        from okcomposer.sandbox.process import SandboxProcess

        return SandboxProcess()

    files = [str(Path(f).absolute()) for f in getattr(args, "files", [])]
    program = sys.argv[0] if sys.argv and sys.argv[0] else "okcomposer"
    return run_gui([program, *files], sandbox_factory=new_sandbox if args.sandbox else None)
