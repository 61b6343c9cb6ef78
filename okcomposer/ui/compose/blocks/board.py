"""The column of block frames: ordering, block drag and drop, and files dropped from a file manager."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from okcomposer.ui.compose.blocks.frame import BLOCK_MIME, BlockFrame
from okcomposer.ui.photos.drops import has_photos, read_drop


class BlockBoard(QWidget):
    """Holds the frames top to bottom; a dragged handle drops between two frames."""

    photos_dropped = Signal(object)
    """Photos (a ui.photos.drops.Dropped: files, folders, addresses, image data) dropped outside any grid."""
    block_dropped = Signal(object, int)
    """A block's handle was dropped: (frame, final index)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self._frames: list[BlockFrame] = []
        self.layout_ = QVBoxLayout(self)
        self.empty_label = QLabel(self.tr("The post is empty. Add a block, or drop photos here."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.layout_.addWidget(self.empty_label)
        self.layout_.addStretch(1)
        self.indicator = QFrame(self)
        self.indicator.setFrameShape(QFrame.Shape.HLine)
        self.indicator.setLineWidth(3)
        self.indicator.hide()

    def frames(self) -> list[BlockFrame]:
        return list(self._frames)

    def insert(self, frame: BlockFrame, index: int) -> None:
        index = max(0, min(index, len(self._frames)))
        self._frames.insert(index, frame)
        self.layout_.insertWidget(index + 1, frame)  # +1: the empty label stays first
        self.empty_label.setVisible(not self._frames)

    def take(self, frame: BlockFrame) -> int:
        index = self._frames.index(frame)
        self._frames.pop(index)
        self.layout_.removeWidget(frame)
        self.empty_label.setVisible(not self._frames)
        return index

    def move_block(self, frame: BlockFrame, index: int) -> bool:
        """Move a frame to its final index; False when it is already there."""
        if self._frames.index(frame) == index or not 0 <= index < len(self._frames):
            return False
        self.take(frame)
        self.insert(frame, index)
        return True

    def insertion_index(self, y: int) -> int:
        """Where a block dropped at height y goes, counted in the current list (0..len)."""
        for i, frame in enumerate(self._frames):
            if y < frame.geometry().center().y():
                return i
        return len(self._frames)

    def _source_frame(self, event) -> BlockFrame | None:
        source = event.source()
        frame = source.parentWidget() if source is not None else None
        return frame if isinstance(frame, BlockFrame) and frame in self._frames else None

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(BLOCK_MIME) and self._source_frame(event) is not None:
            event.acceptProposedAction()
        elif has_photos(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if self._source_frame(event) is not None:
            index = self.insertion_index(event.position().toPoint().y())
            if index < len(self._frames):
                y = self._frames[index].geometry().top() - 3
            else:
                y = self._frames[-1].geometry().bottom() + 3 if self._frames else 0
            self.indicator.setGeometry(4, max(0, y - 1), self.width() - 8, 3)
            self.indicator.show()
            self.indicator.raise_()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:
        self.indicator.hide()

    def dropEvent(self, event) -> None:
        self.indicator.hide()
        frame = self._source_frame(event)
        if frame is not None:
            index = self.insertion_index(event.position().toPoint().y())
            source = self._frames.index(frame)
            self.block_dropped.emit(frame, index - 1 if index > source else index)
            event.acceptProposedAction()
            return
        found = read_drop(event.mimeData())  # read now: the drop's data is gone when the event returns
        if found:
            event.acceptProposedAction()
            self.photos_dropped.emit(found)
