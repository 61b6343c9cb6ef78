"""Keyboard and screen readers: every icon-only button has a name, every toolbar action is in a menu with
a mnemonic, and Tab walks the Post tab from the blocks to the place to Publish."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMenu, QToolButton, QWidget
from ui.fit_check import sample_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
LETTER = re.compile(r"\w{2,}")


def icon_only(button: QAbstractButton) -> bool:
    """No words to read: an icon, or a symbol such as ✕, ↑ or ◀."""
    shows_icon = not button.icon().isNull()
    if isinstance(button, QToolButton) and shows_icon:
        return button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    return not LETTER.search(button.text().replace("&", ""))


def unnamed(root: QWidget) -> list[str]:
    found = []
    for button in root.findChildren(QAbstractButton):
        if button.isVisibleTo(root) and icon_only(button) and not button.accessibleName().strip():
            where = type(button.parentWidget()).__name__ if button.parentWidget() else ""
            found.append(f"{type(button).__name__} {button.text()!r} in {where} (tip {button.toolTip()!r})")
    return found


def test_every_icon_only_button_has_an_accessible_name(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    sample_window(qtbot, window, sandbox)
    found = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        found += unnamed(window)
    window.open_settings()
    found += unnamed(window.dialog)
    assert not sorted(set(found)), "\n".join(sorted(set(found)))


def test_every_toolbar_action_is_in_a_menu_with_a_mnemonic(qtbot, ctx, open_window):
    window = open_window(ctx)
    window.install_workflow()
    menus = window.menuBar().findChildren(QMenu)
    in_menus = {action for menu in menus for action in menu.actions()}
    for menu in window.menuBar().actions():
        assert "&" in menu.text(), menu.text()  # Alt+letter opens it
    toolbar_actions = [
        a for bar in window.findChildren(type(window.addToolBar("probe"))) for a in bar.actions()
    ]
    missing = [a.text() for a in toolbar_actions if a.text() and not a.isSeparator() and a not in in_menus]
    assert missing == []


def test_tab_walks_the_post_tab_in_reading_order(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    sample_window(qtbot, window, sandbox)
    chain, widget = [], window.composer.add_button
    for _ in range(5000):  # the focus chain, as Tab follows it
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is window.composer.add_button:
            break
    order = [
        window.composer.add_button,
        window.composer.frames()[0].editor.edit,
        window.target.search,
        window.target.targets,
        window.target.type,
        window.target.schedule,
        window.target.when,
        window.target.on_behalf,
        window.target.link_preview,
        window.problems,
        window.publish_panel.publish_button,
    ]
    order = [w for w in order if w.isEnabled()]  # Publish is off: the sample's poll has an empty answer
    assert window.problems in order
    positions = [chain.index(w) for w in order]  # ValueError: Tab never reaches it
    assert positions == sorted(positions), [type(w).__name__ for w in order]
