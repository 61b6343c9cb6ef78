"""The toolbar's account list (name and avatar): switch, sign in, sign out, the sandbox's demo user."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlsplit

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMessageBox, QWidget

from okcomposer.api.client import OK_API_BASE
from okcomposer.app.accounts import Session, same_server
from okcomposer.store.accounts import Account, AccountStore
from okcomposer.store.secrets import NoKeyringError
from okcomposer.ui.accounts.dialogs import no_keyring_dialog
from okcomposer.ui.common import theme
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.i18n import error_text
from okcomposer.ui.common.tasks import TaskGroup

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def _fetch_avatar_task(url: str, _report, _cancel) -> bytes:
    return fetch_avatar(url)


def fetch_avatar(url: str) -> bytes:
    """Download an avatar (on a Task); at most 2 MB."""
    import requests

    with requests.get(url, timeout=(3, 10), stream=True) as answer:
        answer.raise_for_status()
        data = answer.raw.read(2 * 1024 * 1024 + 1, decode_content=True)
    if len(data) > 2 * 1024 * 1024:
        raise OSError("avatar too large")  # a failed download, not a bug
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
        self.sign_out_box: QMessageBox | None = None
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
        labels = [self.label(account) for account in self._all()]
        for account, label in zip(self._all(), labels, strict=True):
            if labels.count(label) > 1:  # same name at the same server: the user id tells them apart
                label = f"{label} · {account.uid}"
            icon = self.icons.get(account.key) or theme.initials_icon(account.name, 22)
            self.combo.addItem(icon, label, account.key)
            self.combo.setItemData(
                self.combo.count() - 1, f"{account.name} · {account.uid} · {account.api_base}", TOOLTIP
            )
        if current is None:  # no account yet, or its sign-in could not be read (no keyring)
            self.combo.insertItem(0, self.tr("Not signed in"), "")
            self.combo.setCurrentIndex(0)
        self.combo.addItem(self.tr("Sign in…"), "+")
        if current is not None:
            self.combo.setCurrentIndex(max(0, self.combo.findData(current.key)))
        self.combo.blockSignals(False)
        self._fetch_avatars()

    def label(self, account: Account) -> str:
        """The name in the list: with "(sandbox)" for the demo user, with the server for one not OK's."""
        if self.demo and account is self.demo.account:
            return self.tr("{name} (sandbox)").format(name=account.name)
        if not same_server(account.api_base, OK_API_BASE):
            server = urlsplit(account.api_base).netloc or account.api_base
            return self.tr("{name} ({server})").format(name=account.name, server=server)
        return account.name

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
        shown = self.current()
        if self.demo is None and (shown is None or shown.key not in {a.key for a in self.accounts}):
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
        self.context.set_session(session, account.name, account.uid)
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
        account = session.account
        assert account is not None  # switch_to builds the session from an account
        self.context.set_session(session, account.name, account.uid)
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
        """Ask, then forget the current account and delete its tokens from the keyring; the question says
        which account becomes current (the first one left, as AccountStore.current picks), or that none."""
        account = self.current()
        if account is None:
            return
        if self.demo is not None and account is self.demo.account:
            self.demo = None
            self.context.set_session(None)
            self.load()
            return
        left = [a for a in self.accounts if a.key != account.key]
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Sign out"),
            self.tr("Sign out of {name}?").format(name=self.label(account)),
            QMessageBox.StandardButton.Cancel,
            self.window(),
        )
        box.setInformativeText(
            self.tr(
                "Its sign-in is deleted from this computer's keyring. {next} becomes the current account: "
                "posts are then published as {next}."
            ).format(next=self.label(left[0]))
            if left
            else self.tr("Its sign-in is deleted from this computer's keyring. No account will be signed in.")
        )
        confirm = box.addButton(self.tr("Sign out"), QMessageBox.ButtonRole.DestructiveRole)
        confirm.clicked.connect(partial(self._sign_out, account))
        self.sign_out_box = box
        box.open()

    def _sign_out(self, account: Account) -> None:
        store = self.store
        self.context.set_session(None)

        def remove(_r, _c) -> tuple[list[Account], Account | None]:
            store.remove(account)
            return store.accounts(), store.current()

        self.tasks.run(remove, succeeded=self._listed, failed=self._failed, name="okc-signout")

    def _fetch_avatars(self) -> None:
        for account in self._all():
            if account.pic_url and account.key not in self.icons:
                # The initials stay if the download fails.
                self.icons[account.key] = theme.initials_icon(account.name, 22)
                self.tasks.run(
                    partial(_fetch_avatar_task, account.pic_url),
                    succeeded=partial(self._avatar, account.key),
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
