"""What a feature gives the main window: tabs, docks, menu entries, window-wide shortcuts, and a shutdown.

The window (ui/shell/main_window.py) adds a declared list of these (ui/shell/features.py) with
`MainWindow.add_feature`: nothing is looked up by name or found by walking layouts, so a renamed attribute
is an AttributeError (and a mypy error), never a feature silently left out.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QDockWidget, QWidget

from okcomposer.ui.common import theme

T = TypeVar("T")


def finish(steps: Generator[None, None, T]) -> T:
    """Take the remaining steps of a step generator at once; its result. (A window built after its first
    paint takes them one per turn of its event loop instead: ui/shell/main_window.py.)"""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


class Menu(Enum):
    """The window's menus, in the menu bar's order."""

    FILE = "file"
    EDIT = "edit"
    POST = "post"
    ACCOUNT = "account"
    HELP = "help"


class Section(IntEnum):
    """Where in its menu an entry goes, in this order, with a separator between sections that hold entries
    (File: New, Save | Import… | Settings… | Quit)."""

    COMMANDS = 0
    FEATURES = 1
    SETTINGS = 2
    EXIT = 3


@dataclass(frozen=True)
class Tab:
    """A tab of the window; `shown` runs each time it becomes the current tab (a refresh, say)."""

    widget: QWidget
    title: str
    shown: Callable[[], None] | None = None
    icon: QIcon | None = None


@dataclass(frozen=True)
class Entry:
    """A menu entry: the action, the menu it goes in, its key in MainWindow.actions_by_name, and its
    section of the menu (entries of one section keep the order they were added in)."""

    menu: Menu
    name: str
    action: QAction
    section: Section = Section.FEATURES


def command(
    parent: QObject, text: str, slot: Callable[[], object], keys: tuple[str, ...] = (), icon: str = ""
) -> QAction:
    """An action for a menu entry: `keys` its shortcuts (the first shown in its tooltip), `icon` a name
    from ui/common/theme.py."""
    action = QAction(theme.icon(icon), text, parent) if icon else QAction(text, parent)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.triggered.connect(lambda _checked=False: slot())
    if keys:
        shortcut = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({shortcut})")
    return action


class Feature:
    """One part of the window. Override what the part has; the defaults add nothing."""

    def tabs(self) -> list[Tab]:
        return []

    def docks(self) -> list[QDockWidget]:
        """Dock widgets (with an objectName, so the window's state saves their place)."""
        return []

    def entries(self) -> list[Entry]:
        return []

    def shortcuts(self) -> list[QAction]:
        """Actions added to the window itself: their shortcuts work anywhere in it, in no menu."""
        return []

    def shutdown(self) -> None:
        """Stop the part's background work; called once, as the window closes, before its store queue."""
