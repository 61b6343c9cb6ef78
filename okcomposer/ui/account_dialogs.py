"""Accounts: OK OAuth sign-in, the account switcher, and the no-keyring and expired-session dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api import oauth
from okcomposer.api.client import OK_API_BASE
from okcomposer.app.accounts import Session
from okcomposer.store.accounts import Account, AccountStore
from okcomposer.store.secrets import NoKeyringError
from okcomposer.ui import theme
from okcomposer.ui.app import TaskGroup
from okcomposer.ui.context import UiContext
from okcomposer.ui.i18n import error_text


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
        self.app = None
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


def no_keyring_dialog(parent: QWidget | None = None) -> QMessageBox:
    """Why okcomposer cannot sign in without a keyring, and how to get one (never a plain-text fallback)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("AccountDialogs", "No keyring"))
    box.setText(
        QCoreApplication.translate(
            "AccountDialogs", "okcomposer cannot keep your sign-in safe: no system keyring is available."
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "AccountDialogs",
            "okcomposer stores sign-ins only in the system keyring, never in a plain file.\n\n"
            "On Linux, install and unlock GNOME Keyring or KWallet (any Secret Service provider), "
            "for example with “sudo apt install gnome-keyring”, then log out and back in. "
            "Windows and macOS have a keyring "
            "built in.\n\nUntil then you can try every feature with “okcomposer --sandbox”.",
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def session_expired_dialog(parent: QWidget | None, sign_in: Callable[[], None]) -> QMessageBox:
    """Ask to sign in again; `sign_in` runs when the user agrees."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("AccountDialogs", "Session expired"))
    box.setText(QCoreApplication.translate("AccountDialogs", "Your OK session has expired."))
    box.setInformativeText(
        QCoreApplication.translate(
            "AccountDialogs",
            "Sign in again to continue. Your post stays in the composer as it is; nothing was lost.",
        )
    )
    again = box.addButton(
        QCoreApplication.translate("AccountDialogs", "Sign in again"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("AccountDialogs", "Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(again)
    again.clicked.connect(sign_in)
    return box


def fetch_avatar(url: str) -> bytes:
    """Download an avatar (on a Task); at most 2 MB."""
    import requests

    with requests.get(url, timeout=(3, 10), stream=True) as answer:
        answer.raise_for_status()
        data = answer.raw.read(2 * 1024 * 1024 + 1, decode_content=True)
    if len(data) > 2 * 1024 * 1024:
        raise ValueError("avatar too large")
    return data


class AccountSwitcher(QWidget):
    """The toolbar's account list (name and avatar): switch, sign in, sign out."""

    sign_in_requested = Signal()
    """The user chose "Sign in…" in the list."""

    def __init__(self, context: UiContext, store: AccountStore, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.store = context, store
        self.tasks = TaskGroup(self)
        self.accounts: list[Account] = []
        self.demo: Session | None = None  # the sandbox's demo session, held in memory only
        self.icons: dict[str, QIcon] = {}
        self.combo = QComboBox(sizeAdjustPolicy=QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setIconSize(QSize(22, 22))
        self.combo.setToolTip(self.tr("The OK account that publishes your posts"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        self.combo.activated.connect(self.on_combo_activated)
        self._fill()

    def _all(self) -> list[Account]:
        return ([self.demo.account] if self.demo and self.demo.account else []) + self.accounts

    def current(self) -> Account | None:
        session = self.context.session
        return session.account if session is not None else None

    def _fill(self) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        current = self.current()
        for account in self._all():
            name = account.name
            if self.demo and account is self.demo.account:
                name = self.tr("{name} (sandbox)").format(name=name)
            self.combo.addItem(
                self.icons.get(account.key) or theme.initials_icon(account.name, 22), name, account.key
            )
        if not self._all():
            self.combo.addItem(self.tr("Not signed in"), "")
        self.combo.addItem(self.tr("Sign in…"), "+")
        if current is not None:
            self.combo.setCurrentIndex(max(0, self.combo.findData(current.key)))
        self.combo.blockSignals(False)
        self._fetch_avatars()

    def load(self) -> None:
        """Read the stored accounts and open the current one's session (keyring access: on a Task)."""
        store = self.store
        self.tasks.run(
            lambda _r, _c: (store.accounts(), store.current()),
            succeeded=self._listed,
            failed=self._failed,
            name="okc-accounts",
        )

    def _listed(self, result) -> None:
        self.accounts, current = result
        if self.demo is None and (
            self.current() is None or self.current().key not in {a.key for a in self.accounts}
        ):
            if current is not None:
                self.switch_to(current)
            else:
                self.context.set_session(None)
        self._fill()

    def add_sandbox(self, info: dict) -> None:
        """Use a running sandbox's demo user (Sandbox.info()); the session is never written to the keyring."""
        from okcomposer.api.credentials import Credentials

        user = info["user"]
        account = Account(
            uid=str(user["uid"]),
            name=user["name"],
            api_base=info["base_url"],
            application_key=info["application_key"],
            application_id=info["application_id"],
        )
        creds = Credentials(info["application_key"], info["access_token"], info["session_secret_key"])
        self.demo = session = Session(creds, info["base_url"], account)
        self.context.set_session(session, session.account.name, session.account.uid)
        self._fill()

    def switch_to(self, account: Account) -> None:
        if self.demo is not None and account is self.demo.account:
            self.context.set_session(self.demo, account.name, account.uid)
            self._fill()
            return
        store = self.store

        def work(_r, _c) -> Session:
            from okcomposer.app.accounts import from_account

            store.set_current(account.key)
            return Session(from_account(account, store.secrets_of(account)), account.api_base, account)

        self.tasks.run(work, succeeded=self._use, failed=self._failed, name="okc-account")

    def _use(self, session: Session) -> None:
        self.context.set_session(session, session.account.name, session.account.uid)
        self._fill()

    def _failed(self, exc: BaseException) -> None:
        if self.tasks.stopping:
            return
        if isinstance(exc, NoKeyringError):
            no_keyring_dialog(self.window()).open()
        else:
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Account"), error_text(exc), parent=self.window()
            )
            box.open()
        self._fill()

    def on_combo_activated(self, index: int) -> None:
        key = self.combo.itemData(index)
        account = next((a for a in self._all() if a.key == key), None)
        if key == "+":
            self._fill()
            self.sign_in_requested.emit()
        elif account is not None and account != self.current():
            self.switch_to(account)

    def signed_in(self, account: Account) -> None:
        """A new sign-in is stored and current: use it."""
        self.accounts = [a for a in self.accounts if a.key != account.key] + [account]
        self.switch_to(account)

    def sign_out(self) -> None:
        """Forget the current account and delete its tokens from the keyring."""
        account = self.current()
        if account is None:
            return
        if self.demo is not None and account is self.demo.account:
            self.demo = None
            self.context.set_session(None)
            self.load()
            return
        store = self.store
        self.context.set_session(None)
        self.tasks.run(
            lambda _r, _c: (store.remove(account), (store.accounts(), store.current()))[1],
            succeeded=self._listed,
            failed=self._failed,
            name="okc-signout",
        )

    def _fetch_avatars(self) -> None:
        for account in self._all():
            if account.pic_url and account.key not in self.icons:
                # The initials stay if the download fails.
                self.icons[account.key] = theme.initials_icon(account.name, 22)
                url, key = account.pic_url, account.key
                self.tasks.run(
                    lambda _r, _c, url=url: fetch_avatar(url),
                    succeeded=lambda data, key=key: self._avatar(key, data),
                    failed=lambda _exc: None,
                    name="okc-avatar",
                )

    def _avatar(self, key: str, data: bytes) -> None:
        icon = theme.round_icon(data, 22)
        if icon is not None:
            self.icons[key] = icon
            index = self.combo.findData(key)
            if index >= 0:
                self.combo.setItemIcon(index, icon)
