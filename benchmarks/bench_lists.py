"""The Drafts and History tabs and the Calendar at 1,000 / 10,000 / 100,000 rows: time from refresh() to the
rows on screen, the longest GUI-thread stall meanwhile, how many rows are reachable, and the growth exponent.

Baseline: a bare QTableView over an in-memory model of the same rows (what merely showing them costs).
The Calendar figure is one week read through app.schedule.calendar_entries with that many timed drafts and
outbox entries spread over two years. Targets (issue 16): 10,000 rows open in < 100 ms with no stall over
50 ms, every row reachable, growth at most linear; the Calendar reads only the visible range.
Usage: python benchmarks/bench_lists.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, record, slope, verdict  # noqa: E402

DAY_MS = 86_400_000
NOW_MS = int(time.time() * 1000)
WEEK_MS = NOW_MS + 30 * DAY_MS  # the first day of the week the Calendar benchmark reads


def fill(path: Path, count: int) -> None:
    """`count` drafts (a third of them timed) and `count` outbox entries, written straight with SQL."""
    from okcomposer.store.drafts import DraftStore

    DraftStore(path).close()  # the schema, at its current version
    db = sqlite3.connect(path)
    states = ("published", "scheduled", "waiting", "failed", "not_sent", "unconfirmed")
    groups = ("70000001000101", "70000001000102", "me")
    with db:
        drafts, entries = [], []
        for i in range(count):
            # The 300 first fall in the week the Calendar shows; the rest spread over two years after it, so
            # the week holds the same entries at every size and only what is read around it can grow.
            when = (
                WEEK_MS + (i * DAY_MS) // 45
                if i < 300
                else WEEK_MS + 8 * DAY_MS + (i * 2 * 365 * DAY_MS) // count
            )
            attachment: dict = {"media": [{"type": "text", "text": f"Draft {i}: fresh bread"}]}
            if i % 3 == 0:
                attachment["publishAtMs"] = when
            body = json.dumps({"type": "GROUP_THEME", "gid": groups[i % 2], "attachment": attachment})
            drafts.append(
                (f"d{i:06d}", f"Draft {i}: fresh bread", body, NOW_MS - i * 1000, NOW_MS - i * 1000)
            )
            state = states[i % len(states)]
            request = json.dumps({"type": "GROUP_THEME", "attachment": {"media": []}})
            entries.append(
                (
                    f"e{i:06d}",
                    "post",
                    groups[i % 3],
                    "Bakery",
                    f"fp{i}",
                    request,
                    f"Post {i}: hot rolls",
                    f"d{i:06d}" if i % 2 else None,
                    state,
                    "",
                    NOW_MS - i * 60_000,
                    when if state == "waiting" else None,
                    NOW_MS - i * 60_000,
                    when if state == "scheduled" else None,
                    str(900_000 + i) if state in states[:2] else None,
                    f"https://ok.ru/group/1/topic/{900_000 + i}" if state in states[:2] else None,
                    None,
                    None,
                    None,
                    NOW_MS,
                    None,
                    "",
                    None,
                )  # fmt: skip
            )
        db.executemany(
            "INSERT INTO drafts (id, title, body, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?)", drafts
        )
        db.executemany(f"INSERT INTO outbox VALUES ({', '.join('?' * len(entries[0]))})", entries)
    db.close()


def rows_shown(view) -> int:
    model = getattr(view, "model", None)
    if model is not None and hasattr(model, "rowCount"):
        return model.rowCount()
    return view.tree.topLevelItemCount()


def reachable(view) -> int:
    model = getattr(view, "model", None)
    total = getattr(model, "total", None)
    return total if isinstance(total, int) else rows_shown(view)


def open_view(kind: str, path: Path, home: Path) -> tuple[float, float, int]:
    """(ms from refresh() to the rows painted, longest stall ms, rows reachable) for a new view."""
    from PySide6.QtWidgets import QApplication
    from qtbench import StallMeter, run_for, run_until

    from okcomposer.store.drafts import DraftStore
    from okcomposer.store.settings import SettingsStore
    from okcomposer.ui.common.context import UiContext
    from okcomposer.ui.common.store_queue import DraftQueue
    from okcomposer.ui.library.drafts_view import DraftsView
    from okcomposer.ui.library.history_view import HistoryView

    app = QApplication.instance()
    context = UiContext(SettingsStore(home / "settings.json"), DraftStore(path))
    queue = DraftQueue()
    view = (DraftsView if kind == "drafts" else HistoryView)(context, queue)
    view.resize(1200, 700)
    view.show()
    app.processEvents()
    meter = StallMeter()
    with meter:
        started = time.perf_counter()
        view.refresh()
        run_until(lambda: rows_shown(view) > 0, 120)
        app.processEvents()  # the paint of the rows
        elapsed = (time.perf_counter() - started) * 1000
        run_for(0.3)
    found = reachable(view)
    view.close()
    queue.close()
    context.drafts.close()
    return elapsed, meter.longest(), found


def baseline(count: int) -> float:
    """ms to show `count` rows in a bare QTableView over an in-memory model."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    class Plain(QAbstractTableModel):
        def __init__(self, rows):
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
            return 3

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return self.rows[index.row()][index.column()] if role == Qt.ItemDataRole.DisplayRole else None

    started = time.perf_counter()
    table = QTableView()
    table.setModel(Plain([(f"Draft {i}", "Published", "12.06.2024 12:00") for i in range(count)]))
    table.resize(1200, 700)
    table.show()
    QApplication.instance().processEvents()
    elapsed = (time.perf_counter() - started) * 1000
    table.close()
    return elapsed


