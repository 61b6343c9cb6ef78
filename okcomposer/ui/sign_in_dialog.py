"""Signing in with OK OAuth: the app's keys, OK's page in the browser, the address pasted back, off-thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api import oauth
from okcomposer.api.client import OK_API_BASE
from okcomposer.store.accounts import Account, AccountStore
from okcomposer.store.secrets import NoKeyringError
from okcomposer.ui.account_dialogs import no_keyring_dialog
from okcomposer.ui.i18n import error_text
from okcomposer.ui.tasks import TaskGroup

if TYPE_CHECKING:
    from okcomposer.app.signin import App


class SignInDialog(QDialog):
    signed_in = Signal(object)
    """An account signed in; its tokens are in the keyring (the Account is the argument)."""

    def __init__(
        self, store: AccountStore, defaults: dict[str, str] | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to OK"))
        self.store = store
        self.tasks = TaskGroup(self)
        self.request: oauth.AuthRequest | None = None
        self.app: App | None = None
        defaults = defaults or {}
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
        self.pasted = QLineEdit(placeholderText=self.tr("Paste the address the browser ended on"))
        self.message = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in = self.buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in.setEnabled(False)
        intro = QLabel(
            self.tr(
                "Register an application on OK (apiok.ru) and enter its id and public key. "
                "okcomposer opens OK's "
                "sign-in page in your browser; after you allow access, copy the address the browser ended on "
                "and paste it below. Your sign-in is kept only in the system keyring."
            ),
            wordWrap=True,
        )
        form = QFormLayout()
        form.addRow(self.tr("Application id"), self.app_id)
        form.addRow(self.tr("Public key"), self.app_key)
        form.addRow(self.tr("Secret key"), self.app_secret)
        form.addRow(self.tr("Redirect address"), self.redirect)
        form.addRow(self.tr("API address"), self.api_base)
        form.addRow(self.open_page)
        form.addRow(self.tr("Sign-in page"), self.page_url)
        form.addRow(self.tr("Address to paste"), self.pasted)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())
        self.open_page.clicked.connect(self.on_open_page_clicked)
        self.pasted.textChanged.connect(lambda _t: self._update())
        self.buttons.rejected.connect(self.reject)
        self.sign_in.clicked.connect(self.on_sign_in_clicked)

    def _update(self) -> None:
        self.sign_in.setEnabled(
            self.request is not None and bool(self.pasted.text().strip()) and not self.tasks.busy
        )

    def on_open_page_clicked(self) -> None:
        from okcomposer.app import signin

        try:
            self.app = signin.App(
                self.app_id.text().strip(),
                self.app_key.text().strip(),
                self.api_base.text().strip() or OK_API_BASE,
                self.app_secret.text().strip() or None,
            )
            if not self.app.application_key:
                raise ValueError(self.tr("Enter the application's public key."))
            self.request = signin.start(self.app, self.redirect.text().strip() or oauth.DEFAULT_REDIRECT)
        except ValueError as exc:
            self.request = None
            self.message.setText(self.tr("Check the application settings: {error}").format(error=exc))
            self._update()
            return
        self.page_url.setText(self.request.url)
        self.message.setText(self.tr("Allow access in the browser, then paste the address it ended on."))
        QDesktopServices.openUrl(QUrl(self.request.url))
        self._update()

    def on_sign_in_clicked(self) -> None:
        from okcomposer.app import signin

        app, request, url, store = self.app, self.request, self.pasted.text().strip(), self.store
        if app is None or request is None:  # the button is enabled only once OK's page was opened
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

    def _failed(self, exc: BaseException) -> None:
        self._update()
        if isinstance(exc, NoKeyringError):
            self.message.setText(self.tr("Not signed in: there is no system keyring to keep the sign-in."))
            no_keyring_dialog(self).open()
            return
        self.message.setText(error_text(exc))

    def done(self, result: int) -> None:
        """Close; the dialog goes away once a sign-in under way (one request, not interruptible) has ended."""
        super().done(result)
        if self.tasks.busy:
            self.tasks.all_done.connect(self.deleteLater)
        else:
            self.deleteLater()
