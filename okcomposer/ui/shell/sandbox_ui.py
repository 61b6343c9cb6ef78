"""Sandbox mode made visible: a badge in the status bar and Help → Sandbox, which says where the sandbox runs
and opens the page it serves of what it stored (sandbox/pages.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from okcomposer.ui.common.feature import Entry, Feature, Menu

if TYPE_CHECKING:
    from okcomposer.ui.shell.main_window import MainWindow

BADGE_STYLE = "QPushButton { background: #ee8208; color: white; border-radius: 8px; padding: 1px 10px; }"


def page_url(base_url: str) -> str:
    """The sandbox's page listing what it stored."""
    return base_url.rstrip("/") + "/sandbox/"


class SandboxDialog(QDialog):
    """What the sandbox is, its address, and a button that opens its page in the browser."""

    def __init__(self, base_url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Sandbox", "Sandbox"))
        self.base_url = base_url
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(address)
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


def install(window: MainWindow, base_url: str) -> None:
    """The badge and Help → Sandbox, once (a second sandbox start changes nothing)."""
    if "sandbox" in window.actions_by_name:
        return
    action = QAction(QCoreApplication.translate("Sandbox", "Sandbox…"), window)
    action.setStatusTip(QCoreApplication.translate("Sandbox", "Where the sandbox runs and what it stored"))
    action.triggered.connect(lambda: window.open_dialog(SandboxDialog(base_url, window)))
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