def calendar_week(path: Path) -> float:
    from okcomposer.app import schedule
    from okcomposer.store.drafts import DraftStore
    from okcomposer.store.outbox import OutboxStore

    store = DraftStore(path)
    start = WEEK_MS
    times = []
    for _ in range(3):
        began = time.perf_counter()
        schedule.calendar_entries(store, OutboxStore(store), start, start + 7 * DAY_MS)
        times.append((time.perf_counter() - began) * 1000)
    store.close()
    return median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 rows only")
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args(argv)
    sizes = [1000, 10_000] if args.quick else [int(n) for n in args.sizes.split(",")]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    found: dict[str, list[tuple[float, float, int]]] = {"drafts": [], "history": []}
    bases, weeks = [], []
    with tempfile.TemporaryDirectory(prefix="okc-bench-lists-") as tmp:
        for count in sizes:
            path = Path(tmp) / f"drafts-{count}.sqlite3"
            fill(path, count)
            home = Path(tmp) / f"home-{count}"
            home.mkdir()
            os.environ["OKCOMPOSER_HOME"] = str(home)
            for kind in found:
                open_view(kind, path, home)  # warm: imports, the page cache
                runs = [open_view(kind, path, home) for _ in range(3)]
                found[kind].append((median([r[0] for r in runs]), max(r[1] for r in runs), runs[0][2]))
                print(f"  {kind} {count}: {found[kind][-1]}", flush=True)
            bases.append(median([baseline(count) for _ in range(3)]))
            weeks.append(calendar_week(path))
    labels = " / ".join(f"{n:,}" for n in sizes)
    for kind, rows in found.items():
        at_10k = rows[sizes.index(10_000)] if 10_000 in sizes else rows[-1]
        ok = at_10k[0] < 100 and at_10k[1] <= 50 and all(r[2] == n for r, n in zip(rows, sizes, strict=True))
        record(
            f"open the {kind.capitalize()} tab at {labels} rows (refresh → rows painted)",
            " / ".join(f"{r[0]:.0f}" for r in rows)
            + " ms; longest stall "
            + " / ".join(f"{r[1]:.0f}" for r in rows)
            + " ms; reachable "
            + " / ".join(f"{r[2]:,}" for r in rows),
            "bare QTableView " + " / ".join(f"{b:.0f}" for b in bases) + " ms",
            f"growth exponent {slope(sizes, [r[0] for r in rows]):.2f} — "
            + verdict(ok, "10,000 in < 100 ms, stall ≤ 50 ms, all reachable"),
            3,
        )
    record(
        f"Calendar: one week with {labels} drafts and outbox entries",
        " / ".join(f"{w:.1f}" for w in weeks) + " ms",
        "",
        f"growth exponent {slope(sizes, weeks):.2f} — "
        + verdict(slope(sizes, weeks) < 0.5, "reads only the week"),
        3,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
