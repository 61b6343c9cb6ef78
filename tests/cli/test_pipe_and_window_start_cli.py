"""The reader of the output going away ends a command quietly (exit 141, issue 12 item 4), and
`okcomposer [--sandbox] FILE…` opens the window with those images in the post, or hands them to the window
already open on the profile (issue 12, item 6)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.images import make_jpeg, make_photos

from okcomposer.cli import COMMANDS, EXIT_PIPE, build_parser
from okcomposer.cli.gui import names_files


def okcomposer(home: Path, *argv: str, **kwargs) -> subprocess.Popen:
    env = {
        **os.environ,
        "OKCOMPOSER_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    return subprocess.Popen([sys.executable, "-m", "okcomposer", *argv], env=env, **kwargs)


def read_one_line_then_leave(proc: subprocess.Popen) -> tuple[bytes, int, str]:
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode("utf-8", "replace")
    return first, proc.wait(timeout=60), err


def test_check_whose_reader_left_ends_quietly(tmp_path):
    photos = make_photos(tmp_path, 60, size=(16, 16))  # too small for OK: a failed check is a line too
    proc = okcomposer(
        tmp_path / "home", "check", *map(str, photos), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    first, code, err = read_one_line_then_leave(proc)
    assert json.loads(first)["path"] == str(photos[0])
    assert (code, err) == (EXIT_PIPE, "")


def test_a_dry_run_whose_reader_left_ends_quietly(tmp_path):
    text = "слово " * 15_000  # 180 KB of UTF-8: more than a pipe holds, less than OK's 100,000 characters
    draft = tmp_path / "d.json"
    draft.write_text(json.dumps({"type": "USER", "attachment": {"media": [{"type": "text", "text": text}]}}))
    proc = okcomposer(
        tmp_path / "home",
        "--sandbox",
        "post",
        "--dry-run",
        str(draft),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first, code, err = read_one_line_then_leave(proc)
    assert first.strip() == b"{"  # the request, indented
    assert code == EXIT_PIPE
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err


def test_the_first_word_decides_between_a_command_and_files():
    assert not names_files([], COMMANDS) and not names_files(["--sandbox", "-v"], COMMANDS)
    assert not names_files(["post", "d.json"], COMMANDS)
    assert not names_files(["--api-base", "photo.jpg", "check", "a.jpg"], COMMANDS)  # the option's value
    assert names_files(["--sandbox", "photo.jpg"], COMMANDS)
    assert names_files(["--", "post"], COMMANDS)  # a file named like a command
    args = build_parser(["--sandbox", "a.jpg", "b.png"]).parse_args(["--sandbox", "a.jpg", "b.png"])
    assert (args.command, args.files, args.sandbox) == (None, ["a.jpg", "b.png"], True)
    args = build_parser(["check", "a.jpg"]).parse_args(["check", "a.jpg"])
    assert (args.command, args.images) == ("check", ["a.jpg"])
    sub = next(a for a in build_parser(["--help"])._actions if a.dest == "command")
    assert set(COMMANDS) == set(sub.choices)  # type: ignore[arg-type]


def drafted_files(home: Path) -> list[str]:
    """The photo files of the drafts the window autosaved (read while it runs, as the CLI would)."""
    database = home / "data" / "drafts.sqlite3"
    if not database.exists():
        return []
    with sqlite3.connect(database) as db:
        bodies = [json.loads(row[0]) for row in db.execute("SELECT body FROM drafts")]
    return [
        item["file"]
        for body in bodies
        for block in body["attachment"]["media"]
        if block["type"] == "photo"
        for item in block["list"]
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="the non-UTF-8 name is a POSIX case")
def test_files_on_the_command_line_go_into_the_post_of_the_window_first_or_already_open(tmp_path):
    home = tmp_path / "home"
    first = make_jpeg(tmp_path / "first.jpg")
    odd = tmp_path / os.fsdecode(b"caf\xe9.jpg")  # a non-UTF-8 name crosses to the running window intact
    try:
        make_jpeg(odd)
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    errors = (tmp_path / "window.err").open("w")
    window = okcomposer(
        home, "--sandbox", "first.jpg", cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=errors
    )
    try:
        deadline = time.monotonic() + 60
        while drafted_files(home) != [str(first)]:
            assert window.poll() is None and time.monotonic() < deadline, (
                tmp_path / "window.err"
            ).read_text()
            time.sleep(0.1)
        second = okcomposer(home, str(odd), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
        assert "its window was brought forward" in err
        deadline = time.monotonic() + 30
        while drafted_files(home) != [str(first), str(odd)]:
            assert time.monotonic() < deadline, drafted_files(home)
            time.sleep(0.1)
    finally:
        window.terminate()
        window.wait(timeout=30)
        errors.close()
