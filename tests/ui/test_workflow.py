"""The window's declared features on a real MainWindow: tabs, menus, templates dock, undo, slots."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QMenu, QWidget
from ui.window_helpers import WAIT, type_text
from ui.workflow_helpers import G1, british_english

from okcomposer.store.slots import SlotSettings, SlotStore
from okcomposer.ui.common.feature import Entry, Feature, Menu, Tab
from okcomposer.ui.common.times import system_tz
from okcomposer.ui.shell.features import Core, Workflow

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
    window.install_workflow()
    window.install_workflow()  # a second call changes nothing
    flow = window.workflow
    assert titles(window) == ["Post", "Moments", "Drafts", "History", "Calendar", "Many targets", "Insights"]
    bar = [a.text() for a in window.menuBar().actions()]
    assert bar.index("&Edit") == bar.index("&File") + 1
    assert texts(menu(window, "&Edit")) == ["Undo", "Redo"]
    assert texts(menu(window, "&File")) == [
        "New draft",
        "Save draft now",
        "Import posts from CSV or Excel…",
        "Settings…",
        "Quit",
    ]
    separators = [a.isSeparator() for a in menu(window, "&File").actions()]
    assert separators == [False, False, True, False, True, False, True, False]  # New Save | Import | … | Quit
    assert texts(menu(window, "&Help")) == ["About okcomposer", "Sandbox…"]
    assert texts(menu(window, "&Account")) == ["Sign in…", "Sign out"]
    post = menu(window, "&Post").actions()
    assert [a.text() for a in post] == [
        "Add block…",
        "Publish",
        "",
        "Templates and snippets",
        "Posting slots…",
    ]
    assert post[2].isSeparator()
    shortcuts = flow.templates.view.shortcut_actions
    assert [a.shortcut().toString() for a in shortcuts][:2] == ["Ctrl+1", "Ctrl+2"]
    assert all(a in window.actions() for a in shortcuts)
    window.tabs.setCurrentWidget(flow.many.view)
    qtbot.waitUntil(lambda: flow.many.view.tree.topLevelItemCount() > 1, timeout=WAIT)
    assert flow.calendar.view.names[G1] == "Sunrise Bakery"  # the group names reach the calendar


def test_every_declared_feature_is_in_the_window(qtbot, ctx, open_window):
    """Each feature's tabs, docks, entries and shortcuts are there, its entries by name; a feature the window
    does not add (or a renamed part, an AttributeError while building) fails here, not silently."""
    window = open_window(ctx)
    core = window.core
    assert window.workflow is None and isinstance(core, Core) and window.features == core.all()
    assert [type(f).__name__ for f in core.all()] == [
        "WindowCommands",
        "PostFeature",
        "MomentsFeature",
        "DraftsFeature",
        "HistoryFeature",
        "AccountsFeature",
    ]
    window.install_workflow()
    flow = window.workflow
    assert isinstance(flow, Workflow) and window.features == core.all() + flow.all()
    assert [type(f).__name__ for f in flow.all()] == [
        "CalendarFeature",
        "ManyTargetsFeature",
        "ImportFeature",
        "UndoFeature",
        "TemplatesFeature",
        "SlotsFeature",
        "InsightsFeature",
    ]
    widgets = [window.tabs.widget(i) for i in range(window.tabs.count())]
    # Every tab of the window is a declared feature's, in the features' order, with its title.
    declared = [tab for feature in window.features for tab in feature.tabs()]
    assert widgets == [tab.widget for tab in declared]
    assert titles(window) == [tab.title for tab in declared]
    assert window.core.post.tab is window.compose_tab and not window.tabs.tabIcon(0).isNull()
    menus = window.menus.menus
    for feature in window.features:
        assert isinstance(feature, Feature)
        for tab in feature.tabs():
            assert isinstance(tab, Tab) and tab.widget in widgets and tab.title
        for dock in feature.docks():
            assert window.dockWidgetArea(dock).name == "RightDockWidgetArea" and dock.objectName()
        for entry in feature.entries():
            assert isinstance(entry, Entry) and window.actions_by_name[entry.name] is entry.action
            assert entry.action in menus[entry.menu].actions()
        assert all(a in window.actions() for a in feature.shortcuts())
    assert menus[Menu.EDIT].menuAction().isVisible()
    # Every menu entry of the window is a declared feature's: none is added beside the features.
    entries = {entry.action for feature in window.features for entry in feature.entries()}
    for each in menus.values():
        assert {a for a in each.actions() if not a.isSeparator()} <= entries
    row = window.target.publish_time.row
    assert row.indexOf(flow.slots.button) == row.indexOf(window.target.publish_time.field) + 1


def test_before_the_features_the_edit_menu_is_hidden(qtbot, ctx, open_window):
    window = open_window(ctx)
    assert window.workflow is None and not window.menus.menus[Menu.EDIT].menuAction().isVisible()
    window.close()
    window.install_workflow()  # too late: a closed window gets no features
    assert window.workflow is None and window.features == window.core.all()


def test_the_next_free_slot_button_sits_beside_the_schedule_field_and_fills_it(
    qtbot, ctx, open_window, sandbox
):
    settings = SlotSettings()
    settings.set(G1, [(0, 9, 30)])
    SlotStore().save(settings)
    window = open_window(ctx, sandbox)
    window.install_workflow()
    button, target = window.workflow.slots.button, window.target
    row = target.publish_time.row
    assert row.indexOf(button) == row.indexOf(target.publish_time.field) + 1
    assert button.isEnabled()  # my page too: its post waits in the outbox for the time
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
    qtbot.waitUntil(lambda: G1 in window.workflow.many.view.names, timeout=WAIT)
    button.menu().actions()[0].trigger()
    dialog = window.workflow.slots.dialog
    qtbot.waitUntil(dialog.isEnabled, timeout=WAIT)
    assert dialog.current_target() == G1 and dialog.slots.item(0).text() == "Mon 09:30"
    dialog.reject()


def test_undo_and_templates_work_on_the_window_post(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    window.install_workflow()
    flow, actions = window.workflow, window.actions_by_name
    type_text(qtbot, window, "Fresh bread")
    flow.undo.history.commit()
    assert actions["undo"].isEnabled()
    actions["undo"].trigger()
    assert window.composer.attachment().media == []
    actions["redo"].trigger()
    assert [b.text for b in window.composer.attachment().media] == ["Fresh bread"]
    window.new_draft()  # another post: the steps of this one are gone
    window.actions_by_name["new"].trigger()
    assert not actions["undo"].isEnabled()
    dock, templates = flow.templates.dock, flow.templates.view
    assert not dock.isVisible()
    actions["templates"].trigger()
    assert dock.isVisible()
    templates.name.setText("Sign")
    templates.body.setPlainText("Sunrise Bakery")
    qtbot.waitUntil(templates.isEnabled, timeout=WAIT)  # the store is open
    templates.save_snippet_button.click()
    qtbot.waitUntil(lambda: templates.snippets.count() == 1, timeout=WAIT)
    templates.shortcut_actions[0].trigger()
    assert [b.text for b in window.composer.attachment().media] == ["Sunrise Bakery"]
    qtbot.waitUntil(lambda: window.keeper.draft_id is not None, timeout=WAIT)  # autosaved like any edit
    actions["import"].trigger()
    assert flow.importing.dialog is not None and flow.importing.dialog.isVisible()
    flow.importing.dialog.reject()


def test_no_english_is_left_in_the_russian_workflow(qtbot, ctx, open_window, sandbox):
    from ui.test_i18n import _english

    from okcomposer.ui.common import i18n
    from okcomposer.ui.compose.video_upload import VideoUploader

    assert i18n.install("ru") == "ru"
    try:
        window = open_window(ctx, sandbox)
        window.install_workflow()
        flow, actions = window.workflow, window.actions_by_name
        window.tabs.setCurrentWidget(flow.many.view)
        qtbot.waitUntil(lambda: flow.many.view.tree.topLevelItemCount() > 1, timeout=WAIT)
        window.tabs.setCurrentWidget(flow.calendar.view)
        actions["templates"].trigger()
        actions["import"].trigger()
        actions["slots"].trigger()
        qtbot.waitUntil(flow.slots.dialog.isEnabled, timeout=WAIT)
        uploader = VideoUploader(ctx, window)
        widgets = [window, *window.findChildren(QWidget), *window.menuBar().findChildren(QMenu)]
        data = {g["name"] for g in sandbox.info()["groups"]} | {"Demo User", str(flow.calendar.view.tz)}
        bad = _english(widgets, data)
        assert not bad, "English left in the Russian UI:\n" + "\n".join(bad)
        assert texts(menu(window, "&Правка")) == ["Отменить", "Повторить"]
        uploader.deleteLater()
        flow.slots.dialog.reject()
        flow.importing.dialog.reject()
    finally:
        i18n.install("")
