"""The window at its smallest supported size, 1024×640: the templates dock opens beside the composer (or,
where there is no room for it, floats over the window's edge) without the window growing, nor staying grown
once it is closed; every text in the dock fits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from ui.fit_check import misfits, sample_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")


@pytest.fixture(params=["en", "ru"])
def language(request, qapp):
    from okcomposer.ui.common import i18n

    assert i18n.install(request.param) == request.param
    yield request.param
    i18n.install("")


def templates_dock(qtbot, window, sandbox, width: int, height: int):
    """The window at width x height with the sample post, and its Templates dock opened (layout settled)."""
    window.resize(width, height)
    sample_window(qtbot, window, sandbox)
    assert window.workflow is not None
    dock = window.workflow.templates.dock
    window.actions_by_name["templates"].trigger()
    qtbot.waitUntil(dock.isVisible)
    qtbot.wait(100)  # the layout settles
    return window, dock


def test_the_templates_dock_fits_beside_the_post_in_a_small_window(
    qtbot, ctx, open_window, sandbox, language
):
    window, dock = templates_dock(qtbot, open_window(ctx, sandbox), sandbox, 1024, 640)
    assert window.width() <= 1024, f"the dock made the window {window.width()} px wide"
    button = window.publish_panel.publish_button
    publish = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
    if not dock.isFloating():
        assert dock.geometry().right() < window.width()
    else:  # no room beside the post: it floats over the window's edge instead, Publish still in sight
        assert not dock.frameGeometry().intersects(publish)
    found = misfits(window) + misfits(dock)
    assert not found, "\n".join(found)
    dock.close()
    qtbot.wait(100)
    assert window.width() <= 1024, f"the window stayed {window.width()} px wide after the dock closed"
    if dock.isFloating():  # left over the Publish row (or restored so): shown again above it
        dock.setGeometry(QRect(publish.topLeft() - QPoint(100, 100), dock.size()))
        window.actions_by_name["templates"].trigger()
        qtbot.waitUntil(dock.isVisible)
        assert not dock.frameGeometry().intersects(publish)


def test_the_templates_dock_is_docked_where_there_is_room(qtbot, ctx, open_window, sandbox):
    window, dock = templates_dock(qtbot, open_window(ctx, sandbox), sandbox, 1280, 800)
    assert not dock.isFloating() and window.width() == 1280
    assert not misfits(window)
