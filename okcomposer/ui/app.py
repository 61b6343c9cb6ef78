"""Starting the desktop app: logging, the crash path, translations, theme and the main window, in order."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from okcomposer.ui.main_window import MainWindow

log = logging.getLogger(__name__)
DESKTOP_ID = "io.github.okcomposer.OkComposer"


@contextlib.contextmanager
def running_gui(
    argv: Sequence[str] | None = None, sandbox_factory: Callable[[], Any] | None = None
) -> Iterator[MainWindow]:
    """Set everything up and show the main window; on leaving, wait for photo work and close the stores.

    run_gui() runs the event loop inside it; tests/support/kill_driver.py builds the app the same way.
    """
    from PySide6.QtWidgets import QApplication

    from okcomposer import __version__
    from okcomposer.store import logs
    from okcomposer.ui import crash, i18n, theme, thumbnails

    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    own_logging = not logs.is_set_up()  # `okcomposer -v` has already set it up, with the console
    level = logging.getLogger().level
    if own_logging:
        logs.setup_logging()
    log.info("okcomposer %s starting", __version__)
    handler = crash.CrashHandler(app)
    handler.install()
    context = None
    try:
        app.setApplicationName("okcomposer")
        app.setApplicationDisplayName("okcomposer")
        app.setApplicationVersion(__version__)
        app.setDesktopFileName(DESKTOP_ID)
        app.setWindowIcon(theme.icon("okcomposer"))
        from okcomposer.ui.context import UiContext

        context = UiContext()
        i18n.install(context.settings.language)
        theme.apply(context.settings.theme)
        from okcomposer.ui.main_window import MainWindow

        window = MainWindow(context, sandbox_factory=sandbox_factory)
        handler.save_draft, handler.parent_widget = window.save_before_crash, window
        window.show()
        QTimer.singleShot(0, lambda: handler.offer_previous_crash(window))
        yield window
    finally:
        handler.save_draft = handler.parent_widget = None
        thumbnails.wait_all()  # photo checks still running on the thread pool
        if context is not None:
            context.drafts.close()
        handler.uninstall()
        handler.deleteLater()
        if own_logging:
            logs.close_logging()
            logging.getLogger().setLevel(level)


def run_gui(
    argv: Sequence[str] | None = None,
    sandbox_factory: Callable[[], Any] | None = None,
    on_shown: Callable[[], None] | None = None,
) -> int:
    """Open the main window and run until it closes; sandbox_factory() gives a not-yet-started Sandbox."""
    from PySide6.QtWidgets import QApplication

    with running_gui(argv, sandbox_factory):
        if on_shown is not None:
            QTimer.singleShot(0, on_shown)
        return QApplication.exec()
