"""install_workflow on a real MainWindow: tabs, menus, the templates dock, undo, the next-slot button."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget
from ui.window_helpers import WAIT, type_text
from ui.workflow_helpers import G1, british_english, make_context

from okcomposer.store.slots import SlotSettings, SlotStore
from okcomposer.ui.common.times import system_tz
from okcomposer.ui.shell.workflow import install_workflow, layout_holding

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")


@pytest.fixture(autouse=True)
def _british():
    with british_english():
        yield


def titles(window) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def menu(window, title: str) -> QMenu:
    return next(a.menu() for a in window.menuBar().actions() if a.menu() and a.text() == title)


def texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_tabs_menus_and_actions_are_added_once(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    install_workflow(window)
    install_workflow(window)  # a second call changes nothing
    flow = window.workflow
    assert titles(window)[-2:] == ["Calendar", "Many targets"] and titles(window).count("Calendar") == 1
    bar = [a.text() for a in window.menuBar().actions()]
    assert bar.index("&Edit") == bar.index("&File") + 1
    assert texts(menu(window, "&Edit")) == ["Undo", "Redo"]
    assert "Import posts from CSV…" in texts(menu(window, "&File"))
    assert {"Templates and snippets", "Posting slots…"} <= set(texts(menu(window, "&Post")))
    assert [a.shortcut().toString() for a in flow.templates.shortcut_actions][:2] == ["Ctrl+1", "Ctrl+2"]
    assert all(a in window.actions() for a in flow.templates.shortcut_actions)
    window.tabs.setCurrentWidget(flow.multi)
    qtbot.waitUntil(lambda: flow.multi.tree.topLevelItemCount() > 1, timeout=WAIT)
    assert flow.calendar.names[G1] == "Sunrise Bakery"  # the group names reach the calendar


def test_the_next_free_slot_button_sits_beside_the_schedule_field_and_fills_it(
    qtbot, ctx, open_window, sandbox
):
    settings = SlotSettings()
    settings.set(G1, [(0, 9, 30)])
    SlotStore().save(settings)
    window = open_window(ctx, sandbox)
    install_workflow(window)
    button, target = window.workflow.next_slot, window.target
    row = layout_holding(target.when.parentWidget().layout(), target.when)
    assert row.indexOf(button) == row.indexOf(target.when) + 1
    assert not button.isEnabled()  # my page: OK cannot schedule there
    qtbot.waitUntil(lambda: target.targets.count() > 1, timeout=WAIT)
    target.targets.setCurrentItem(target._item(G1))
    assert button.isEnabled()
    with qtbot.waitSignal(button.found, timeout=WAIT) as found:
        button.click()
    when = found.args[0]
    local = when.astimezone(system_tz())
    assert (local.weekday(), local.hour, local.minute) == (0, 9, 30) and when > datetime.now(UTC)
    assert target.schedule.isChecked() and target.scheduled() == when.astimezone(UTC)
    # The dialog offers the groups Many targets has loaded (on its own Task, racing the outbox's first look).
    qtbot.waitUntil(lambda: G1 in window.workflow.multi.names, timeout=WAIT)
    button.menu().actions()[0].trigger()
    dialog = window.workflow.slots_dialog
    qtbot.waitUntil(dialog.isEnabled, timeout=WAIT)
    assert dialog.current_target() == G1 and dialog.slots.item(0).text() == "Mon 09:30"
    dialog.reject()


def test_undo_and_templates_work_on_the_window_post(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    install_workflow(window)
    flow = window.workflow
    type_text(qtbot, window, "Fresh bread")
    flow.history.commit()
    assert flow.actions["undo"].isEnabled()
    flow.actions["undo"].trigger()
    assert window.composer.attachment().media == []
    flow.actions["redo"].trigger()
    assert [b.text for b in window.composer.attachment().media] == ["Fresh bread"]
    window.new_draft()  # another post: the steps of this one are gone
    window.actions_by_name["new"].trigger()
    assert not flow.actions["undo"].isEnabled()
    assert not flow.dock.isVisible()
    flow.actions["templates"].trigger()
    assert flow.dock.isVisible()
    flow.templates.name.setText("Sign")
    flow.templates.body.setPlainText("Sunrise Bakery")
    qtbot.waitUntil(flow.templates.isEnabled, timeout=WAIT)  # the store is open
    flow.templates.save_snippet_button.click()
    qtbot.waitUntil(lambda: flow.templates.snippets.count() == 1, timeout=WAIT)
    flow.templates.shortcut_actions[0].trigger()
    assert [b.text for b in window.composer.attachment().media] == ["Sunrise Bakery"]
    qtbot.waitUntil(lambda: window.keeper.draft_id is not None, timeout=WAIT)  # autosaved like any edit
    flow.actions["import"].trigger()
    assert flow.import_dialog.isVisible()
    flow.import_dialog.reject()


def test_a_window_with_few_attributes_gets_what_fits(qtbot, tmp_path):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.context = make_context(tmp_path)
    install_workflow(window)
    flow = window.workflow
    assert flow.history is None and flow.next_slot is None
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&Post"]
    window.close()
    QApplication.processEvents()
    window.context.drafts.close()


def test_no_english_is_left_in_the_russian_workflow(qtbot, ctx, open_window, sandbox):
    from ui.test_i18n import _english

    from okcomposer.ui.common import i18n
    from okcomposer.ui.compose.video_upload import VideoUploader

    assert i18n.install("ru") == "ru"
    try:
        window = open_window(ctx, sandbox)
        install_workflow(window)
        flow = window.workflow
        window.tabs.setCurrentWidget(flow.multi)
        qtbot.waitUntil(lambda: flow.multi.tree.topLevelItemCount() > 1, timeout=WAIT)
        window.tabs.setCurrentWidget(flow.calendar)
        flow.actions["templates"].trigger()
        flow.actions["import"].trigger()
        flow.actions["slots"].trigger()
        qtbot.waitUntil(flow.slots_dialog.isEnabled, timeout=WAIT)
        uploader = VideoUploader(ctx, window)
        widgets = [window, *window.findChildren(QWidget), *window.menuBar().findChildren(QMenu)]
        data = {g["name"] for g in sandbox.info()["groups"]} | {"Demo User", str(flow.calendar.tz)}
        bad = _english(widgets, data)
        assert not bad, "English left in the Russian UI:\n" + "\n".join(bad)
        assert texts(menu(window, "&Правка")) == ["Отменить", "Повторить"]
        uploader.deleteLater()
        flow.slots_dialog.reject()
        flow.import_dialog.reject()
    finally:
        i18n.install("")
