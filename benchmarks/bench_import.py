"""Times a 100-row CSV import (parse, validate, photo prechecks, save drafts; no network): --rows --runs."""

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

from okcomposer.app.bulk_import import load, save_drafts
from okcomposer.store.drafts import DraftStore

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


def make_csv(folder: Path, rows: int) -> Path:
    """`rows` posts: every one with text and 1-3 photos of its own (2 MP JPEGs), a third of them scheduled."""
    photos = folder / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    master = camera_like((1600, 1200))
    later = datetime.now(UTC) + timedelta(days=7)
    lines = ["text;link;photos;target;publish_at"]
    for i in range(rows):
        names = []
        for k in range(1 + i % 3):
            name = f"photos/r{i:03d}-{k}.jpg"
            comment = f"okcomposer bench {name}".encode()  # a COM segment so that no two files are equal
            segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
            (folder / name).write_bytes(master[:2] + segment + master[2:])
            names.append(name)
        target = "me" if i % 4 == 0 else GROUPS[i % 2]
        when = (later + timedelta(hours=i)).isoformat() if target != "me" and i % 3 == 0 else ""
        link = "https://ok.ru/" if i % 5 == 0 else ""
        text = f'"Post {i}: fresh news; line two\nline three #okcomposer"'
        lines.append(";".join([text, link, "|".join(names), target, when]))
    path = folder / "posts.csv"
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100, help="rows in the CSV (default 100)")
    parser.add_argument(
        "--runs", type=int, default=9, help="timed imports; the median is reported (default 9)"
    )
    args = parser.parse_args(argv)
    if args.rows < 1 or args.runs < 1:
        parser.error("--rows and --runs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="okc-bench-import-") as tmp:
        folder = Path(tmp)
        path = make_csv(folder, args.rows)
        files = list((folder / "photos").iterdir())
        photos, mb = len(files), sum(f.stat().st_size for f in files) / 1024 / 1024
        import_once(path, folder / "warmup.sqlite3")  # imports and first page-cache reads are not measured
        times = [import_once(path, folder / f"drafts-{i}.sqlite3") for i in range(args.runs)]
    median = statistics.median(times)
    print(f"{args.rows} rows, {photos} photos (1600x1200 JPEG, {mb:.0f} MB in all), {args.runs} runs")
    print(
        f"import (parse + validate + precheck + save drafts): median {median * 1000:.0f} ms, "
        f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
    )
    verdict = "meets" if median < TARGET_S else "MISSES"
    print(f"{verdict} the {TARGET_S:.0f} s target")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
