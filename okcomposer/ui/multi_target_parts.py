"""The many-targets parts: the publishing Task, and one target's version editor."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.topic import datetime_to_ms, ms_to_datetime
from okcomposer.app import multi as core
from okcomposer.app.multi import MultiPost, Override, Refused
from okcomposer.app.schedule import queue_local, title_of
from okcomposer.store.drafts import HistoryEntry, now_ms
from okcomposer.ui.workflow_common import to_qdatetime


def send(session, multi: MultiPost, uid: str, previous, drafts, options: dict, report, cancel):
    """On a Task: publish_all (or retry_failed when `previous` is given), reporting (target, step).

    Each newly published target goes into the History under its name (options["names"]).
    """
    from okcomposer.api.client import OkClient

    names, limits = options["names"], options["limits"]

    client = OkClient(session.credentials, session.api_base)
    publishing = dict(
        uid=uid or None,
        progress=lambda target, step: report((target, step)),
        cancel=cancel,
        queue=lambda post, when_ms: queue_local(drafts, post, when_ms),
        limits=limits,
    )
    try:
        if previous is not None:
            results = core.retry_failed(client, multi, previous, **publishing)
        else:
            results = core.publish_all(client, multi, **publishing)
    except Refused as exc:  # nothing was sent: an answer for the view, not a bug for the crash dialog
        return exc
    finally:
        client.close()
    for target, result in results.items():
        if result.state == core.PUBLISHED and (previous or {}).get(target) != result:
            summary = title_of(multi.version(target))
            place = names.get(target, target)
            drafts.add_history(HistoryEntry("post", place, result.topic_id, result.url, summary, now_ms()))
    return results


class VersionEditor(QGroupBox):
    """What one target changes: its own text, publish time, voice and comments; all empty means the base."""

    edited = Signal()
    """The user changed the version shown (read it with override())."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        self.same = QLabel(self.tr("Same as the base post"))
        self.same.setStyleSheet("font-style: italic")
        self.own_text = QCheckBox(self.tr("Own text"))
        self.text = QPlainTextEdit()
        self.text.setMaximumHeight(140)
        self.text.setPlaceholderText(self.tr("The text of the first text block for this target"))
        self.own_time = QCheckBox(self.tr("Own publish time"))
        self.when = QDateTimeEdit(calendarPopup=True)
        self.behalf = QComboBox()
        for label, value in (
            (self.tr("As in the base post"), None),
            (self.tr("On behalf of the group"), True),
        ):
            self.behalf.addItem(label, value)
        self.behalf.addItem(self.tr("As myself"), False)
        self.comments = QComboBox()
        self.comments.addItem(self.tr("As in the base post"), None)
        self.comments.addItem(self.tr("Comments on"), False)
        self.comments.addItem(self.tr("Comments off"), True)
        self.reset_button = QPushButton(self.tr("Use the base post"))
        self.result = QLabel(wordWrap=True, openExternalLinks=True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        form = QFormLayout()
        form.addRow(self.own_time, self.when)
        form.addRow(self.tr("Published as"), self.behalf)
        form.addRow(self.tr("Comments"), self.comments)
        layout = QVBoxLayout(self)
        for widget in (self.same, self.own_text, self.text):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        layout.addStretch(1)
        for box in (self.own_text, self.own_time):
            box.toggled.connect(self._on_changed)
        self.text.textChanged.connect(self._on_changed)
        self.when.dateTimeChanged.connect(self._on_changed)
        self.behalf.currentIndexChanged.connect(self._on_changed)
        self.comments.currentIndexChanged.connect(self._on_changed)
        self.reset_button.clicked.connect(self.on_reset_button_clicked)

    def show_target(
        self, name: str, is_me: bool, override: Override | None, base_text: str, base_when: datetime
    ) -> None:
        """Show a target's version without emitting `edited`."""
        override = override or Override()
        self._loading = True
        try:
            self.setTitle(self.tr("Version for {target}").format(target=name))
            self.own_text.setChecked(override.text is not None)
            self.text.setPlainText(override.text if override.text is not None else base_text)
            self.own_time.setChecked(override.publish_at_ms is not None)
            when = ms_to_datetime(override.publish_at_ms) if override.publish_at_ms is not None else base_when
            self.when.setDateTime(to_qdatetime(when))
            self.behalf.setCurrentIndex(self.behalf.findData(override.on_behalf_of_group))
            self.comments.setCurrentIndex(self.comments.findData(override.disable_comments))
            for widget in (self.behalf, self.comments):
                widget.setEnabled(not is_me)  # the user's page has no group voice nor comment switch
            self._sync(override)
        finally:
            self._loading = False

    def override(self) -> Override:
        when = datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), UTC)
        return Override(
            text=self.text.toPlainText() if self.own_text.isChecked() else None,
            publish_at_ms=datetime_to_ms(when) if self.own_time.isChecked() else None,
            on_behalf_of_group=self.behalf.currentData() if self.behalf.isEnabled() else None,
            disable_comments=self.comments.currentData() if self.comments.isEnabled() else None,
        )

    def _sync(self, override: Override) -> None:
        self.text.setEnabled(self.own_text.isChecked())
        self.when.setEnabled(self.own_time.isChecked())
        self.same.setVisible(override == Override())
        self.reset_button.setEnabled(override != Override())

    def _on_changed(self, *_args) -> None:
        if self._loading:
            return
        self._sync(self.override())
        self.edited.emit()

    def on_reset_button_clicked(self) -> None:
        self._loading = True
        self.own_text.setChecked(False)
        self.own_time.setChecked(False)
        self.behalf.setCurrentIndex(0)
        self.comments.setCurrentIndex(0)
        self._loading = False
        self._on_changed()
