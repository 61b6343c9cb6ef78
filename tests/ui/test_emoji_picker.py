"""The emoji picker: English and Russian names, recent ones first (kept in the settings), a pick goes in
at the cursor of the text or poll field being typed in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from okcomposer.app.emoji_index import all_emoji, pushed, search
from okcomposer.ui.compose.composer import ComposerView

# The offscreen platform cannot raise a pop-up or grab the keyboard for it, and says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")


@pytest.fixture
def composer(qtbot, ctx):
    view = ComposerView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    if view.spelling.speller is None:
        with qtbot.waitSignal(view.spelling.ready, timeout=10_000):
            view.spelling.want()  # as the first text typed would
    yield view
    view.spelling.tasks.stop()


def chars(found) -> list[str]:
    return [item.char for item in found]


def test_the_data_has_english_and_russian_names_and_faces_come_first():
    everything = all_emoji()
    assert len(everything) > 1500
    assert everything[0].char == "😀" and everything[0].en == "grinning face" and everything[0].ru
    assert all(item.ru for item in everything[:200])
    assert not any("skin tone" in item.en for item in everything)


@pytest.mark.parametrize(
    ("query", "wanted"), [("heart", "❤️"), ("сердце", "❤️"), ("thumbs", "👍"), ("+1", "👍"), ("кош", "🐱")]
)
def test_search_by_english_and_russian_names(query, wanted):
    assert wanted in chars(search(query))


def test_recent_ones_come_first_and_stay_few():
    assert chars(search("", ["🍞", "🎉"]))[:3] == ["🍞", "🎉", "😀"]
    assert chars(search("face", ["🍞", "😀"]))[0] == "😀"  # recent, and matching
    assert pushed(("a", "b", "c"), "c", 3) == ("c", "a", "b")
    assert pushed(("a", "b", "c"), "d", 3) == ("d", "a", "b")


def test_a_pick_goes_in_at_the_cursor_and_is_remembered(qtbot, composer, ctx):
    composer.add_block("text")
    editor = composer.frames()[0].editor
    editor.edit.setPlainText("Свежий хлеб")
    cursor = editor.edit.textCursor()
    cursor.setPosition(6)
    editor.edit.setTextCursor(cursor)
    editor.edit.setFocus()
    picker = editor.emoji.open_for(editor.edit)
    picker.search.setText("bread")
    assert picker.model.items[0].char == "🍞"
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert editor.edit.toPlainText() == "Свежий🍞 хлеб"
    assert ctx.settings.recent_emoji[0] == "🍞"
    assert ctx.settings_store.load().recent_emoji[0] == "🍞"  # written (no window queue here: at once)
    again = editor.emoji.open_for(editor.edit)
    assert again.model.items[0].char == "🍞"
    again.hide()


def test_the_poll_button_inserts_into_the_field_being_typed_in(qtbot, composer):
    composer.add_block("poll")
    poll = composer.frames()[0].editor
    answer = poll.answers.edits(1)[0]
    answer.setText("Белый")
    answer.setFocus()
    qtbot.waitUntil(answer.hasFocus)
    qtbot.mouseClick(poll.emoji, Qt.MouseButton.LeftButton)  # a tool button takes no focus on a click
    picker = poll.emoji.picker
    assert picker is not None and picker.isVisible()
    picker.search.setText("хлеб")
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert answer.text() == "Белый🍞" and poll.question.text() == ""
    picker.search.setText("нет такого эмодзи вообще")
    assert picker.empty.isVisibleTo(picker) and picker.model.rowCount() == 0


def test_the_shortcut_opens_the_picker_for_the_focused_field(qtbot, composer):
    composer.add_block("poll")
    poll = composer.frames()[0].editor
    poll.question.setFocus()
    qtbot.waitUntil(poll.question.hasFocus)
    QTest.keySequence(poll.question, "Ctrl+;")
    assert poll.emoji.picker is not None and poll.emoji.target is poll.question
    poll.emoji.picker.hide()
    assert poll.emoji.accessibleName() and poll.emoji.picker.grid.accessibleName()
