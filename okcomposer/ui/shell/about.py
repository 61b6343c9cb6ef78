"""The About box: what okcomposer is, its version and the Qt it runs on."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from okcomposer import __version__
from okcomposer.ui.common import theme


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About okcomposer"))
        logo = QLabel()
        logo.setPixmap(theme.icon("okcomposer").pixmap(96, 96))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<h2>okcomposer {__version__}</h2>")
        text = QLabel(
            self.tr(
                "Compose and publish posts and Moments to OK.ru: text, photos, polls, links and more, "
                "in your groups or on your page, on time."
            ),
            wordWrap=True,
        )
        versions = QLabel(
            self.tr("Qt {qt}, PySide6 {pyside}, Python {python}").format(
                qt=qVersion(), pyside=PySide6.__version__, python=platform.python_version()
            )
        )
        versions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        licence = QLabel(
            self.tr("Free software under the MIT licence. Not made by or affiliated with OK.ru."),
            wordWrap=True,
        )
        column = QVBoxLayout()
        for label in (title, text, versions, licence):
            column.addWidget(label)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(logo)
        row.addLayout(column, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
