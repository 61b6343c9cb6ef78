"""The settings dialog: language (on restart), theme, time zone, photo privacy and upload parallelism."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import available_timezones

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from okcomposer.store.settings import Settings, known_zone
from okcomposer.ui.common import theme
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.store_queue import DraftQueue


class SettingsDialog(QDialog):
    def __init__(self, context: UiContext, queue: DraftQueue, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.context, self.queue = context, queue
        settings = context.settings
        self.language = QComboBox()
        # Each language is named in itself, so anyone can find theirs.
        for code, name in (("", self.tr("System language")), ("en", "English"), ("ru", "Русский")):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        restart = QLabel(self.tr("A new language applies when okcomposer starts next time."), wordWrap=True)
        self.theme = QComboBox()
        for code, name in (
            ("system", self.tr("As the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(name, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        # The zone of Insights, posting slots and Next free slot: an IANA name, or the computer's.
        self.zone = QComboBox(editable=True, insertPolicy=QComboBox.InsertPolicy.NoInsert)
        self.zone.addItem(self.tr("This computer's zone"), "")
        for name in sorted(available_timezones()):
            self.zone.addItem(name, name)
        found = self.zone.findData(settings.time_zone)
        self.zone.setCurrentIndex(found) if found >= 0 else self.zone.setEditText(settings.time_zone)
        self.zone_error = QLabel(wordWrap=True)
        self.zone_error.hide()
        self.strip_gps = QCheckBox(self.tr("Remove the location (GPS) from photos before uploading"))
        self.strip_gps.setChecked(settings.strip_gps)
        self.parallel = QSpinBox(minimum=1, maximum=8, value=settings.parallel_uploads)
        self.parallel.setToolTip(self.tr("How many photo uploads run at the same time"))
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", restart)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Time zone"), self.zone)
        form.addRow("", self.zone_error)
        form.addRow(self.tr("Parallel uploads"), self.parallel)
        form.addRow(self.strip_gps)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _fit_height(self) -> None:
        """Grow to show every wrapped line at the dialog's width (a shown dialog does not ask its labels)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
            need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
            self.resize(self.width(), max(self.height(), need, self.sizeHint().height()))

    def chosen_zone(self) -> str:
        """The zone typed or picked: "" for this computer's, else the name as written."""
        text = self.zone.currentText().strip()
        return "" if text == self.zone.itemText(0) else text

    def chosen(self) -> Settings:
        return replace(
            self.context.settings,
            language=self.language.currentData(),
            theme=self.theme.currentData(),
            strip_gps=self.strip_gps.isChecked(),
            parallel_uploads=self.parallel.value(),
            time_zone=self.chosen_zone(),
        ).validated()

    def accept(self) -> None:
        """Apply at once (the theme now, the language on restart) and write the file in the background."""
        zone = self.chosen_zone()
        if not known_zone(zone):  # refused here, so the old zone stays rather than quietly the computer's
            text = self.tr('Unknown time zone "{zone}": pick one from the list, such as Europe/Moscow.')
            self.zone_error.setText(text.format(zone=zone))
            self.zone_error.show()
            self.zone.setFocus()
            self._fit_height()
            return
        settings = self.chosen()
        if settings.theme != self.context.settings.theme:
            theme.apply(settings.theme)
        self.context.save_settings(settings, self.queue.submit)
        super().accept()
