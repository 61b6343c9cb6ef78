"""Starting the desktop app: logging, the crash path, translations, theme and the main window, in order."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer

if TYPE_CHECKING:
    from okcomposer.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)
DESKTOP_ID = "io.github.okcomposer.OkComposer"


class AlreadyRunning(Exception):
    """Another process has a window on this profile (ui.single_instance); `handed_over`: it came forward."""

    def __init__(self, handed_over: bool, pid: int | None):
        super().__init__(f"okcomposer is already running on this profile (process {pid or '?'})")
        self.handed_over, self.pid = handed_over, pid


@contextlib.contextmanager
def running_gui(
    argv: Sequence[str] | None = None, sandbox_factory: Callable[[], Any] | None = None
) -> Iterator[MainWindow]:
    """Set everything up and show the main window; on leaving, wait for photo work and close the stores.

    run_gui() runs the event loop inside it; tests/support/kill_driver.py builds the app the same way.
    """
    from PySide6.QtWidgets import QApplication

    from okcomposer.ui.shell import pyside_hook

    pyside_hook.install()  # before the imports below: PySide6 checks each one's source
    # No cyclic collection while starting (a full one costs ~20-30 ms, on whichever thread allocates); once
    # the window is complete, what starting made is frozen out of later collections (gc.freeze).
    gc.disable()
    from okcomposer import __version__
    from okcomposer.store import logs, paths
    from okcomposer.ui.common import crash, i18n, theme
    from okcomposer.ui.shell import qt_messages
    from okcomposer.ui.shell.main_window import MainWindow
    from okcomposer.ui.shell.single_instance import SingleInstance

    argv = list(argv or sys.argv[:1])
    own_logging = not logs.is_set_up()  # `okcomposer -v` has already set it up, with the console
    if own_logging:
        logs.setup_logging()
    qt_messages.install()  # before QApplication: the platform plugin's first warnings are Qt messages too
    app = QApplication.instance() or QApplication(argv[:1])  # argv[1:] are images, no Qt options
    log.info("okcomposer %s starting", __version__)
    handler = crash.CrashHandler(app)
    handler.install()
    window: MainWindow | None = None
    instance = SingleInstance(paths.data_dir())
    try:
        if not instance.claim():  # one window per profile: two would overwrite each other's edits
            raise AlreadyRunning(instance.hand_over(argv[1:]), instance.holder())
        paths.sweep_work()  # photo copies (GPS removed or not) a killed upload left behind
        bad_limits = drop_bad_limits()
        app.setApplicationName("okcomposer")
        QApplication.setApplicationDisplayName("okcomposer")  # static; `app` is typed QCoreApplication
        app.setApplicationVersion(__version__)
        QApplication.setDesktopFileName(DESKTOP_ID)
        QApplication.setWindowIcon(theme.icon("okcomposer"))

        def open_context():
            from okcomposer.ui.common.context import UiContext

            context = UiContext()
            i18n.install(context.settings.language)
            theme.apply(context.settings.theme)
            return context

        # Shown at once; it makes its parts after its first paint (ui/shell/window_build.py).
        window = MainWindow(make_context=open_context, sandbox_factory=sandbox_factory)
        handler.parent_widget = window
        shown = window

        def built() -> None:
            instance.listen()  # a second start now hands its files over (it retried until now)
            handler.save_draft = shown.save_before_crash
            shown.composer.add_photo_files([str(Path(f).absolute()) for f in argv[1:]])  # `okcomposer a.jpg`
            QTimer.singleShot(0, lambda: handler.offer_previous_crash(shown))
            if bad_limits:
                QTimer.singleShot(0, lambda: tell_bad_limits(shown, bad_limits))

        window.built.connect(built)
        window.ready.connect(settle_memory)
        QTimer.singleShot(10_000, settle_memory)  # even if a step failed: off only while starting
        instance.opened.connect(lambda files: come_forward(shown, files))
        window.show()
        yield window
    finally:
        gc.enable()
        handler.save_draft = handler.parent_widget = None
        if "okcomposer.ui.photos.thumbnails" in sys.modules:
            from okcomposer.ui.photos import thumbnails

            thumbnails.wait_all()  # photo checks still running on the thread pool
        if window is not None and window.is_built:
            window.context.drafts.close()
        instance.release()
        handler.uninstall()
        handler.deleteLater()
        qt_messages.uninstall()
        if own_logging:
            logs.close_logging()  # puts the root level back too


def settle_memory() -> None:
    """The window is complete: keep what starting made out of later collections, and collect again (once)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run_gui(
    argv: Sequence[str] | None = None,
    sandbox_factory: Callable[[], Any] | None = None,
    on_shown: Callable[[], None] | None = None,
) -> int:
    """Open the main window and run until it closes; sandbox_factory() gives a not-yet-started Sandbox.
    Returns 2 at once, with one line on stderr, when there is no display to open it on (no_display())."""
    from PySide6.QtWidgets import QApplication

    if no_display():
        print(
            "okcomposer: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
            "the commands work without one: okcomposer --help",
            file=sys.stderr,
        )
        return 2
    try:
        with running_gui(argv, sandbox_factory) as window:
            if on_shown is not None:
                window.built.connect(lambda: QTimer.singleShot(0, on_shown))
            return QApplication.exec()
    except AlreadyRunning as exc:
        return already_running(exc)


def no_display() -> bool:
    """True on Linux when Qt would look for an X or Wayland display (QT_QPA_PLATFORM unset or xcb) and none
    is set: making the QApplication would then abort the process (exit 134), its reason only in the log."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM", "") not in ("", "xcb"):
        return False
    return not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")


def already_running(exc: AlreadyRunning) -> int:
    """A second start: 0 if the running window came forward, else say why no window opens (1)."""
    from PySide6.QtWidgets import QMessageBox

    if exc.handed_over:
        print("okcomposer: already running on this profile; its window was brought forward", file=sys.stderr)
        return 0
    print(f"okcomposer: {exc}; close it first", file=sys.stderr)
    text = QCoreApplication.translate(
        "MainWindow",
        "okcomposer is already running on this profile (process {pid}), but its window did not answer. "
        "Close it first, then start okcomposer again.",
    )
    QMessageBox(QMessageBox.Icon.Warning, "okcomposer", text.format(pid=exc.pid or "?")).exec()
    return 1


def come_forward(window: MainWindow, files: list[str]) -> None:
    """Another start on this profile asked for the window: show it on top, with its images added (once it
    has its composer)."""
    from PySide6.QtCore import Qt

    window.show()
    window.setWindowState(
        (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    window.raise_()
    window.activateWindow()
    if files and window.is_built:
        window.composer.add_photo_files(files)
    elif files:
        window.built.connect(lambda: window.composer.add_photo_files(files))


def drop_bad_limits() -> list[str]:
    """Remove the senseless OKC_LIMIT_* overrides from the environment, so the whole app (and the sandbox
    process it may start) uses the defaults for them; returns one message per override dropped."""
    from okcomposer.limits import checked_limits

    _, problems = checked_limits()
    for name in problems:
        os.environ.pop(name, None)
        log.warning("ignored: %s", problems[name])
    return list(problems.values())


def tell_bad_limits(window: MainWindow, problems: list[str]) -> None:
    from PySide6.QtWidgets import QMessageBox

    text = QCoreApplication.translate(
        "MainWindow", "Some OKC_LIMIT_* settings make no sense and were ignored; the defaults are used:"
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning, "okcomposer", text + "\n\n" + "\n".join(problems), parent=window
    )
    box.setProperty("limits", problems)
    window.open_dialog(box)
