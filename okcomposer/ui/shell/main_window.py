"""The main window: composer, target and preview side by side, live validation, drafts, accounts."""

from __future__ import annotations

from collections.abc import Callable, Generator
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSystemTrayIcon,
    QTabWidget,
    QWidget,
)

from okcomposer.api.blocks import DraftError
from okcomposer.api.topic import Attachment, Post
from okcomposer.store.accounts import AccountStore
from okcomposer.ui.accounts.session_flow import SessionFlow
from okcomposer.ui.accounts.sign_in_dialog import SignInDialog
from okcomposer.ui.common import theme
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.feature import Feature, Tab
from okcomposer.ui.common.store_queue import DraftQueue
from okcomposer.ui.common.tasks import TaskGroup
from okcomposer.ui.common.window_state import restore_layout, restore_window, save_window
from okcomposer.ui.library.drafts_view import DraftKeeper
from okcomposer.ui.schedule.outbox_runner import OutboxRunner
from okcomposer.ui.shell import recovery, tray
from okcomposer.ui.shell.features import Workflow, core_features, feature_steps, finish
from okcomposer.ui.shell.window_actions import WindowMenus, build_toolbar


class MainWindow(QMainWindow):
    """Tabs for the post, Moments, drafts and history; menus, toolbar and status bar around them."""

    def __init__(
        self,
        context: UiContext,
        accounts: AccountStore | None = None,
        sandbox_factory: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.store = accounts or AccountStore()
        self.tasks = TaskGroup(self)
        self.queue = DraftQueue(self)
        self.keeper = DraftKeeper(context, self.queue, self.current_post, self)
        self.sandbox = None
        self.dialog: QWidget | None = None  # the last dialog opened (tests look at it)
        self.sandbox_badge: QWidget | None = None  # "Sandbox" in the status bar, in sandbox mode
        self.tray_icon: QSystemTrayIcon | None = None  # made the first time the window hides to the tray
        self.features: list[Feature] = []  # added with add_feature (core, then workflow), shut down at close
        self.workflow: Workflow | None = None  # the features added after the first paint
        self._steps: Generator[None, None, Workflow] | None = None  # building them, a step per turn
        self._shown: dict[QWidget, Callable[[], None]] = {}  # a tab -> what runs when it becomes current
        self._closed = False
        self.quitting = self.sure_to_quit = False  # Quit was chosen / confirmed despite waiting posts
        self.tabs = QTabWidget(documentMode=True)
        self.menus = WindowMenus(self)
        self.actions_by_name = self.menus.actions
        self.core = core_features(self)  # the window's commands, first four tabs and accounts
        tab = self.compose_tab = self.core.post.tab  # its parts, as the menus, tests and the window know them
        self.composer, self.target, self.preview = tab.composer, tab.target, tab.preview
        self.problems, self.publish_panel, self.splitter = tab.problems, tab.publish_panel, tab.splitter
        self.moments, self.drafts_view = self.core.moments.view, self.core.drafts.view
        self.history_view = self.core.history.view
        self.accounts = self.core.accounts.switcher
        self.session_flow = SessionFlow(context, self.store, self.accounts, self, self._open)
        self.outbox_runner = OutboxRunner(context, self)
        self.recovery_note = QLabel(textFormat=Qt.TextFormat.RichText, openExternalLinks=True)
        self.recovery_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.statusBar().addWidget(self.recovery_note, 1)
        self._layout()
        build_toolbar(self, self.actions_by_name, self.accounts)
        self._title(sandbox_factory is not None)
        self.setWindowIcon(theme.icon("okcomposer"))
        self._connect()
        self._restore_geometry()
        self.keeper.restore()
        self.accounts.load()
        if sandbox_factory is not None:
            self.session_flow.start_sandbox(sandbox_factory, self.use_sandbox)
        self.validate_now()
        self.outbox_runner.start()  # settles what a crash cut off, sends page posts when due
        if context.drafts.notice:
            self._open(recovery.store_notice_dialog(context.drafts, self))
        # The calendar, many targets, templates, import, undo/redo and posting slots come once the window has
        # been painted for the first time, so they do not delay it (about 140 ms of imports and widgets).
        self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)
            QTimer.singleShot(0, self, self._install_step)
        return super().eventFilter(watched, event)

    def _install_step(self) -> None:
        """Build the next feature; one per turn of the event loop, so the window answers meanwhile."""
        if self.workflow is not None or self._closed:
            return
        self._steps = self._steps or feature_steps(self)
        try:
            next(self._steps)
        except StopIteration as done:
            self._installed(done.value)
            return
        QTimer.singleShot(0, self, self._install_step)

    def install_workflow(self) -> None:
        """Add the features of ui/shell/features.py now (once, not after close), the rest of the steps
        at once if the window had begun them."""
        if self.workflow is None and not self._closed:
            self._installed(finish(self._steps or feature_steps(self)))

    def _installed(self, workflow: Workflow) -> None:
        self.workflow = workflow
        for feature in workflow.all():
            self.add_feature(feature)
        restore_layout(self)  # the docks' places from the last run (not there at the first restore)

    # --- building ----------------------------------------------------------------------------------
    def _layout(self) -> None:
        for feature in self.core.all():
            self.add_feature(feature)
        self.setCentralWidget(self.tabs)
        self.resize(1280, 800)

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
        self.features.append(feature)
        for tab in feature.tabs():
            self._add_tab(tab)
        for dock in feature.docks():
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
        for entry in feature.entries():
            self.menus.add(entry)
        for action in feature.shortcuts():
            self.addAction(action)  # works anywhere in the window, a dock open or not

    def open_settings(self) -> None:
        from okcomposer.ui.shell.settings_dialog import SettingsDialog

        self._open(SettingsDialog(self.context, self.queue, self))

    def open_about(self) -> None:
        from okcomposer.ui.shell.about import AboutDialog

        self._open(AboutDialog(self))

    def _title(self, sandbox: bool) -> None:
        # Qt adds " — okcomposer" (the application's display name) to a title that does not end with it.
        self.setWindowTitle(self.tr("Sandbox") + " — okcomposer" if sandbox else "okcomposer")

    def _connect(self) -> None:
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
        self.outbox_runner.settled.connect(self.on_outbox_settled)
        self.outbox_runner.sent.connect(self.on_outbox_sent)
        self.outbox_runner.overdue.connect(self.ask_overdue)
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
        if draft_id == self.keeper.draft_id:  # the composer's draft is gone: the next change starts a new one
            self.keeper.start_new(None)

    def open_draft(self, draft) -> None:
        """Show a stored draft in the composer; it becomes the draft that autosave writes to."""
        self.keeper.save_now()
        try:
            post = Post.from_draft(draft.body)
        except DraftError as exc:
            self._open(
                QMessageBox(
                    QMessageBox.Icon.Warning,
                    self.tr("Drafts"),
                    self.tr("This draft cannot be opened: {error}").format(error=exc),
                    parent=self,
                )
            )
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

    def on_outbox_settled(self, entries: list) -> None:
        """Publishes a crash cut off are settled: say how each ended, in the status bar and the lists."""
        self.recovery_note.setText(recovery.settled_text(entries))
        self.recovery_note.setToolTip("\n".join(recovery.plain(recovery.entry_text(e)) for e in entries))
        self._record_drafts(entries)
        for entry in entries:
            if entry.draft_id == self.keeper.draft_id and not self.publish_panel.running:
                self.publish_panel.show_entry(entry)

    def on_outbox_sent(self, entries: list) -> None:
        """Waiting page posts went out (or did not): say so, and show the lists as they are now."""
        self.recovery_note.setText(recovery.sent_text(entries))
        self._record_drafts(entries)

    def _record_drafts(self, entries: list) -> None:
        from okcomposer.ui.compose.publish_panel import DRAFT_STATE

        store = self.context.drafts
        for entry in entries:
            if entry.draft_id:
                state = DRAFT_STATE.get(entry.state, "draft")
                self.queue.submit(
                    partial(store.set_state, entry.draft_id, state, entry.topic_id, entry.detail)
                )
        self.drafts_view.refresh()
        self.history_view.refresh()

    def ask_overdue(self, entries: list) -> None:
        """One question per late page post: send now, a new time, or discard."""
        if entries:
            recovery.ask_overdue(self, entries, then=lambda: self.outbox_runner.look())

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
        self._title(True)
        self.accounts.add_sandbox(sandbox.info())
        sandbox_ui.install(self, sandbox.info()["base_url"])  # a badge and Help → Sandbox

    def sign_in(self, defaults: dict[str, str] | None = None) -> None:
        """Check that a keyring exists (off-thread), then open the sign-in dialog."""
        self.session_flow.sign_in(defaults)

    def session_expired(self) -> None:
        self.session_flow.session_expired()

    def open_dialog(self, dialog: QDialog) -> None:
        """Open a window-modal dialog that deletes itself when closed (tests find it as `dialog`)."""
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        if not isinstance(dialog, SignInDialog):  # it deletes itself once its sign-in has ended
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- geometry and shutdown ---------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        restore_window(self, self.splitter)

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
        if not self.quitting and tray.available():
            self.tray_icon = tray.hide_to_tray(self, waiting, self.tray_icon)
            return True
        self.quitting = False
        self.dialog = tray.ask_quit(self, waiting, then=self._quit_anyway)
        return True

    def _quit_anyway(self) -> None:
        self.sure_to_quit = True
        self.close()

    def closeEvent(self, event) -> None:
        """Stop in order: cancel and wait for uploads and other work, save the draft, then close."""
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
            self.queue.close()
            if self.sandbox is not None:
                self.sandbox.stop()
        super().closeEvent(event)
