"""The schedule's features: the Calendar tab, and posting slots (the "Next free slot" button, the dialog)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from okcomposer.store.slots import SlotSettings, SlotStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.feature import Entry, Feature, Menu, Tab
from okcomposer.ui.common.store_queue import DraftQueue
from okcomposer.ui.common.times import ME, to_qdatetime
from okcomposer.ui.schedule.calendar_view import CalendarView
from okcomposer.ui.schedule.slots_dialog import NextSlotButton, SlotsDialog
from okcomposer.ui.targets.picker import TargetPicker


class CalendarFeature(Feature):
    """The Calendar tab, refreshed each time it is shown."""

    def __init__(self, context: UiContext, queue: DraftQueue):
        self.view = CalendarView(context, queue=queue)

    def tabs(self) -> list[Tab]:
        return [Tab(self.view, QCoreApplication.translate("Workflow", "Calendar"), self.view.refresh)]

    def shutdown(self) -> None:
        self.view.shutdown()


class SlotsFeature(Feature):
    """Posting slots: "Next free slot" beside the target's time field, and Post → Posting slots….

    `names` gives the groups known so far (id -> name) for the dialog; `gap_changed` gets the minimum gap
    between posts (minutes) once the slots are loaded and after each save.
    """

    def __init__(
        self,
        context: UiContext,
        queue: DraftQueue,
        target: TargetPicker,
        draft_id: Callable[[], str | None],
        names: Callable[[], dict[str, str]],
        gap_changed: Callable[[int], None],
        parent: QWidget,
    ):
        self.context, self.queue, self.target, self.names = context, queue, target, names
        self.gap_changed, self.parent = gap_changed, parent
        self.store = SlotStore()
        self.dialog: SlotsDialog | None = None
        self.button = NextSlotButton(
            context, lambda: target.target() or ME, self.apply_slot, self.store, queue
        )
        self.button.skip = draft_id  # the draft being edited: its own time is free
        self.button.edit_requested.connect(self.open_dialog)
        target.publish_time.add_beside_time(self.button)
        target.changed.connect(self._sync_button)
        self._sync_button()
        self.action = QAction(QCoreApplication.translate("Workflow", "Posting slots…"), parent)
        self.action.triggered.connect(self.open_dialog)
        queue.submit(self.store.load, self._loaded)

    def _loaded(self, settings: SlotSettings) -> None:
        self.gap_changed(settings.gap_minutes)

    def _sync_button(self) -> None:
        self.button.setEnabled(self.target.schedule.isEnabled())

    def apply_slot(self, when: datetime) -> None:
        self.target.schedule.setChecked(True)
        self.target.when.setDateTime(to_qdatetime(when))

    def open_dialog(self) -> None:
        current = self.target.target() or ME
        dialog = SlotsDialog(self.context, dict(self.names()), current, self.store, self.queue, self.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._loaded)
        self.dialog = dialog
        dialog.open()

    def entries(self) -> list[Entry]:
        return [Entry(Menu.POST, "slots", self.action)]

    def shutdown(self) -> None:
        self.button.shutdown()
