"""Undo and redo for the whole post: snapshots of its blocks and target options on a QUndoStack.

Keyboard rule: while a text field has the keyboard focus, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y are that field's own
undo and redo (Qt's text fields take those keys first through ShortcutOverride), so typing is undone letter
by letter where the user is typing. Anywhere else, and from the Edit menu, the same keys undo the whole
post step by step: adding, removing or moving a block, an option, or a burst of typing (changes less than
300 ms apart make one step). Undo and redo put a snapshot back with set_attachment/load_from, which push
nothing new.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from okcomposer.api.topic import DraftError, Post


class SnapshotCommand(QUndoCommand):
    """One step: the post before and after it (draft JSON text)."""

    def __init__(self, history: PostHistory, before: str, after: str):
        super().__init__()
        self.history, self.before, self.after = history, before, after
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push() calls redo(): the change is already on screen
            self._pushed = True
            return
        self.history.restore(self.after)

    def undo(self) -> None:
        self.history.restore(self.before)


def shortcuts(standard: QKeySequence.StandardKey, *extra: str) -> list[QKeySequence]:
    """The platform's keys for an action plus ours, each once (a key bound twice is "ambiguous" to Qt)."""
    keys: dict[str, QKeySequence] = {}
    for key in [*QKeySequence.keyBindings(standard), *(QKeySequence(e) for e in extra)]:
        keys.setdefault(key.toString(), key)
    return list(keys.values())


class PostHistory(QObject):
    """Watches a ComposerView (and a TargetPicker) and records their changes as undoable steps."""

    restored = Signal()
    """Undo or redo put another version of the post on screen (the window re-validates and autosaves)."""

    def __init__(self, composer, target=None, parent: QObject | None = None, delay_ms: int = 300):
        super().__init__(parent)
        self.composer, self.target = composer, target
        self.stack = QUndoStack(self)
        self.timer = QTimer(self, singleShot=True, interval=delay_ms)
        self.timer.timeout.connect(self.commit)
        self._restoring = False
        self._state = self.snapshot()
        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcuts(shortcuts(QKeySequence.StandardKey.Undo, "Ctrl+Z"))
        self.undo_action.setToolTip(self.tr("Undo the last change to the post (Ctrl+Z)"))
        self.redo_action = QAction(self.tr("Redo"), self)
        self.redo_action.setShortcuts(shortcuts(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"))
        self.redo_action.setToolTip(self.tr("Redo the change just undone (Ctrl+Shift+Z)"))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action.triggered.connect(self.redo)
        # Bound methods, not lambdas: Qt disconnects them as this object goes (the dying stack emits).
        self.stack.canUndoChanged.connect(self._on_stack_changed)
        self.stack.canRedoChanged.connect(self._on_stack_changed)
        composer.changed.connect(self.on_changed)
        if target is not None:
            target.changed.connect(self.on_changed)
        self._update_actions()

    def snapshot(self) -> str:
        post = Post(attachment=self.composer.attachment())
        if self.target is not None:
            self.target.apply_to(post)
        return json.dumps(post.to_draft(), sort_keys=True, ensure_ascii=False)

    def on_changed(self) -> None:
        if not self._restoring:
            self.timer.start()
            self._update_actions()

    def commit(self) -> None:
        """Record the changes made since the last step as one step (called 300 ms after the last change)."""
        self.timer.stop()
        now = self.snapshot()
        if now != self._state:
            self.stack.push(SnapshotCommand(self, self._state, now))
            self._state = now
        self._update_actions()

    def undo(self) -> None:
        self.commit()  # typing not yet recorded becomes the step that is undone
        self.stack.undo()

    def redo(self) -> None:
        self.commit()
        self.stack.redo()

    def restore(self, state: str) -> None:
        """Show a recorded version of the post; nothing is pushed for it."""
        self._restoring = True
        try:
            post = Post.from_draft(json.loads(state))
            self.composer.set_attachment(post.attachment)
            if self.target is not None:
                self.target.load_from(post)
        except (DraftError, ValueError):  # a snapshot is our own JSON: this would be a bug, not user data
            return
        finally:
            self._restoring = False
        self.timer.stop()
        self._state = state
        self.restored.emit()

    def reset(self) -> None:
        """Another post was opened (a draft, a new post, a template): forget the steps of the previous one."""
        self.timer.stop()
        self.stack.clear()
        self._state = self.snapshot()
        self._update_actions()

    def _on_stack_changed(self, _can: bool) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        self.undo_action.setEnabled(self.stack.canUndo() or self.timer.isActive())
        self.redo_action.setEnabled(self.stack.canRedo())
