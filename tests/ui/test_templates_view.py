"""Templates and snippets on a real composer: save, insert by click or Ctrl+N, at the cursor, templates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui.workflow_helpers import WAIT, assert_no_threads_left, make_context

from okcomposer.api.blocks import PollBlock, TextBlock
from okcomposer.api.topic import Attachment, Post
from okcomposer.store.templates import TemplateStore
from okcomposer.ui.compose.composer import ComposerView
from okcomposer.ui.library.templates_view import TemplatesView

# Shown windows on the offscreen platform (the shortcut test needs an active window).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")


@pytest.fixture
def setup(qtbot, tmp_path):
    ctx = make_context(tmp_path)
    composer = ComposerView(ctx)
    qtbot.addWidget(composer)
    composer.set_attachment(Attachment([TextBlock("Fresh bread today")]))
    store = TemplateStore(tmp_path / "templates.sqlite3")
    view = TemplatesView(ctx, store)
    qtbot.addWidget(view)
    view.bind(
        lambda: Post(attachment=composer.attachment()),
        lambda post: composer.set_attachment(post.attachment),
        composer,
    )
    yield composer, view, store
    view.shutdown()
    composer.spelling.tasks.stop()  # its text opens the dictionaries in the background (as the window waits)
    store.close()
    ctx.drafts.close()
    assert_no_threads_left()


def save_snippet(qtbot, view, kind: str, name: str, text: str, count: int) -> None:
    view.kind.setCurrentIndex(view.kind.findData(kind))
    view.name.setText(name)
    view.body.setPlainText(text)
    view.save_snippet_button.click()
    qtbot.waitUntil(lambda: view.snippets.count() == count, timeout=WAIT)


def texts(composer) -> list[str]:
    return [b.text for b in composer.attachment().media if isinstance(b, TextBlock)]


def test_snippets_are_saved_listed_with_their_shortcut_and_inserted_with_a_click(qtbot, setup):
    composer, view, _store = setup
    save_snippet(qtbot, view, "signature", "Bakery", "Sunrise Bakery, since 1990", 1)
    save_snippet(qtbot, view, "hashtags", "Tags", "#bread fresh bake", 2)
    items = [view.snippets.item(i).text() for i in range(2)]
    assert items == ["Ctrl+1 · Hashtags: Tags", "Ctrl+2 · Signature: Bakery"]
    assert view.snippets.item(0).toolTip() == "#bread #fresh #bake"
    item = view.snippets.item(1)
    qtbot.mouseClick(
        view.snippets.viewport(), Qt.MouseButton.LeftButton, pos=view.snippets.visualItemRect(item).center()
    )
    assert texts(composer) == ["Fresh bread today\n\nSunrise Bakery, since 1990"]
    view.shortcut_actions[0].trigger()  # Ctrl+1
    assert texts(composer)[0].endswith("since 1990\n#bread #fresh #bake")
    view.shortcut_actions[0].trigger()  # a tag already there is not added twice
    assert texts(composer)[0].count("#bread") == 1
    view.shortcut_actions[8].trigger()  # no ninth snippet: nothing happens
    view.name.setText("Empty")
    view.body.clear()
    view.save_snippet_button.click()
    assert view.status.text() == "The snippet is empty."


def test_ctrl_number_with_the_cursor_in_a_text_field_inserts_there(qtbot, setup):
    composer, view, _store = setup
    save_snippet(qtbot, view, "text", "Opening", "Open 8-20", 1)
    window = composer.window()
    for action in view.shortcut_actions:
        window.addAction(action)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    edit = composer.frames()[0].editor.edit
    edit.setFocus()
    cursor = edit.textCursor()
    cursor.setPosition(len("Fresh bread"))
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert edit.toPlainText() == "Fresh bread Open 8-20 today"
    edit.undo()  # the field's own undo takes the snippet back
    assert edit.toPlainText() == "Fresh bread today"


def test_a_poll_snippet_and_deleting_a_snippet(qtbot, setup):
    composer, view, _store = setup
    composer.set_attachment(Attachment([TextBlock("Vote!"), PollBlock("Which bread?", ["Rye", "Brioche"])]))
    view.save_poll_button.click()
    qtbot.waitUntil(lambda: view.snippets.count() == 1, timeout=WAIT)
    assert view.snippets.item(0).text() == "Ctrl+1 · Poll: Which bread?"
    composer.set_attachment(Attachment([TextBlock("New post")]))
    view.insert_number(1)
    polls = [b for b in composer.attachment().media if isinstance(b, PollBlock)]
    assert [(p.question, p.answers) for p in polls] == [("Which bread?", ["Rye", "Brioche"])]
    view.snippets.setCurrentRow(0)
    view.delete_button.click()
    qtbot.waitUntil(lambda: view.snippets.count() == 0, timeout=WAIT)


def test_a_whole_post_as_a_template_and_a_new_post_from_it(qtbot, setup):
    composer, view, store = setup
    view.template_name.setText("Daily bread")
    view.save_post_button.click()
    qtbot.waitUntil(lambda: view.posts.count() == 1, timeout=WAIT)
    assert view.posts.item(0).text() == "Daily bread" and [t.kind for t in store.list()] == ["post"]
    view.posts.setCurrentRow(0)
    with qtbot.waitSignal(view.post_requested, timeout=WAIT) as made:
        view.new_post_button.click()
    post = made.args[0]
    assert [b.text for b in post.attachment.media] == ["Fresh bread today"]
    assert post.attachment.scheduled_at() is None
