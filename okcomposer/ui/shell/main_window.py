"""The main window: composer, target and preview side by side, live validation, drafts, accounts."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from okcomposer.ui.common import theme
from okcomposer.ui.common.feature import Feature, Tab, finish
from okcomposer.ui.common.window_state import keep_width, restore_geometry, restore_layout, save_window
from okcomposer.ui.shell import window_build

if TYPE_CHECKING:  # the parts' types; their modules are imported while the window builds itself
    from PySide6.QtWidgets import QDialog, QLabel, QSplitter, QSystemTrayIcon, QTabWidget

    from okcomposer.api.topic import Post
    from okcomposer.store.accounts import AccountStore
    from okcomposer.ui.accounts.session_flow import SessionFlow
    from okcomposer.ui.accounts.switcher import AccountSwitcher
    from okcomposer.ui.common.context import UiContext
    from okcomposer.ui.common.store_queue import DraftQueue
    from okcomposer.ui.common.tasks import TaskGroup
    from okcomposer.ui.compose.compose_tab import ComposeTab
    from okcomposer.ui.compose.composer import ComposerView
    from okcomposer.ui.compose.preview import PreviewView
    from okcomposer.ui.compose.problems_list import ProblemsList
    from okcomposer.ui.compose.publish_panel import PublishPanel
    from okcomposer.ui.library.drafts_view import DraftKeeper, DraftsView
    from okcomposer.ui.library.history_view import HistoryView
    from okcomposer.ui.photos.moments_view import MomentsView
    from okcomposer.ui.schedule.outbox_runner import OutboxRunner
    from okcomposer.ui.shell.features import Core, Workflow
    from okcomposer.ui.shell.outbox_notes import OutboxNotes
    from okcomposer.ui.shell.window_actions import WindowMenus
    from okcomposer.ui.targets.picker import TargetPicker


STEP_MS = 1  # a timer, not 0 (a posted call): the event loop handles input and timers between two steps


class MainWindow(QMainWindow):
    """Tabs for the post, Moments, drafts and history; menus, toolbar and status bar around them.

    Given a context, the window makes its parts at once (ui/shell/window_build.py); given `make_context`
    instead, it shows empty, and after its first paint imports what its parts are made of off the GUI thread
    and makes them a step per turn (issue 16: the first paint comes ~as soon as a bare window's). `built` is
    emitted once the parts exist; the features of ui/shell/features.py come after, a step per turn too.
    """

    built = Signal()
    """The parts exist (composer, tabs, menus, accounts...), once."""
    ready = Signal()
    """The features of ui/shell/features.py are added too: the window is complete, once."""

    # The parts, made by window_build.body_steps.
    context: UiContext
    store: AccountStore
    tasks: TaskGroup
    queue: DraftQueue
    keeper: DraftKeeper
    tabs: QTabWidget
    menus: WindowMenus
    actions_by_name: dict[str, QAction]
    core: Core
    compose_tab: ComposeTab
    composer: ComposerView
    target: TargetPicker
    preview: PreviewView
    problems: ProblemsList
    publish_panel: PublishPanel
    splitter: QSplitter
    moments: MomentsView
    drafts_view: DraftsView
    history_view: HistoryView
    accounts: AccountSwitcher
    session_flow: SessionFlow
    outbox_runner: OutboxRunner
    recovery_note: QLabel
    outbox_notes: OutboxNotes

    def __init__(
        self,
        context: UiContext | None = None,
        accounts: AccountStore | None = None,
        sandbox_factory: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
        make_context: Callable[[], UiContext] | None = None,
    ):
        super().__init__(parent)
        self.is_built = False  # set when `built` is emitted
        self.sandbox = None
        self.dialog: QWidget | None = None  # the last dialog opened (tests look at it)
        self.sandbox_badge: QWidget | None = None  # "Sandbox" in the status bar, in sandbox mode
        self.tray_icon: QSystemTrayIcon | None = None  # made the first time the window hides to the tray
        self.features: list[Feature] = []  # added with add_feature (core, then workflow), shut down at close
        self.workflow: Workflow | None = None  # the features added after the first paint
        self._body: Generator[None, None, None] | None = None  # making the parts, when not yet done
        self._steps: Generator[None, None, Workflow] | None = None  # building the features, a step per turn
        self._shown: dict[QWidget, Callable[[], None]] = {}  # a tab -> what runs when it becomes current
        self._closed = False
        self.quitting = self.sure_to_quit = False  # Quit was chosen / confirmed despite waiting posts
        self.setWindowTitle("okcomposer")
        self.setWindowIcon(theme.icon("okcomposer"))
        self.resize(1280, 800)
        restore_geometry(self)
        body = window_build.body_steps(self, context, make_context, accounts, sandbox_factory)
        if context is not None:
            finish(body)
        else:
            self._body = body
        # What comes next waits for the window's first paint, so it does not delay it.
        self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)
            if self._body is not None:
                from okcomposer.ui.common.tasks import TaskGroup

                window_build.early_quit(self)
                step = lambda _value: self._install_step()  # noqa: E731 - on failure it imports again, says why
                TaskGroup(self).run(window_build.import_body, step, step, name="okc-imports")
            else:
                QTimer.singleShot(STEP_MS, self, self._install_step)
        return super().eventFilter(watched, event)

    def _install_step(self) -> None:
        """Make the next part, then build the next feature; one per turn of the event loop, so the window
        answers meanwhile."""
        if self.workflow is not None or self._closed:
            return
        if self._body is not None:
            try:
                next(self._body)
            except StopIteration:
                self._body = None
            QTimer.singleShot(STEP_MS, self, self._install_step)
            return
        from okcomposer.ui.shell.features import feature_steps

        self._steps = self._steps or feature_steps(self)
        try:
            next(self._steps)
        except StopIteration as done:
            self._installed(done.value)
            return
        QTimer.singleShot(STEP_MS, self, self._install_step)

    def finish_building(self) -> None:
        """Make the parts not yet made, at once."""
        if self._body is not None:
            body, self._body = self._body, None
            finish(body)

    def install_workflow(self) -> None:
        """Add the features of ui/shell/features.py now (once, not after close), the rest of the steps
        at once if the window had begun them."""
        from okcomposer.ui.shell.features import feature_steps

        if self.workflow is None and not self._closed:
            self.finish_building()
            self._installed(finish(self._steps or feature_steps(self)))

    def _installed(self, workflow: Workflow) -> None:
        self.workflow = workflow
        for feature in workflow.all():
            self.add_feature(feature)
        restore_layout(self)  # the docks' places from the last run (not there at the first restore)
        self.ready.emit()

    # --- building ----------------------------------------------------------------------------------
    def _add_tab(self, tab: Tab) -> None:
        if tab.icon is not None:
            self.tabs.addTab(tab.widget, tab.icon, tab.title)
        else:
            self.tabs.addTab(tab.widget, tab.title)
        if tab.shown is not None:
            self._shown[tab.widget] = tab.shown

    def add_feature(self, feature: Feature) -> None:
        """Put a feature's tabs, docks (hidden until the saved layout shows them), menu entries (in their
        menu's section, see ui/common/feature.py) and shortcuts in the window."""
        from PySide6.QtCore import Qt  # not at import: see window_build.py

        self.features.append(feature)
        for tab in feature.tabs():
            self._add_tab(tab)
        for dock in feature.docks():
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
            keep_width(self, dock, self.publish_panel)
        for entry in feature.entries():
            self.menus.add(entry)
        for action in feature.shortcuts():
            self.addAction(action)  # works anywhere in the window, a dock open or not

    def open_settings(self) -> None:
        from okcomposer.ui.shell.settings_dialog import SettingsDialog

        self.open_dialog(SettingsDialog(self.context, self.queue, self))

    def open_about(self) -> None:
        from okcomposer.ui.shell.about import AboutDialog

        self.open_dialog(AboutDialog(self))

    def set_title(self, sandbox: bool) -> None:
        # Qt adds " — okcomposer" (the application's display name) to a title that does not end with it.
        self.setWindowTitle(self.tr("Sandbox") + " — okcomposer" if sandbox else "okcomposer")

    def connect_parts(self) -> None:
        self.compose_tab.changed.connect(self.keeper.changed)
        self.compose_tab.sign_in_requested.connect(lambda: self.sign_in())
        self.target.session_expired.connect(self.session_expired)
        self.publish_panel.session_expired.connect(self.session_expired)
        self.publish_panel.published.connect(lambda _r: self.keeper.start_new(None))
        self.publish_panel.duplicate_requested.connect(self.duplicate_as_new_draft)
        self.keeper.restored.connect(self.open_draft)
        self.keeper.saved.connect(lambda _id: self.statusBar().showMessage(self.tr("Draft saved"), 2000))
        self.drafts_view.open_requested.connect(self.open_draft)
        self.drafts_view.deleted.connect(self._draft_deleted)
        self.accounts.sign_in_requested.connect(self.sign_in)
        notes = self.outbox_notes
        self.outbox_runner.settled.connect(notes.settled)
        self.outbox_runner.sent.connect(notes.sent)
        self.outbox_runner.overdue.connect(notes.ask_overdue)
        self.tabs.currentChanged.connect(self.on_tabs_currentChanged)

    def on_tabs_currentChanged(self, _index: int) -> None:
        shown = self._shown.get(self.tabs.currentWidget())
        if shown is not None:
            shown()

    # --- the post ----------------------------------------------------------------------------------
    def current_post(self) -> Post:
        return self.compose_tab.current_post()

    def on_post_changed(self) -> None:
        """The post was edited (also by undo/redo): validate soon and autosave."""
        self.compose_tab.on_post_changed()

    def validate_now(self) -> bool:
        """Check the post now (OK's rules, photo checks, a session); True when it may be published."""
        return self.compose_tab.validate_now()

    def publish(self) -> None:
        self.compose_tab.publish()

    def _draft_deleted(self, draft_id: str) -> None:
        if draft_id == self.keeper.draft_id:  # the composer's draft is gone: an empty post to the same place
            self.keeper.start_new(None)  # else its unsaved changes would write it back
            tab = self.tabs.currentWidget()
            self.new_draft()
            self.tabs.setCurrentWidget(tab)  # the list the user deleted it from stays in front

    def open_draft(self, draft) -> None:
        """Show a stored draft in the composer; it becomes the draft that autosave writes to."""
        from PySide6.QtWidgets import QMessageBox

        from okcomposer.api.blocks import DraftError
        from okcomposer.api.topic import Post

        self.keeper.save_now()
        try:
            post = Post.from_draft(draft.body)
        except DraftError as exc:
            text = self.tr("This draft cannot be opened: {error}").format(error=exc)
            self.open_dialog(QMessageBox(QMessageBox.Icon.Warning, self.tr("Drafts"), text, parent=self))
            return
        self.compose_tab.show_post(post)
        self.keeper.start_new(draft.id)
        self.tabs.setCurrentWidget(self.compose_tab)
        if draft.state in ("publishing", "unknown"):
            self.publish_panel.status.setText(
                self.tr(
                    "Publishing this draft was interrupted. "
                    "Check on OK whether it was published before publishing again."
                )
            )
        else:
            self.publish_panel.status.clear()

    def duplicate_as_new_draft(self) -> None:
        """The published post, as a new draft to edit (publishing it unchanged still asks first)."""
        self.keeper.start_new(None)
        self.keeper.changed()
        self.validate_now()

    def save_before_crash(self) -> None:
        """The crash dialog comes next: write the draft being composed and wait until it is on disk."""
        self.keeper.save_now()
        self.queue.submit(lambda: None).result(timeout=5)

    def new_draft(self) -> None:
        """An empty post to the same place; the current draft stays saved."""
        from okcomposer.api.topic import Attachment, Post

        self.keeper.save_now()
        post = self.target.apply_to(Post())
        post.hidden_post = None
        post.attachment = Attachment()
        self.compose_tab.show_post(post)
        self.keeper.start_new(None)
        self.publish_panel.status.clear()
        self.tabs.setCurrentWidget(self.compose_tab)

    def save_now(self) -> None:
        self.keeper.pending = True
        self.keeper.save_now()

    # --- accounts and the sandbox ------------------------------------------------------------------
    def use_sandbox(self, sandbox) -> None:
        """Sign in as the running sandbox's demo user, in memory only."""
        from okcomposer.ui.shell import sandbox_ui

        self.sandbox = self.context.sandbox = sandbox
        self.set_title(True)
        self.accounts.add_sandbox(sandbox.info())
        sandbox_ui.install(self, sandbox.info())  # a badge and Help → Sandbox

    def sign_in(self, defaults: dict[str, str] | None = None) -> None:
        """Check that a keyring exists (off-thread), then open the sign-in dialog."""
        self.session_flow.sign_in(defaults)

    def session_expired(self) -> None:
        self.session_flow.session_expired()

    def open_dialog(self, dialog: QDialog) -> None:
        """Open a window-modal dialog that deletes itself when closed (tests find it as `dialog`)."""
        from PySide6.QtCore import Qt

        from okcomposer.ui.accounts.sign_in_dialog import SignInDialog

        self.dialog = dialog
        if not isinstance(dialog, SignInDialog):  # it deletes itself once its sign-in has ended
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- shutdown ------------------------------------------------------------------------------------
    def quit_app(self) -> None:
        """File → Quit (Ctrl+Q): really quit, after asking when page posts are waiting to be sent."""
        self.quitting = True
        self.close()

    def _waiting_posts(self) -> int:
        return len(self.context.outbox.waiting())  # one indexed query, well under a millisecond

    def _keep_running(self, event) -> bool:
        """Closing with page posts waiting: hide to the tray where there is one, else ask before quitting."""
        if self._closed or self.sure_to_quit:
            return False
        waiting = self._waiting_posts()
        if not waiting:
            return False
        event.ignore()
        from okcomposer.ui.shell import tray

        if not self.quitting and tray.available():
            self.tray_icon = tray.hide_to_tray(self, waiting, self.tray_icon)
            return True
        self.quitting = False
        self.dialog = tray.ask_quit(self, waiting, self._quit_anyway, sandbox=self.sandbox is not None)
        return True

    def _quit_anyway(self) -> None:
        self.sure_to_quit = True
        self.close()

    def closeEvent(self, event) -> None:
        """Stop in order: cancel and wait for uploads and other work, save the draft, then close."""
        from okcomposer.ui.common.tasks import TaskGroup

        self.finish_building()  # closed while building: all its parts, to shut each down in order
        if self._keep_running(event):
            return
        if not self._closed:
            self._closed = True
            if self.workflow is None and self._steps is not None:  # half built: the rest, to shut all down
                self._installed(finish(self._steps))
            for feature in self.features:
                feature.shutdown()  # their work and own store queues, before the window's queue closes
            self.outbox_runner.timer.stop()
            groups = self.findChildren(TaskGroup)  # publishing, Moments, groups, accounts, a sign-in...
            for group in groups:
                group.cancel()  # all at once, then wait for each
            for group in groups:
                group.stop()
            self.keeper.save_now()
            self.queue.submit(self.context.drafts.backup)  # what a damaged database is restored from
            save_window(self, self.splitter)
            if self.sandbox is not None:  # it forgets what it stored: its posts can never be sent or settled
                self.queue.submit(self.context.outbox.forget_all)
            self.queue.close()
            if self.sandbox is not None:
                self.sandbox.stop()
        super().closeEvent(event)
