"""A layout that puts widgets in a row and wraps them onto the next line when the row is too narrow
(Qt's "Flow Layout" example): a form in a narrow column wraps instead of scrolling sideways."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping; its height follows its width (heightForWidth)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = -1):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def insertWidget(self, index: int, widget: QWidget) -> None:
        """Put `widget` at `index` (0 first; -1 or past the end: last)."""
        self.addWidget(widget)  # adopts it; then move its item into place
        item = self._items.pop()
        self._items.insert(len(self._items) if index < 0 else min(index, len(self._items)), item)
        self.invalidate()

    def indexOf(self, widget: QWidget) -> int:  # type: ignore[override]
        return next((i for i, item in enumerate(self._items) if item.widget() is widget), -1)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """All in one row."""
        width = height = 0
        for item in self._visible():
            hint = item.sizeHint()
            width += hint.width() + (self._gap(item, Qt.Orientation.Horizontal) if width else 0)
            height = max(height, hint.height())
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """The widest single item: narrower than that, nothing can wrap any more."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self, item: QLayoutItem, orientation: Qt.Orientation) -> int:
        if self._spacing >= 0:
            return self._spacing
        widget = item.widget()
        style = widget.style() if widget is not None else None
        if style is None:
            return 6
        control = QSizePolicy.ControlType.DefaultType
        gap = style.layoutSpacing(control, control, orientation)
        if gap < 0:  # Fusion says -1, "ask the pixel metric": rows would overlap by a pixel
            vertical = orientation == Qt.Orientation.Vertical
            metric = (
                QStyle.PixelMetric.PM_LayoutVerticalSpacing
                if vertical
                else QStyle.PixelMetric.PM_LayoutHorizontalSpacing
            )
            gap = max(0, style.pixelMetric(metric))
        return gap

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            width = min(hint.width(), area.width())  # a too-wide item takes the whole line, squeezed
            gap_x = self._gap(item, Qt.Orientation.Horizontal)
            if x > area.x() and x + width > area.right() + 1:
                x, y = area.x(), y + line + self._gap(item, Qt.Orientation.Vertical)
                line = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + gap_x
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()
