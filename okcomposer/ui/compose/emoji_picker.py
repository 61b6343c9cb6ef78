"""The emoji picker: a search field over a grid of emoji (English and Russian names), recent ones first;
a pick is inserted at the cursor of the field it was opened for and remembered in the settings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.app.emoji_index import Emoji, pushed, search
from okcomposer.store.settings import RECENT_EMOJI
from okcomposer.ui.common import theme
from okcomposer.ui.common.context import UiContext

CELL = 34  # pixels per emoji in the grid
SHORTCUT = "Ctrl+;"  # opens the picker for the field with the keyboard focus
Field = QLineEdit | QPlainTextEdit
_Index = QModelIndex | QPersistentModelIndex


def insert(field: Field, text: str) -> None:
    """Put `text` at the field's cursor (replacing a selection), as typing it would."""
    if isinstance(field, QLineEdit):
        field.insert(text)
    else:
        field.insertPlainText(text)
    field.setFocus(Qt.FocusReason.OtherFocusReason)


class EmojiModel(QAbstractListModel):
    """The emoji shown, each with its name (in the UI's language) as tooltip and accessible text."""

    def __init__(self, language: str, parent=None):
        super().__init__(parent)
        self.language = language
        self.items: list[Emoji] = []

    def set_items(self, items: list[Emoji]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.char
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return item.name(self.language)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None


class EmojiPicker(QFrame):
    """A pop-up: type to search (either language), Enter or a click inserts, Esc closes."""

    picked = Signal(str)
    """An emoji was chosen (the picker has closed)."""

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.context = context
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.search = QLineEdit(
            placeholderText=self.tr("Search emoji (English or Russian)"), clearButtonEnabled=True
        )
        self.search.setAccessibleName(self.tr("Search emoji"))
        language = "ru" if _ui_is_russian() else "en"
        self.model = EmojiModel(language, self)
        self.grid = QListView()
        self.grid.setModel(self.model)
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setUniformItemSizes(True)
        self.grid.setGridSize(QSize(CELL, CELL))
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setTextElideMode(Qt.TextElideMode.ElideNone)  # a wide glyph is cut, never "…"
        self.grid.setAccessibleName(self.tr("Emoji"))
        font = self.grid.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.grid.setFont(font)
        self.empty = QLabel(self.tr("No emoji has that name."))
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.empty)
        self.resize(CELL * 10 + 40, CELL * 8 + 60)
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._pick_first)
        self.grid.activated.connect(self._pick_index)
        self.grid.clicked.connect(self._pick_index)
        self.filter("")

    def filter(self, text: str) -> None:
        """Show the emoji matching `text`, recent ones first."""
        found = search(text, self.context.settings.recent_emoji)
        self.model.set_items(found)
        self.empty.setVisible(not found)
        if found:
            self.grid.setCurrentIndex(self.model.index(0))

    def open_at(self, anchor: QWidget) -> None:
        """Show under `anchor` (kept on its screen), the search field focused and empty."""
        self.search.clear()
        below = anchor.mapToGlobal(anchor.rect().bottomLeft())
        screen = anchor.screen().availableGeometry()
        x = min(max(screen.left(), below.x()), screen.right() - self.width())
        y = (
            below.y()
            if below.y() + self.height() <= screen.bottom()
            else below.y() - anchor.height() - self.height()
        )
        self.move(x, max(screen.top(), y))
        self.show()
        self.search.setFocus(Qt.FocusReason.PopupFocusReason)

    def _pick_first(self) -> None:
        current = self.grid.currentIndex()
        self._pick_index(current if current.isValid() else self.model.index(0))

    def _pick_index(self, index: _Index) -> None:
        if not index.isValid():
            return
        char = self.model.items[index.row()].char
        self.context.remember(recent_emoji=pushed(self.context.settings.recent_emoji, char, RECENT_EMOJI))
        self.hide()
        self.picked.emit(char)

    def keyPressEvent(self, event) -> None:
        # Arrow keys in the search field move through the grid, so the mouse is never needed.
        if (
            event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Left, Qt.Key.Key_Right)
            and self.search.hasFocus()
        ):
            self.grid.setFocus()
            self.grid.keyPressEvent(event)
            return
        super().keyPressEvent(event)


class EmojiButton(QToolButton):
    """A 🙂 button for an editor's text fields: a pick goes into the field that had the keyboard focus
    (else `default()`); Ctrl+; in any of the editor's fields opens it too."""

    def __init__(self, context: UiContext, editor: QWidget, default: Callable[[], Field]):
        super().__init__(editor)
        self.context, self.editor, self.default = context, editor, default
        self.setIcon(theme.icon("emoji"))  # drawn, so it shows where no emoji font is installed
        self.setToolTip(
            self.tr("Insert an emoji ({0})").format(
                QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.setAccessibleName(self.tr("Insert an emoji"))
        self.picker: EmojiPicker | None = None
        self.target: Field | None = None
        self.clicked.connect(lambda: self.open_for(self._focused()))
        shortcut = QShortcut(QKeySequence(SHORTCUT), editor)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.open_for(self._focused()))

    def _focused(self) -> Field:
        # A tool button takes no focus on a click, so the field being typed in still has it.
        focus = self.editor.focusWidget()
        if isinstance(focus, QLineEdit | QPlainTextEdit) and self.editor.isAncestorOf(focus):
            return focus
        return self.default()

    def open_for(self, field: Field) -> EmojiPicker:
        """Open the picker; its pick goes into `field`."""
        self.target = field
        if self.picker is None:
            self.picker = EmojiPicker(self.context, self)
            self.picker.picked.connect(self._picked)
        self.picker.open_at(self)
        return self.picker

    def _picked(self, char: str) -> None:
        if self.target is not None:
            insert(self.target, char)


def _ui_is_russian() -> bool:
    from PySide6.QtCore import QLocale

    return QLocale().language() == QLocale.Language.Russian
