"""The composer: the post's blocks as editors to add, edit, remove and reorder, with problems per block."""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.blocks import Block, PhotoBlock
from okcomposer.api.rules import Problem
from okcomposer.api.topic import Attachment
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.scroll_column import ScrollColumn
from okcomposer.ui.compose.blocks import BLOCK_KINDS, editor_for, kind_title, new_block
from okcomposer.ui.compose.blocks.board import BlockBoard
from okcomposer.ui.compose.blocks.frame import BlockFrame
from okcomposer.ui.compose.blocks.movie import MovieEditor
from okcomposer.ui.compose.blocks.photo import PhotoEditor
from okcomposer.ui.compose.spell_check import SpellService
from okcomposer.ui.photos.drops import Dropped, has_photos, read_drop
from okcomposer.ui.photos.grid import PhotoGrid

__all__ = ["BLOCK_KINDS", "ComposerView"]


class ComposerView(QWidget):
    """Edits the media blocks of one post; the main window owns the target, schedule and publishing."""

    changed = Signal()
    """A block was edited, added, removed or moved, or photos changed (set_attachment does not emit it)."""
    photos_checked = Signal()
    """A photo's precheck arrived or a fix ended: photos_ok() may have changed."""

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self._base = Attachment()  # the loaded attachment's other keys, kept for attachment()
        self._tab_stops: tuple[int, ...] = ()  # the blocks' widgets in the Tab order order_tabs() set
        self.upload_gid: str | None = None  # videos are uploaded into this group (None: the user's own)
        self.spelling = SpellService(self)  # the dictionaries open in the background
        self.setAcceptDrops(True)

        # A push button: its menu arrow gets room of its own (a tool button's is drawn over its label).
        self.add_button = QPushButton(self.tr("Add block"), self)
        self.add_button.setToolTip(self.tr("Add a block to the post (Ctrl+Shift+B)"))
        self._menu = self._build_menu()
        self.add_button.setMenu(self._menu)
        self.photos_button = QPushButton(self.tr("Add photos…"), self)
        self.photos_button.clicked.connect(self.choose_photos)
        self.board = BlockBoard(self)
        self.board.photos_dropped.connect(self.add_dropped_photos)
        self.board.block_dropped.connect(self._on_block_dropped)
        self.scroll_area = ScrollColumn(self)  # as wide as the widest block needs: no sideways scrolling
        self.scroll_area.setWidget(self.board)
        self.changed.connect(self.order_tabs)  # a block or a row of one was added, removed or moved

        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.photos_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, 1)

        for keys, delta in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda delta=delta: self.move_focused_block(delta))

    # --- the interface the main window uses -------------------------------------------------------
    def add_block_menu(self) -> QMenu:
        """The "Add block" menu with one action per kind (the main window may also put it in its menus)."""
        return self._menu

    def _build_menu(self) -> QMenu:
        menu = QMenu(self.tr("Add block"), self)
        for kind in BLOCK_KINDS:
            action = menu.addAction(kind_title(kind))
            action.setData(kind)
            action.triggered.connect(lambda _checked=False, kind=kind: self.add_block(kind))
        return menu

    def add_block(self, kind: str) -> None:
        """Add an empty block of `kind` (one of BLOCK_KINDS) at the end and put the cursor in it."""
        frame = self._insert(new_block(kind), len(self.board.frames()))
        self.changed.emit()
        self.reveal(frame)

    def reveal(self, frame: BlockFrame, field: QWidget | None = None) -> None:
        """Scroll a block into view and put the cursor in `field` (else its first field).

        A new frame is shown and laid out by posted events: scrolling to it at once would scroll to the
        top, where it sits until then (adding a link jumped the editor to the top). So it is shown now and
        the pending layout requests are run first, up the chain from the frame to the scroll area."""
        frame.show()  # what the layout's queued call would do on the next pass
        for _ in range(6):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if field is not None and frame.isAncestorOf(field):
            field.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            _focus_first_field(frame)
        self.scroll_area.ensureWidgetVisible(frame, 0, 0)  # the top of the block first
        focus = self.focusWidget()
        self.scroll_area.ensureWidgetVisible(focus if frame.isAncestorOf(focus) else frame)

    def focus_block(self, index: int, problem: Problem | None = None, photo: int | None = None) -> None:
        """Scroll to block `index` and put the cursor in the field of `problem` (or on photo row `photo`)."""
        frames = self.board.frames()
        if not 0 <= index < len(frames):
            return
        frame = frames[index]
        field = frame.editor.field_for(problem) if problem is not None else None
        view = frame.editor.findChild(QAbstractItemView)
        if photo is not None and view is not None:
            view.setCurrentIndex(view.model().index(photo, 0))
            field = view
        self.reveal(frame, field)

    def attachment(self) -> Attachment:
        """The blocks as edited, with the loaded draft's other keys; no schedule keys."""
        att = copy.deepcopy(self._base)
        att.media = [frame.editor.block() for frame in self.board.frames()]
        att.publish_at = att.publish_at_ms = None
        return att

    def set_attachment(self, attachment: Attachment) -> None:
        """Show a draft's blocks (unknown ones read-only and kept as they are)."""
        for frame in self.board.frames():
            self._drop_frame(frame)
        self._base = copy.deepcopy(attachment)
        self._base.media = []
        for index, block in enumerate(attachment.media):
            self._insert(block, index)
        self.order_tabs()

    def show_problems(self, problems: list[Problem]) -> None:
        """Show each block-level problem under its block; post-level ones are the main window's."""
        frames = self.board.frames()
        per_block: list[list[Problem]] = [[] for _ in frames]
        for problem in problems:
            if problem.block is not None and 0 <= problem.block < len(frames):
                per_block[problem.block].append(problem)
        for frame, found in zip(frames, per_block, strict=True):
            frame.set_problems(found)

    def add_photo_files(self, paths: list[str]) -> None:
        """Add files to the last photo block, creating one at the end if the post has none."""
        if not paths:
            return
        grids = self.photo_grids()
        if not grids:
            self._insert(PhotoBlock(), len(self.board.frames()))
            grids = self.photo_grids()
        grids[-1].add_files(list(paths))  # the grid's `changed` reaches our `changed`

    def add_dropped_photos(self, found: Dropped) -> None:
        """A drop outside any grid (files, folders, image addresses or data) goes to the last photo block."""
        if not found:
            return
        if not self.photo_grids():
            self._insert(PhotoBlock(), len(self.board.frames()))
        self.photo_grids()[-1].add_dropped(found)

    # --- more for the main window and tests -------------------------------------------------------
    def frames(self) -> list[BlockFrame]:
        return self.board.frames()

    def photo_grids_by_block(self) -> list[tuple[int, PhotoGrid]]:
        """(block index, grid) of each photo block."""
        return [
            (index, frame.editor.grid)
            for index, frame in enumerate(self.board.frames())
            if isinstance(frame.editor, PhotoEditor)
        ]

    def photo_grids(self) -> list[PhotoGrid]:
        return [f.editor.grid for f in self.board.frames() if isinstance(f.editor, PhotoEditor)]

    def set_upload_group(self, gid: str | None) -> None:
        """Where new video files go: the group the post is for (OK files a group's video there), or None."""
        self.upload_gid = gid
        for frame in self.board.frames():
            if isinstance(frame.editor, MovieEditor):
                frame.editor.uploader.set_group(gid)

    def photos_ok(self) -> bool:
        """Every local photo has been checked and passes."""
        return all(grid.all_ok() for grid in self.photo_grids())

    def choose_photos(self) -> None:
        grids = self.photo_grids()
        if grids:
            grids[-1].choose_files()
        else:
            self._insert(PhotoBlock(), len(self.board.frames()))
            self.photo_grids()[-1].choose_files()

    def paste_photos(self) -> bool:
        """Paste an image or image files from the clipboard into the last photo block."""
        if not self.photo_grids():
            self._insert(PhotoBlock(), len(self.board.frames()))
        return self.photo_grids()[-1].paste()

    def remove_block(self, index: int) -> None:
        frames = self.board.frames()
        if not 0 <= index < len(frames):
            return
        had_focus = frames[index].isAncestorOf(self.focusWidget()) or frames[index].hasFocus()
        self._drop_frame(frames[index])
        self.changed.emit()
        rest = self.board.frames()
        if had_focus and rest:
            rest[min(index, len(rest) - 1)].setFocus(Qt.FocusReason.OtherFocusReason)

    def move_block(self, index: int, to: int) -> bool:
        """Move the block at `index` so that it ends at `to`; False when out of range or already there."""
        frames = self.board.frames()
        if not 0 <= index < len(frames) or not self.board.move_block(frames[index], to):
            return False
        self.scroll_area.ensureWidgetVisible(frames[index])
        self.changed.emit()
        return True

    def move_focused_block(self, delta: int) -> bool:
        """Alt+Up / Alt+Down: move the block holding the keyboard focus; the focus stays where it was."""
        focus = self.focusWidget()
        for index, frame in enumerate(self.board.frames()):
            if focus is frame or frame.isAncestorOf(focus):
                return self.move_block(index, index + delta)
        return False

    # --- internals --------------------------------------------------------------------------------
    def _insert(self, block: Block, index: int) -> BlockFrame:
        editor = editor_for(block, self.context)
        editor.use_spelling(self.spelling)
        frame = BlockFrame(editor, self.board)
        editor.changed.connect(self.changed)
        if isinstance(editor, PhotoEditor):
            editor.grid.checked.connect(self.photos_checked)
        if isinstance(editor, MovieEditor):
            editor.uploader.set_group(self.upload_gid)
        frame.remove_requested.connect(self._on_remove_requested)
        frame.move_requested.connect(self._on_move_requested)
        self.board.insert(frame, index)
        return frame

    def order_tabs(self) -> None:
        """Tab goes from "Add photos…" through the blocks top to bottom and then on to where to post. Qt puts
        a widget made later (a new block, a poll's new answer) at the end of the window's focus chain,
        after Publish and the other tabs; this puts each block's stops back in reading order."""
        stops: list[QWidget] = []
        for frame in self.board.frames():
            stops.append(frame)
            # A block's pop-up (the emoji picker) is a window of its own: its fields keep their own chain.
            stops += [w for w in frame.findChildren(QWidget) if _tab_stop(w) and w.window() is frame.window()]
        key = tuple(map(id, stops))
        if key == self._tab_stops:
            return
        self._tab_stops = key
        previous: QWidget = self.photos_button
        for widget in stops:
            QWidget.setTabOrder(previous, widget)
            previous = widget

    def _drop_frame(self, frame: BlockFrame) -> None:
        self.board.take(frame)
        frame.hide()
        frame.deleteLater()

    def _on_remove_requested(self, frame: BlockFrame) -> None:
        self.remove_block(self.board.frames().index(frame))

    def _on_move_requested(self, frame: BlockFrame, delta: int) -> None:
        index = self.board.frames().index(frame)
        self.move_block(index, index + delta)

    def _on_block_dropped(self, frame: BlockFrame, to: int) -> None:
        self.move_block(self.board.frames().index(frame), to)

    def dragEnterEvent(self, event) -> None:
        if has_photos(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        found = read_drop(event.mimeData())  # read now: the drop's data is gone when the event returns
        event.acceptProposedAction()
        self.add_dropped_photos(found)


def _tab_stop(widget: QWidget) -> bool:
    """A widget Tab stops at itself (not the inner line edit of a spin box or combo box)."""
    parent = widget.parentWidget()
    inner = parent is not None and parent.focusProxy() is widget
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and not inner


def _focus_first_field(frame: BlockFrame) -> None:
    """The cursor goes into the new block's first field (or the frame, for blocks without one)."""
    for child in frame.editor.findChildren(QWidget):
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isEnabled():
            child.setFocus(Qt.FocusReason.OtherFocusReason)
            return
    frame.setFocus(Qt.FocusReason.OtherFocusReason)
