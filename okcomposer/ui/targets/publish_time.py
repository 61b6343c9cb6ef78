"""When a post goes out: "Publish later" with a date and time; for a group topic also that time in Moscow
(OK's clock), for my page a note that it waits on this computer."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from okcomposer.api.topic import MOSCOW
from okcomposer.ui.common.date_field import ZonedDateTime, typing_format
from okcomposer.ui.common.flow_layout import FlowLayout


class PublishTime(QWidget):
    """The target picker owns the signals: it listens to `schedule` and `when` like to its other options.

    "Publish later" on its own line, then the date field with its time zone and what ui/schedule adds
    beside it, wrapping in a narrow column, then Moscow time.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.schedule = QCheckBox(self.tr("Publish later"))
        self.field = ZonedDateTime()
        self.when, self.zone = self.field.edit, self.field.zone
        self.moscow = QLabel(wordWrap=True)
        # OK cannot delay a post on the user's own page (docs/ok-api.md, "Page posts later"): the outbox
        # keeps it and the running app sends it at its time, as the Calendar's "Waiting on this computer".
        self.page_note = QLabel(self.tr("Waits on this computer: okcomposer must be running then."))
        self.page_note.setWordWrap(True)
        self.page_note.setToolTip(
            self.tr(
                "OK cannot delay posts on your page: okcomposer keeps it on this computer and sends "
                "it at that time while it is running."
            )
        )
        self.page_note.hide()
        self.row = FlowLayout()
        self.row.addWidget(self.field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.schedule)
        layout.addLayout(self.row)
        layout.addWidget(self.moscow)
        layout.addWidget(self.page_note)
        self.on_page = False
        self.reset()

    def add_beside_time(self, widget: QWidget) -> None:
        """Put a widget right after the time field (the "Next free slot" button of ui/schedule)."""
        self.row.insertWidget(self.row.indexOf(self.field) + 1, widget)

    def reset(self) -> None:
        """The next full hour."""
        start = QDateTime.currentDateTime().addSecs(3600)
        start.setTime(QTime(start.time().hour(), 0))
        self.when.setDateTime(start)

    def set_when(self, when: datetime | None) -> None:
        """Show a draft's publishing time (None: not scheduled)."""
        self.schedule.setChecked(when is not None)
        if when is not None:
            self.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp())))
        else:
            self.reset()

    def set_allowed(self, allowed: bool, on_page: bool = False) -> None:
        """Scheduling is possible only for some topic types and targets; `on_page`: the time is kept on this
        computer (my page), not sent to OK, which the note below the field says."""
        self.schedule.setEnabled(allowed)
        if not allowed and self.schedule.isChecked():  # ticked but greyed out reads as "it goes out later"
            self.schedule.blockSignals(True)
            self.schedule.setChecked(False)
            self.schedule.blockSignals(False)
        self.on_page = on_page
        self.field.setEnabled(allowed and self.schedule.isChecked())
        self.page_note.setVisible(on_page and self.field.isEnabled())
        self.show_moscow()

    def scheduled(self) -> datetime | None:
        """The chosen time in UTC, or None when the post goes out at once."""
        if not (self.schedule.isEnabled() and self.schedule.isChecked()):
            return None
        return datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), tz=UTC)

    def show_moscow(self) -> None:
        local = self.when.dateTime()
        moscow = datetime.fromtimestamp(local.toSecsSinceEpoch(), tz=UTC).astimezone(MOSCOW)
        offset = moscow.utcoffset()
        differs = offset is None or local.offsetFromUtc() != int(offset.total_seconds())
        shown = QDateTime(QDate(moscow.year, moscow.month, moscow.day), QTime(moscow.hour, moscow.minute))
        text = QLocale().toString(shown, typing_format())
        self.moscow.setText(self.tr("Moscow time: {time}").format(time=text))
        self.moscow.setVisible(differs and self.field.isEnabled() and not self.on_page)  # OK's clock only
