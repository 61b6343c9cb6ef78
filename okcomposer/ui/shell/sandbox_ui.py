"""Sandbox mode made visible: a badge in the status bar and Help → Sandbox, which says where the sandbox runs,
how the command line reaches it (its demo account's OKC_* settings: fixed, public, not a user's secret) and
opens the page it serves of what it stored (sandbox/pages.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.ui.common.feature import Entry, Feature, Menu

if TYPE_CHECKING:
    from okcomposer.ui.shell.main_window import MainWindow

BADGE_STYLE = "QPushButton { background: #ee8208; color: white; border-radius: 8px; padding: 1px 10px; }"


def command_line(info: dict) -> str:
    """The environment that points `okcomposer` commands at this sandbox as its demo user (Sandbox.info())."""
    return "\n".join(
        [
            f"OKC_API_BASE={info['base_url']}",
            f"OKC_APPLICATION_KEY={info['application_key']}",
            f"OKC_ACCESS_TOKEN={info['access_token']}",
            f"OKC_SESSION_SECRET_KEY={info['session_secret_key']}",
        ]
    )


def page_url(base_url: str) -> str:
    """The sandbox's page listing what it stored."""
    return base_url.rstrip("/") + "/sandbox/"


class SandboxDialog(QDialog):
    """What the sandbox is, its address, the command line's settings for it, and a button that opens its page
    in the browser; `info` is Sandbox.info()."""

    def __init__(self, info: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Sandbox", "Sandbox"))
        self.base_url = base_url = str(info["base_url"])
        text = QLabel(
            QCoreApplication.translate(
                "Sandbox",
                "okcomposer is connected to a local OK sandbox, not to ok.ru. It answers as OK does, so you "
                "can try everything; nothing you publish here reaches OK, and the sandbox forgets it all "
                "when okcomposer closes.",
            ),
            wordWrap=True,
        )
        address = QLabel(QCoreApplication.translate("Sandbox", "Address: {address}").format(address=base_url))
        address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(QCoreApplication.translate("Sandbox", "Open the sandbox's page"))
        self.open_button.setToolTip(
            QCoreApplication.translate("Sandbox", "Topics, Moments, photos and videos the sandbox stored")
        )
        self.open_button.clicked.connect(self.open_page)
        how = QLabel(
            QCoreApplication.translate(
                "Sandbox", "To send okcomposer commands to it as its demo user, set these (they are public):"
            ),
            wordWrap=True,
        )
        self.settings = QPlainTextEdit(command_line(info), readOnly=True)
        self.settings.setMaximumHeight(self.settings.fontMetrics().lineSpacing() * 5 + 12)
        self.copy_button = QPushButton(QCoreApplication.translate("Sandbox", "Copy settings"))
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(command_line(info)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(address)
        layout.addWidget(how)
        layout.addWidget(self.settings)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def open_page(self) -> None:
        QDesktopServices.openUrl(QUrl(page_url(self.base_url)))


class SandboxFeature(Feature):
    """Help → Sandbox…, added once the sandbox runs."""

    def __init__(self, action: QAction):
        self.action = action

    def entries(self) -> list[Entry]:
        return [Entry(Menu.HELP, "sandbox", self.action)]


def install(window: MainWindow, info: dict) -> None:
    """The badge and Help → Sandbox, once (a second sandbox start changes nothing); `info`: Sandbox.info()."""
    if "sandbox" in window.actions_by_name:
        return
    base_url = str(info["base_url"])
    action = QAction(QCoreApplication.translate("Sandbox", "Sandbox…"), window)
    action.setStatusTip(QCoreApplication.translate("Sandbox", "Where the sandbox runs and what it stored"))
    action.triggered.connect(lambda: window.open_dialog(SandboxDialog(info, window)))
    window.add_feature(SandboxFeature(action))
    badge = QPushButton(QCoreApplication.translate("Sandbox", "Sandbox"))
    badge.setObjectName("sandbox_badge")
    badge.setStyleSheet(BADGE_STYLE)
    badge.setCursor(Qt.CursorShape.PointingHandCursor)
    badge.setToolTip(
        QCoreApplication.translate(
            "Sandbox", "Connected to a local OK sandbox at {address}, not to ok.ru"
        ).format(address=base_url)
    )
    badge.setAccessibleName(QCoreApplication.translate("Sandbox", "Sandbox mode"))
    badge.clicked.connect(action.trigger)
    window.statusBar().addPermanentWidget(badge)
    window.sandbox_badge = badge
