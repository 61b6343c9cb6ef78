"""The sandbox as a child process: starts, serves, stops, and does not outlive the app that started it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import requests

from okcomposer.sandbox.process import SandboxProcess


def test_start_serve_stop():
    sandbox = SandboxProcess().start()
    try:
        info = sandbox.info()
        assert {"base_url", "access_token", "groups"} <= info.keys()
        assert requests.get(sandbox.base_url + "/sandbox/state", timeout=5).json()["topics"] == []
    finally:
        sandbox.stop()
    assert sandbox.proc is None


def test_the_child_ends_when_its_parent_is_killed():
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from okcomposer.sandbox.process import SandboxProcess\n"
            "import sys, time\ns = SandboxProcess().start()\nprint(s.proc.pid, flush=True)\ntime.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    child = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=10)
    parent.stdout.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        if _is_zombie(child):
            return
        time.sleep(0.1)
    raise AssertionError("the sandbox outlived the app that started it")


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True
