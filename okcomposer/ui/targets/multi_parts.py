"""The many-targets parts: the publishing job (on a Task), one target's version editor and its actions."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.client import OkClient
from okcomposer.api.topic import datetime_to_ms, ms_to_datetime
from okcomposer.app import multi as core
from okcomposer.app.multi import MultiPost, Override, Refused, TargetResult
from okcomposer.app.outbox import Outbox, SendOptions
from okcomposer.ui.common.date_field import DateTimeField
from okcomposer.ui.common.times import to_qdatetime

PUBLISH, RETRY, AGAIN, CHECK, ANYWAY = "publish", "retry", "again", "check", "anyway"


@dataclass
class Job:
    """What one Task does: publish to every target, retry failed ones, publish one repeat again,
    check not-confirmed ones, or publish one not-confirmed target anyway."""

    kind: str
    multi: MultiPost
    outbox: Outbox
    client: OkClient  # its own (UiContext.client), closed when the job ends
    previous: dict[str, TargetResult] = field(default_factory=dict)
    targets: list[str] = field(default_factory=list)  # AGAIN, CHECK, ANYWAY: the targets concerned
    uid: str | None = None
    names: dict[str, str] = field(default_factory=dict)
    options: SendOptions = field(default_factory=SendOptions)  # limits and upload settings
    draft_id: str | None = None  # the draft every outbox entry of the publish belongs to


def send(job: Job, report, cancel) -> dict[str, TargetResult] | Refused:
    """On a Task: run the job through the outbox, reporting (target, step) and each TargetResult.

    The outbox is the history: nothing else is written here (the draft's state is written afterwards,
    from the entries: ui/targets/multi_draft.py).
    """
    client = job.client
    common = dict(
        outbox=job.outbox,
        uid=job.uid or None,
        names=job.names,
        progress=lambda target, step: report((target, step)),
        on_result=report,
        cancel=cancel,
        limits=job.options.limits,
        send_options=job.options,
        draft_id=job.draft_id,
    )
    try:
        if job.kind == CHECK:
            return core.recheck_unknown(client, job.outbox, job.previous, job.uid or None, job.targets)
        if job.kind == ANYWAY:
            results = dict(job.previous)
            for target in job.targets:
                step = lambda name, t=target: report((t, name))  # noqa: E731
                options = replace(job.options, uid=job.uid or None, cancel=cancel, on_step=step)
                results = core.publish_anyway(client, job.outbox, results, target, options)
                report(results[target])
            return results
        if job.kind == RETRY:
            return core.retry_failed(client, job.multi, job.previous, **common)
        if job.kind == AGAIN:
            return core.publish_all(
                client, job.multi, previous=job.previous, only=job.targets, again=job.targets, **common
            )
        return core.publish_all(client, job.multi, **common)
    except Refused as exc:  # nothing was sent: an answer for the view, not a bug for the crash dialog
        return exc
    finally:
        client.close()


class VersionEditor(QGroupBox):
    """What one target changes: its own text, publish time, voice and comments; all empty means the base.

    Below, the target's result and what can be done about it: "Publish again" for a repeat that was not
    sent, "Check again" and "Publish anyway" for a post OK did not confirm.
    """

    edited = Signal()
    """The user changed the version shown (read it with override())."""
    again_clicked = Signal()
    """ "Publish again": send this repeat once more."""
    check_clicked = Signal()
    """ "Check again": look on OK for this not-confirmed post."""
    anyway_clicked = Signal()
    """ "Publish anyway": send this not-confirmed post once more."""

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
        self.when = DateTimeField()  # typeable in either language, with a calendar
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
        self.again_button = QPushButton(self.tr("Publish again"))
        self.again_button.setToolTip(self.tr("Publish it there once more, although the same post is there"))
        self.check_button = QPushButton(self.tr("Check again"))
        self.check_button.setToolTip(self.tr("Look on OK whether it was published; nothing is sent"))
        self.anyway_button = QPushButton(self.tr("Publish anyway"))
        self.anyway_button.setToolTip(
            self.tr("Send it once more: only after you have looked on ok.ru and it is not there")
        )
        actions = QHBoxLayout()
        for button in (self.again_button, self.check_button, self.anyway_button):
            button.hide()
            actions.addWidget(button)
        actions.addStretch(1)
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
        layout.addLayout(actions)
        layout.addStretch(1)
        for box in (self.own_text, self.own_time):
            box.toggled.connect(self._on_changed)
        self.text.textChanged.connect(self._on_changed)
        self.when.dateTimeChanged.connect(self._on_changed)
        self.behalf.currentIndexChanged.connect(self._on_changed)
        self.comments.currentIndexChanged.connect(self._on_changed)
        self.reset_button.clicked.connect(self.on_reset_button_clicked)
        self.again_button.clicked.connect(self.again_clicked)
        self.check_button.clicked.connect(self.check_clicked)
        self.anyway_button.clicked.connect(self.anyway_clicked)

    def show_actions(self, result: TargetResult | None, enabled: bool) -> None:
        """The buttons the selected target's result offers (none while a publish runs)."""
        state = result.state if result is not None else ""
        self.again_button.setVisible(state == core.ALREADY)
        for button in (self.check_button, self.anyway_button):
            button.setVisible(state == core.UNCONFIRMED and result is not None and bool(result.entry_id))
        for button in (self.again_button, self.check_button, self.anyway_button):
            button.setEnabled(enabled)

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
        """The version shown, as an Override (empty when it is the base post)."""
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
        """Back to the base post."""
        self._loading = True
        self.own_text.setChecked(False)
        self.own_time.setChecked(False)
        self.behalf.setCurrentIndex(0)
        self.comments.setCurrentIndex(0)
        self._loading = False
        self._on_changed()


def lay_out(view) -> None:
    """The Many targets view's parts in place: the list and its status left, the version right, the
    summary and buttons below."""
    left = QWidget()
    column = QVBoxLayout(left)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(view.tree, 1)
    column.addWidget(view.status)
    splitter = QSplitter(Qt.Orientation.Horizontal, childrenCollapsible=False)
    splitter.setObjectName("many_targets_splitter")  # its sizes are remembered (ui/common/window_state)
    splitter.addWidget(left)
    splitter.addWidget(view.editor)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    buttons = QHBoxLayout()
    buttons.addWidget(view.summary, 1)
    buttons.addWidget(view.progress)
    for button in (view.cancel_button, view.check_button, view.retry_button, view.publish_button):
        buttons.addWidget(button)
    layout = QVBoxLayout(view)
    layout.addWidget(view.intro)
    layout.addWidget(splitter, 1)
    layout.addLayout(buttons)
