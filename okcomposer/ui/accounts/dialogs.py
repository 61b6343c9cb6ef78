"""The accounts' message boxes: no keyring to keep a sign-in in, and a session that has expired."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def no_keyring_dialog(parent: QWidget | None = None, in_sandbox: bool = False) -> QMessageBox:
    """Why okcomposer cannot sign in without a keyring, and how to get one (never a plain-text fallback).

    `in_sandbox` (started with --sandbox): the user is already there, on its demo account, so the box says
    that instead of sending them to the sandbox."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("AccountDialogs", "No keyring"))
    if in_sandbox:
        text = QCoreApplication.translate(
            "AccountDialogs", "Signing in to OK needs a system keyring, and none is available."
        )
        more = QCoreApplication.translate(
            "AccountDialogs",
            "okcomposer stores sign-ins only in the system keyring, never in a plain file.\n\n"
            "On Linux, install “GNOME Keyring” or “KWallet” from your software centre, then log out and "
            "back in: it unlocks with your login. Windows and macOS have a keyring built in.\n\n"
            "You are using the sandbox now, with its demo account: every feature works here without a "
            "keyring.",
        )
    else:
        text = QCoreApplication.translate(
            "AccountDialogs", "okcomposer cannot keep your sign-in safe: no system keyring is available."
        )
        more = QCoreApplication.translate(
            "AccountDialogs",
            "okcomposer stores sign-ins only in the system keyring, never in a plain file.\n\n"
            "On Linux, install “GNOME Keyring” or “KWallet” from your software centre, then log out and "
            "back in: it unlocks with your login. Windows and macOS have a keyring built in.\n\n"
            "Until then you can try every feature in the sandbox: right-click okcomposer in your "
            "applications menu and choose “Try in the sandbox”.",
        )
    box.setText(text)
    box.setInformativeText(more)
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
