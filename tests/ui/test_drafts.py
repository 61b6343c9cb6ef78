"""Drafts: autosave within a second, restore after a restart, the drafts list, and the history view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from support.legacy import old_history
from ui.window_helpers import WAIT, type_text

from okcomposer.api.topic import Attachment, Post, TextBlock, TopicType
from okcomposer.store.drafts import DraftStore, HistoryEntry
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _texts(window) -> list[str]:
    return [b.text for b in window.composer.attachment().media if isinstance(b, TextBlock)]


def _stored_texts(store: DraftStore) -> list[list[str]]:
    return [[b.get("text") for b in d.body["attachment"]["media"]] for d in store.list()]


def test_typing_is_saved_within_a_second(qtbot, ctx, open_window):
    window = open_window(ctx)
    type_text(qtbot, window, "Hello draft")
    keeper = window.keeper
    # The save is timed by the keeper's timers, both under a second, not left for later (a quit, a switch).
    assert keeper.timer.isActive() and keeper.deadline.isActive()
    assert keeper.timer.interval() < 1000 and keeper.deadline.interval() < 1000
    with qtbot.waitSignal(keeper.saved, timeout=WAIT):
        pass  # the timer fires and the write finishes
    assert _stored_texts(ctx.drafts) == [["Hello draft"]]
    assert ctx.drafts.list()[0].title == "Hello draft"


def test_the_current_draft_comes_back_after_a_restart(qtbot, ctx, open_window, tmp_path, sandbox):
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)
    gid = next(g["id"] for g in sandbox.info()["groups"] if g["status"] == "ADMIN")
    window.target.targets.setCurrentItem(window.target._item(gid))
    type_text(qtbot, window, "Survives a crash")
    qtbot.waitUntil(lambda: _stored_texts(ctx.drafts) == [["Survives a crash"]], timeout=WAIT)
    # The first window is not closed: as if the process had been killed.
    other = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    again = open_window(other)
    try:
        qtbot.waitUntil(lambda: _texts(again) == ["Survives a crash"], timeout=WAIT)
        assert again.target.target() == gid and again.target.current_type() == TopicType.GROUP_THEME
        assert again.keeper.draft_id == window.keeper.draft_id
    finally:
        again.close()
        other.drafts.close()


def _save(store: DraftStore, text: str) -> str:
    return store.save(Post(Attachment([TextBlock(text)])).to_draft(), title=text)


def test_the_drafts_list_opens_duplicates_and_deletes(qtbot, ctx, open_window):
    first, second = _save(ctx.drafts, "First"), _save(ctx.drafts, "Second")
    window = open_window(ctx)
    view = window.drafts_view
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.row_count() == 2, timeout=WAIT)
    assert [view.row_texts(i)[0] for i in range(2)] == ["Second", "First"]
    assert view.row_texts(0)[1] == "Draft"
    view.select_row(1)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.compose_tab
    assert _texts(window) == ["First"] and window.keeper.draft_id == first
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.row_count() == 2, timeout=WAIT)
    view.select_row(0)
    view.duplicate_button.click()
    qtbot.waitUntil(lambda: view.row_count() == 3, timeout=WAIT)
    view.select_row(next(i for i in range(3) if view.model.obj(i).id == second))
    view.delete_button.click()
    box = view.findChild(QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: view.row_count() == 2, timeout=WAIT)
    assert ctx.drafts.load(second) is None and [d.title for d in ctx.drafts.list()].count("Second") == 1


def test_saves_keep_their_order(qtbot, ctx, open_window):
    window = open_window(ctx)
    type_text(qtbot, window, "v")
    edit = window.composer.frames()[0].editor.edit
    for n in range(30):
        edit.setPlainText(f"version {n}")
        window.save_now()
    qtbot.waitUntil(lambda: _stored_texts(ctx.drafts) == [["version 29"]], timeout=WAIT)


def test_a_new_draft_keeps_the_previous_one(qtbot, ctx, open_window):
    window = open_window(ctx)
    type_text(qtbot, window, "One")
    window.actions_by_name["new"].trigger()
    assert _texts(window) == []
    type_text(qtbot, window, "Two")
    qtbot.waitUntil(
        lambda: sorted(map(tuple, _stored_texts(ctx.drafts))) == [("One",), ("Two",)], timeout=WAIT
    )


def test_history_lists_posts_and_moments_with_links(qtbot, ctx, open_window):
    old_history(
        ctx.drafts,
        HistoryEntry(
            "post",
            "Sunrise Bakery",
            "777",
            "https://ok.ru/group/1/topic/777",
            "Fresh bread",
            1_700_000_000_000,
        ),
    )
    old_history(
        ctx.drafts, HistoryEntry("moment", "me", "55", "https://ok.ru/profile/5", "p.jpg", 1_700_000_100_000)
    )
    window = open_window(ctx)
    view = window.history_view
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.row_count() == 2, timeout=WAIT)
    assert [view.row_texts(i)[1] for i in range(2)] == ["Moment", "Post"]
    post = view.model.index(1, 5)
    assert (
        post.data() == "777" and post.data(Qt.ItemDataRole.ToolTipRole) == "https://ok.ru/group/1/topic/777"
    )
    assert view.row_texts(1)[4] == "Published"
    assert not view.empty.isVisible()


def test_deleting_the_open_draft_asks_with_no_as_default_and_empties_the_composer(qtbot, ctx, open_window):
    first = _save(ctx.drafts, "First")
    window = open_window(ctx)
    view = window.drafts_view
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.row_count() == 1, timeout=WAIT)
    view.select_row(0)
    view.open_button.click()
    assert _texts(window) == ["First"] and window.keeper.draft_id == first
    window.composer.frames()[0].editor.edit.setPlainText("First, edited")  # unsaved when deleted
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.row_count() == 1, timeout=WAIT)
    view.select_row(0)
    view.delete_button.click()
    box = view.findChild(QMessageBox)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)  # Enter keeps the draft
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: view.row_count() == 0, timeout=WAIT)
    assert window.tabs.currentWidget() is view
    assert _texts(window) == [] and window.keeper.draft_id is None  # a new empty post, not the deleted one
    type_text(qtbot, window, "Another")
    window.save_now()
    qtbot.waitUntil(lambda: _stored_texts(ctx.drafts) == [["Another"]], timeout=WAIT)
    assert ctx.drafts.load(first) is None
