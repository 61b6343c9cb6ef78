"""Spell checking in the composer: wavy underlines in the text and poll fields, the right-click menu,
the personal dictionary, typing without stalls, and a system with no dictionary."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication

from okcomposer.store import paths
from okcomposer.ui.compose.composer import ComposerView
from okcomposer.ui.compose.spell_check import PERSONAL_FILE, SpellChecking, SpellService

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


@pytest.fixture
def composer(qtbot, ctx):
    view = ComposerView(ctx)
    qtbot.addWidget(view)
    view.resize(600, 700)
    view.show()
    if view.spelling.speller is None:
        with qtbot.waitSignal(view.spelling.ready, timeout=10_000):
            view.spelling.want()  # as the first text typed would
    yield view
    view.spelling.tasks.stop()


def underlined(edit) -> list[str]:
    """The words the text field shows with a wavy underline."""
    found = []
    block = edit.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.underlineStyle() == WAVY:
                units = block.text().encode("utf-16-le")  # Qt's positions count UTF-16 units
                found.append(units[2 * fmt.start : 2 * (fmt.start + fmt.length)].decode("utf-16-le"))
        block = block.next()
    return found


def checker(field) -> SpellChecking:
    return field.findChild(SpellChecking)


def test_misspelled_russian_and_english_words_get_a_wavy_underline(composer):
    composer.add_block("text")
    edit = composer.frames()[0].editor.edit
    edit.setPlainText("😀 Превет, друзья!\nFresh bread and helo from us")
    assert underlined(edit) == ["Превет", "helo"]


def test_the_dictionaries_open_only_once_there_is_text_to_check(qtbot, ctx):
    view = ComposerView(ctx)
    qtbot.addWidget(view)
    view.add_block("text")
    qtbot.wait(50)
    assert not view.spelling.wanted and view.spelling.speller is None  # ~24 MiB not taken for nothing
    with qtbot.waitSignal(view.spelling.ready, timeout=10_000):
        view.frames()[0].editor.edit.setPlainText("Превет")
    assert view.spelling.speller is not None
    qtbot.waitUntil(lambda: underlined(view.frames()[0].editor.edit) == ["Превет"], timeout=10_000)
    view.spelling.tasks.stop()


def test_poll_fields_are_checked_too(composer):
    composer.add_block("poll")
    poll = composer.frames()[0].editor
    poll.question.setText("Какой хлеп лучше?")
    poll.answers.edits(0)[0].setText("Ржаной")
    poll.answers.edits(1)[0].setText("Белый breadd")
    poll.answers.add_row(["Превет"])
    assert checker(poll.question).misspelled() == [(6, 4)]
    assert checker(poll.answers.edits(0)[0]).misspelled() == []
    assert checker(poll.answers.edits(1)[0]).misspelled() == [(6, 6)]
    assert checker(poll.answers.edits(2)[0]).misspelled() == [(0, 6)]
    assert poll.question.text() == "Какой хлеп лучше?"  # the underline changes no text


def _pos_of(edit, index: int):
    cursor = edit.textCursor()
    cursor.setPosition(index)
    return edit.cursorRect(cursor).center()


def test_right_click_offers_suggestions_that_replace_the_word(composer):
    composer.add_block("text")
    edit = composer.frames()[0].editor.edit
    edit.setPlainText("Свежий хлеп каждый день")
    menu = checker(edit).menu_for(_pos_of(edit, 8))
    texts = [a.text() for a in menu.actions()]
    assert "хлеб" in texts and "Add “хлеп” to the dictionary" in texts
    assert texts.index("хлеб") < texts.index("Add “хлеп” to the dictionary")
    next(a for a in menu.actions() if a.text() == "хлеб").trigger()
    assert edit.toPlainText() == "Свежий хлеб каждый день"
    assert underlined(edit) == []
    plain = checker(edit).menu_for(_pos_of(edit, 2))
    assert not any("dictionary" in a.text() for a in plain.actions())


def test_add_to_dictionary_persists_and_clears_every_underline(qtbot, composer, ctx):
    composer.add_block("text")
    composer.add_block("poll")
    edit, poll = composer.frames()[0].editor.edit, composer.frames()[1].editor
    edit.setPlainText("Пекарня Колосбейк ждёт")
    poll.question.setText("Колосбейк?")
    menu = checker(edit).menu_for(_pos_of(edit, 10))
    next(a for a in menu.actions() if "dictionary" in a.text()).trigger()
    assert underlined(edit) == [] and checker(poll.question).misspelled() == []
    assert "Колосбейк" in (paths.data_dir() / PERSONAL_FILE).read_text(encoding="utf-8").split()


def test_typing_in_a_long_text_does_not_stall(composer):
    composer.add_block("text")
    edit = composer.frames()[0].editor.edit
    # 18 000 words: 2 999 short paragraphs and a long one (5 000 characters) being typed into
    edit.setPlainText("\n".join(["Свежий хлеп и helo"] * 2999 + [" ".join(["Свежий хлеп и helo"] * 280)]))
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    slowest = 0.0
    for char in " Превет мир":
        started = time.perf_counter()
        # A key press with its text, as a Russian keyboard sends it (QTest's key clicks are ASCII only).
        QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char))
        QApplication.processEvents()
        slowest = max(slowest, time.perf_counter() - started)
    assert slowest < 0.05, f"a keystroke took {slowest * 1000:.0f} ms"
    assert underlined(edit)[-1] == "Превет"


def test_no_dictionary_says_how_to_get_one_once_and_keeps_working(qtbot, ctx, tmp_path):
    def composer_without_dictionaries() -> ComposerView:
        view = ComposerView(ctx)
        qtbot.addWidget(view)
        view.spelling = SpellService(view, tmp_path / "d.txt", {"ru": ("xx_XX",), "en": ("yy_YY",)})
        view.add_block("text")
        with qtbot.waitSignal(view.spelling.ready, timeout=10_000):
            view.frames()[0].editor.edit.setPlainText("Превет helo")  # the first text opens them
        return view

    first = composer_without_dictionaries()
    editor = first.frames()[0].editor
    assert editor.spelling_notice.isVisibleTo(first)
    assert "Russian, English" in editor.spelling_notice.text() and "hunspell" in editor.spelling_notice.text()
    assert underlined(editor.edit) == []
    assert ctx.settings_store.load().spelling_notice_seen
    second = composer_without_dictionaries()
    assert not second.frames()[0].editor.spelling_notice.isVisibleTo(second)  # said once, not again
    first.spelling.tasks.stop()
    second.spelling.tasks.stop()


def test_the_menu_key_path_works_with_a_line_edit(composer):
    composer.add_block("poll")
    question = composer.frames()[0].editor.question
    question.setText("хлеп")
    rect = question.rect()
    menu = checker(question).menu_for(rect.center().__class__(8, rect.height() // 2))
    assert "хлеб" in [a.text() for a in menu.actions()]
    next(a for a in menu.actions() if a.text() == "хлеб").trigger()
    assert question.text() == "хлеб"
    assert Qt.ContextMenuPolicy.CustomContextMenu == question.contextMenuPolicy()
