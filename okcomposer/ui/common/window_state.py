"""The window's own state in one place: geometry, docks and toolbars, the splitters' sizes and the draft
being composed, in config/window.ini (QSettings, INI format). Settings the user chooses are elsewhere
(store.settings); nothing else reads or writes window.ini.

QSettings instances are cheap and each is used on one thread (the draft is remembered on the drafts
queue's thread); every write is synced at once, so a kill loses nothing written before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings
from PySide6.QtWidgets import QMainWindow, QWidget

from okcomposer.store import paths

if TYPE_CHECKING:  # QStyle alone takes PySide6 ~5 ms to make: not before the first paint
    from PySide6.QtWidgets import QDockWidget, QSplitter

FILE = "window.ini"
GEOMETRY, LAYOUT, SPLITTER = "window/geometry", "window/state", "window/splitter"
SPLITTERS = "splitters/"  # + a splitter's objectName: every named splitter in the window, on any tab
CURRENT_DRAFT = "drafts/current"


def window_settings() -> QSettings:
    return QSettings(str(paths.config_dir() / FILE), QSettings.Format.IniFormat)


def _bytes(key: str) -> QByteArray | None:
    value = window_settings().value(key)
    return value if isinstance(value, QByteArray) else None


def restore_geometry(window: QMainWindow) -> None:
    """Where the window was and its size (before it is shown, so it opens there)."""
    geometry = _bytes(GEOMETRY)
    if geometry is not None:
        window.restoreGeometry(geometry)
    elif window.screen() is not None:  # the first start: the default size, or the screen if it is smaller
        window.resize(window.size().boundedTo(window.screen().availableGeometry().size()))


def restore_parts(window: QMainWindow, splitter: QSplitter | None = None) -> None:
    """The docks and toolbars, and the splitter's sizes (once the window has them)."""
    restore_layout(window)
    sizes = _bytes(SPLITTER)
    if splitter is not None and sizes is not None:
        splitter.restoreState(sizes)


def restore_layout(window: QMainWindow) -> None:
    """The docks' and toolbars' places only (again, once a dock missing at restore_parts is added)."""
    layout = _bytes(LAYOUT)
    if layout is not None:
        window.restoreState(layout)
    for splitter in _named_splitters(window):
        sizes = _bytes(SPLITTERS + splitter.objectName())
        if sizes is not None:
            splitter.restoreState(sizes)


def _named_splitters(window: QMainWindow) -> list[QSplitter]:
    from PySide6.QtWidgets import QSplitter

    return [s for s in window.findChildren(QSplitter) if s.objectName()]


def save_window(window: QMainWindow, splitter: QSplitter | None = None) -> None:
    settings = window_settings()
    settings.setValue(GEOMETRY, window.saveGeometry())
    settings.setValue(LAYOUT, window.saveState())
    if splitter is not None:
        settings.setValue(SPLITTER, splitter.saveState())
    for named in _named_splitters(window):
        if named is not splitter:
            settings.setValue(SPLITTERS + named.objectName(), named.saveState())
    settings.sync()


def current_draft() -> str:
    """The id of the draft that was open in the composer ("" for none)."""
    return str(window_settings().value(CURRENT_DRAFT, "") or "")


def remember_draft(draft_id: str | None) -> None:
    settings = window_settings()
    settings.setValue(CURRENT_DRAFT, draft_id or "")
    settings.sync()


def keep_width(window: QMainWindow, dock: QDockWidget, keep_clear: QWidget | None = None) -> None:
    """A dock about to be shown (from its toggle action) where the window has no room for it beside the
    central widget floats over the window's right edge instead, above `keep_clear` (the Publish button's
    row): docked, its minimum would add to the window's and make the window grow (past a 1024-px screen,
    and it stayed grown after the dock was closed)."""

    def toggled(on: bool) -> None:
        if on and dock.isHidden():
            _float_if_no_room(window, dock, keep_clear)

    # toggled comes before triggered, which shows the dock; by its Show event the window has grown already.
    dock.toggleViewAction().toggled.connect(toggled)


def _float_if_no_room(window: QMainWindow, dock: QDockWidget, keep_clear: QWidget | None) -> None:
    central = window.centralWidget()
    if central is None:
        return
    if dock.isFloating():  # as the user left it, or restored so: moved only off the Publish row
        if keep_clear is None or not keep_clear.isVisible():
            return
        if not dock.geometry().intersects(_global(keep_clear)):
            return
    else:
        from PySide6.QtWidgets import QStyle

        style = window.style()
        separator = style.pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, window)
        need = central.minimumSizeHint().width() + dock.minimumSizeHint().width() + separator
        if need <= window.width():
            return
        dock.setFloating(True)
    width = max(dock.minimumSizeHint().width(), dock.sizeHint().width())
    top = central.mapToGlobal(QPoint(0, 0)).y()
    bottom = central.mapToGlobal(QPoint(0, central.height())).y()
    if keep_clear is not None and keep_clear.isVisible():
        bottom = keep_clear.mapToGlobal(QPoint(0, 0)).y()
    height = max(dock.minimumSizeHint().height(), min(dock.sizeHint().height(), bottom - top))
    dock.setGeometry(window.geometry().right() - width, top, width, height)


def _global(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
