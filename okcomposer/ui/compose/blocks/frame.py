"""The frame around one block editor: drag handle, title, move and remove buttons, and its problems."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QPainter, QPen
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from okcomposer.api.rules import ERROR, Problem
from okcomposer.ui.common import i18n
from okcomposer.ui.compose.blocks.base import BlockEditor

BLOCK_MIME = "application/x-okcomposer-block"


class DragHandle(QLabel):
    """Grab here to drag the block to another place in the post."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("⠿", parent)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(self.tr("Drag to move the block (or Alt+Up / Alt+Down)"))
        self._press: QPoint | None = None

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()

    def mouseMoveEvent(self, event) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        if (event.position().toPoint() - self._press).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        frame = self.parentWidget()
        mime = QMimeData()
        mime.setData(BLOCK_MIME, b"")
        drag = QDrag(self)
        drag.setMimeData(mime)
        if frame is not None:
            drag.setPixmap(frame.grab().scaledToWidth(min(320, max(1, frame.width()))))
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event) -> None:
        self._press = None


class BlockFrame(QFrame):
    """One block in the composer; it takes keyboard focus so Delete and Alt+Up/Down act on it."""

    remove_requested = Signal(object)
    """The user asked to remove this block (button or Delete)."""
    move_requested = Signal(object, int)
    """The user asked to move this block by -1 or +1."""

    def __init__(self, editor: BlockEditor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.severity: str | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.handle = DragHandle(self)
        self.title_label = QLabel(editor.title(), self)
        self.title_label.setStyleSheet("font-weight: bold;")
        self.up_button = self._tool(
            "↑", self.tr("Move the block up (Alt+Up)"), lambda: self.move_requested.emit(self, -1)
        )
        self.down_button = self._tool(
            "↓", self.tr("Move the block down (Alt+Down)"), lambda: self.move_requested.emit(self, 1)
        )
        self.remove_button = self._tool("✕", self.tr("Remove the block (Delete)"), self._on_remove)
        self.problems_label = QLabel(self)
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_label.hide()
        header = QHBoxLayout()
        header.addWidget(self.handle)
        header.addWidget(self.title_label, 1)
        for button in (self.up_button, self.down_button, self.remove_button):
            header.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(editor)
        layout.addWidget(self.problems_label)
        self.setAccessibleName(editor.title())

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _on_remove(self) -> None:
        self.remove_requested.emit(self)

    def set_problems(self, problems: list[Problem]) -> None:
        """Show the block's problems under it; a red frame for errors, orange for warnings only."""
        if not problems:
            self.severity = None
        else:
            self.severity = ERROR if any(p.severity == ERROR for p in problems) else "warning"
        lines = [_sentence(i18n.problem_text(replace(p, block=None))) for p in problems]
        self.problems_label.setText("\n".join(lines))
        self.problems_label.setStyleSheet(f"color: {'#c62828' if self.severity == ERROR else '#ef6c00'};")
        self.problems_label.setVisible(bool(problems))
        self.update()

    def keyPressEvent(self, event) -> None:
        # Only when the frame itself has focus: Delete inside a text field stays the field's.
        if event.key() == Qt.Key.Key_Delete and self.hasFocus():
            self.remove_requested.emit(self)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        colour = None
        if self.severity is not None:
            colour = QColor("#c62828" if self.severity == ERROR else "#ef6c00")
        elif self.hasFocus():
            colour = self.palette().highlight().color()
        if colour is not None:
            painter = QPainter(self)
            painter.setPen(QPen(colour, 2 if self.hasFocus() or self.severity == ERROR else 1))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
            painter.end()


def _sentence(text: str) -> str:
    """A block's problem reads "the link is empty…" after its "Block 2 (link): " prefix; alone, capitalise."""
    return text[:1].upper() + text[1:]
