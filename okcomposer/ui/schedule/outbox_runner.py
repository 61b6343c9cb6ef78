"""The outbox while the window runs: settle what a crash cut off, send page posts when due, ask when late.

Every `interval_ms` (10 s) the runner looks for waiting entries on a Task: those whose time came within
the grace period (15 min) are sent, so a post goes out within 30 s of its time while the app runs; older
ones (the app was closed, the computer slept) are never sent silently late: `overdue` asks the user
(send now / new time / discard). At the first look after start every due entry counts as overdue.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QDateTime, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from okcomposer.app.outbox import DUE_GRACE_MS, SendOptions
from okcomposer.store.outbox import Entry
from okcomposer.ui.common import outbox_words as words
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.date_field import DateTimeField
from okcomposer.ui.common.tasks import TaskGroup


def look_and_send(context_values: dict, client, outbox, grace_ms: int, recover: bool, cancel):
    """On a Task: settle crashed entries (once), send what is due; (settled, sent, overdue, waiting count)."""
    try:
        settled = outbox.recover(client, context_values.get("uid")) if recover else []
        options = SendOptions(cancel=cancel, **context_values)
        sent = outbox.run_due(client, options, grace_ms)
        _due, overdue = outbox.due(grace_ms)
        return settled, sent, overdue, len(outbox.waiting())
    finally:
        client.close()


class OutboxRunner(QObject):
    """Owns the timer that sends waiting page posts; tells the window what happened."""

    settled = Signal(list)
    """Entries a crash had left "sending", as they turned out (store.outbox.Entry)."""
    sent = Signal(list)
    """Waiting entries that were sent just now, with their outcome."""
    overdue = Signal(list)
    """Waiting entries whose time passed while okcomposer was not running: the user decides."""
    looked = Signal()
    """A look has ended (after the signals above)."""

    def __init__(self, context: UiContext, parent: QObject | None = None, interval_ms: int = 10_000):
        super().__init__(parent)
        self.context = context
        self.tasks = TaskGroup(self)
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.look)
        self.first = True  # the first look after start: every due entry is overdue, and crashes are settled
        self.asked: set[str] = set()  # overdue entries already put to the user this run
        self.waiting_count = 0
        context.session_changed.connect(self.look)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.look)

    def look(self) -> None:
        """Look now (unless a look is running or nobody is signed in)."""
        session = self.context.session
        if session is None or self.tasks.busy or self.tasks.stopping:
            return
        settings = self.context.settings
        values = {
            "uid": self.context.uid or (session.account.uid if session.account else None),
            "limits": self.context.limits,
            "strip_gps": settings.strip_gps,
            "parallel": settings.parallel_uploads,
        }
        grace = 0 if self.first else DUE_GRACE_MS
        recover, self.first = self.first, False
        client, outbox = self.context.client(), self.context.outbox
        self.tasks.run(
            lambda _report, cancel: look_and_send(values, client, outbox, grace, recover, cancel),
            succeeded=self._looked,
            failed=lambda _exc: None,  # cancelled at shutdown; a bug reaches the crash dialog
            name="okc-outbox",
        )

    def _looked(self, found: tuple) -> None:
        settled, sent, overdue, self.waiting_count = found
        if settled:
            self.settled.emit(settled)
        if sent:
            self.sent.emit(sent)
        new = [e for e in overdue if e.id not in self.asked]
        self.asked.update(e.id for e in new)
        if new:
            self.overdue.emit(new)
        self.looked.emit()

    def stop(self) -> None:
        self.timer.stop()
        self.tasks.stop()


def overdue_dialog(entry: Entry, parent: QWidget) -> QMessageBox:
    """ "“Title” for My page was due at … and was not sent: Send now / New time… / Discard"."""
    text = QCoreApplication.translate(
        "OutboxRunner",
        "“{title}” for {where} was due {when} and was not sent, because okcomposer was not running. "
        "Send it now, choose a new time, or discard it?",
    ).format(
        title=html.escape(entry.summary or QCoreApplication.translate("OutboxRunner", "(no text)")),
        where=html.escape(words.where_name(entry)),
        when=words.when_text(entry.due_ms or entry.intent_ms),
    )
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("OutboxRunner", "A post is late"),
        text,
        parent=parent,
    )
    box.setProperty(
        "send_button",
        box.addButton(
            QCoreApplication.translate("OutboxRunner", "Send now"), QMessageBox.ButtonRole.AcceptRole
        ),
    )
    box.setProperty(
        "time_button",
        box.addButton(
            QCoreApplication.translate("OutboxRunner", "New time…"), QMessageBox.ButtonRole.ActionRole
        ),
    )
    box.setProperty(
        "discard_button",
        box.addButton(
            QCoreApplication.translate("OutboxRunner", "Discard"), QMessageBox.ButtonRole.DestructiveRole
        ),
    )
    box.setProperty("entry_id", entry.id)
    return box


def new_time_dialog(parent: QWidget) -> tuple[QDialog, QDateTimeEdit]:
    """A date and time at least a minute from now, in the user's zone."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("OutboxRunner", "New time"))
    edit = DateTimeField()  # typeable in either language, with a calendar
    edit.setDateTime(QDateTime.currentDateTime().addSecs(3600))
    edit.setMinimumDateTime(QDateTime.currentDateTime().addSecs(60))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(QCoreApplication.translate("OutboxRunner", "Send it at:")))
    layout.addWidget(edit)
    layout.addWidget(buttons)
    return dialog, edit
