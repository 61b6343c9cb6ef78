"""The accounts feature: the toolbar's account switcher and Account → Sign in…, Sign out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from okcomposer.store.accounts import AccountStore
from okcomposer.ui.accounts.switcher import AccountSwitcher
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.feature import Entry, Feature, Menu, Section, command


class AccountsFeature(Feature):
    """`sign_in` opens the sign-in flow (the window's, which checks for a keyring first)."""

    def __init__(self, context: UiContext, store: AccountStore, sign_in: Callable[[], None], parent: QObject):
        self.switcher = AccountSwitcher(context, store)
        self.sign_in = command(
            parent, QCoreApplication.translate("MainWindow", "Sign in…"), sign_in, (), "account"
        )
        self.sign_out = command(
            parent, QCoreApplication.translate("MainWindow", "Sign out"), self.switcher.sign_out
        )

    def entries(self) -> list[Entry]:
        return [
            Entry(Menu.ACCOUNT, "sign_in", self.sign_in, Section.COMMANDS),
            Entry(Menu.ACCOUNT, "sign_out", self.sign_out, Section.COMMANDS),
        ]
