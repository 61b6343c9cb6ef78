"""Run every benchmark and write benchmarks/RESULTS.md (figure, okcomposer, baseline, ratio, n, machine); the
table is also copied into README.md between its `benchmarks:begin` / `benchmarks:end` markers.

Usage: python benchmarks/run_all.py [--quick] [--only startup,lists] [--no-readme]
Each benchmark runs as its own process (a fresh interpreter, so no benchmark warms another's imports or
caches) and reports its rows through common.record. A failing benchmark is listed as failed, the rest go on.
A full run takes a few minutes on 2 cores; --quick fewer runs and smaller sizes (about a minute or two).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import machine  # noqa: E402

# In the order of the table: what the user waits for first comes first.
BENCHMARKS = (
    "startup",
    "gui_stall",
    "lists",
    "parallel",
    "import_publish",
    "upload",
    "precheck",
    "import",
    "insights",
    "insights_tab",
)
BEGIN, END = "<!-- benchmarks:begin -->", "<!-- benchmarks:end -->"


def run_one(name: str, quick: bool) -> tuple[list[dict], float, str]:
    """(rows, seconds, error text or "")."""
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl", delete=False) as sink:
        target = sink.name
    command = [sys.executable, str(HERE / f"bench_{name}.py"), *(["--quick"] if quick else [])]
    started = time.perf_counter()
    print(f"== bench_{name}.py", flush=True)
    done = subprocess.run(
        command, env={**os.environ, "OKC_BENCH_JSON": target}, stderr=subprocess.PIPE, text=True
    )
    seconds = time.perf_counter() - started
    text = Path(target).read_text(encoding="utf-8")
    os.unlink(target)
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    error = ""
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        error = tail[0]
        print(done.stderr[-3000:], file=sys.stderr)
    return rows, seconds, error


def markdown(results: dict[str, tuple[list[dict], float, str]], quick: bool) -> str:
    cell = lambda text: str(text).replace("|", "\\|")  # noqa: E731
    lines = [
        "| figure | okcomposer | baseline | ratio / verdict | n |",
        "|---|---|---|---|---|",
    ]
    for name, (rows, _seconds, error) in results.items():
        for row in rows:
            figure = row["figure"] + (f" ({row['note']})" if row.get("note") else "")
            lines.append(
                f"| {cell(figure)} | {cell(row['ours'])} | {cell(row['baseline'])} | {cell(row['ratio'])} "
                f"| {row['n']} |"
            )
        if error:
            lines.append(f"| bench_{name}.py | FAILED: {cell(error)} | | | |")
    return "\n".join(lines)


def write(results: dict[str, tuple[list[dict], float, str]], quick: bool, readme: bool) -> None:
    table = markdown(results, quick)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    took = ", ".join(f"{name} {secs:.0f} s" for name, (_r, secs, _e) in results.items())
    head = (
        f"Machine: {machine()}.  \n"
        f"Run: `python benchmarks/run_all.py{' --quick' if quick else ''}` on {stamp}; medians of the runs "
        f"(n), okcomposer and its baseline measured in the same run, interleaved."
    )
    (HERE / "RESULTS.md").write_text(
        "# Benchmark results\n\nWritten by `benchmarks/run_all.py`; do not edit by hand.\n\n"
        f"{head}\n\n{table}\n\nTime per benchmark: {took}.\n",
        encoding="utf-8",
    )
    if readme:
        path = HERE.parent / "README.md"
        text = path.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            before, rest = text.split(BEGIN, 1)
            after = rest.split(END, 1)[1]
            path.write_text(f"{before}{BEGIN}\n{head}\n\n{table}\n{END}{after}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller sizes")
    parser.add_argument(
        "--only", help="comma-separated names, e.g. startup,lists (RESULTS.md then has only those)"
    )
    parser.add_argument("--no-readme", action="store_true", help="leave README.md as it is")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",")] if args.only else list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    results = {name: run_one(name, args.quick) for name in names}
    write(results, args.quick, readme=not args.no_readme and not args.only)
    print(f"\nwrote {HERE / 'RESULTS.md'}")
    return 1 if any(error for _r, _s, error in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
