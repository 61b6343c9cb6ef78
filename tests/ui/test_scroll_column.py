"""The composer's column keeps its contents' width whether its vertical scroll bar shows or not, so contents
whose height follows their width cannot switch the bar on and off for ever (issue 16: the photo grid did so
while publishing, relaying out and repainting the whole window about 100 times a second)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QSizePolicy, QWidget

from okcomposer.ui.common.scroll_column import ScrollColumn


class _Tiles(QWidget):
    """Like the photo grid: wider tiles when there is more room, so more width means more height."""

    def __init__(self, wide_from: int):
        super().__init__()
        self.wide_from = wide_from
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return 260 if width >= self.wide_from else 150

    def sizeHint(self) -> QSize:
        return QSize(100, 150)


class _Resizes(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.count += 1
        return False


def _column(qtbot, contents: QWidget) -> ScrollColumn:
    column = ScrollColumn()
    column.setWidget(contents)
    column.resize(300, 200)
    qtbot.addWidget(column)
    column.show()
    qtbot.waitExposed(column)
    return column


def test_the_contents_are_as_wide_with_the_bar_as_without(qtbot):
    contents = QWidget()
    contents.setMinimumHeight(100)
    column = _column(qtbot, contents)
    qtbot.wait(20)
    assert not column.verticalScrollBar().isVisible()
    without = contents.width()
    contents.setMinimumHeight(1000)
    qtbot.waitUntil(lambda: column.verticalScrollBar().isVisible())
    qtbot.wait(20)
    assert contents.width() == without
    assert column.viewport().width() == without


def test_height_that_follows_width_settles(qtbot):
    probe = ScrollColumn()
    probe.resize(300, 200)
    bar = probe.verticalScrollBar().sizeHint().width()
    probe.deleteLater()
    # Tall only when the bar's room is given to the contents: the case that used to switch the bar for ever.
    contents = _Tiles(wide_from=300 - 2 * probe.frameWidth() - bar + 1)
    resizes = _Resizes()
    contents.installEventFilter(resizes)
    column = _column(qtbot, contents)
    qtbot.wait(100)
    settled = resizes.count
    qtbot.wait(300)
    assert resizes.count == settled, "the contents kept changing size"
    assert column.widget() is contents
