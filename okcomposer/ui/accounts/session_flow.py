"""Getting and keeping a session in the window: sign-in (keyring checked first), expiry, the sandbox user."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from shiboken6 import isValid

from okcomposer.store.accounts import AccountStore
from okcomposer.ui.accounts.dialogs import no_keyring_dialog, session_expired_dialog
from okcomposer.ui.accounts.switcher import AccountSwitcher
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.tasks import TaskGroup


def configured_app(sandbox_info: dict | None):
    """The application of the one-button sign-in: the sandbox's demo app when one runs, else the packaged
    one (okcomposer/resources/ok-app.json); None when none is configured (the dialog asks for the user's)."""
    from okcomposer.app import ok_app

    if sandbox_info is not None:
        return ok_app.sandbox_app(sandbox_info)
    try:
        return ok_app.packaged_app()
    except ok_app.NotConfigured:
        return None


class SessionFlow(QObject):
    """The dialogs open through `open_dialog` (the window's, which remembers the last one)."""

    def __init__(
        self,
        context: UiContext,
        store: AccountStore,
        accounts: AccountSwitcher,
        window: QWidget,
        open_dialog: Callable[[QDialog], None],
    ):
        super().__init__(window)
        self.context, self.store, self.accounts, self.window = context, store, accounts, window
        self.open_dialog = open_dialog
        self.tasks = TaskGroup(self)
        self.expired_box: QMessageBox | None = None
        self.in_sandbox = False  # started with --sandbox (its demo account, even before it answers)

    def start_sandbox(self, factory: Callable[[], object], started: Callable[[object], None]) -> None:
        """Start the built-in sandbox off the GUI thread; started(sandbox) then signs in as its demo user."""
        self.in_sandbox = True
        self.tasks.run(
            lambda _r, _c: factory().start(),  # type: ignore[attr-defined]
            succeeded=started,
            failed=self.on_sandbox_failed,
            name="okc-sandbox-start",
        )

    def on_sandbox_failed(self, exc: BaseException) -> None:
        self.open_dialog(
            QMessageBox(
                QMessageBox.Icon.Critical,
                self.tr("Sandbox"),
                self.tr("The built-in sandbox could not start: {error}").format(error=exc),
                parent=self.window,
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
        sandbox = self.context.sandbox
        info = sandbox.info() if sandbox is not None else None
        self.tasks.run(
            lambda _r, _c: (secrets.available(), configured_app(info)),
            succeeded=lambda found: self._sign_in(found[0], found[1], defaults),
            name="okc-keyring",
        )

    def _sign_in(self, keyring_ok: bool, configured, defaults: dict[str, str]) -> None:
        if not keyring_ok:
            in_sandbox = self.in_sandbox or self.context.sandbox is not None
            self.open_dialog(no_keyring_dialog(self.window, in_sandbox))
            return
        from okcomposer.ui.accounts.sign_in_dialog import SignInDialog  # and its loopback server: when used

        dialog = SignInDialog(self.store, defaults, self.window, configured)
        dialog.signed_in.connect(self.accounts.signed_in)
        self.open_dialog(dialog)

    def session_expired(self) -> None:
        """Renew a code-flow session with its refresh token; otherwise (or if OK refuses) ask to sign in."""
        account = self.accounts.current()
        if account is not None and account.flow == "code":
            from okcomposer.app.accounts import renew

            store = self.store
            self.tasks.run(
                lambda _r, _c: renew(store, account),
                succeeded=self._renewed,
                failed=lambda _exc: self._ask_to_sign_in(),
                name="okc-renew",
            )
            return
        self._ask_to_sign_in()

    def _renewed(self, session) -> None:
        self.context.set_session(session, session.account.name, session.account.uid)
        self.open_dialog(
            QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Session renewed"),
                self.tr(
                    "OK's session had expired and was renewed. Your post is unchanged: publish it again."
                ),
                parent=self.window,
            )
        )

    def _ask_to_sign_in(self) -> None:
        """Ask to sign in again, once: a second expiry while the question is open adds nothing."""
        box = self.expired_box
        if box is not None and isValid(box) and box.isVisible():
            return
        self.expired_box = session_expired_dialog(self.window, lambda: self.sign_in())
        self.open_dialog(self.expired_box)
