"""The publish panel's status label inside a QuietLabelBox: progress text ten times a second must not make
its page relayout (in a QTabWidget that repaints the whole Post tab and its preview each time, issue 16), but
a text that needs more room (an error that wraps) still grows the box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from okcomposer.ui.common.quiet_label import QuietLabelBox

# The page is a window of its own here: the offscreen platform says so when its size hints change.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class _LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _page(qtbot):
    page = QWidget()
    column = QVBoxLayout(page)
    column.addWidget(QWidget(), 1)  # the post above takes the spare height
    panel = QWidget()
    row = QHBoxLayout(panel)
    status = QLabel("Publishing…", wordWrap=True)
    box = QuietLabelBox(status)
    row.addWidget(box, 1)
    row.addWidget(QPushButton("Publish"))
    column.addWidget(panel)
    qtbot.addWidget(page)
    page.resize(400, 200)
    page.show()
    qtbot.waitExposed(page)
    return page, panel, status, box


def test_text_of_the_same_size_stops_at_the_box(qtbot):
    page, panel, status, box = _page(qtbot)
    status.setText("3 of 20 photos, 0.0 of 9.5 MB")  # longer than "Publishing…": the box may change
    qtbot.wait(20)
    requests = _LayoutRequests()
    panel.installEventFilter(requests)
    for sent in range(10):
        status.setText(f"3 of 20 photos, {sent}.5 of 9.5 MB")
        qtbot.wait(1)
    assert requests.count == 0
    assert status.text() == "3 of 20 photos, 9.5 of 9.5 MB" and status.geometry() == box.rect()


def test_text_that_needs_more_room_grows_the_box(qtbot):
    page, panel, status, box = _page(qtbot)
    before = box.height()
    status.setText("OK refused the post: " + "a long explanation that wraps onto more lines " * 4)
    qtbot.waitUntil(lambda: box.height() > before)
    assert status.geometry() == box.rect() and status.isVisible()
    status.setText("Publishing…")
    qtbot.waitUntil(lambda: box.height() == before)
