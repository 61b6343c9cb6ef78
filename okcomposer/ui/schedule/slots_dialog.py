"""Posting slots: preferred weekly times per group, and the "Next free slot" button for the schedule field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.app.schedule import Slot, entries, next_free_slot
from okcomposer.store.slots import SlotSettings, SlotStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.store_queue import DraftQueue, StoreQueue
from okcomposer.ui.common.times import ME, short_time, user_tz, zone_name

SLOT_ROLE = Qt.ItemDataRole.UserRole


def slot_text(slot: Slot) -> str:
    """ "Mon 09:30" in the UI language."""
    name = QLocale().dayName(slot.weekday + 1, QLocale.FormatType.ShortFormat)
    return f"{name} {short_time(datetime.combine(datetime(2000, 1, 1), time(slot.hour, slot.minute)))}"


class SlotsDialog(QDialog):
    """Edit the weekly posting times of each target and the minimum gap between two posts in one place."""

    saved = Signal(object)
    """The slots were written (a store.slots.SlotSettings)."""

    def __init__(
        self,
        context: UiContext,
        targets: dict[str, str],
        current: str = ME,
        store: SlotStore | None = None,
        queue: DraftQueue | None = None,
        parent: QWidget | None = None,
        tz: tzinfo | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Posting slots"))
        self.context, self.slot_store, self.store = context, store or SlotStore(), StoreQueue(queue, self)
        # The slots' weekdays and hours, and the best times suggested, are in the user's zone: the one given
        # (tests), else the settings' `time_zone` as in Insights, else this computer's.
        self.tz = tz if tz is not None else user_tz(context.settings.time_zone)
        self.settings = SlotSettings()
        self.target = QComboBox()
        self.target.addItem(self.tr("My page"), ME)
        for gid, name in targets.items():
            if gid != ME:
                self.target.addItem(name, gid)
        self.target.setCurrentIndex(max(0, self.target.findData(current)))
        self.slots = QListWidget()
        self.weekday = QComboBox()
        for day in range(7):
            self.weekday.addItem(QLocale().dayName(day + 1, QLocale.FormatType.LongFormat), day)
        self.time = QTimeEdit(QTime(9, 0))
        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.suggest_button = QPushButton(self.tr("Suggest best times"))
        self.suggest_button.setToolTip(
            self.tr("Add the free weekdays and hours when your posts here drew the most engagement per reach")
        )
        self.suggest_note = QLabel(wordWrap=True)
        self.gap = QSpinBox(minimum=5, maximum=24 * 60, singleStep=5)
        self.gap.setSuffix(self.tr(" min"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._layout()
        self.setEnabled(False)  # until the file is read
        self.target.currentIndexChanged.connect(lambda _i: self._show_slots())
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.remove_button.clicked.connect(self.on_remove_button_clicked)
        self.suggest_button.clicked.connect(self.on_suggest_button_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        slot_store = self.slot_store
        self.store.submit(slot_store.load, then=self._loaded)

    def _layout(self) -> None:
        add = QHBoxLayout()
        for widget in (self.weekday, self.time, self.add_button):
            add.addWidget(widget)
        form = QFormLayout()
        form.addRow(self.tr("Where"), self.target)
        form.addRow(self.tr("Minimum gap between posts"), self.gap)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        words = self.tr("Preferred weekly times, in your time zone ({zone}):")
        hint = QLabel(words.format(zone=zone_name(self.tz)), wordWrap=True)
        layout.addWidget(hint)
        layout.addWidget(self.slots, 1)
        layout.addLayout(add)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addWidget(self.suggest_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.suggest_note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def _loaded(self, settings: SlotSettings) -> None:
        self.settings = settings
        self.gap.setValue(settings.gap_minutes)
        self._show_slots()
        self.setEnabled(True)

    def current_target(self) -> str:
        return self.target.currentData()

    def current_slots(self) -> list[Slot]:
        return [Slot(*w) for w in self.settings.of(self.current_target())]

    def _show_slots(self) -> None:
        self.slots.clear()
        for slot in self.current_slots():
            item = QListWidgetItem(slot_text(slot))
            item.setData(SLOT_ROLE, (slot.weekday, slot.hour, slot.minute))
            self.slots.addItem(item)
        self.remove_button.setEnabled(self.slots.count() > 0)
        self.suggest_button.setEnabled(self.current_target() != ME and self.context.session is not None)
        self.suggest_note.clear()

    def add_slot(self, slot: Slot) -> None:
        target = self.current_target()
        self.settings.set(target, [*self.settings.of(target), (slot.weekday, slot.hour, slot.minute)])
        self._show_slots()

    def on_add_button_clicked(self) -> None:
        when = self.time.time()
        self.add_slot(Slot(self.weekday.currentData(), when.hour(), when.minute()))

    def on_remove_button_clicked(self) -> None:
        item = self.slots.currentItem() or self.slots.item(self.slots.count() - 1)
        if item is None:
            return
        target, gone = self.current_target(), tuple(item.data(SLOT_ROLE))
        self.settings.set(target, [w for w in self.settings.of(target) if w != gone])
        self._show_slots()

    def on_suggest_button_clicked(self) -> None:
        """Add the SUGGESTED best weekday/hours of this group's figures that it has no slot at yet."""
        drafts, owner, target, tz = (
            self.context.drafts,
            self.context.outbox.owner,
            self.current_target(),
            self.tz,
        )
        have = [(w, h) for w, h, _m in self.settings.of(target)]
        self.suggest_button.setEnabled(False)
        self.store.submit(
            lambda: best_of(drafts, owner, target, tz, SUGGESTED, have),
            then=lambda cells: self._suggested(target, cells),
        )

    def _suggested(self, target: str, cells: list) -> None:
        if target != self.current_target():
            return  # another place was chosen meanwhile
        for cell in cells:
            self.add_slot(Slot(cell.weekday, cell.hour, 0))
        self._show_slots()
        if cells:
            names = ", ".join(slot_text(Slot(c.weekday, c.hour, 0)) for c in cells)
            self.suggest_note.setText(self.tr("Added from your figures: {slots}").format(slots=names))
        else:
            self.suggest_note.setText(
                self.tr("No more best times to suggest: too few posts here with figures (see Insights).")
            )

    def accept(self) -> None:
        """Write the file off the GUI thread; the dialog closes once it is written."""
        self.settings.gap_minutes = self.gap.value()
        settings, slot_store = self.settings, self.slot_store
        self.setEnabled(False)
        self.store.submit(lambda: slot_store.save(settings), then=self._written, failed=self._not_written)

    def _written(self, _none) -> None:
        self.saved.emit(self.settings)
        self.store.close()
        super().accept()

    def _not_written(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self.setToolTip(self.tr("The slots could not be saved: {error}").format(error=exc))

    def reject(self) -> None:
        self.store.close()
        super().reject()


BEST_COUNT = 5  # the best weekday/hours from the figures that "Next free slot" prefers
SUGGESTED = 3  # the slots "Suggest best times" adds


def best_of(drafts, owner: str | None, target: str, tz: tzinfo, count: int, skip=()) -> list:
    """On the store queue: the best weekday/hour cells of a group from the figures cache (app.best_times);
    [] for your page (OK has no statistics for it) or without an account."""
    if owner is None or target == ME:
        return []
    from okcomposer.ui.insights.data import best_slots_of

    return best_slots_of(drafts, owner, target, tz, count, skip)


def find_free_slot(
    drafts, slot_store: SlotStore, target: str, now: datetime, tz: tzinfo, skip: str | None, owner=None
):
    """On the store queue: (when, has slots, a best time) - the next preferred time of `target` that no
    other scheduled post takes. With figures (owner given), a free slot at one of the best weekday/hours
    in the coming week comes first; with no posting slots, the best hours stand in for them."""
    settings = slot_store.load()
    weekly = [Slot(*w) for w in settings.of(target)]
    best = {(c.weekday, c.hour) for c in best_of(drafts, owner, target, tz, BEST_COUNT)}
    if not weekly and not best:
        return None, False, False
    taken = [
        e.publish_at_ms for e in entries(drafts, start_ms=0) if e.target == target and e.draft_id != skip
    ]
    gap = timedelta(minutes=settings.gap_minutes)
    preferred = [s for s in weekly if (s.weekday, s.hour) in best] if weekly else [Slot(*b) for b in best]
    if preferred:
        found = next_free_slot(preferred, taken, now, tz, gap, horizon_days=7 if weekly else 28)
        if found is not None:
            return found, True, True
    return (next_free_slot(weekly, taken, now, tz, gap) if weekly else None), True, False


class NextSlotButton(QToolButton):
    """Fills the publish time with the target's next free posting slot; its menu opens the slots dialog."""

    found = Signal(object)
    """The slot chosen (an aware datetime), or None when there is none (the tooltip says why)."""
    edit_requested = Signal()
    """The user chose "Posting slots…" from the button's menu."""

    def __init__(
        self,
        context: UiContext,
        target_of: Callable[[], str],
        apply: Callable[[datetime], None],
        slot_store: SlotStore | None = None,
        queue: DraftQueue | None = None,
        tz: tzinfo | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context, self.target_of, self.apply = context, target_of, apply
        self.slot_store = slot_store or SlotStore()
        self.store = StoreQueue(queue, self)
        self._fixed_tz = tz  # a zone for tests; else the settings' choice, read at each click
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.skip: Callable[[], str | None] = lambda: None  # the draft being edited: its own time is free
        self.setText(self.tr("Next free slot"))
        self.setToolTip(self.tr("Set the time to this place's next posting slot that no other post takes"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self)
        menu.addAction(self.tr("Posting slots…"), self.edit_requested.emit)
        self.setMenu(menu)
        self.clicked.connect(self.find_free)

    @property
    def tz(self) -> tzinfo:
        """The zone of the posting slots and best times: the one given, else the settings' (`time_zone`, as
        Insights counts its best times in), else this computer's."""
        return self._fixed_tz if self._fixed_tz is not None else user_tz(self.context.settings.time_zone)

    def find_free(self) -> None:
        drafts, slot_store, target = self.context.drafts, self.slot_store, self.target_of() or ME
        now, tz, skip = self.now(), self.tz, self.skip()
        owner = self.context.outbox.owner if self.context.session is not None else None
        self.store.submit(
            lambda: find_free_slot(drafts, slot_store, target, now, tz, skip, owner), then=self._found
        )

    def _found(self, answer: tuple) -> None:
        when, has_slots, best = answer
        if when is not None and best:
            self.apply(when)
            self.setToolTip(
                self.tr("Set to the next free slot at one of your best times (from your figures)")
            )
        elif when is not None:
            self.apply(when)
            self.setToolTip(self.tr("Set to the next free slot"))
        elif has_slots:
            self.setToolTip(self.tr("Every posting slot of the next four weeks is taken"))
        else:
            self.setToolTip(self.tr("No posting slots for this place yet: add them with “Posting slots…”"))
        self.found.emit(when)

    def shutdown(self) -> None:
        self.store.close()
