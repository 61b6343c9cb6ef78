"""Undo/redo of the whole post: debounced snapshot steps, blocks and options, restoring, the keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget
from ui.workflow_helpers import WAIT, make_context

from okcomposer.api.blocks import PollBlock, TextBlock
from okcomposer.ui.compose.composer import ComposerView
from okcomposer.ui.compose.undo import PostHistory
from okcomposer.ui.targets.picker import TargetPicker

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")


@pytest.fixture
def post(qtbot, tmp_path):
    ctx = make_context(tmp_path)
    window = QWidget()
    composer, target = ComposerView(ctx), TargetPicker(ctx)
    row = QHBoxLayout(window)
    row.addWidget(composer)
    row.addWidget(target)
    qtbot.addWidget(window)
    history = PostHistory(composer, target, window, delay_ms=100)
    yield window, composer, target, history
    target.shutdown()
    ctx.drafts.close()


def kinds(composer) -> list[str]:
    return [type(b).__name__ for b in composer.attachment().media]


def type_text(qtbot, composer, text: str) -> None:
    composer.add_block("text")
    qtbot.keyClicks(composer.frames()[-1].editor.edit, text)


def test_typing_is_one_step_and_blocks_and_options_are_steps(qtbot, post):
    _window, composer, target, history = post
    type_text(qtbot, composer, "Fresh bread")
    qtbot.waitUntil(lambda: history.stack.count() == 1, timeout=WAIT)  # the block and the word: one step
    composer.add_block("poll")
    history.commit()
    target.link_preview.setChecked(True)
    history.commit()
    assert (
        history.stack.count() == 3 and history.undo_action.isEnabled() and not history.redo_action.isEnabled()
    )
    history.undo_action.trigger()
    assert not target.link_preview.isChecked() and kinds(composer) == ["TextBlock", "PollBlock"]
    history.undo_action.trigger()
    assert kinds(composer) == ["TextBlock"] and composer.attachment().media[0].text == "Fresh bread"
    history.undo_action.trigger()
    assert kinds(composer) == [] and not history.undo_action.isEnabled()
    qtbot.wait(250)  # restoring pushed nothing, even after the debounce
    assert history.stack.count() == 3 and history.stack.index() == 0
    history.redo_action.trigger()
    history.redo_action.trigger()
    assert kinds(composer) == ["TextBlock", "PollBlock"]
    assert isinstance(composer.attachment().media[1], PollBlock)
    composer.remove_block(1)  # a new change drops what could be redone
    history.commit()
    assert not history.redo_action.isEnabled() and kinds(composer) == ["TextBlock"]


def test_undo_right_after_typing_takes_back_the_typing_first(qtbot, post):
    _window, composer, _target, history = post
    composer.add_block("text")
    history.commit()
    qtbot.keyClicks(composer.frames()[0].editor.edit, "abc")
    assert history.undo_action.isEnabled()  # pending, not yet a step
    history.undo()
    assert [b.text for b in composer.attachment().media if isinstance(b, TextBlock)] == [""]
    assert history.stack.count() == 2 and history.stack.index() == 1


def test_reset_forgets_the_previous_posts_steps(qtbot, post):
    _window, composer, _target, history = post
    type_text(qtbot, composer, "x")
    history.commit()
    history.reset()
    assert history.stack.count() == 0 and not history.undo_action.isEnabled()


def test_ctrl_z_in_a_text_field_is_the_fields_own_and_elsewhere_the_posts(qtbot, post):
    window, composer, _target, history = post
    window.addAction(history.undo_action)
    window.addAction(history.redo_action)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    type_text(qtbot, composer, "ab")
    history.commit()
    composer.add_block("link")
    history.commit()
    edit = composer.frames()[0].editor.edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.toPlainText() == "" and kinds(composer) == ["TextBlock", "LinkBlock"]  # the field's undo
    history.commit()
    composer.add_button.setFocus()
    before = history.stack.index()
    qtbot.keyClick(composer.add_button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert history.stack.index() == before - 1  # the post's undo: the field's own edit came back
    assert composer.attachment().media[0].text == "ab"
    qtbot.keyClick(composer.add_button, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert composer.attachment().media[0].text == ""
    qtbot.keyClick(
        composer.add_button,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert history.stack.index() == before  # nothing more to redo: unchanged
