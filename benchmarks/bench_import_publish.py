"""`import --publish` of 50 rows at 300 ms of latency per request: okcomposer's default against one row at a
time (concurrency 1), through app.import_rows.publish_rows and the outbox, against the sandbox in its own
process. Afterwards each row's post is counted on the sandbox: exactly once per row.
Target (issue 16): at least 3x faster than one by one. Usage: python benchmarks/bench_import_publish.py
[--rows 50] [--latency-ms 300] [--runs 1] [--quick]
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SandboxProcess, interleaved, median, record, verdict  # noqa: E402

from okcomposer.app import import_rows  # noqa: E402
from okcomposer.app.bulk_import import load, save_drafts  # noqa: E402
from okcomposer.store.drafts import DraftStore  # noqa: E402

TARGET = 3.0


def make_csv(folder: Path, rows: int, run: str, gid: str) -> Path:
    lines = ["text;target"]
    lines += [f"Run {run}, row {i}: fresh bread at the bakery;{gid if i % 2 else 'me'}" for i in range(rows)]
    path = folder / f"posts-{run}.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def posts_per_row(sandbox: SandboxProcess, run: str) -> dict[int, int]:
    """How many topics on the sandbox carry each row's text of `run` (its /sandbox/state hook)."""
    with urllib.request.urlopen(sandbox.info["base_url"].rstrip("/") + "/sandbox/state") as answer:
        topics = json.load(answer)["topics"]
    counts: dict[int, int] = {}
    for topic in topics:
        text = json.dumps(topic.get("attachment"), ensure_ascii=False)
        found = re.search(rf"Run {run}, row (\d+):", text)
        if found:
            counts[int(found.group(1))] = counts.get(int(found.group(1)), 0) + 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50)
    parser.add_argument("--latency-ms", type=int, default=300)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="20 rows")
    args = parser.parse_args(argv)
    rows = 20 if args.quick else args.rows
    takes = "concurrency" in inspect.signature(import_rows.publish_rows).parameters
    with (
        tempfile.TemporaryDirectory() as tmp,
        SandboxProcess("--latency-ms", str(args.latency_ms), nice=19) as sandbox,
    ):
        gid = sandbox.admin_group()
        runs: list[str] = []

        def one(concurrency: int | None):
            def run() -> float:
                name = f"{'c' if concurrency is None else 's'}{len(runs)}"
                runs.append(name)
                plan = load(make_csv(Path(tmp), rows, name, gid))
                if not plan.ok:
                    raise SystemExit("\n".join(plan.errors[:5]))
                store = DraftStore(Path(tmp) / f"{name}.sqlite3")
                ids = save_drafts(plan, store)
                client = sandbox.client()
                extra = {"concurrency": concurrency} if takes and concurrency is not None else {}
                started = time.perf_counter()
                results = import_rows.publish_rows(client, plan, store, ids, **extra)
                elapsed = time.perf_counter() - started
                client.close()
                store.close()
                bad = [r.line() for r in results if r.state != "published"]
                if bad:
                    raise SystemExit("rows not published:\n" + "\n".join(bad[:5]))
                return elapsed

            return run

        found = interleaved(args.runs, {"one by one": one(1), "default": one(None)})
        per_row = {name: posts_per_row(sandbox, name) for name in runs}
    once = all(sorted(c) == list(range(rows)) and set(c.values()) == {1} for c in per_row.values())
    base, ours = median(found["one by one"]), median(found["default"])
    record(
        f"`import --publish` {rows} rows, {args.latency_ms} ms latency",
        f"{ours:.1f} s",
        f"one row at a time {base:.1f} s",
        f"{base / ours:.1f}× faster — " + verdict(base / ours >= TARGET, f"≥ {TARGET:.0f}×"),
        args.runs,
    )
    record(
        "  posts on the sandbox per import run (exactly once per row)",
        ", ".join(f"{sum(c.values())} posts for {len(c)} rows" for c in per_row.values()),
        f"{rows} rows per run",
        verdict(once, "each row once"),
        len(per_row),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
