"""install_workflow(window): the calendar, many targets, templates, import, undo/redo and posting slots.

It uses only public attributes of the MainWindow (context, queue, tabs, composer, target, keeper,
drafts_view, actions_by_name, current_post, open_draft, new_draft, on_post_changed) and of the TargetPicker
(schedule, when, target(), changed); whatever is missing is skipped, never an error.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QBoxLayout, QDockWidget, QLayout, QMenu, QMenuBar, QWidget

from okcomposer.api.topic import Post
from okcomposer.store.slots import SlotStore
from okcomposer.ui.common.times import ME, to_qdatetime
from okcomposer.ui.common.window_state import restore_layout
from okcomposer.ui.compose.undo import PostHistory
from okcomposer.ui.library.import_dialog import ImportDialog
from okcomposer.ui.library.templates_view import TemplatesView
from okcomposer.ui.schedule.calendar_view import CalendarView
from okcomposer.ui.schedule.slots_dialog import NextSlotButton, SlotsDialog
from okcomposer.ui.targets.multi_view import MultiTargetView


def install_workflow(window) -> None:
    """Add the workflow views and actions to a MainWindow (once); they are kept on `window.workflow`."""
    if getattr(window, "workflow", None) is None and getattr(window, "context", None) is not None:
        window.workflow = Workflow(window)


def menu_of(action: QAction | None) -> QMenu | None:
    """The menu an action of the window sits in."""
    for owner in action.associatedObjects() if action is not None else ():
        if isinstance(owner, QMenu):
            return owner
    return None


def layout_holding(layout: QLayout | None, widget: QWidget) -> QBoxLayout | None:
    """The box layout (searched through nested layouts) that holds `widget` directly."""
    if layout is None:
        return None
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is widget and isinstance(layout, QBoxLayout):
            return layout
        found = layout_holding(item.layout(), widget)
        if found is not None:
            return found
    return None


class Workflow(QObject):
    """What install_workflow added: the views, the dock, the actions and the undo history."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.queue = getattr(window, "queue", None)
        self.composer = getattr(window, "composer", None)
        self.target = getattr(window, "target", None)
        self.actions: dict[str, QAction] = {}
        self.slot_store = SlotStore()
        self.history: PostHistory | None = None
        self.next_slot: NextSlotButton | None = None
        self.import_dialog: ImportDialog | None = None
        self._stopped = False
        self.calendar = CalendarView(self.context, queue=self.queue)
        self.multi = MultiTargetView(self.context)
        self.templates = TemplatesView(self.context, queue=self.queue)
        self._tabs()
        self._templates_dock()
        self._undo()
        self._next_slot_button()
        self._menus()
        self.multi.groups_loaded.connect(self.calendar.set_target_names)
        self.multi.finished.connect(lambda _results: self.calendar.refresh())
        if hasattr(window, "open_draft"):
            self.calendar.open_requested.connect(window.open_draft)
        self.queue_call(self.slot_store.load, lambda settings: self.calendar.set_gap(settings.gap_minutes))
        window.installEventFilter(self)
        restore_layout(window)  # the dock's place from the last run (it did not exist at the first restore)

    def queue_call(self, fn, then) -> None:
        if self.queue is not None:
            self.queue.submit(fn, then)

    # --- the parts --------------------------------------------------------------------------------
    def _tabs(self) -> None:
        tabs = getattr(self.window, "tabs", None)
        if tabs is None:
            return
        tabs.addTab(self.calendar, self.tr("Calendar"))
        tabs.addTab(self.multi, self.tr("Many targets"))
        tabs.currentChanged.connect(self.on_tabs_currentChanged)

    def on_tabs_currentChanged(self, _index: int) -> None:
        current = self.window.tabs.currentWidget()
        if current is self.calendar:
            self.calendar.refresh()
        elif current is self.multi and hasattr(self.window, "current_post"):
            self.multi.set_base(self.window.current_post())

    def _templates_dock(self) -> None:
        self.templates.bind(self.current_post, self.set_post, self.composer)
        self.templates.post_requested.connect(self.new_post_from_template)
        self.dock = QDockWidget(self.tr("Templates and snippets"), self.window)
        self.dock.setObjectName("templates-dock")  # saveState() needs it
        self.dock.setWidget(self.templates)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        for action in self.templates.shortcut_actions:
            self.window.addAction(action)  # Ctrl+1..Ctrl+9 anywhere in the window, the dock open or not

    def current_post(self) -> Post:
        if hasattr(self.window, "current_post"):
            return self.window.current_post()
        return Post(attachment=self.composer.attachment()) if self.composer is not None else Post()

    def set_post(self, post: Post) -> None:
        """Show a changed post; `changed` lets the window validate and autosave, and undo record it."""
        if self.composer is not None:
            self.composer.set_attachment(post.attachment)
            self.composer.changed.emit()

    def new_post_from_template(self, post: Post) -> None:
        if hasattr(self.window, "new_draft"):
            self.window.new_draft()  # the current draft stays saved
        if self.target is not None:
            self.target.load_from(post)
        self.set_post(post)
        if self.history is not None:
            self.history.reset()

    def _undo(self) -> None:
        if self.composer is None:
            return
        self.history = PostHistory(self.composer, self.target, self)
        if hasattr(self.window, "on_post_changed"):
            self.history.restored.connect(self.window.on_post_changed)
        # Another post on screen: its undo steps start afresh (these run after the window's own handlers).
        drafts_view, keeper = getattr(self.window, "drafts_view", None), getattr(self.window, "keeper", None)
        new = getattr(self.window, "actions_by_name", {}).get("new")
        for signal in (
            getattr(drafts_view, "open_requested", None),
            getattr(keeper, "restored", None),
            getattr(new, "triggered", None),
            self.calendar.open_requested,
        ):
            if signal is not None:
                signal.connect(lambda *_args: self.history.reset())

    def _next_slot_button(self) -> None:
        target = self.target
        when, schedule = getattr(target, "when", None), getattr(target, "schedule", None)
        if target is None or when is None or schedule is None:
            return
        self.next_slot = NextSlotButton(
            self.context, lambda: target.target() or ME, self.apply_slot, self.slot_store, self.queue
        )
        keeper = getattr(self.window, "keeper", None)
        self.next_slot.skip = lambda: getattr(keeper, "draft_id", None)
        self.next_slot.edit_requested.connect(self.open_slots)
        holder = when.parentWidget()
        row = layout_holding(holder.layout() if holder else None, when)
        if row is not None:
            row.insertWidget(row.indexOf(when) + 1, self.next_slot)
        elif holder is not None and isinstance(holder.layout(), QBoxLayout):
            holder.layout().addWidget(self.next_slot)  # not beside the field, but in the same box
        target.changed.connect(self._sync_next_slot)
        self._sync_next_slot()

    def _sync_next_slot(self) -> None:
        if self.next_slot is not None and self.target is not None:
            self.next_slot.setEnabled(self.target.schedule.isEnabled())

    def apply_slot(self, when) -> None:
        assert self.target is not None  # the slot button exists only beside a target's time field
        self.target.schedule.setChecked(True)
        self.target.when.setDateTime(to_qdatetime(when))

    def open_slots(self) -> None:
        current = (self.target.target() if self.target is not None else "") or ME
        dialog = SlotsDialog(
            self.context, dict(self.multi.names), current, self.slot_store, self.queue, self.window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda settings: self.calendar.set_gap(settings.gap_minutes))
        self.slots_dialog = dialog
        dialog.open()

    def open_import(self) -> None:
        dialog = ImportDialog(self.context, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        drafts_view = getattr(self.window, "drafts_view", None)
        for signal in (dialog.drafts_saved, dialog.published):
            signal.connect(lambda _value: self.calendar.refresh())
            if drafts_view is not None:
                signal.connect(lambda _value: drafts_view.refresh())
        self.import_dialog = dialog
        dialog.open()

    # --- menus --------------------------------------------------------------------------------------
    def _action(self, menu: QMenu, name: str, action: QAction) -> QAction:
        menu.addAction(action)
        self.actions[name] = action
        return action

    def _menus(self) -> None:
        bar: QMenuBar = self.window.menuBar()
        named = getattr(self.window, "actions_by_name", {})
        file = menu_of(named.get("new")) or bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
        post = menu_of(named.get("publish")) or bar.addMenu(QCoreApplication.translate("MainWindow", "&Post"))
        file_actions = file.actions()
        importing = QAction(self.tr("Import posts from CSV…"), self.window)
        importing.setShortcut(QKeySequence("Ctrl+Shift+I"))
        importing.triggered.connect(self.open_import)
        if len(file_actions) > 2:
            file.insertAction(file_actions[2], importing)
        else:
            file.addAction(importing)
        self.actions["import"] = importing
        edit = self._edit_menu(bar, file)
        if self.history is not None:
            self._action(edit, "undo", self.history.undo_action)
            self._action(edit, "redo", self.history.redo_action)
        post.addSeparator()
        templates = self.dock.toggleViewAction()
        templates.setText(self.tr("Templates and snippets"))
        self._action(post, "templates", templates)
        slots = QAction(self.tr("Posting slots…"), self.window)
        slots.triggered.connect(self.open_slots)
        self._action(post, "slots", slots)

    def _edit_menu(self, bar: QMenuBar, file: QMenu) -> QMenu:
        """The window's Edit menu, or a new one right after File."""
        title = QCoreApplication.translate("MainWindow", "&Edit")
        for action in bar.actions():
            found = action.menu()
            if isinstance(found, QMenu) and action.text() == title:
                return found
        menu = QMenu(title, self.window)
        items = bar.actions()
        after = items.index(file.menuAction()) + 1 if file.menuAction() in items else len(items)
        if after < len(items):
            bar.insertMenu(items[after], menu)
        else:
            bar.addMenu(menu)
        return menu

    # --- shutdown -----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()  # before the window's closeEvent closes its store queue
        return False

    def shutdown(self) -> None:
        """Stop the views' work (tasks, the templates store, own queues); once."""
        if self._stopped:
            return
        self._stopped = True
        for part in (self.templates, self.calendar, self.next_slot, self.multi):
            if part is not None:
                part.shutdown()
