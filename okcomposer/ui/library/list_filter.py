"""The search field and the place, state and period choices above the Drafts and History lists."""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from okcomposer.store.listing import ListFilter

TYPING_MS = 200  # the list is read again this long after the last key
DAY_MS = 86_400_000


class ListFilterBar(QWidget):
    changed = Signal()
    """The filter changed (typing: once it pauses)."""

    def __init__(self, states: Sequence[tuple[str, tuple[str, ...]]], parent: QWidget | None = None):
        """`states`: (name shown, the stored states it stands for), after "All states"."""
        super().__init__(parent)
        self.search = QLineEdit(placeholderText=self.tr("Search"), clearButtonEnabled=True)
        self.target = QComboBox()
        self.target.addItem(self.tr("All places"), "")
        self.state = QComboBox()
        self.state.addItem(self.tr("All states"), ())
        for name, stored in states:
            self.state.addItem(name, tuple(stored))
        self.period = QComboBox()
        for name, days in (
            (self.tr("Any time"), 0),
            (self.tr("Today"), 1),
            (self.tr("Last 7 days"), 7),
            (self.tr("Last 30 days"), 30),
            (self.tr("Last 12 months"), 365),
        ):
            self.period.addItem(name, days)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 2)
        for box in (self.target, self.state, self.period):
            layout.addWidget(box)
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.typing = QTimer(self, singleShot=True, interval=TYPING_MS)
        self.typing.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self.typing.start())

    def set_targets(self, targets: Sequence[tuple[str, str]], my_page: str) -> None:
        """The places to choose from: (target, name); "me" shows as `my_page`. The choice is kept."""
        chosen = self.target.currentData()
        self.target.blockSignals(True)
        while self.target.count() > 1:
            self.target.removeItem(1)
        for target, name in targets:
            self.target.addItem(my_page if target == "me" else (name or target), target)
        index = self.target.findData(chosen)
        self.target.setCurrentIndex(max(0, index))
        self.target.blockSignals(False)
        if index < 0 and chosen:
            self.changed.emit()  # the chosen place is gone from the list: show all

    def current(self) -> ListFilter:
        days = int(self.period.currentData() or 0)
        since = None
        if days == 1:  # today: from this midnight, local time
            since = QDateTime(QDate.currentDate(), QTime(0, 0)).toMSecsSinceEpoch()
        elif days:
            since = int(time.time() * 1000) - days * DAY_MS
        return ListFilter(
            text=self.search.text().strip(),
            target=str(self.target.currentData() or ""),
            states=tuple(self.state.currentData() or ()),
            since_ms=since,
        )
