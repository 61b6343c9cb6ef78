"""Times a CSV import (parse, validate, photo prechecks, save drafts; no network): 100 rows with their own
photos, then the scaling at 100 / 1,000 / 10,000 rows (photos drawn from a pool of 300 files) with the growth
exponent (1.0 = linear). Usage: python benchmarks/bench_import.py [--rows 100] [--runs 9] [--quick]"""

from __future__ import annotations

import argparse
import io
import statistics
import struct
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, record, slope, verdict  # noqa: E402

from okcomposer.app.bulk_import import load, save_drafts  # noqa: E402
from okcomposer.store.drafts import DraftStore  # noqa: E402

TARGET_S = 1.0
GROUPS = ("70000001000101", "70000001000102")


def camera_like(size: tuple[int, int]) -> bytes:
    """A JPEG that compresses like a photo (smooth shapes plus grain), so files have realistic sizes."""
    shapes = (
        Image.effect_noise((size[0] // 8, size[1] // 8), 80)
        .convert("L")
        .resize(size, Image.Resampling.BICUBIC)
    )
    grain = Image.effect_noise(size, 12).convert("L")
    image = Image.merge("RGB", (shapes, Image.blend(shapes, grain, 0.3), Image.blend(shapes, grain, 0.5)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def make_csv(folder: Path, rows: int, pool: int | None = None) -> Path:
    """`rows` posts: every one with text and 1-3 photos (2 MP JPEGs; its own, or with `pool` drawn from that
    many files), a third of the group rows scheduled."""
    photos = folder / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    made: set[str] = set()
    master = camera_like((1600, 1200))
    later = datetime.now(UTC) + timedelta(days=7)
    lines = ["text;link;photos;target;publish_at"]
    for i in range(rows):
        names = []
        for k in range(1 + i % 3):
            name = f"photos/r{i:03d}-{k}.jpg" if pool is None else f"photos/p{(i * 3 + k) % pool:03d}.jpg"
            if name not in made:
                comment = f"okcomposer bench {name}".encode()  # a COM segment so that no two files are equal
                segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
                (folder / name).write_bytes(master[:2] + segment + master[2:])
                made.add(name)
            names.append(name)
        target = "me" if i % 4 == 0 else GROUPS[i % 2]
        when = (later + timedelta(hours=i)).isoformat() if target != "me" and i % 3 == 0 else ""
        link = "https://ok.ru/" if i % 5 == 0 else ""
        text = f'"Post {i}: fresh news; line two\nline three #okcomposer"'
        lines.append(";".join([text, link, "|".join(names), target, when]))
    path = folder / f"posts-{rows}.csv"
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    return path


def import_once(path: Path, db: Path) -> float:
    db.unlink(missing_ok=True)
    store = DraftStore(db)
    try:
        start = time.perf_counter()
        plan = load(path)
        if not plan.ok:
            raise SystemExit("the generated file has errors:\n" + "\n".join(plan.errors[:5]))
        ids = save_drafts(plan, store)
        elapsed = time.perf_counter() - start
    finally:
        store.close()
    if len(ids) != len(plan.rows):
        raise SystemExit("not every row was saved")
    return elapsed


def scaling(folder: Path, sizes: list[int]) -> None:
    times = []
    for rows in sizes:
        path = make_csv(folder, rows, pool=300)
        import_once(path, folder / "warm.sqlite3")
        times.append(median([import_once(path, folder / f"scale-{rows}-{i}.sqlite3") for i in range(3)]))
        print(f"  {rows} rows: {times[-1] * 1000:.0f} ms", flush=True)
    growth = slope(sizes, times)
    record(
        "import scaling: " + " / ".join(f"{n:,}" for n in sizes) + " rows",
        " / ".join(f"{t * 1000:.0f}" for t in times) + " ms",
        "",
        f"growth exponent {growth:.2f} — " + verdict(growth <= 1.15, "at most linear"),
        3,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100, help="rows in the CSV (default 100)")
    parser.add_argument(
        "--runs", type=int, default=9, help="timed imports; the median is reported (default 9)"
    )
    parser.add_argument("--quick", action="store_true", help="5 runs; scaling to 1,000 rows only")
    args = parser.parse_args(argv)
    runs = 5 if args.quick else args.runs
    if args.rows < 1 or runs < 1:
        parser.error("--rows and --runs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="okc-bench-import-") as tmp:
        folder = Path(tmp)
        path = make_csv(folder, args.rows)
        files = list((folder / "photos").iterdir())
        photos, mb = len(files), sum(f.stat().st_size for f in files) / 1024 / 1024
        import_once(path, folder / "warmup.sqlite3")  # imports and first page-cache reads are not measured
        times = [import_once(path, folder / f"drafts-{i}.sqlite3") for i in range(runs)]
        middle = statistics.median(times)
        record(
            f"import a {args.rows}-row CSV with {photos} photos (1600×1200 JPEG, {mb:.0f} MB): parse, check, "
            "save drafts",
            f"{middle * 1000:.0f} ms",
            "",
            verdict(middle < TARGET_S, f"< {TARGET_S:.0f} s"),
            runs,
        )
        scaling(folder, [100, 1000] if args.quick else [100, 1000, 10_000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
