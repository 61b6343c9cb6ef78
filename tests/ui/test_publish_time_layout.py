"""The Post tab's publishing time: "Publish later", the date field with its zone, "Next free slot" and the
Moscow time never overlap, at the smallest window (1024x640 and the 614-px-high one a title bar leaves), in
English and Russian, for a group and for My page."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from ui.fit_check import misfits

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SIZES = [(1024, 640), (1022, 614)]


@pytest.fixture(params=["en", "ru"])
def language(request, qapp):
    from okcomposer.ui.common import i18n

    assert i18n.install(request.param) == request.param
    yield request.param
    i18n.install("")


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and bool(widget.width()) and bool(widget.height())


def overlaps(widgets: list[QWidget]) -> list[str]:
    """Each pair of shown widgets whose rectangles (in window coordinates) share a pixel."""
    boxes = [(w, w.rect().translated(w.mapTo(w.window(), w.rect().topLeft()))) for w in widgets if _shown(w)]
    found = []
    for i, (first, one) in enumerate(boxes):
        for second, other in boxes[i + 1 :]:
            if one.intersects(other):
                found.append(f"{type(first).__name__} {one} overlaps {type(second).__name__} {other}")
    return found


def time_parts(window) -> list[QWidget]:
    time = window.target.publish_time
    beside = [w for w in time.findChildren(QWidget) if w.parentWidget() is time]
    return list(dict.fromkeys([*beside, window.target.on_behalf]))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("place", ["group", "page"])
def test_the_time_controls_do_not_overlap(qtbot, ctx, open_window, sandbox, language, size, place):
    window = open_window(ctx, sandbox)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=15_000)
    window.install_workflow()
    target = window.target
    if place == "group":
        target.targets.setCurrentItem(target._item("70000001000101"))  # Sunrise Bakery
    target.schedule.setChecked(True)
    qtbot.wait(100)
    QApplication.processEvents()
    parts = time_parts(window)
    assert target.schedule.isEnabled() and target.when.isEnabled()
    if place == "group":
        assert target.moscow.isVisible(), "the tests' zone is not Moscow's: its line shows"
    else:
        assert target.publish_time.page_note.isVisible()
    button = [w for w in parts if type(w).__name__ == "NextSlotButton"]
    assert button and all(_shown(b) for b in button), "Next free slot is hidden"
    found = overlaps(parts) + [line for line in misfits(window) if "PublishTime" in line]
    assert not found, f"{language} {size} {place}:\n" + "\n".join(found)
