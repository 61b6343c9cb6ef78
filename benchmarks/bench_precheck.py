"""Times precheck() against a full Pillow decode of camera-size (24 MP) JPEGs: --count N [--dir D]."""

from __future__ import annotations

import argparse
import statistics
import struct
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from okcomposer.media.precheck import precheck

SIZE = (6000, 4000)
TARGET_RATIO = 20


def camera_like_jpeg(path: Path) -> None:
    """A 24 MP JPEG that compresses like a photo (smooth shapes plus sensor-like noise), a few MB."""
    width, height = SIZE
    shapes = Image.effect_noise((width // 8, height // 8), 80).convert("L")
    shapes = shapes.resize(SIZE, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(SIZE, 12).convert("L")
    gradient = Image.linear_gradient("L").resize(SIZE)
    green = Image.blend(gradient, grain, 0.3)
    blue = Image.blend(shapes, grain, 0.5)
    Image.merge("RGB", (shapes, green, blue)).save(path, quality=90)


def make_files(folder: Path, count: int) -> list[Path]:
    """One generated JPEG, copied count times with a different comment segment so no two files are equal."""
    folder.mkdir(parents=True, exist_ok=True)
    master = folder / "master.jpg"
    camera_like_jpeg(master)
    data = master.read_bytes()
    master.unlink()
    files = []
    for i in range(count):
        comment = f"okcomposer bench {i:06d}".encode()
        segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment  # COM, right after SOI
        path = folder / f"bench-{i:04d}.jpg"
        path.write_bytes(data[:2] + segment + data[2:])
        files.append(path)
    return files


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


def timed(method: Callable[[Path], None], files: list[Path]) -> list[float]:
    method(files[0])  # warm-up: plugin imports and the first page-cache reads are not what is measured
    times = []
    for path in files:
        start = time.perf_counter()
        method(path)
        times.append(time.perf_counter() - start)
    return times


def row(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(ordered)
    return f"{name:<14}{len(times):>7}{median * 1000:>14.2f}{p95 * 1000:>10.2f}{sum(times):>10.2f}"


def run(folder: Path, count: int) -> float:
    start = time.perf_counter()
    files = make_files(folder, count)
    size_mb = files[0].stat().st_size / 1024 / 1024
    made = time.perf_counter() - start
    print(f"{count} files of {SIZE[0]}x{SIZE[1]}, {size_mb:.1f} MB each, made in {made:.1f} s")
    fast = timed(check, files)
    slow = timed(full_decode, files)
    draft = timed(draft_decode, files)
    print(f"{'method':<14}{'files':>7}{'median ms':>14}{'p95 ms':>10}{'total s':>10}")
    print(row("precheck", fast))
    print(row("full decode", slow))
    print(row("1/8 decode", draft))
    ratio = statistics.median(slow) / statistics.median(fast)
    verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
    target = f"{verdict} the {TARGET_RATIO}x target"
    print(f"ratio (median): precheck is {ratio:.0f}x faster than a full decode ({target})")
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200, help="number of 24 MP JPEGs (default 200)")
    parser.add_argument("--dir", type=Path, help="write the files here and keep them (default: a temp dir)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    if args.dir:
        run(args.dir, args.count)
    else:
        with tempfile.TemporaryDirectory(prefix="okc-bench-") as folder:
            run(Path(folder), args.count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
