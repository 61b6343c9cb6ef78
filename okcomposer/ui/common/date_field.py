"""A date and time field one can type into in either language, with a calendar pop-up and the time zone.

QDateTimeEdit as it comes mistypes a whole date typed over Ctrl+A: "12/1/26 9:00 AM" gave 11/1/26 9:00 PM
(and "01.12.2026 9:00" gave 30.12.2026). Three causes, each handled here:

- the locale's short format separates the time from AM/PM with a narrow no-break space (U+202F, CLDR 42+),
  which no keyboard types, so the typed space lands in the AM/PM section and spoils it: the format here
  uses plain spaces, and four-digit years;
- over a selection that spans every section, a typed digit replaces the whole text and Qt keeps only what
  still parses: here the first key selects the first section instead;
- Qt moves on by itself once a section is full ("12" for the month), and then treats the typed "/" as
  "move on" again, so the day's digits land in the year: a separator typed right after such a move is
  swallowed.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateTimeEdit, QHBoxLayout, QLabel, QWidget

from okcomposer.ui.common.times import qt_zone, window_tz, zone_name, zone_watch


def typing_format(locale: QLocale | None = None) -> str:
    """The locale's short date and time without seconds, with plain spaces and a four-digit year."""
    text = (locale or QLocale()).dateTimeFormat(QLocale.FormatType.ShortFormat)
    text = text.replace(":ss", "").replace("\u202f", " ").replace("\u00a0", " ")
    if "yyyy" not in text:
        text = text.replace("yy", "yyyy")
    return text


def zone_label() -> str:
    """The window's zone as every part of the window labels it ("Europe/Moscow", "UTC"): times.zone_name of
    times.window_tz, the settings' `time_zone` or else this computer's."""
    return zone_name(window_tz())


class DateTimeField(QDateTimeEdit):
    """A QDateTimeEdit with a calendar pop-up and the typing fixes described at the top of this module.

    Its wall time is in the window's zone (times.window_tz, the settings' `time_zone`), so dateTime() is the
    instant the user meant there; setDateTime takes any QDateTime and shows its instant in that zone.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(typing_format())
        self._moved_on = False  # the last digit filled a section and Qt moved to the next one
        self.follow_zone()
        zone_watch().changed.connect(self.follow_zone)

    def follow_zone(self) -> None:
        """Show and take times in the window's zone (the instant shown stays the same)."""
        self.setTimeZone(qt_zone(window_tz()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        typing = (
            bool(text) and text.isprintable() and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        )
        line = self.lineEdit()
        if typing and line.hasSelectedText() and len(line.selectedText()) == len(line.text()):
            self.setCurrentSectionIndex(0)  # typing over "select all" starts at the first section
            self.setSelectedSection(self.sectionAt(0))
            self._moved_on = False
        if typing and not text.isalnum() and self._moved_on:
            self._moved_on = False  # the separator after a section Qt already left: already there
            return
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_on = typing and text.isalnum() and self.currentSectionIndex() != before


class ZonedDateTime(QWidget):
    """The date field with the time zone it is in beside it ("Europe/Moscow"), as the Calendar and Insights
    label it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = DateTimeField(self)
        self.zone = QLabel(zone_label(), self)
        self.zone.setToolTip(self.tr("Times are in the time zone chosen in Settings (else this computer's)"))
        zone_watch().changed.connect(self.follow_zone)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.zone)

    def follow_zone(self) -> None:
        self.zone.setText(zone_label())
