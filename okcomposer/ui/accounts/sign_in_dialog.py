"""Signing in with OK: one button (the browser, the answer caught on 127.0.0.1), or the user's own app.

With an application configured (okcomposer/resources/ok-app.json, or the sandbox's demo app) the dialog is
one button, "Sign in with OK". "Use my own OK application…" shows the fields an agency fills; with the
https://oauth.mycdn.me/blank.html redirect (or when the listener's port is taken) the user pastes back the
address the browser ended on. The address of OK's page can always be copied, for when no browser opens.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api import oauth
from okcomposer.api.client import OK_API_BASE
from okcomposer.api.errors import OkAuthError
from okcomposer.api.loopback import LOOPBACK_REDIRECT, texts_for
from okcomposer.store.accounts import Account, AccountStore
from okcomposer.store.secrets import NoKeyringError
from okcomposer.ui.accounts.dialogs import no_keyring_dialog
from okcomposer.ui.common.i18n import error_text
from okcomposer.ui.common.tasks import TaskGroup

if TYPE_CHECKING:
    from okcomposer.app.ok_app import AppSettings
    from okcomposer.app.signin import App, PendingSignIn


class SignInDialog(QDialog):
    signed_in = Signal(object)
    """An account signed in; its tokens are in the keyring (the Account is the argument)."""

    def __init__(
        self,
        store: AccountStore,
        defaults: dict[str, str] | None = None,
        parent: QWidget | None = None,
        configured: tuple[App, AppSettings] | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to OK"))
        self.store, self.configured = store, configured
        self.tasks = TaskGroup(self)
        self.request: oauth.AuthRequest | None = None
        self.pending: PendingSignIn | None = None
        self.app: App | None = None
        self.from_fields = False  # the application came from the fields, not the configuration
        defaults = defaults or {}
        self.one_button = QPushButton(self.tr("Sign in with OK"))
        self.one_button.setDefault(True)
        self.own_app = QPushButton(self.tr("Use my own OK application…"), flat=True)
        self.own_app.setCheckable(True)
        self.app_id = QLineEdit(
            defaults.get("application_id", ""), placeholderText=self.tr("e.g. 512000000000")
        )
        self.app_key = QLineEdit(
            defaults.get("application_key", ""), placeholderText=self.tr("e.g. CBAxxxxxxxxxxxxxx")
        )
        self.app_secret = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.app_secret.setPlaceholderText(self.tr("Optional: enables sign-in that renews itself"))
        self.redirect = QLineEdit(defaults.get("redirect_uri", oauth.DEFAULT_REDIRECT))
        self.api_base = QLineEdit(defaults.get("api_base", OK_API_BASE))
        self.open_page = QPushButton(self.tr("Open the OK sign-in page"))
        self.page_url = QLineEdit(
            readOnly=True, placeholderText=self.tr("The sign-in page address appears here")
        )
        self.copy_url = QPushButton(self.tr("Copy"))
        self.copy_url.setToolTip(self.tr("Copy the address of OK's sign-in page, to open it in a browser"))
        self.pasted = QLineEdit(placeholderText=self.tr("Paste the address the browser ended on"))
        self.message = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in = self.buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in.setEnabled(False)
        self._layout(configured is not None)
        self.one_button.clicked.connect(self.on_one_button_clicked)
        self.own_app.toggled.connect(self.advanced.setVisible)
        self.open_page.clicked.connect(self.on_open_page_clicked)
        self.copy_url.clicked.connect(self.on_copy_clicked)
        self.pasted.textChanged.connect(lambda _t: self._update())
        self.buttons.rejected.connect(self.reject)
        self.sign_in.clicked.connect(self.on_sign_in_clicked)
        self._show_page(None)

    def _layout(self, configured: bool) -> None:
        intro = QLabel(
            self.tr(
                "okcomposer opens OK's sign-in page in your browser; once you allow access there, it "
                "finishes by itself. Your sign-in is kept only in the system keyring."
            )
            if configured
            else self.tr(
                "This copy of okcomposer has no OK application configured: enter the id and public key of "
                "your own OK application (apiok.ru). Your sign-in is kept only in the system keyring."
            ),
            wordWrap=True,
        )
        self.advanced = QWidget()
        form = QFormLayout(self.advanced)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Application id"), self.app_id)
        form.addRow(self.tr("Public key"), self.app_key)
        form.addRow(self.tr("Secret key"), self.app_secret)
        form.addRow(self.tr("Redirect address"), self.redirect)
        form.addRow(self.tr("API address"), self.api_base)
        form.addRow(self.open_page)
        page_row = QHBoxLayout()
        page_row.addWidget(self.page_url, 1)
        page_row.addWidget(self.copy_url)
        self.page_label = QLabel(self.tr("Sign-in page"))
        self.pasted_label = QLabel(self.tr("Address to paste"))
        page = QFormLayout()
        page.addRow(self.page_label, page_row)
        page.addRow(self.pasted_label, self.pasted)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.one_button)
        layout.addWidget(self.own_app)
        layout.addWidget(self.advanced)
        layout.addLayout(page)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.one_button.setVisible(configured)
        self.own_app.setVisible(configured)
        self.advanced.setVisible(not configured)
        self.resize(620, self.sizeHint().height())

    def _update(self) -> None:
        self.sign_in.setEnabled(
            self.request is not None and bool(self.pasted.text().strip()) and not self.tasks.busy
        )

    def _show_page(self, url: str | None, paste: bool = False) -> None:
        """Show OK's page address with its Copy button; the paste field and Sign in only for the paste way."""
        self.page_url.setText(url or "")
        for widget in (self.page_label, self.page_url, self.copy_url):
            widget.setVisible(url is not None)
        for widget in (self.pasted_label, self.pasted, self.sign_in):
            widget.setVisible(paste)

    def _browser_texts(self):
        # The tab speaks the window's language: the title is translated when the UI is Russian.
        return texts_for("en" if self.windowTitle() == "Sign in to OK" else "ru")

    def _own_app(self) -> App:
        """The application in the fields (ValueError saying what is wrong)."""
        from okcomposer.app import signin

        app = signin.App(
            self.app_id.text().strip(),
            self.app_key.text().strip(),
            self.api_base.text().strip() or OK_API_BASE,
            self.app_secret.text().strip() or None,
        )
        if not app.application_key:
            raise ValueError(self.tr("Enter the application's public key."))
        if not app.application_id.isdigit():
            raise ValueError(self.tr("The application id is the numeric application id, not the public key."))
        return app

    def on_one_button_clicked(self) -> None:
        if self.configured is None:
            return
        app, settings = self.configured
        self._begin(app, LOOPBACK_REDIRECT if settings.loopback else settings.paste_redirect)

    def on_open_page_clicked(self) -> None:
        try:
            app = self._own_app()
        except ValueError as exc:
            self.message.setText(self.tr("Check the application settings: {error}").format(error=exc))
            return
        self._begin(app, self.redirect.text().strip() or oauth.DEFAULT_REDIRECT)
        self.from_fields = True

    def _begin(self, app: App, redirect: str) -> None:
        """Open OK's page for `app`: catch the answer on the loopback address, else wait for a paste."""
        from okcomposer.app import signin

        self._stop_waiting()
        self.app, self.request, self.from_fields = app, None, False
        if redirect == LOOPBACK_REDIRECT:
            try:
                self.pending = pending = signin.start_loopback(app, self._browser_texts())
            except OkAuthError:  # the port is taken: the paste way, with OK's blank page
                redirect = oauth.DEFAULT_REDIRECT
            else:
                self._show_page(pending.request.url)
                self._open_browser(
                    pending.request.url,
                    self.tr("Allow access in the browser; okcomposer finishes by itself."),
                )
                self.tasks.run(
                    lambda _r, cancel: signin.finish_loopback(
                        app, pending, self.store, cancelled=lambda: cancel.cancelled
                    ),
                    succeeded=self._done,
                    failed=partial(self._loopback_failed, pending),
                    name="okc-signin-wait",
                )
                return
        try:
            self.request = signin.start(app, redirect)
        except ValueError as exc:
            self.message.setText(self.tr("Check the application settings: {error}").format(error=exc))
            return
        self._show_page(self.request.url, paste=True)
        self._open_browser(
            self.request.url, self.tr("Allow access in the browser, then paste the address it ended on.")
        )
        self._update()

    def _open_browser(self, url: str, hint: str) -> None:
        if QDesktopServices.openUrl(QUrl(url)):
            self.message.setText(hint)
        else:
            self.message.setText(
                self.tr("No browser could be opened. Copy the address above into a browser.") + " " + hint
            )

    def on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.page_url.text())
        self.message.setText(self.tr("The address is copied: paste it into a browser's address bar."))

    def on_sign_in_clicked(self) -> None:
        from okcomposer.app import signin

        request, url, store = self.request, self.pasted.text().strip(), self.store
        if request is None or self.app is None:  # the button is enabled only once OK's page was opened
            return
        app = self.app
        if self.from_fields:
            # A key corrected since the page was opened is used now; a new id or flow needs a new page.
            try:
                app = self._own_app()
            except ValueError as exc:
                self.message.setText(self.tr("Check the application settings: {error}").format(error=exc))
                return
            if (app.application_id, app.flow, app.api_base) != (
                self.app.application_id,
                self.app.flow,
                self.app.api_base,
            ):
                self.message.setText(self.tr("The application changed: open the OK sign-in page again."))
                return
        self.message.setText(self.tr("Signing in…"))
        self.tasks.run(
            lambda _r, _c: signin.finish(app, request, url, store),
            succeeded=self._done,
            failed=self._failed,
            name="okc-signin",
        )
        self._update()

    def _done(self, account: Account) -> None:
        self.signed_in.emit(account)
        self.accept()

    def _loopback_failed(self, pending: PendingSignIn, exc: BaseException) -> None:
        if pending is self.pending and self.isVisible():  # not an earlier attempt, nor a closed dialog
            self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        self._update()
        if isinstance(exc, NoKeyringError):
            self.message.setText(self.tr("Not signed in: there is no system keyring to keep the sign-in."))
            no_keyring_dialog(self).open()
            return
        self.message.setText(error_text(exc))

    def _stop_waiting(self) -> None:
        """End a sign-in waiting for the browser: its listener closes and frees the port at once."""
        if self.pending is not None:
            self.pending.listener.close()
            self.pending = None

    def done(self, result: int) -> None:
        """Close; the dialog goes away once a sign-in under way (one request, not interruptible) has ended."""
        super().done(result)
        self._stop_waiting()
        self.tasks.cancel()
        if self.tasks.busy:
            self.tasks.all_done.connect(self.deleteLater)
        else:
            self.deleteLater()
