"""A 20-photo group post under 200 ms of latency per request: parallel uploads against one at a time.

Usage: python benchmarks/bench_parallel.py [--runs 3] [--latency-ms 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SandboxProcess, median, table  # noqa: E402
from PIL import Image  # noqa: E402

from okcomposer.api.topic import Post  # noqa: E402
from okcomposer.app.publish import publish  # noqa: E402
from okcomposer.limits import current_limits  # noqa: E402


def draft(gid: str, photos: list[Path]) -> Post:
    return Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": gid,
            "attachment": {
                "media": [
                    {"type": "text", "text": "20 photos"},
                    {"type": "photo", "list": [{"file": str(p)} for p in photos]},
                ]
            },
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--latency-ms", type=int, default=200)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        SandboxProcess("--latency-ms", str(args.latency_ms)) as sandbox,
    ):
        photos = []
        for i in range(20):
            path = Path(tmp) / f"p{i}.jpg"
            Image.new("RGB", (1600, 1200), (i * 12, 100, 150)).save(path, quality=90)
            photos.append(path)
        gid = sandbox.admin_group()
        limits = current_limits()
        serial_limits = limits.__class__(**{**limits.__dict__, "photos_per_upload_url": 1})
        modes = {
            "one at a time": (1, serial_limits),
            "4 parallel, 1 photo/request": (4, serial_limits),
            "4 parallel, batched (default)": (4, limits),
        }
        times: dict[str, list[float]] = {m: [] for m in modes}
        for _ in range(args.runs):
            for mode, (parallel, lim) in modes.items():
                client = sandbox.client()
                started = time.perf_counter()
                publish(client, draft(gid, photos), limits=lim, parallel=parallel)
                times[mode].append(time.perf_counter() - started)
        base = median(times["one at a time"])
        rows = [
            (m, f"{median(t):.2f}", f"{min(t):.2f}", f"{base / median(t):.1f}x") for m, t in times.items()
        ]
        print(f"20-photo group post, sandbox latency {args.latency_ms} ms, median of {args.runs} runs")
        print(table(rows, ("mode", "median s", "best s", "speed-up")))


if __name__ == "__main__":
    main()
