"""The crash dialog: a report, redacted, to copy (ui/common/crash.py shows it; kept apart so starting the
app does not load its widgets before the window's first paint)."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class CrashDialog(QDialog):
    """The traceback, redacted, in a box to copy; more reports arriving while it is open are appended."""

    def __init__(self, text: str, parent: QWidget | None = None, previous_run: bool = False):
        super().__init__(parent)
        if previous_run:
            self.setWindowTitle(self.tr("okcomposer closed unexpectedly"))
            message = self.tr(
                "okcomposer closed unexpectedly the last time it ran. This is what it wrote about the "
                "crash; please send it with your report."
            )
        else:
            self.setWindowTitle(self.tr("okcomposer: unexpected error"))
            message = self.tr(
                "okcomposer ran into a bug. Your draft has been saved. Please copy the details below "
                "into your report; you can keep working, but restarting okcomposer is safest."
            )
        self.message = QLabel(message, wordWrap=True)
        self.details = QPlainTextEdit(readOnly=True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setPlainText(text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = self.buttons.addButton(
            self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 420)
        self.copy_button.clicked.connect(self.on_copy_button_clicked)
        self.buttons.rejected.connect(self.reject)

    def add_report(self, text: str) -> None:
        self.details.appendPlainText("\n" + text)

    def on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
