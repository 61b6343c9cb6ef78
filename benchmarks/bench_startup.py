"""Startup against a bare PySide6 QMainWindow, runs interleaved: spawn -> first Paint event of the main
window, the longest event-loop stall in the 2 s after it (the post-paint setup included), and peak RSS (also
of FLOOR: what a window on this stack pays before code of its own); then
`okcomposer --version` and `--help` against `python -c pass`.

Each GUI run spawns a fresh process (QT_QPA_PLATFORM=offscreen, a new empty OKCOMPOSER_HOME, an in-memory
keyring) that runs `okcomposer --sandbox` as the user starts it (okcomposer.cli.main); an application-wide
event filter notes the wall clock at the first Paint event a QMainWindow receives. The time counts from
just before the spawn. Peak RSS is the GUI process's VmHWM after the 2 s (the sandbox child not counted).
Compiled modules are kept and used, as an installed app's are (see child_env).
Targets (issue 16): first paint and peak RSS at most 1.5x the bare window's, no stall over 50 ms,
--version/--help at most 3x `python -c pass`. Usage: python benchmarks/bench_startup.py [--runs 7] [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import interleaved, median, record, verdict  # noqa: E402

WATCH = """
import sys, time
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

TICK_MS, AFTER_S = 5, 2.0

class Watch(QObject):
    def __init__(self):
        super().__init__()
        self.painted = None
        self.gaps = []

    def eventFilter(self, obj, event):
        if self.painted is None and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            self.painted = time.time()
            self.last = time.perf_counter()
            self.timer = QTimer()
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.timeout.connect(self.tick)
            self.timer.start(TICK_MS)
        return False

    def tick(self):
        now = time.perf_counter()
        self.gaps.append((now - self.last) * 1000)
        self.last = now
        if sum(self.gaps) >= AFTER_S * 1000:
            self.timer.stop()
            rss = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:")).split()[1]
            print("PAINT", self.painted, "STALL", max(self.gaps), "RSS", rss, flush=True)
            for window in QApplication.topLevelWidgets():
                window.close()
            QApplication.quit()

app = QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
"""

BARE = (
    WATCH
    + """
window = QMainWindow()
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""
)

# What any window built on this stack pays before code of its own: text (Qt's font database, ~5 MiB on the
# first text drawn), tabs, a menu and a status bar, and the libraries the app talks to OK and keeps drafts
# with (requests, sqlite3, Pillow), with PySide6's import check made light as the app makes it
# (ui/shell/pyside_hook.py). Shows how much of the 1.5x budget is left for the app itself.
FLOOR = (
    WATCH
    + """
from okcomposer.ui.shell import pyside_hook
pyside_hook.install()
import requests, sqlite3
from PIL import Image
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTabWidget
window = QMainWindow()
tabs = QTabWidget()
tabs.addTab(QPlainTextEdit("Текст поста"), "Post")
tabs.addTab(QLabel("Drafts"), "Drafts")
window.setCentralWidget(tabs)
window.menuBar().addMenu("File")
window.statusBar().showMessage("Ready")
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""
)

APP = (
    WATCH
    + """
from okcomposer.cli import main
sys.exit(main(["--sandbox"]))
"""
)


def gui_once(code: str) -> tuple[float, float, float]:
    """(ms from spawn to first paint, longest stall ms in the 2 s after it, peak RSS MiB)."""
    home = tempfile.mkdtemp(prefix="okc-bench-home-")
    try:
        env = {
            **child_env(),
            "QT_QPA_PLATFORM": "offscreen",
            "OKCOMPOSER_HOME": home,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        }
        started = time.time()
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
        )
    finally:
        shutil.rmtree(home, ignore_errors=True)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("PAINT ")), None)
    if line is None:
        raise RuntimeError(f"no window was painted (exit {done.returncode}):\n{done.stderr[-2000:]}")
    words = line.split()
    return (float(words[1]) - started) * 1000, float(words[3]), int(words[5]) / 1024


def child_env() -> dict[str, str]:
    """This environment, but Python may keep compiled modules (__pycache__), as an installed app has them
    (pip compiles them at install); with PYTHONDONTWRITEBYTECODE set every start would compile okcomposer's
    sources again while PySide6's come compiled. The warm-up runs write them."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def command_once(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=child_env())
    return (time.perf_counter() - started) * 1000


def okcomposer_command() -> list[str]:
    script = Path(sys.executable).with_name("okcomposer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "okcomposer"]


def gui(runs: int) -> None:
    found: dict[str, list[tuple[float, float, float]]] = {"bare": [], "floor": [], "app": []}

    def one(name: str, code: str):
        def run() -> float:
            found[name].append(gui_once(code))
            return found[name][-1][0]

        return run

    gui_once(BARE), gui_once(FLOOR), gui_once(APP)  # warm the OS file cache, as a second start would be
    interleaved(runs, {"bare": one("bare", BARE), "floor": one("floor", FLOOR), "app": one("app", APP)})
    figures = {name: [median([r[i] for r in rows]) for i in range(3)] for name, rows in found.items()}
    (paint, stall, rss), (bare_paint, bare_stall, bare_rss) = figures["app"], figures["bare"]
    spread = ", ".join(f"{r[0]:.0f}" for r in found["app"])
    record(
        "spawn → first paint of the main window (`--sandbox`, fresh profile)",
        f"{paint:.0f} ms ({spread})",
        f"bare QMainWindow {bare_paint:.0f} ms",
        f"{paint / bare_paint:.2f}× — " + verdict(paint <= 1.5 * bare_paint, "≤ 1.5×"),
        runs,
    )
    worst = max(r[1] for r in found["app"])
    record(
        "longest event-loop stall in the 2 s after the first paint",
        f"{stall:.0f} ms (worst run {worst:.0f})",
        f"bare {bare_stall:.0f} ms",
        verdict(worst <= 50, "≤ 50 ms in every run"),
        runs,
    )
    record(
        "peak RSS of the GUI process (the sandbox child not counted)",
        f"{rss:.0f} MiB",
        f"bare {bare_rss:.0f} MiB",
        f"{rss / bare_rss:.2f}× — " + verdict(rss <= 1.5 * bare_rss, "≤ 1.5×"),
        runs,
    )
    floor_rss = figures["floor"][2]
    record(
        "  peak RSS against the stack's floor: a window with tabs and a text field that imports requests, "
        "sqlite3 and Pillow",
        f"{rss:.0f} MiB ({rss - floor_rss:+.0f} MiB above the floor)",
        f"floor {floor_rss:.0f} MiB ({floor_rss / bare_rss:.2f}× bare)",
        f"the 1.5× target leaves {1.5 * bare_rss - floor_rss:.0f} MiB above the floor for okcomposer",
        runs,
    )


def cli(runs: int) -> None:
    ours = okcomposer_command()
    contenders = {
        "pass": lambda: command_once([sys.executable, "-c", "pass"]),
        "--version": lambda: command_once([*ours, "--version"]),
        "--help": lambda: command_once([*ours, "--help"]),
    }
    for run in contenders.values():
        run()
    found = interleaved(runs, contenders)
    base = median(found["pass"])
    for name in ("--version", "--help"):
        ms = median(found[name])
        record(
            f"`okcomposer {name}`",
            f"{ms:.0f} ms",
            f"`python -c pass` {base:.0f} ms",
            f"{ms / base:.2f}× — " + verdict(ms <= 3 * base, "≤ 3×"),
            runs,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="3 runs")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    gui(runs)
    cli(runs * 3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
