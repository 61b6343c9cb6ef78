"""A label whose frequent text changes do not relayout the window unless its size needs change."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel, QWidget


class QuietLabelBox(QWidget):
    """Holds `label` and stands in for it in a layout.

    Every QLabel.setText asks its parent's layout to recompute, and that request climbs to the window: in a
    tab page it ends in QTabWidget, which repaints the whole page each time (the Post tab with its preview,
    ten times a second while a publish reports its progress). This box has no layout, so the request stops
    here; it passes it on (updateGeometry) only when the label's size hints actually changed.
    """

    def __init__(self, label: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        self.setSizePolicy(label.sizePolicy())
        self._hints = self._measure()

    def _measure(self) -> tuple[QSize, QSize, int]:
        return self.label.sizeHint(), self.label.minimumSizeHint(), self.label.heightForWidth(self.width())

    def sizeHint(self) -> QSize:
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.label.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return self.label.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        return self.label.heightForWidth(width)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())
        self._hints = self._measure()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the label's text or style changed
            hints = self._measure()
            if hints != self._hints:
                self._hints = hints
                self.updateGeometry()
            return True
        return super().event(event)
