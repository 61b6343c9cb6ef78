"""`okcomposer sandbox` options (issue 12, items 4 and 8): nonsense is one line and exit 2, and the sandbox
listens where other computers can reach it only when told so (--allow-remote), with a warning."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import requests

from okcomposer.cli import main
from okcomposer.sandbox.server import Sandbox, is_loopback


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--port", "99999"], "argument --port: expected a whole number from 0 to 65535, not '99999'"),
        (["--port", "-1"], "argument --port: expected a whole number from 0 to 65535, not '-1'"),
        (["--port", "８０"], "argument --port: expected a whole number from 0 to 65535, not '８０'"),
        (["--port", "9" * 5000], "argument --port: expected a whole number from 0 to 65535, not '999"),
        (["--latency-ms", "10000000000"], "argument --latency-ms: expected a whole number from 0 to 3600000"),
        (["--upload-ttl-ms", "1e9"], "argument --upload-ttl-ms: expected a whole number from 0 to"),
        (
            ["--host", "0.0.0.0"],
            "'0.0.0.0' is not a loopback address: other computers could reach the sandbox",
        ),
        (["--host", ""], "'' is not a loopback address"),
        (["--host", "192.0.2.1"], "'192.0.2.1' is not a loopback address"),
    ],
)
def test_nonsense_options_are_one_line_and_exit_2(capsys, argv, message):
    try:
        code = main(["sandbox", *argv])
    except SystemExit as exc:  # argparse's own way out
        code = exc.code
    assert code == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1
    assert err.startswith(f"okcomposer sandbox: {message}")


def test_loopback_addresses_are_told_from_the_others():
    for host in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "", " ", "192.0.2.1", "10.1.2.3", "name.invalid", "127.0.0.1.invalid"):
        assert not is_loopback(host), host
    with pytest.raises(ValueError, match="'0.0.0.0' is not a loopback address"):
        Sandbox(host="0.0.0.0")
    assert Sandbox(host="0.0.0.0", allow_remote=True).host == "0.0.0.0"  # told so: as asked


def serve_briefly(tmp_path, *argv: str) -> tuple[int, int, str]:
    """Start `okcomposer sandbox ARGV`, ask its state on 127.0.0.1, stop it: (exit code, port, stderr)."""
    command = [sys.executable, "-m", "okcomposer", "sandbox", *argv]
    env = {**os.environ, "OKCOMPOSER_HOME": str(tmp_path)}
    errors = (tmp_path / "err").open("w+")
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env)
    try:
        assert proc.stdout is not None
        info = json.loads(proc.stdout.readline())
        port = int(info["base_url"].rsplit(":", 1)[1])
        assert requests.get(f"http://127.0.0.1:{port}/sandbox/state", timeout=5).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    errors.seek(0)
    return proc.returncode, port, errors.read()


def test_a_remote_address_is_served_when_allowed_and_said_on_stderr(tmp_path):
    code, port, err = serve_briefly(tmp_path, "--host", "0.0.0.0", "--allow-remote")
    assert code == 0
    assert err == (
        f"okcomposer sandbox: warning: listening on 0.0.0.0:{port}, which other computers may reach; "
        "anyone who can reach it can read its state, add faults and take its demo tokens\n"
    )


def test_a_loopback_name_is_served_without_a_word(tmp_path):
    assert serve_briefly(tmp_path, "--host", "localhost")[::2] == (0, "")


def test_parsing_any_command_imports_no_sandbox():
    code = (
        "import sys\n"
        "from okcomposer.cli import build_parser\n"
        "for argv in (['sandbox', '--port', '0', '--host', 'localhost'], ['check', 'a.jpg'], ['x.jpg']):\n"
        "    build_parser(argv).parse_args(argv)\n"
        "print(sorted(m for m in sys.modules if m.startswith('okcomposer.sandbox')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
