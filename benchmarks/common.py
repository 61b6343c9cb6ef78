"""Shared helpers for the benchmarks: a sandbox in its own process, test images, timing."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from PIL import Image

from okcomposer.api.client import OkClient
from okcomposer.api.credentials import Credentials

MIB = 1024 * 1024


class SandboxProcess:
    """`okcomposer sandbox` in a child process, so its CPU and memory are not counted as the uploader's."""

    def __init__(self, *args: str, env: dict[str, str] | None = None):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "okcomposer", "sandbox", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self.info = json.loads(self.proc.stdout.readline())

    def client(self) -> OkClient:
        i = self.info
        return OkClient(
            Credentials(i["application_key"], i["access_token"], i["session_secret_key"]), i["base_url"]
        )

    def admin_group(self) -> str:
        return next(g["id"] for g in self.info["groups"] if g["status"] == "ADMIN")

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def __enter__(self) -> SandboxProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def noise_png(path: Path, megabytes: float) -> Path:
    """An incompressible PNG of about `megabytes` MB (random pixels)."""
    side = int((megabytes * MIB / 3) ** 0.5)
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(path, "PNG", compress_level=0)
    return path


def median(values: list[float]) -> float:
    return statistics.median(values)


def table(rows: list[tuple], header: tuple) -> str:
    cells = [tuple(str(c) for c in header)] + [tuple(str(c) for c in r) for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(r: tuple) -> str:
        return "  ".join(
            c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )

    return "\n".join([line(cells[0]), line(tuple("-" * w for w in widths)), *map(line, cells[1:])])
