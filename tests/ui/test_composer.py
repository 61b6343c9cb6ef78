"""The composer: add, edit, remove and reorder blocks (buttons, keys, API, drag), problems, photos, drafts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLineEdit
from support.images import make_photos

from okcomposer.api.blocks import PhotoBlock, PhotoItem, TextBlock
from okcomposer.api.rules import validate
from okcomposer.api.topic import Attachment, Post
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose.blocks.frame import BLOCK_MIME
from okcomposer.ui.compose.composer import BLOCK_KINDS, ComposerView
from okcomposer.ui.photos import thumbnails

# Qt's offscreen platform warns when a window with size constraints is shown (propagateSizeHints).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
DRAFT = {
    "media": [
        {"type": "text", "text": "Hello"},
        {"type": "link", "url": "https://ok.ru/"},
        {"type": "photo", "list": [{"photoId": "9"}]},
    ],
    "publishAtMs": 1893456000000,
    "onBehalfOfGroup": "true",
}


@pytest.fixture
def composer(tmp_path, qtbot):
    ctx = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    view = ComposerView(ctx)
    qtbot.addWidget(view)
    view.resize(900, 700)
    yield view
    thumbnails.wait_all()
    ctx.drafts.close()


def _kinds(view: ComposerView) -> list[str]:
    return [b.TYPE for b in view.attachment().media]


def _show(qtbot, view: ComposerView) -> None:
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)


def test_the_add_block_menu_adds_every_kind(qtbot, composer):
    actions = composer.add_block_menu().actions()
    assert [a.data() for a in actions] == list(BLOCK_KINDS)
    with qtbot.waitSignal(composer.changed):
        actions[0].trigger()
    for action in actions[1:]:
        action.trigger()
    assert _kinds(composer) == list(BLOCK_KINDS)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_add_block_buttons_menu_arrow_has_room_beside_its_label(qtbot, composer, language):
    from ui.fit_check import misfits

    from okcomposer.ui.common import i18n

    i18n.install(language)
    try:
        view = ComposerView(composer.context)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitExposed(view)
        assert view.add_button.text() == ("Add block" if language == "en" else "Добавить блок")
        assert not misfits(view.add_button)
    finally:
        i18n.install("en")


def test_a_draft_loads_and_comes_back_as_it_was(qtbot, composer):
    attachment = Attachment.from_json(DRAFT)
    composer.set_attachment(attachment)
    out = composer.attachment()
    assert out.media == attachment.media
    assert out.publish_at_ms is None and out.publish_at is None  # the schedule is the main window's
    assert out.on_behalf_of_group is True
    composer.set_attachment(Attachment())
    assert composer.attachment().media == []


def test_edits_emit_changed(qtbot, composer):
    composer.set_attachment(Attachment([TextBlock("a")]))
    with qtbot.waitSignal(composer.changed):
        composer.frames()[0].editor.edit.setPlainText("abc")
    assert composer.attachment().media == [TextBlock("abc")]


def test_remove_by_button_and_by_delete_on_the_focused_block(qtbot, composer):
    for kind in ("text", "link", "poll"):
        composer.add_block(kind)
    _show(qtbot, composer)
    with qtbot.waitSignal(composer.changed):
        qtbot.mouseClick(composer.frames()[1].remove_button, Qt.MouseButton.LeftButton)
    assert _kinds(composer) == ["text", "poll"]
    text = composer.frames()[0].editor.edit
    text.setFocus()
    text.setPlainText("abc")
    qtbot.keyClick(text, Qt.Key.Key_Delete)  # Delete inside a text field edits the text
    assert _kinds(composer) == ["text", "poll"]
    frame = composer.frames()[0]
    frame.setFocus()
    qtbot.waitUntil(frame.hasFocus)
    qtbot.keyClick(frame, Qt.Key.Key_Delete)
    assert _kinds(composer) == ["poll"]
    assert composer.frames()[0].hasFocus()  # the focus moves to the block now in its place


def test_move_by_api_and_buttons(qtbot, composer):
    for kind in ("text", "link", "poll"):
        composer.add_block(kind)
    with qtbot.waitSignal(composer.changed):
        assert composer.move_block(0, 2)
    assert _kinds(composer) == ["link", "poll", "text"]
    assert not composer.move_block(0, 0) and not composer.move_block(0, 3)
    composer.frames()[2].up_button.click()
    assert _kinds(composer) == ["link", "text", "poll"]
    composer.frames()[0].down_button.click()
    assert _kinds(composer) == ["text", "link", "poll"]


def test_alt_up_and_down_move_the_focused_block_and_keep_the_focus(qtbot, composer):
    for kind in ("text", "link", "poll"):
        composer.add_block(kind)
    _show(qtbot, composer)
    url = composer.frames()[1].editor.url
    url.setFocus()
    qtbot.waitUntil(url.hasFocus)
    qtbot.keyClick(url, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _kinds(composer) == ["link", "text", "poll"]
    assert url.hasFocus()
    qtbot.keyClick(url, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # already first
    qtbot.keyClick(url, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(url, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _kinds(composer) == ["text", "poll", "link"]


def test_dragging_a_block_handle_drops_it_between_blocks(qtbot, composer, monkeypatch):
    for kind in ("text", "link", "poll"):
        composer.add_block(kind)
    _show(qtbot, composer)
    board = composer.board
    frames = composer.frames()
    # A real QDrag runs a nested event loop; the drop is simulated with the handle as its source.
    monkeypatch.setattr(board, "_source_frame", lambda event: frames[0])
    mime = QMimeData()
    mime.setData(BLOCK_MIME, b"")
    below_poll = frames[2].geometry().bottom() - 2
    event = QDropEvent(
        QPointF(30, below_poll),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    board.dropEvent(event)
    assert _kinds(composer) == ["link", "poll", "text"]
    assert board.insertion_index(0) == 0


def test_problems_are_shown_next_to_their_block(qtbot, composer):
    composer.set_attachment(Attachment([TextBlock("hi"), PhotoBlock(), TextBlock("")]))
    problems = validate(Post(composer.attachment()))
    composer.show_problems(problems)
    frames = composer.frames()
    assert frames[0].problems_label.isHidden() and frames[0].severity is None
    assert frames[1].severity == "error" and "no photos" in frames[1].problems_label.text()
    assert frames[2].severity == "error" and "empty" in frames[2].problems_label.text()  # never sent
    composer.show_problems([])
    assert all(f.problems_label.isHidden() and f.severity is None for f in composer.frames())


def test_files_dropped_on_the_composer_make_a_photo_block_and_get_thumbnails(qtbot, composer, tmp_path):
    composer.add_block("text")
    files = make_photos(tmp_path, 2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(
        QPointF(10, 400),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(composer.changed):
        composer.board.dropEvent(event)
    assert _kinds(composer) == ["text", "photo"]
    qtbot.waitUntil(composer.photos_ok, timeout=10_000)
    assert composer.attachment().media[1] == PhotoBlock([PhotoItem(file=str(f)) for f in files])


def test_add_photo_files_goes_into_the_last_photo_block(qtbot, composer, tmp_path):
    files = [str(f) for f in make_photos(tmp_path, 3)]
    composer.set_attachment(Attachment([PhotoBlock([PhotoItem(photo_id="1")]), TextBlock("x"), PhotoBlock()]))
    composer.add_photo_files(files[:2])
    composer.add_photo_files(files[2:])
    media = composer.attachment().media
    assert [i.file for i in media[2].items] == files and media[0].items == [PhotoItem(photo_id="1")]
    qtbot.waitUntil(composer.photos_ok, timeout=10_000)


def test_a_new_block_gets_the_keyboard_focus(qtbot, composer):
    _show(qtbot, composer)
    composer.add_block("link")
    qtbot.waitUntil(lambda: isinstance(composer.focusWidget(), QLineEdit))
    assert composer.focusWidget() is composer.frames()[0].editor.url


def test_paste_into_the_composer_makes_a_photo_block(qtbot, composer):
    from PySide6.QtGui import QGuiApplication, QImage

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.blue)
    QGuiApplication.clipboard().setImage(image)
    assert composer.paste_photos()
    qtbot.waitUntil(lambda: len(composer.photo_grids()[0].paths()) == 1, timeout=10_000)
    qtbot.waitUntil(composer.photos_ok, timeout=10_000)
    QGuiApplication.clipboard().clear()


def test_thousands_of_emits_do_not_free_true(qtbot, composer):
    """PySide6 6.12 emit() drops a reference to True per call; on CPython 3.11 qtfix keeps True alive."""
    import sys

    from okcomposer.ui.common import qtfix

    composer.set_attachment(Attachment([TextBlock("x")]))
    seen = []
    composer.changed.connect(lambda: seen.append(1))
    for _ in range(5000):
        composer.changed.emit()
    assert len(seen) == 5000
    assert sys.getrefcount(True) > 1000 or not qtfix.emit_drops_a_true_reference()


def test_every_poll_answer_row_is_fully_visible_and_the_block_grows(qtbot, composer):
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication

    from okcomposer.api.blocks import PollBlock

    composer.resize(520, 900)
    composer.show()
    composer.add_block("poll")
    frame = composer.frames()[-1]
    frame.editor.set_block(PollBlock(question="Which?", answers=["Rye", "Sourdough", "Brioche"]))
    for _ in range(4):
        frame.editor.answers.add_button.click()
    QApplication.processEvents()
    rows = [row for row, _, _ in frame.editor.answers._rows]
    shown = [w for w in frame.editor.answers.findChildren(QLineEdit) if w.isVisible()]
    assert len(rows) == 7 and len(shown) == 7  # rows removed by set_block are gone at once
    boxes = [QRect(row.mapTo(frame, QPoint(0, 0)), row.size()) for row in rows]
    for row, box in zip(rows, boxes, strict=True):
        assert frame.rect().contains(box) and box.height() >= row.sizeHint().height()
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        assert upper.bottom() < lower.top()  # no row lies on another
    assert frame.height() >= frame.sizeHint().height()


def test_the_text_field_grows_with_the_text_then_scrolls(qtbot, composer):
    from okcomposer.ui.compose.blocks.text import MAX_LINES

    composer.resize(520, 900)
    composer.show()
    composer.add_block("text")
    edit = composer.frames()[-1].editor.edit
    short = edit.height()
    edit.setPlainText("\n".join(f"line {n}" for n in range(10)))
    assert edit.height() > short
    qtbot.waitUntil(lambda: edit.verticalScrollBar().maximum() == 0)  # all ten lines in view
    edit.setPlainText("\n".join(f"line {n}" for n in range(MAX_LINES * 3)))
    capped = edit.height()
    edit.setPlainText("\n".join(f"line {n}" for n in range(MAX_LINES * 5)))
    assert edit.height() == capped
    qtbot.waitUntil(lambda: edit.verticalScrollBar().maximum() > 0)  # long posts scroll inside


def test_the_photo_block_shows_every_row_of_photos(qtbot, composer, tmp_path):
    composer.resize(520, 900)
    composer.show()
    composer.add_photo_files([str(p) for p in make_photos(tmp_path, 5)])
    tiles = composer.photo_grids()[-1].list
    qtbot.waitUntil(lambda: tiles.count() == 5)
    assert tiles.verticalScrollBar().maximum() == 0  # no rows hidden behind a scroll bar
    composer.photo_grids()[-1].remove_rows([0, 1, 2, 3])
    assert tiles.height() < tiles.gridSize().height() * 2  # and it shrinks back
    thumbnails.wait_all()


def test_removing_a_photo_keeps_the_post_where_it_was_scrolled(qtbot, composer, tmp_path):
    composer.resize(500, 500)
    for _ in range(3):  # the photos are below the fold
        composer.add_block("text")
        composer.frames()[-1].editor.edit.setPlainText("Hello\n" * 8)
    composer.add_photo_files([str(p) for p in make_photos(tmp_path, 8, size=(64, 48))])
    grid = composer.photo_grids()[0]
    qtbot.waitUntil(lambda: not grid.busy(), timeout=15_000)
    _show(qtbot, composer)
    outer = composer.scroll_area.verticalScrollBar()
    composer.scroll_area.ensureWidgetVisible(grid.list)
    qtbot.wait(50)
    at = outer.value()
    assert at > 0
    grid.select_row(4)
    grid.remove_button.setFocus()
    qtbot.mouseClick(grid.remove_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert grid.count() == 7 and outer.value() == at, "the post jumped"
    assert grid.list.currentIndex().row() == 4 and grid.remove_button.isEnabled()
    grid.list.setFocus()
    qtbot.keyClick(grid.list, Qt.Key.Key_Delete)
    qtbot.wait(50)
    assert grid.count() == 6 and outer.value() == at and len(composer.frames()) == 4
