"""Building the main window's parts as steps, so a window can paint first and build itself after (issue 16).

What runs before the first paint (ui/shell/app.py, main_window.py, the crash handler, theme.py) does not
touch PySide6's `Qt` namespace: PySide6 makes it, with its ~100 enums, the first time it is used (~16 ms);
they import it inside the functions that run later.

`body_steps(window, …)` makes the window's parts (its context when it has none yet, the store queue, the
tabs, menus, core features, accounts, outbox runner), one step per turn of the event loop when the window
takes them that way: run_gui shows an empty window at once, imports BODY_MODULES off the GUI thread while it
paints, then takes the steps; tests build a window all at once. Either way the window's `built` signal says
when its parts exist. Imports here are inside the steps: this module is imported before the first paint.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject

if TYPE_CHECKING:
    from okcomposer.store.accounts import AccountStore
    from okcomposer.ui.common.context import UiContext
    from okcomposer.ui.shell.main_window import MainWindow

# What the parts are made of: imported by `import_body` while the empty window paints (~300 ms of imports).
BODY_MODULES = (
    "okcomposer.ui.common.context",
    "okcomposer.ui.common.store_queue",
    "okcomposer.ui.library.drafts_view",
    "okcomposer.ui.shell.features",
    "okcomposer.ui.accounts.session_flow",
    "okcomposer.ui.schedule.outbox_runner",
    "okcomposer.ui.shell.outbox_notes",
    "okcomposer.store.accounts",
    "PySide6.QtNetwork",  # and hashlib: the single-instance server, which listens once the window is built
    "hashlib",
)


def import_body(_report: Callable[[Any], None], _cancel: object) -> None:
    """Import BODY_MODULES (a Task: off the GUI thread, which keeps painting and answering meanwhile), and
    the Qt classes the first build would otherwise make on the GUI thread: PySide6 makes a class and its
    enums the first time it is used (~25 ms for these). The list came from comparing the Qt modules' names
    before and after a build, with those kept out of the modules the first paint needs (QStyle, QPalette,
    QMessageBox...); one missing from it costs time, never correctness."""
    for name in BODY_MODULES:
        importlib.import_module(name)
    warm = _Warm()
    QCoreApplication.sendEvent(warm, QEvent(QEvent.Type.User))
    warm.deleteLater()
    from PySide6.QtCore import (  # noqa: F401
        QAbstractAnimation,
        QChildEvent,
        QDynamicPropertyChangeEvent,
        QKeyCombination,
        QPropertyAnimation,
        QTimerEvent,
        QVariantAnimation,
    )
    from PySide6.QtGui import (  # noqa: F401
        QAbstractTextDocumentLayout,
        QActionEvent,
        QBrush,
        QChildWindowEvent,
        QCloseEvent,
        QContextMenuEvent,
        QCursor,
        QDragEnterEvent,
        QDragLeaveEvent,
        QDragMoveEvent,
        QDropEvent,
        QEnterEvent,
        QExposeEvent,
        QFileOpenEvent,
        QFocusEvent,
        QFont,
        QHelpEvent,
        QHideEvent,
        QHoverEvent,
        QIconDragEvent,
        QIconEngine,
        QImage,
        QInputMethodQueryEvent,
        QMoveEvent,
        QNativeGestureEvent,
        QPainter,
        QPaintEvent,
        QPalette,
        QPlatformSurfaceEvent,
        QResizeEvent,
        QRgba64,
        QScreen,
        QScrollEvent,
        QScrollPrepareEvent,
        QShortcutEvent,
        QShowEvent,
        QStandardItem,
        QStatusTipEvent,
        QTabletEvent,
        QTextFrame,
        QTextObject,
        QTextTable,
        QToolBarChangeEvent,
        QTouchEvent,
        QValidator,
        QWhatsThisClickedEvent,
        QWheelEvent,
        QWindowStateChangeEvent,
    )
    from PySide6.QtWidgets import (  # noqa: F401
        QAbstractSlider,
        QCalendarWidget,
        QColorDialog,
        QColumnView,
        QCommandLinkButton,
        QCommonStyle,
        QDateEdit,
        QDial,
        QDockWidget,
        QDoubleSpinBox,
        QErrorMessage,
        QFocusFrame,
        QFontComboBox,
        QFontDialog,
        QGestureEvent,
        QGraphicsSceneContextMenuEvent,
        QGraphicsSceneDragDropEvent,
        QGraphicsSceneEvent,
        QGraphicsSceneHelpEvent,
        QGraphicsSceneHoverEvent,
        QGraphicsSceneMouseEvent,
        QGraphicsSceneMoveEvent,
        QGraphicsSceneResizeEvent,
        QGraphicsSceneWheelEvent,
        QGraphicsView,
        QInputDialog,
        QKeySequenceEdit,
        QLCDNumber,
        QMdiArea,
        QMdiSubWindow,
        QMenuBar,
        QMessageBox,
        QPlainTextDocumentLayout,
        QProgressDialog,
        QRadioButton,
        QRhiWidget,
        QRubberBand,
        QScrollBar,
        QSizeGrip,
        QSlider,
        QSpacerItem,
        QSplashScreen,
        QSplitter,
        QSplitterHandle,
        QStackedLayout,
        QStackedWidget,
        QStatusBar,
        QStyle,
        QSystemTrayIcon,
        QTabBar,
        QTabWidget,
        QToolBar,
        QToolBox,
        QUndoView,
        QWidgetAction,
        QWidgetItem,
        QWizard,
        QWizardPage,
    )


class _Warm(QObject):
    """A Qt virtual overridden in Python, called once off the GUI thread: the first such call makes PySide6
    create the Python enums of every Qt class loaded so far (~70 of them, ~20 ms)."""

    def event(self, event: QEvent) -> bool:
        return super().event(event)


def early_quit(window: MainWindow) -> None:
    """Quit (Ctrl+Q) works while the parts, the menus among them, are made; File → Quit has it once built."""
    from PySide6.QtGui import QAction

    action = QAction(window)
    action.setShortcut("Ctrl+Q")
    action.triggered.connect(window.quit_app)
    window.addAction(action)
    window.built.connect(lambda: window.removeAction(action))


def body_steps(
    window: MainWindow,
    context: UiContext | None,
    make_context: Callable[[], UiContext] | None,
    accounts: AccountStore | None,
    sandbox_factory: Callable[[], Any] | None,
) -> Generator[None, None, None]:
    """Make the window's parts; `make_context` gives the context when none is given. Emits window.built."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QTabWidget

    from okcomposer.store.accounts import AccountStore
    from okcomposer.ui.accounts.session_flow import SessionFlow
    from okcomposer.ui.common.store_queue import DraftQueue
    from okcomposer.ui.common.tasks import TaskGroup
    from okcomposer.ui.common.window_state import restore_parts
    from okcomposer.ui.library.drafts_view import DraftKeeper
    from okcomposer.ui.schedule.outbox_runner import OutboxRunner
    from okcomposer.ui.shell import recovery
    from okcomposer.ui.shell.features import core_steps
    from okcomposer.ui.shell.outbox_notes import OutboxNotes
    from okcomposer.ui.shell.window_actions import WindowMenus, build_toolbar

    if context is None:
        if make_context is None:
            raise TypeError("a MainWindow needs a context or make_context")
        context = make_context()
        yield
    window.context = context
    window.store = accounts or AccountStore()
    window.tasks = TaskGroup(window)
    window.queue = DraftQueue(window)
    window.keeper = DraftKeeper(context, window.queue, window.current_post, window)
    window.tabs = QTabWidget(documentMode=True)
    window.menus = WindowMenus(window)
    window.actions_by_name = window.menus.actions
    yield
    core = window.core = yield from core_steps(window)  # the window's commands, first tabs, accounts
    tab = window.compose_tab = core.post.tab  # its parts, as the menus, tests and the window know them
    window.composer, window.target, window.preview = tab.composer, tab.target, tab.preview
    window.problems, window.publish_panel, window.splitter = tab.problems, tab.publish_panel, tab.splitter
    window.moments, window.drafts_view = core.moments.view, core.drafts.view
    window.history_view = core.history.view
    window.accounts = core.accounts.switcher
    window.session_flow = SessionFlow(context, window.store, window.accounts, window, window.open_dialog)
    window.outbox_runner = OutboxRunner(context, window)
    window.recovery_note = QLabel(textFormat=Qt.TextFormat.RichText, openExternalLinks=True)
    window.recovery_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    window.statusBar().addWidget(window.recovery_note, 1)
    window.outbox_notes = OutboxNotes(window)
    for feature in core.all():
        window.add_feature(feature)
    yield
    window.setCentralWidget(window.tabs)
    build_toolbar(window, window.actions_by_name, window.accounts)
    window.set_title(sandbox_factory is not None)
    window.connect_parts()
    restore_parts(window, window.splitter)
    yield
    window.keeper.restore()
    window.accounts.load()
    if sandbox_factory is not None:
        window.session_flow.start_sandbox(sandbox_factory, window.use_sandbox)
    window.validate_now()
    window.outbox_runner.start()  # settles what a crash cut off, sends page posts when due
    if context.drafts.notice:
        window.open_dialog(recovery.store_notice_dialog(context.drafts, window))
    window.is_built = True
    window.built.emit()
