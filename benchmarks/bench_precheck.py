"""Times precheck() against a full Pillow decode of camera photos (6000x4000 JPEG with EXIF and GPS, every
file different), the two interleaved file by file: --count N [--dir D] [--quick]."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import camera_photos, record, verdict  # noqa: E402

from okcomposer.media.precheck import precheck  # noqa: E402

TARGET_RATIO = 20


def make_files(folder: Path, count: int) -> list[Path]:
    """`count` camera-like 24 MP JPEGs (benchmarks/common.py): EXIF with GPS, no two files equal."""
    return camera_photos(folder, count)


def full_decode(path: Path) -> None:
    with Image.open(path) as im:
        im.load()


def draft_decode(path: Path) -> None:
    """precheck's fallback for a JPEG with an odd tail: DCT-scaled decode at 1/8 (shown for comparison)."""
    with Image.open(path) as im:
        im.draft(None, (im.width // 8, im.height // 8))
        im.load()


def check(path: Path) -> None:
    result = precheck(path)
    if not result.ok:
        raise SystemExit(f"precheck refused a good file: {result.message}")


def timed(methods: dict[str, Callable[[Path], None]], files: list[Path]) -> dict[str, list[float]]:
    """Each method on each file, interleaved file by file (the order alternating); seconds per call."""
    for method in methods.values():
        method(files[0])  # warm-up: plugin imports are not what is measured
    times: dict[str, list[float]] = {name: [] for name in methods}
    for i, path in enumerate(files):
        for name in list(methods) if i % 2 == 0 else reversed(list(methods)):
            start = time.perf_counter()
            methods[name](path)
            times[name].append(time.perf_counter() - start)
    return times


def row(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(ordered)
    return f"{name:<14}{len(times):>7}{median * 1000:>14.2f}{p95 * 1000:>10.2f}{sum(times):>10.2f}"


def run(folder: Path, count: int) -> float:
    start = time.perf_counter()
    files = make_files(folder, count)
    size_mb = sum(f.stat().st_size for f in files) / count / 1024 / 1024
    made = time.perf_counter() - start
    print(f"{count} camera photos, 6000x4000, {size_mb:.1f} MB each, made in {made:.1f} s")
    found = timed({"precheck": check, "full decode": full_decode, "1/8 decode": draft_decode}, files)
    print(f"{'method':<14}{'files':>7}{'median ms':>14}{'p95 ms':>10}{'total s':>10}")
    for name, times in found.items():
        print(row(name, times))
    fast, slow = statistics.median(found["precheck"]), statistics.median(found["full decode"])
    record(
        "precheck of a camera photo (6000×4000, EXIF+GPS, every file different)",
        f"{fast * 1000:.2f} ms",
        f"full decode {slow * 1000:.0f} ms",
        f"{slow / fast:.0f}× faster — " + verdict(slow / fast >= TARGET_RATIO, f"≥ {TARGET_RATIO}×"),
        count,
    )
    return slow / fast


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=60, help="number of 24 MP JPEGs (default 60)")
    parser.add_argument("--quick", action="store_true", help="20 files")
    parser.add_argument("--dir", type=Path, help="write the files here and keep them (default: a temp dir)")
    args = parser.parse_args(argv)
    count = 20 if args.quick else args.count
    if count < 1:
        parser.error("--count must be at least 1")
    if args.dir:
        run(args.dir, count)
    else:
        with tempfile.TemporaryDirectory(prefix="okc-bench-") as folder:
            run(Path(folder), count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
