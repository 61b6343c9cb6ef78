"""Shared helpers for the benchmarks: a sandbox in its own process, camera-like photos, interleaved timing,
and the rows that `run_all.py` gathers into RESULTS.md.

Every benchmark measures okcomposer against a baseline in the same run, the two interleaved (A B A B ...,
the order alternating), and reports medians. A benchmark reports a figure with `record(...)`: it is printed,
and when OKC_BENCH_JSON names a file (run_all.py sets it) appended there as one JSON line.
"""

from __future__ import annotations

import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from okcomposer.api.client import OkClient
from okcomposer.api.credentials import Credentials

MIB = 1024 * 1024
CAMERA = (6000, 4000)  # 24 MP, as a phone or an entry-level camera takes them
MASTERS = 4  # distinct pixel contents; every file also gets its own EXIF (time, GPS), so no two are equal


class SandboxProcess:
    """`okcomposer sandbox` in a child process, so its CPU and memory are not counted as the uploader's.

    `nice` > 0 lets it yield the CPU to us, as a server on another machine would (on a 2-core box the
    emulator decoding every upload otherwise competes with the client being measured).
    """

    def __init__(self, *args: str, env: dict[str, str] | None = None, nice: int = 0):
        code = (
            f"import os, sys; os.nice({nice}); from okcomposer.cli import main; sys.exit(main(sys.argv[1:]))"
        )
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, "sandbox", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, **(env or {})},
        )
        assert self.proc.stdout is not None
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


def _master(index: int, size: tuple[int, int]) -> bytes:
    """A JPEG that compresses like a photo (smooth shapes plus sensor-like grain), ~6 MB at 24 MP; cached
    in the temp folder across runs (making one takes about a second)."""
    cache = Path(tempfile.gettempdir()) / "okc-bench-cache"
    cache.mkdir(exist_ok=True)
    path = cache / f"master-{size[0]}x{size[1]}-{index}.jpg"
    if not path.exists():
        width, height = size
        shapes = Image.effect_noise((width // 8, height // 8), 60 + 10 * index).convert("L")
        shapes = shapes.resize(size, Image.Resampling.BICUBIC)
        grain = Image.effect_noise(size, 12).convert("L")
        green = Image.blend(Image.linear_gradient("L").resize(size), grain, 0.3)
        out = io.BytesIO()
        Image.merge("RGB", (shapes, green, Image.blend(shapes, grain, 0.5))).save(out, "JPEG", quality=90)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(out.getvalue())
        tmp.replace(path)
    return path.read_bytes()


def camera_exif(index: int, gps: bool = True) -> bytes:
    """An APP1 EXIF segment as a camera writes it: make, model, time taken and (with `gps`) a location."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "Canon EOS 250D"  # Make, Model
    exif[0x0112] = 1  # Orientation: upright
    exif[0x0132] = f"2024:06:{1 + index % 28:02d} 12:{index % 60:02d}:{(index * 7) % 60:02d}"
    if gps:
        where = exif.get_ifd(0x8825)
        where[1], where[2] = "N", (55.0, 45.0, float(index % 60))
        where[3], where[4] = "E", (37.0, 37.0, float((index * 13) % 60))
    data = exif.tobytes()  # b"Exif\0\0" + the TIFF structure
    return b"\xff\xe1" + (len(data) + 2).to_bytes(2, "big") + data


def camera_photos(
    folder: Path, count: int, size: tuple[int, int] = CAMERA, gps: bool = True, prefix: str = "IMG"
) -> list[Path]:
    """`count` camera-like JPEGs (default 6000x4000) with EXIF and GPS, no two files equal."""
    folder.mkdir(parents=True, exist_ok=True)
    masters = [_master(i, size) for i in range(min(MASTERS, count))]
    files = []
    for i in range(count):
        data = masters[i % len(masters)]
        path = folder / f"{prefix}_{i:04d}.jpg"
        path.write_bytes(data[:2] + camera_exif(i, gps) + data[2:])  # right after SOI, as cameras put it
        files.append(path)
    return files


def median(values: list[float]) -> float:
    return statistics.median(values)


def interleaved(runs: int, contenders: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Run each contender `runs` times, A B A B ..., the order reversed every other round so neither side
    always goes first; each call returns its measurement. Returns the measurements by name."""
    found: dict[str, list[float]] = {name: [] for name in contenders}
    order = list(contenders)
    for round_ in range(runs):
        for name in order if round_ % 2 == 0 else reversed(order):
            found[name].append(contenders[name]())
    return found


def record(
    figure: str, ours: str, baseline: str = "", ratio: str = "", n: int | str = "", note: str = ""
) -> None:
    """Print one figure and, under run_all.py, append it to its results file."""
    print(
        f"  {figure}: okcomposer {ours}"
        + (f" | baseline {baseline}" if baseline else "")
        + (f" | {ratio}" if ratio else "")
        + (f" | n={n}" if n != "" else "")
        + (f" ({note})" if note else ""),
        flush=True,
    )
    target = os.environ.get("OKC_BENCH_JSON")
    if target:
        row = {"figure": figure, "ours": ours, "baseline": baseline, "ratio": ratio, "n": n, "note": note}
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def verdict(ok: bool, target: str) -> str:
    return f"meets {target}" if ok else f"MISSES {target}"


def machine() -> str:
    """CPU model, cores, memory, OS and Python: what the figures depend on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f", {mem / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = ""
    import PySide6

    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; PySide6 {PySide6.__version__}"
    )


def table(rows: list[tuple], header: tuple) -> str:
    cells = [tuple(str(c) for c in header)] + [tuple(str(c) for c in r) for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(r: tuple) -> str:
        return "  ".join(
            c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )

    return "\n".join([line(cells[0]), line(tuple("-" * w for w in widths)), *map(line, cells[1:])])


def slope(sizes: list[int], times: list[float]) -> float:
    """The growth exponent between the smallest and largest size: 1.0 is linear, 2.0 quadratic."""
    import math

    if len(sizes) < 2 or times[0] <= 0 or times[-1] <= 0:
        return float("nan")
    return math.log(times[-1] / times[0]) / math.log(sizes[-1] / sizes[0])
