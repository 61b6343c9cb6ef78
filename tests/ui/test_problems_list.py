"""The problems list beside Publish: every reason Publish is off, named, each leading to its field; a new
block scrolls into view and takes the cursor."""

from __future__ import annotations

from dataclasses import replace

import pytest
from support.images import make_jpeg
from ui.window_helpers import WAIT

from okcomposer.api.blocks import LinkBlock, PollBlock
from okcomposer.limits import current_limits
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def small_photos(tmp_path):
    """A context whose photos may be at most 20 kB: a 640×480 noise JPEG is "too large"."""
    limits = replace(current_limits(), photo_max_bytes=20_000)
    context = UiContext(SettingsStore(tmp_path / "s.json"), DraftStore(tmp_path / "d.sqlite3"), limits)
    yield context
    context.drafts.close()


def _long_post(window) -> None:
    for _ in range(4):
        window.composer.add_block("text")
        window.composer.frames()[-1].editor.edit.setPlainText("Hello\n" * 12)


def test_every_problem_is_named_and_leads_to_its_field(qtbot, small_photos, open_window, sandbox, tmp_path):
    import os

    window = open_window(small_photos, sandbox)
    window.resize(1024, 640)
    _long_post(window)
    big = make_jpeg(tmp_path / "big.jpg", size=(640, 480))
    big.write_bytes(big.read_bytes() + os.urandom(30_000))  # past the limit, still a JPEG
    window.composer.add_photo_files([str(big)])
    window.composer.add_block("poll")
    poll = window.composer.frames()[-1]
    poll.editor.set_block(PollBlock(question="Which bread?", answers=["Rye", ""]))
    qtbot.waitUntil(lambda: not window.composer.photo_grids()[0].busy(), timeout=WAIT)
    window.validate_now()
    problems = window.problems
    lines = problems.text().split("\n")
    assert problems.isVisible() and not window.publish_panel.publish_button.isEnabled()
    assert any("big.jpg" in line for line in lines), lines  # below the fold, named all the same
    assert any("answer 2" in line for line in lines), lines
    bar = window.composer.scroll_area.verticalScrollBar()
    bar.setValue(0)
    row = next(i for i, line in enumerate(lines) if "answer 2" in line)
    problems.itemClicked.emit(problems.item(row))
    answer = poll.editor.answers.edits(1)[0]
    qtbot.waitUntil(lambda: window.focusWidget() is answer, timeout=WAIT)
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=WAIT)  # scrolled down to the poll
    top_left = answer.mapTo(window.composer.scroll_area.viewport(), answer.rect().topLeft())
    assert 0 <= top_left.y() < window.composer.scroll_area.viewport().height()
    bar.setValue(0)
    row = next(i for i, line in enumerate(lines) if "big.jpg" in line)
    problems.itemActivated.emit(problems.item(row))  # Enter on it
    view = window.composer.photo_grids()[0].list
    qtbot.waitUntil(lambda: window.focusWidget() is view and bar.value() > 0, timeout=WAIT)
    assert view.currentIndex().row() == 0


def test_signing_in_and_a_post_level_problem_are_listed_too(qtbot, ctx, open_window):
    window = open_window(ctx)  # no sandbox: not signed in
    window.validate_now()
    lines = window.problems.text().split("\n")
    assert lines[0] == "• Sign in to publish." and any("empty" in line for line in lines[1:])
    with qtbot.waitSignal(window.compose_tab.sign_in_requested):
        window.problems.itemClicked.emit(window.problems.item(0))
    empty = next(i for i, line in enumerate(lines) if "empty" in line)
    window.problems.itemClicked.emit(window.problems.item(empty))
    qtbot.waitUntil(lambda: window.focusWidget() is window.composer.add_button, timeout=WAIT)


def test_a_new_block_scrolls_into_view_and_takes_the_cursor(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    window.resize(1024, 640)
    _long_post(window)
    bar = window.composer.scroll_area.verticalScrollBar()
    bar.setValue(0)
    window.composer.add_block("link")
    link = window.composer.frames()[-1]
    qtbot.waitUntil(lambda: link.isAncestorOf(window.focusWidget()), timeout=WAIT)
    viewport = window.composer.scroll_area.viewport()

    def field_in_view() -> bool:
        field = window.focusWidget()
        top = field.mapTo(viewport, field.rect().topLeft()).y()
        return bar.value() > 0 and 0 <= top and top + field.height() <= viewport.height()

    qtbot.waitUntil(field_in_view, timeout=WAIT)  # not back at the top, where the link is not
    link.editor.set_block(LinkBlock("https://ok.ru/"))
    qtbot.wait(50)
    assert field_in_view()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_list_is_as_tall_as_its_wrapped_lines_in_a_small_window(
    qtbot, ctx, open_window, sandbox, language
):
    from okcomposer.ui.common import i18n

    i18n.install(language)
    try:
        window = open_window(ctx, sandbox)
        window.resize(1024, 640)
        window.composer.add_block("text")
        limit = window.context.limits.text_max_chars
        window.composer.frames()[-1].editor.edit.setPlainText("x" * (limit + 1))
        window.composer.add_block("poll")
        window.validate_now()
        problems = window.problems
        qtbot.waitUntil(lambda: problems.count() >= 2, timeout=WAIT)
        qtbot.wait(100)  # the layout settles
        rows = min(problems.count(), 3)
        last = problems.visualRect(problems.model().index(rows - 1, 0))
        assert problems.verticalScrollBar().maximum() == 0 or problems.count() > 3
        assert last.bottom() <= problems.viewport().height(), "the last shown problem is cut"
        wrapped = problems.visualRect(problems.model().index(0, 0)).height()
        assert wrapped > 1.5 * problems.fontMetrics().height(), "the long problem wraps to two lines"
    finally:
        i18n.install("en")
