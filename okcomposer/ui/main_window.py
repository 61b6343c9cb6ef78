"""The main window: composer, target and preview side by side, live validation, drafts, accounts."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from okcomposer.api.blocks import DraftError
from okcomposer.api.rules import ERROR, validate
from okcomposer.api.topic import Attachment, Post
from okcomposer.store.accounts import AccountStore
from okcomposer.ui import theme
from okcomposer.ui.account_dialogs import (
    AccountSwitcher,
    SignInDialog,
    no_keyring_dialog,
    session_expired_dialog,
)
from okcomposer.ui.app import TaskGroup
from okcomposer.ui.composer import ComposerView
from okcomposer.ui.context import UiContext
from okcomposer.ui.drafts_view import DraftKeeper, DraftQueue, DraftsView, window_settings
from okcomposer.ui.history_view import HistoryView
from okcomposer.ui.i18n import problem_text
from okcomposer.ui.moments_view import MomentsView
from okcomposer.ui.preview import PreviewView
from okcomposer.ui.publish_panel import PublishPanel
from okcomposer.ui.target import TargetPicker


class MainWindow(QMainWindow):
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
        self._loading = False
        self._closed = False
        self.composer = ComposerView(context)
        self.target = TargetPicker(context)
        self.preview = PreviewView()
        self.problems = QLabel(wordWrap=True)
        self.problems.setStyleSheet("color: #d32f2f")
        self.problems.hide()
        self.moments = MomentsView(context)
        self.drafts_view = DraftsView(context, self.queue)
        self.history_view = HistoryView(context, self.queue)
        self.publish_panel = PublishPanel(context, self.keeper)
        self.accounts = AccountSwitcher(context, self.store)
        self.validate_timer = QTimer(self, singleShot=True, interval=150)
        self.tabs = QTabWidget(documentMode=True)
        self._layout()
        self._build_actions()
        self._title(sandbox_factory is not None)
        self.setWindowIcon(theme.icon("okcomposer"))
        self._connect()
        self._restore_geometry()
        self.keeper.restore()
        self.accounts.load()
        if sandbox_factory is not None:
            self.tasks.run(
                lambda _r, _c: sandbox_factory().start(),
                succeeded=self.use_sandbox,
                failed=self._sandbox_failed,
                name="okc-sandbox-start",
            )
        self.validate_now()
        if context.drafts.notice:
            self._open(
                QMessageBox(
                    QMessageBox.Icon.Warning,
                    self.tr("Drafts"),
                    self.tr(
                        "The drafts database was damaged and has been repaired; "
                        "some recent changes may be missing."
                    ),
                    parent=self,
                )
            )

    # --- building ----------------------------------------------------------------------------------
    def _layout(self) -> None:
        side = QWidget()
        column = QVBoxLayout(side)
        column.addWidget(self.target)
        column.addWidget(self.problems)
        column.addStretch(1)
        scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        scroll.setWidget(side)
        scroll.setMinimumWidth(300)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, childrenCollapsible=False)
        for widget, stretch in ((self.composer, 5), (scroll, 3), (self.preview, 4)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.preview.setMinimumWidth(260)
        compose = QWidget()
        layout = QVBoxLayout(compose)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.publish_panel)
        self.compose_tab = compose
        self.tabs.addTab(compose, theme.icon("new"), self.tr("Post"))
        self.tabs.addTab(self.moments, self.tr("Moments"))
        self.tabs.addTab(self.drafts_view, self.tr("Drafts"))
        self.tabs.addTab(self.history_view, self.tr("History"))
        self.setCentralWidget(self.tabs)
        self.resize(1280, 800)

    def _action(
        self, menu, name: str, text: str, slot, keys: tuple[str, ...] = (), icon: str = ""
    ) -> QAction:
        action = QAction(theme.icon(icon), text, self) if icon else QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(lambda _checked=False: slot())
        if keys:
            action.setToolTip(
                f"{text} ({QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        menu.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        self._action(file, "new", self.tr("New draft"), self.new_draft, ("Ctrl+N",), "new")
        self._action(file, "save", self.tr("Save draft now"), self.save_now, ("Ctrl+S",), "save")
        file.addSeparator()
        self._action(file, "settings", self.tr("Settings…"), self.open_settings, ("Ctrl+,",), "settings")
        file.addSeparator()
        self._action(file, "quit", self.tr("Quit"), self.close, ("Ctrl+Q",))
        post = bar.addMenu(self.tr("&Post"))
        self._action(
            post, "add_block", self.tr("Add block…"), self.show_block_menu, ("Ctrl+Shift+B",), "block"
        )
        self._action(
            post, "publish", self.tr("Publish"), self.publish, ("Ctrl+Return", "Ctrl+Enter"), "publish"
        )
        account = bar.addMenu(self.tr("&Account"))
        self._action(account, "sign_in", self.tr("Sign in…"), self.sign_in, (), "account")
        self._action(account, "sign_out", self.tr("Sign out"), self.accounts.sign_out)
        about = bar.addMenu(self.tr("&Help"))
        self._action(about, "about", self.tr("About okcomposer"), self.open_about, (), "about")
        tools = self.addToolBar(self.tr("Main toolbar"))
        tools.setObjectName("main-toolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name in ("new", "save", "add_block", "publish"):
            tools.addAction(self.actions_by_name[name])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tools.addWidget(spacer)
        tools.addWidget(self.accounts)
        for name in ("sign_in", "settings"):
            tools.addAction(self.actions_by_name[name])

    def open_settings(self) -> None:
        from okcomposer.ui.settings_dialog import SettingsDialog

        self._open(SettingsDialog(self.context, self.queue, self))

    def open_about(self) -> None:
        from okcomposer.ui.about import AboutDialog

        self._open(AboutDialog(self))

    def _title(self, sandbox: bool) -> None:
        title = "okcomposer"
        if sandbox:
            title += " — " + self.tr("Sandbox")
        self.setWindowTitle(title)

    def _connect(self) -> None:
        self.composer.changed.connect(self.on_post_changed)
        self.composer.photos_checked.connect(self.validate_timer.start)
        self.target.changed.connect(self.on_post_changed)
        self.validate_timer.timeout.connect(self.validate_now)
        self.context.session_changed.connect(self.validate_timer.start)
        self.target.session_expired.connect(self.session_expired)
        self.publish_panel.session_expired.connect(self.session_expired)
        self.publish_panel.publish_clicked.connect(self.publish)
        self.publish_panel.published.connect(lambda _r: self.keeper.start_new(None))
        self.keeper.restored.connect(self.open_draft)
        self.keeper.saved.connect(lambda _id: self.statusBar().showMessage(self.tr("Draft saved"), 2000))
        self.drafts_view.open_requested.connect(self.open_draft)
        self.drafts_view.deleted.connect(
            lambda gone: gone == self.keeper.draft_id and self.keeper.start_new(None)
        )
        self.accounts.sign_in_requested.connect(self.sign_in)
        self.tabs.currentChanged.connect(self.on_tabs_currentChanged)

    def on_tabs_currentChanged(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.drafts_view:
            self.drafts_view.refresh()
        elif self.tabs.currentWidget() is self.history_view:
            self.history_view.refresh()

    # --- the post ----------------------------------------------------------------------------------
    def current_post(self) -> Post:
        return self.target.apply_to(Post(attachment=copy.deepcopy(self.composer.attachment())))

    def on_post_changed(self) -> None:
        if self._loading:
            return
        self.validate_timer.start()
        self.keeper.changed()

    def validate_now(self) -> bool:
        """Check the post now (OK's rules, photo checks, a session); True when it may be published."""
        self.validate_timer.stop()
        post = self.current_post()
        problems = validate(post, limits=self.context.limits, for_sending=False)
        self.composer.show_problems(problems)
        general = [problem_text(p) for p in problems if p.block is None]
        self.problems.setText("\n".join(f"• {text}" for text in general))
        self.problems.setVisible(bool(general))
        why = ""
        if self.context.session is None:
            why = self.tr("Sign in to publish.")
        elif any(p.severity == ERROR for p in problems):
            why = self.tr("Fix the problems marked in the post first.")
        elif not self.composer.photos_ok():
            why = self.tr("Some photos are still being checked or need a fix.")
        self.publish_panel.set_ready(not why, why)
        group = post.gid is not None and post.attachment.on_behalf_of_group
        self.preview.show_post(post, self.target.target_name() if group else self.context.user_name)
        return not why

    def publish(self) -> None:
        if not self.validate_now():
            return
        self.publish_panel.start(self.current_post(), self.target.target_name())

    def _show_post(self, post: Post) -> None:
        self._loading = True
        try:
            self.composer.set_attachment(post.attachment)
            self.target.load_from(post)
        finally:
            self._loading = False
        self.validate_now()

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
        self._show_post(post)
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

    def new_draft(self) -> None:
        """An empty post to the same place; the current draft stays saved."""
        self.keeper.save_now()
        post = self.target.apply_to(Post())
        post.hidden_post = None
        post.attachment = Attachment()
        self._show_post(post)
        self.keeper.start_new(None)
        self.publish_panel.status.clear()
        self.tabs.setCurrentWidget(self.compose_tab)

    def save_now(self) -> None:
        self.keeper.pending = True
        self.keeper.save_now()

    def show_block_menu(self) -> None:
        self.tabs.setCurrentWidget(self.compose_tab)
        button: QToolButton = self.composer.add_button
        self.composer.add_block_menu().popup(button.mapToGlobal(button.rect().bottomLeft()))

    # --- accounts and the sandbox ------------------------------------------------------------------
    def use_sandbox(self, sandbox) -> None:
        """Sign in as the running sandbox's demo user, in memory only."""
        self.sandbox = self.context.sandbox = sandbox
        self._title(True)
        self.accounts.add_sandbox(sandbox.info())

    def _sandbox_failed(self, exc: BaseException) -> None:
        self._open(
            QMessageBox(
                QMessageBox.Icon.Critical,
                self.tr("Sandbox"),
                self.tr("The built-in sandbox could not start: {error}").format(error=exc),
                parent=self,
            )
        )

    def sign_in(self, defaults: dict[str, str] | None = None) -> None:
        """Check that a keyring exists (off-thread), then open the sign-in dialog."""
        from okcomposer.store import secrets

        if not defaults:
            account = self.accounts.current()
            defaults = (
                {}
                if account is None
                else {
                    "application_id": account.application_id,
                    "application_key": account.application_key,
                    "api_base": account.api_base,
                }
            )
        self.tasks.run(
            lambda _r, _c: secrets.available(),
            succeeded=lambda ok: self._sign_in(ok, defaults),
            name="okc-keyring",
        )

    def _sign_in(self, keyring_ok: bool, defaults: dict[str, str]) -> None:
        if not keyring_ok:
            self._open(no_keyring_dialog(self))
            return
        dialog = SignInDialog(self.store, defaults, self)
        dialog.signed_in.connect(self.accounts.signed_in)
        self._open(dialog)

    def session_expired(self) -> None:
        if (
            isinstance(self.dialog, QMessageBox)
            and isValid(self.dialog)
            and self.dialog.isVisible()
            and self.dialog.property("expired")
        ):
            return
        box = session_expired_dialog(self, lambda: self.sign_in())
        box.setProperty("expired", True)
        self._open(box)

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        if not isinstance(dialog, SignInDialog):  # it deletes itself once its sign-in has ended
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- geometry and shutdown ---------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        settings = window_settings()
        geometry, state = settings.value("window/geometry"), settings.value("window/state")
        splitter = settings.value("window/splitter")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def closeEvent(self, event) -> None:
        """Stop in order: cancel and wait for uploads and other work, save the draft, then close."""
        if not self._closed:
            self._closed = True
            groups = self.findChildren(TaskGroup)  # publishing, Moments, groups, accounts, a sign-in...
            for group in groups:
                group.cancel()  # all at once, then wait for each
            for group in groups:
                group.stop()
            self.keeper.save_now()
            settings = window_settings()
            settings.setValue("window/geometry", self.saveGeometry())
            settings.setValue("window/state", self.saveState())
            settings.setValue("window/splitter", self.splitter.saveState())
            settings.sync()
            self.queue.close()
            if self.sandbox is not None:
                self.sandbox.stop()
        super().closeEvent(event)
