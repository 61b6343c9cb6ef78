"""Times process start -> main window shown for `okcomposer` against a bare Qt window: --runs N [--sandbox].

Each run spawns a fresh `python -c` (QT_QPA_PLATFORM=offscreen, an empty OKCOMPOSER_HOME) that prints the wall
clock once its window is exposed (a zero-timer after show() fires after the first paint); the time counts from
just before the spawn. Prints the median and spread of both and the app's overhead over bare Qt.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BASELINE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.show()
QTimer.singleShot(0, lambda: (print("SHOWN", time.time(), flush=True), app.quit()))
app.exec()
"""

APP = """
import sys, time
from okcomposer.ui.shell.app import run_gui

def shown():
    from PySide6.QtWidgets import QApplication
    print("SHOWN", time.time(), flush=True)
    for window in QApplication.topLevelWidgets():
        window.close()
    QApplication.quit()

factory = None
if {sandbox!r}:
    def factory():
        from okcomposer.sandbox.server import Sandbox
        return Sandbox()
sys.exit(run_gui(sandbox_factory=factory, on_shown=shown))
"""

# The user's keyring is never touched: the child uses an in-memory backend.
KEYRING = "PYTHON_KEYRING_BACKEND"


def time_once(code: str) -> float:
    with tempfile.TemporaryDirectory(prefix="okc-bench-") as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "OKCOMPOSER_HOME": home,
            KEYRING: "keyring.backends.null.Keyring",
        }
        started = time.time()
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
        )
        line = next((ln for ln in done.stdout.splitlines() if ln.startswith("SHOWN ")), None)
        if line is None:
            raise RuntimeError(f"no window was shown (exit {done.returncode}):\n{done.stderr[-2000:]}")
        return float(line.split()[1]) - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sandbox", action="store_true", help="time `okcomposer --sandbox` instead")
    args = parser.parse_args(argv)
    rows = []
    for name, code in (("bare Qt window", BASELINE), ("okcomposer", APP.format(sandbox=args.sandbox))):
        time_once(code)  # warm the OS file cache, as a second start would be
        times = sorted(time_once(code) for _ in range(args.runs))
        rows.append((name, statistics.median(times), times[0], times[-1]))
    print(f"{'start -> window shown':<24}{'median':>10}{'min':>10}{'max':>10}   ({args.runs} runs)")
    for name, median, low, high in rows:
        print(f"{name:<24}{median * 1000:>8.0f}ms{low * 1000:>8.0f}ms{high * 1000:>8.0f}ms")
    overhead = rows[1][1] - rows[0][1]
    print(f"{'okcomposer overhead':<24}{overhead * 1000:>8.0f}ms")
    return 0 if rows[1][1] < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
