"""The sandbox in a child process for the desktop app: its image decoding never holds up the GUI thread."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
from typing import Any


def sandbox_command(*args: str) -> list[str]:
    """`okcomposer sandbox ...` with this interpreter, or this executable in a frozen (PyInstaller) app."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "sandbox", *args]
    return [sys.executable, "-m", "okcomposer", "sandbox", *args]


class SandboxProcess:
    """Same start()/info()/stop() as Sandbox, served by `okcomposer sandbox --exit-with-parent`."""

    def __init__(self, *args: str, start_timeout: float = 30.0):
        self.args = args
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen[str] | None = None
        self._info: dict[str, Any] | None = None
        self._errors: Any = None

    def start(self) -> SandboxProcess:
        # stderr goes to a file, not a pipe: a pipe nobody reads would block the child once full.
        self._errors = tempfile.TemporaryFile(mode="w+t")
        proc = subprocess.Popen(
            sandbox_command("--port", "0", "--exit-with-parent", *self.args),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            text=True,
        )
        self.proc = proc
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()), daemon=True)  # type: ignore[union-attr]
        reader.start()
        reader.join(self.start_timeout)
        if not line or not line[0].strip():
            self.stop()
            self._errors.seek(0)
            detail = self._errors.read().strip().splitlines()[-1:]
            raise RuntimeError("the sandbox did not start" + (f": {detail[0]}" if detail else ""))
        self._info = json.loads(line[0])
        return self

    @property
    def base_url(self) -> str:
        return self.info()["base_url"]

    def info(self) -> dict[str, Any]:
        if self._info is None:
            raise RuntimeError("the sandbox is not started")
        return self._info

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
        if self._errors is not None:
            self._errors.close()
