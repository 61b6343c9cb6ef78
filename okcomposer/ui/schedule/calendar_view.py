"""The calendar: week and month views of scheduled posts in the user's zone, moves by drag, conflicts."""

from __future__ import annotations

import html
from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.topic import MOSCOW, datetime_to_ms
from okcomposer.app import schedule
from okcomposer.app.schedule import Entry
from okcomposer.store.drafts import Draft, now_ms
from okcomposer.store.slots import DEFAULT_GAP_MINUTES
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.store_queue import DraftQueue, StoreQueue
from okcomposer.ui.common.times import ME, short_date, short_time, user_tz, zone_name
from okcomposer.ui.schedule.calendar_parts import CalendarGrid, EntryChip

WEEK, MONTH = "week", "month"


class CalendarView(QWidget):
    """Everything okcomposer scheduled, by week or month; drag an entry to another cell to move it."""

    moved = Signal(str, object)
    """A draft (its id) got a new publishing time (ms); the store has it."""
    open_requested = Signal(object)
    """An entry was double-clicked: its store.drafts.Draft, for the composer."""

    def __init__(
        self,
        context: UiContext,
        tz: tzinfo | None = None,
        today: date | None = None,
        queue: DraftQueue | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self._fixed_tz = tz  # tests give one; else the settings' `time_zone`, as every other part shows
        self.day = today or datetime.now(self.tz).date()
        self.store = StoreQueue(queue, self)
        self.names: dict[str, str] = {ME: self.tr("My page")}
        self.entries: dict[str, Entry] = {}
        self.conflicts: list[tuple[Entry, Entry]] = []
        self._refresh_id = 0
        self._shown: tuple | None = None
        self._scrolled = False
        self._built = False  # the grid's cells are made when first seen (_build)

        self.mode = QComboBox()
        self.mode.addItem(self.tr("Week"), WEEK)
        self.mode.addItem(self.tr("Month"), MONTH)
        self.previous_button = QPushButton("◀")
        self.previous_button.setMaximumWidth(40)
        self.previous_button.setToolTip(self.tr("Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous"))  # a screen reader would say "◀"
        self.today_button = QPushButton(self.tr("Today"))
        self.next_button = QPushButton("▶")
        self.next_button.setMaximumWidth(40)
        self.next_button.setToolTip(self.tr("Next"))
        self.next_button.setAccessibleName(self.tr("Next"))
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold")
        self.zone = QLabel(self.tr("Times in {zone}").format(zone=zone_name(self.tz)))
        self.gap = QSpinBox(minimum=5, maximum=24 * 60, singleStep=5, value=DEFAULT_GAP_MINUTES)
        self.gap.setSuffix(self.tr(" min"))
        self.gap.setToolTip(self.tr("Warn when two posts in one place are closer than this"))
        self.warnings = QLabel(wordWrap=True)
        self.warnings.setStyleSheet("color: #e65100")
        self.notice = QLabel(wordWrap=True)
        self.notice.setStyleSheet("color: #d32f2f")
        self.notice.hide()
        self.grid = CalendarGrid(self.move_entry)
        self._layout()
        self.mode.currentIndexChanged.connect(lambda _i: self.refresh())
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.on_today_button_clicked)
        self.gap.valueChanged.connect(lambda _v: self._show())
        context.settings_changed.connect(self.on_settings_changed)
        self.refresh()

    @property
    def tz(self) -> tzinfo:
        """The zone of the grid and the times: the one given, else the settings' (`time_zone`), else this
        computer's (times.user_tz), as the composer's date field and Insights use."""
        return self._fixed_tz if self._fixed_tz is not None else user_tz(self.context.settings.time_zone)

    def on_settings_changed(self) -> None:
        """Another zone: new day starts, so new cells, and the label."""
        self.zone.setText(self.tr("Times in {zone}").format(zone=zone_name(self.tz)))
        self._shown = None
        self.refresh()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        for widget in (self.previous_button, self.today_button, self.next_button, self.title):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.zone)
        bar.addWidget(QLabel(self.tr("Warn when closer than")))
        bar.addWidget(self.gap)
        bar.addWidget(self.mode)
        legend = QLabel(
            self.tr(
                "Blue: scheduled on OK. Orange: your page, posted by okcomposer (needs the app running). "
                "Green: a draft. Drag a draft to another day or hour to move it."
            )
        )
        legend.setWordWrap(True)
        legend.setStyleSheet("color: palette(placeholder-text)")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.warnings)
        layout.addWidget(self.notice)
        layout.addWidget(self.grid, 1)
        layout.addWidget(legend)

    # --- what is shown ----------------------------------------------------------------------------
    @property
    def cells(self) -> list:
        """The grid's cells (DayCell), for tests and the screenshots (made now if not yet)."""
        self._build()
        return self.grid.cells

    def _build(self) -> None:
        """The cells of the week or month shown: made when first seen (168 widgets a week cost ~20 ms,
        which the window's first moments need for themselves), then their chips."""
        if self._built:
            return
        self._built = True
        rows = self.days()
        self.grid.build(rows, self.mode.currentData() == WEEK, self.day.month, self.tz)
        self._show()

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(self.mode.findData(mode))

    def set_gap(self, minutes: int) -> None:
        self.gap.setValue(minutes)

    def set_target_names(self, names: dict[str, str]) -> None:
        """Group names for the entries ({gid: name}); unknown groups show their id."""
        self.names.update(names)
        self._show()

    def step(self, delta: int) -> None:
        if self.mode.currentData() == WEEK:
            self.day += timedelta(days=7 * delta)
        else:
            month = self.day.month - 1 + delta
            self.day = date(self.day.year + month // 12, month % 12 + 1, 1)
        self.refresh()

    def on_today_button_clicked(self) -> None:
        self.day = datetime.now(self.tz).date()
        self.refresh()

    def days(self) -> list[list[datetime]]:
        """The shown days (day starts in the user's zone): one row for a week, 4-6 rows for a month."""
        if self.mode.currentData() == WEEK:
            return [schedule.week_of(self.day, self.tz)]
        return schedule.month_of(self.day, self.tz)

    def refresh(self) -> None:
        """Read the shown range's scheduled drafts (a day more each side: conflicts) off the GUI thread."""
        rows = self.days()
        first, last = rows[0][0], rows[-1][-1] + timedelta(days=1)
        margin = timedelta(days=1)
        start, end = datetime_to_ms(first - margin), datetime_to_ms(last + margin)
        self._range = (datetime_to_ms(first), datetime_to_ms(schedule.day_start(last.date(), self.tz)))
        self._refresh_id += 1
        refresh_id, drafts, outbox = self._refresh_id, self.context.drafts, self.context.outbox.store
        shown = (self.mode.currentData(), rows[0][0])
        if shown != self._shown:  # another week or month: new cells; the same one keeps its cells
            self._shown, self._built = shown, False
            week = self.mode.currentData() == WEEK
            if self.isVisible():
                self._build()
            if week:
                self.title.setText(f"{short_date(rows[0][0])} – {short_date(rows[0][-1])}")
            else:
                name = QLocale().standaloneMonthName(self.day.month, QLocale.FormatType.LongFormat)
                self.title.setText(f"{name[:1].upper()}{name[1:]} {self.day.year}")  # "ноябрь" starts a title

        def arrived(found: list[Entry]) -> None:
            if refresh_id == self._refresh_id:  # else a newer refresh is on its way
                self._arrived(found)

        self.store.submit(lambda: schedule.calendar_entries(drafts, outbox, start, end), then=arrived)

    def _arrived(self, found: list[Entry]) -> None:
        self.entries = {e.draft_id: e for e in found}
        self._show()

    def _show(self) -> None:
        gap = timedelta(minutes=self.gap.value())
        self.conflicts = schedule.conflicts(self.entries.values(), gap)
        clashing = {e.draft_id for pair in self.conflicts for e in pair}
        low, high = self._range
        if self._built:  # else the chips are placed when the cells are made
            self.grid.clear_chips()
            for entry in self.entries.values():
                if low <= entry.publish_at_ms < high:
                    cell = self.grid.cell_for(schedule.to_local(entry.publish_at_ms, self.tz))
                    if cell is not None:
                        cell.add(self._chip(entry, entry.draft_id in clashing))
        self._show_warnings(gap)

    def _chip(self, entry: Entry, conflict: bool) -> EntryChip:
        local = schedule.to_local(entry.publish_at_ms, self.tz)
        place = self.names.get(entry.target) or self.tr("Group {gid}").format(gid=entry.target)
        lines = [f"{short_time(local)} {entry.title or self.tr('(no text)')}"]
        if schedule.moscow_label(entry.publish_at_ms, self.tz):  # the zones differ at that moment
            moscow = short_time(schedule.to_local(entry.publish_at_ms, MOSCOW))
            lines.append(self.tr("Moscow {time}").format(time=moscow))
        lines.append(place)
        if entry.state == "published" and (entry.needs_app_running or entry.publish_at_ms <= now_ms()):
            lines.append(self.tr("Published"))  # sent by the outbox, or its time on OK has passed
        elif entry.needs_app_running and entry.state == "waiting":
            lines.append(self.tr("Waiting on this computer"))
        elif entry.needs_app_running and entry.state == "draft":
            lines.append(self.tr("Needs the app running"))
        elif entry.on_ok:
            lines.append(self.tr("Scheduled on OK"))
        tip = [html.escape(line) for line in lines]
        if conflict:
            tip.append(self.tr("Too close to another post in the same place"))
        chip = EntryChip(entry, "\n".join(lines), "<br>".join(tip), conflict)
        chip.open_requested.connect(self._open)
        return chip

    def _show_warnings(self, gap: timedelta) -> None:
        texts = []
        for first, second in self.conflicts:
            place = self.names.get(first.target) or self.tr("Group {gid}").format(gid=first.target)
            texts.append(
                self.tr(
                    "⚠ {place}: “{first}” at {first_time} and “{second}” at {second_time} "
                    "are less than {gap} min apart"
                ).format(
                    place=place,
                    first=first.title,
                    second=second.title,
                    first_time=self._when(first),
                    second_time=self._when(second),
                    gap=int(gap.total_seconds() // 60),
                )
            )
        self.warnings.setText("\n".join(texts))
        self.warnings.setVisible(bool(texts))

    def _when(self, entry: Entry) -> str:
        local = schedule.to_local(entry.publish_at_ms, self.tz)
        return f"{short_date(local)} {short_time(local)}"

    def scroll_to_hour(self, hour: int = 8) -> None:
        self.grid.scroll_to_hour(hour)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._build()
        if not self._scrolled:
            self._scrolled = True
            self.grid.scroll_to_hour(8)

    # --- moving and opening -----------------------------------------------------------------------
    def move_entry(self, draft_id: str, cell_start: datetime, keep_hour: bool) -> bool:
        """Move a draft to a cell: its day (keeping its time) in the month view, its hour in the week view."""
        entry = self.entries.get(draft_id)
        if entry is None:
            return False
        if entry.on_ok or entry.state not in ("draft", "failed", "waiting"):
            self._say(self._why_fixed(entry))
            return False
        local = schedule.to_local(entry.publish_at_ms, self.tz)
        hour = local.hour if keep_hour else cell_start.hour
        wall = datetime.combine(cell_start.date(), time(hour, local.minute))
        when_ms = schedule.move(entry, wall, self.tz)
        if when_ms == entry.publish_at_ms:
            return False
        self._say("")
        drafts, outbox = self.context.drafts, self.context.outbox.store

        def moved(_none: None) -> None:
            self.moved.emit(draft_id, when_ms)
            self.refresh()

        self.store.submit(
            lambda: schedule.reschedule(drafts, outbox, draft_id, when_ms),
            then=moved,
            failed=lambda exc: self._say(self.tr("The draft could not be moved: {error}").format(error=exc)),
        )
        return True

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _why_fixed(self, entry: Entry) -> str:
        if entry.on_ok:
            return self.tr(
                "“{title}” is already scheduled on OK, which keeps its time: okcomposer cannot move it. "
                "Change the time on ok.ru, or delete it there and schedule it again. "
                "Only posts that are still drafts can be moved here."
            ).format(title=entry.title)
        return self.tr("“{title}” has already been sent to OK, so it can no longer be moved.").format(
            title=entry.title
        )

    def _open(self, draft_id: str) -> None:
        if draft_id.startswith(schedule.OUTBOX_PREFIX):
            return  # a post in the outbox is already sent or on its way; History shows it
        drafts = self.context.drafts

        def loaded(draft: Draft | None) -> None:
            if draft is not None:  # else deleted meanwhile
                self.open_requested.emit(draft)

        self.store.submit(lambda: drafts.load(draft_id), then=loaded)

    def shutdown(self) -> None:
        self._refresh_id += 1
        self.store.close()
