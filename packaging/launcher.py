"""The frozen app's entry point: okcomposer's command line (no COMMAND opens the desktop window).

With OKC_SMOKE_TEST_MS=N set, the desktop app quits N ms after it started and reports on stderr whether the
bundle works: the main window shown, the SVG icons rendered, both translations loaded, the keyring backend
bundled and, with --sandbox, the built-in sandbox running. Exit code 0 when all of it holds, 3 when not.
packaging/build.sh runs it after every build.
"""

from __future__ import annotations

import json
import os
import sys

SMOKE_ENV = "OKC_SMOKE_TEST_MS"
KEYRING_BACKEND = {"linux": "keyring.backends.SecretService", "win32": "keyring.backends.Windows"}


def _smoke_report(sandbox: bool) -> dict:
    import importlib.util

    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QApplication

    from okcomposer.ui.common.i18n import TRANSLATIONS

    app = QApplication.instance()
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    ours, qt = QTranslator(), QTranslator()
    backend = KEYRING_BACKEND.get(sys.platform, "keyring.backends.macOS")
    main = [w for w in windows if type(w).__name__ == "MainWindow"]
    report = {
        "main_window": bool(main),
        "window_titles": [w.windowTitle() for w in windows],
        "icon_renders": not app.windowIcon().pixmap(64, 64).isNull(),
        "okcomposer_ru_qm": ours.load(str(TRANSLATIONS / "okcomposer_ru.qm")),
        "qtbase_ru_qm": qt.load("qtbase_ru", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        "keyring_backend_bundled": importlib.util.find_spec(backend) is not None,
        "platform": QApplication.platformName(),
    }
    if sandbox:
        report["sandbox_running"] = any(getattr(w, "sandbox", None) is not None for w in main)
    return report


def _arm_smoke_test(delay_ms: int, sandbox: bool) -> None:
    """Create the QApplication first (run_gui reuses it) and check the running app after delay_ms."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])

    def check() -> None:
        try:
            report = _smoke_report(sandbox)
            ok = all(v for k, v in report.items() if k not in ("window_titles", "platform"))
        except Exception as exc:  # report anything, never hang the build
            report, ok = {"error": repr(exc)}, False
        print(f"okcomposer smoke test: {'OK' if ok else 'FAILED'} {json.dumps(report)}", file=sys.stderr)
        app.setQuitOnLastWindowClosed(False)
        for window in QApplication.topLevelWidgets():
            window.close()  # the real shutdown: tasks stopped, draft saved, sandbox stopped
        app.exit(0 if ok else 3)

    QTimer.singleShot(delay_ms, check)


def main() -> int:
    from okcomposer.cli import build_parser
    from okcomposer.cli import main as cli_main

    delay = os.environ.get(SMOKE_ENV, "")
    if delay.isdigit():
        args = build_parser().parse_args()
        if args.command is None:  # only the desktop app
            _arm_smoke_test(int(delay), args.sandbox)

    return cli_main()


if __name__ == "__main__":
    raise SystemExit(main())
