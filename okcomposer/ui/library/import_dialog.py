"""Bulk import: pick a CSV or Excel file, see every row's check before anything happens, then save as drafts
or publish."""

from __future__ import annotations

import html
from contextlib import closing, suppress
from datetime import tzinfo
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.errors import OkError
from okcomposer.app import bulk_import as core
from okcomposer.app.import_plan import PlanOutcome, check_import, check_online, group_names, publish_plan
from okcomposer.app.schedule import title_of
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.i18n import error_text
from okcomposer.ui.common.message_text import message_text, notice_text
from okcomposer.ui.common.tasks import Task, TaskGroup
from okcomposer.ui.common.times import window_tz
from okcomposer.ui.library import import_words

ROW, TARGET, TEXT, TIME, CHECK, RESULT = range(6)
BAD, GOOD = QColor("#c62828"), QColor("#2e7d32")


def check_file(path: Path, tz: tzinfo, limits, report=None, client=None, uid="", names=None):
    """On a Task: the checked plan (app.import_plan.check_import, as `okcomposer import` checks it), or why
    the file cannot be read (returned: it is no bug to report). With `client` (signed in, closed here)
    OK is asked too: group names as targets, my rights in each group; if OK cannot be asked, the file's
    own check stands and publishing asks for the rights again.

    Photo addresses are downloaded here, off the GUI thread; report(("download", i, count)) before each.
    """
    on_download = (lambda i, count, _url: report(("download", i, count))) if report else None
    try:
        plan = check_import(path, tz=tz, limits=limits, names=names, on_download=on_download)
    except core.ImportFailed as exc:
        return exc
    if client is not None:
        with closing(client), suppress(OkError):
            check_online(client, plan, uid, names)
    return plan


class ImportDialog(QDialog):
    """The rows of a CSV or Excel file with their check results; saving or publishing only when every row is
    valid."""

    drafts_saved = Signal(list)
    """The rows are drafts now (their ids, in row order)."""
    published = Signal(list)
    """Publishing ended: one app.bulk_import.RowResult per row."""

    def __init__(self, context: UiContext, tz: tzinfo | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import posts from CSV or Excel"))
        self.context, self.tz = context, tz or window_tz()  # the settings' zone, as the CLI's import
        self.tasks = TaskGroup(self)
        self.plan: core.ImportPlan | None = None
        self.draft_ids: list[str] = []
        self.sent = False  # published once: never again from this dialog
        self.task: Task | None = None
        self.names: dict[str, str] = {}  # my groups' names by id, once they arrive (else the ids show)
        self.choose_button = QPushButton(self.tr("Choose a CSV or Excel file…"))
        self.path = QLabel(import_words.columns_hint(), wordWrap=True)
        self.table = QTableWidget(0, 6)
        headers = (self.tr("Row"), self.tr("Target"), self.tr("Text"), self.tr("Time"), self.tr("Check"))
        self.table.setHorizontalHeaderLabels([*headers, self.tr("Result")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self._fit_columns()
        self.details = QLabel(wordWrap=True)  # the selected row's check and result, whole
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(wordWrap=True)
        for label in (self.path, self.details, self.summary):  # a long word is cut, never widens the window
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.save_button = QPushButton(self.tr("Save as drafts"))
        self.publish_button = QPushButton(self.tr("Publish all"))
        self.cancel_button = QPushButton(self.tr("Cancel publishing"))
        self.close_button = QPushButton(self.tr("Close"))
        self.cancel_button.hide()
        self._layout()
        self.choose_button.clicked.connect(self.on_choose_button_clicked)
        self.save_button.clicked.connect(self.save_drafts)
        self.publish_button.clicked.connect(self.publish_all)
        self.cancel_button.clicked.connect(lambda: self.task is not None and self.task.cancel())
        self.close_button.clicked.connect(self.reject)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_details(row))
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self._update_buttons()
        self.resize(900, 480)
        self._load_names()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.path, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.cancel_button, self.save_button, self.publish_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)

    def _fit_columns(self) -> None:
        """No column grows past the window: the check and the result wrap (rows as tall as their text),
        so a long problem is read whole at 1024x640 without scrolling sideways."""
        table, header = self.table, self.table.horizontalHeader()
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ROW, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CHECK, QHeaderView.ResizeMode.Stretch)
        for column, width in ((TARGET, 150), (TEXT, 170), (TIME, 150), (RESULT, 150)):
            table.setColumnWidth(column, width)

    def _show_details(self, index: int) -> None:
        """The row's check and result in full below the table (a cell may wrap, this never cuts)."""
        if index < 0 or self.plan is None or index >= len(self.plan.rows):
            self.details.clear()
            return
        columns = (CHECK, RESULT) if self.plan.rows[index].time_problem is not None else (TIME, CHECK, RESULT)
        texts = [self.table.item(index, c) for c in columns]  # a time problem is in the check, whole
        lines = [item.text() for item in texts if item is not None and item.text()]
        head = self.tr("Row {number}:").format(number=self.plan.rows[index].number)
        self.details.setText("\n".join([head, *dict.fromkeys(lines)]))

    def on_choose_button_clicked(self) -> None:
        kinds = self.tr("Tables: CSV or Excel (*.csv *.xlsx)")
        dialog = QFileDialog(self, self.tr("Choose a CSV or Excel file"), "", kinds)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.load_file)
        dialog.open()

    # --- checking ---------------------------------------------------------------------------------
    def load_file(self, path: str | Path) -> None:
        """Read and check every row on a Task (photo checks read the files); nothing is saved or sent."""
        path = Path(path)
        self.plan, self.draft_ids, self.sent = None, [], False
        self.table.setRowCount(0)
        self.details.clear()
        self.path.setText(str(path))
        self.summary.setText(self.tr("Checking the rows…"))
        tz, limits, uid, names = self.tz, self.context.limits, self.context.uid or "", self.names or None
        client = self.context.client() if self.context.session is not None else None  # closed on the Task
        self._start(
            lambda report, _cancel: check_file(path, tz, limits, report, client, uid, names),
            self._loaded,
            self._downloading,
        )

    def _downloading(self, event) -> None:
        _kind, index, count = event
        self.summary.setText(
            self.tr("Downloading photo {index} of {count}…").format(index=index, count=count)
        )

    def _loaded(self, plan: core.ImportPlan | core.ImportFailed) -> None:
        if isinstance(plan, core.ImportFailed):  # the file itself cannot be read as an import
            text = html.escape(message_text(plan.reason), quote=False)
            self.summary.setText(f'<span style="color:#c62828">{text}</span>')
            return
        self.plan = plan
        self.path.setText(f"{plan.path}\n{import_words.source_text(plan)}")
        self.table.setRowCount(len(plan.rows))
        for index, row in enumerate(plan.rows):
            cells = (str(row.number), "", title_of(row.post), import_words.time_text(self.tz, row))
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
            self._show_target(index, row.target)
            if row.time_problem is not None:  # the time that will not be used is not shown as one
                self._time_cell(index).setForeground(BAD)
                self._time_cell(index).setToolTip(notice_text(row.time_problem))
            self._check(index, row.problems, row.notes)
            self.table.setItem(index, RESULT, QTableWidgetItem(""))
        bad, count = sum(1 for row in plan.rows if row.problems), len(plan.rows)
        if bad:
            text = self.tr(
                "%n of {count} rows need fixing in the file; nothing can be saved or sent yet.", "", bad
            )
        else:
            text = self.tr("All %n rows are fine.", "", count)
        self.summary.setText(text.format(count=count))
        self.table.resizeRowsToContents()
        first_bad = next((i for i, row in enumerate(plan.rows) if row.problems), None)
        if first_bad is not None:  # its problem, whole, below the table
            self.table.setCurrentCell(first_bad, CHECK)
        self._update_buttons()

    def _load_names(self) -> None:
        """My groups' names, on a Task; without them (signed out, OK failed) the targets show as ids."""
        if self.context.session is None:
            return
        client = self.context.client()  # closed on the Task

        def work(_report, _cancel) -> dict[str, str]:
            with closing(client):
                return group_names(client)

        self.tasks.run(work, succeeded=self._names_arrived, failed=lambda _exc: None, name="okc-import-names")

    def _names_arrived(self, names: dict[str, str]) -> None:
        self.names = names
        for index, row in enumerate(self.plan.rows if self.plan is not None else []):
            self._show_target(index, row.target)
        self.table.resizeRowsToContents()

    def _show_target(self, index: int, target: str) -> None:
        """ "My page", the group's name (its id in the tooltip), or the id of a group not among mine."""
        item = self.table.item(index, TARGET)
        if item is None:
            return
        if target == "me":
            item.setText(self.tr("My page"))
        else:  # a long cell is cut (it is whole in the tooltip): the column keeps its width
            shown = self.names.get(target) or target
            item.setText(shown if len(shown) <= 60 else shown[:60] + "…")
            item.setToolTip(self.tr("Group {id}").format(id=target) if target.isdigit() else target)

    def _time_cell(self, index: int) -> QTableWidgetItem:
        item = self.table.item(index, TIME)
        assert item is not None  # _loaded gives every row its cells
        return item

    def _check(self, index: int, problems: list, notes: list | tuple = ()) -> None:
        """The check column: the row's problems (rules problems, app.messages Messages) or OK, and its notes
        (a repeated wall time: which one is used)."""
        said = "\n".join(map(notice_text, problems)) if problems else self.tr("OK")
        item = QTableWidgetItem("\n".join([said, *map(notice_text, notes)]))
        item.setForeground(BAD if problems else GOOD)
        item.setToolTip(item.text())
        self.table.setItem(index, CHECK, item)
        self.table.resizeRowToContents(index)
        if index == self.table.currentRow():
            self._show_details(index)

    # --- saving and publishing ------------------------------------------------------------------
    def save_drafts(self) -> None:
        plan, drafts = self.plan, self.context.drafts
        if plan is None or not plan.ok or self.draft_ids:
            return
        self._start(lambda _report, _cancel: core.save_drafts(plan, drafts), self._saved)

    def _saved(self, ids: list[str]) -> None:
        self.draft_ids = ids
        rows = self.plan.rows if self.plan is not None else []
        for index in range(min(len(rows), len(ids))):  # a page row's draft keeps its time too
            self._result_cell(index).setText(self.tr("Saved as a draft"))
        self.summary.setText(self.tr("Saved as drafts: {count}.").format(count=len(ids)))
        self._update_buttons()
        self.drafts_saved.emit(list(ids))

    def publish_all(self) -> None:
        plan, session = self.plan, self.context.session
        if plan is None or not plan.ok or session is None:
            return
        drafts, ids, uid, limits = (
            self.context.drafts,
            list(self.draft_ids),
            self.context.uid,
            self.context.limits,
        )
        self.summary.setText(self.tr("Publishing…"))
        self.cancel_button.show()
        client = self.context.client()  # handed out here, used and closed on the Task

        def work(report, cancel) -> PlanOutcome:
            with closing(client):
                return publish_plan(
                    client,
                    plan,
                    drafts,
                    draft_ids=ids,
                    uid=uid,
                    limits=limits,
                    cancel=cancel,
                    on_saved=lambda saved: report(("saved", saved)),
                    on_result=report,
                )

        self._start(
            work,
            self._publish_ended,
            progress=self._on_progress,
        )

    def _on_progress(self, event) -> None:
        if isinstance(event, tuple) and event[0] == "saved":
            self.draft_ids = list(event[1])
            return
        index = self._index_of(event.number)
        cell = self._result_cell(index)
        cell.setText(import_words.result_text(event))
        cell.setToolTip("\n".join(dict.fromkeys(filter(None, (cell.text(), event.url)))))
        self.table.resizeRowToContents(index)
        if index == self.table.currentRow():
            self._show_details(index)

    def _index_of(self, number: int) -> int:
        assert self.plan is not None  # the plan being published; no file can be loaded meanwhile
        return next(i for i, row in enumerate(self.plan.rows) if row.number == number)

    def _result_cell(self, index: int) -> QTableWidgetItem:
        item = self.table.item(index, RESULT)
        assert item is not None  # _loaded gives every row its cells
        return item

    def _publish_ended(self, outcome: PlanOutcome) -> None:
        self.cancel_button.hide()
        if outcome.refused:
            self.summary.setText(self.tr("Nothing was sent: you may not publish in some groups."))
            for refusal in outcome.refused:  # app.rights.RowRefusal: the row and why
                self._check(self._index_of(refusal.number), [refusal.reason])
            return
        value = outcome.results
        states = [r.state for r in value]
        self.summary.setText(
            self.tr(
                "Published: {done}, scheduled on OK: {scheduled}, waiting: {waiting}; of {count}."
            ).format(
                done=states.count("published"),
                scheduled=states.count("scheduled"),
                waiting=states.count("waiting"),
                count=len(value),
            )
        )
        self.sent = True
        self._update_buttons()
        self.published.emit(list(value))

    def _start(self, fn, then, progress=None) -> None:
        self.task = self.tasks.run(
            fn,
            succeeded=lambda v: self._ended(then, v),
            failed=self._failed,
            progress=progress,
            name="okc-import",
        )
        self._update_buttons()

    def _ended(self, then, value) -> None:
        self.task = None
        then(value)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.cancel_button.hide()
        text = html.escape(error_text(exc), quote=False).replace("\n", "<br>")
        self.summary.setText(f'<span style="color:#c62828">{text}</span>')
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle, plan = self.task is None, self.plan
        ready = idle and plan is not None and plan.ok and bool(plan.rows) and not self.sent
        self.save_button.setEnabled(ready and not self.draft_ids)
        self.publish_button.setEnabled(ready and self.context.session is not None)
        # Once saved, publishing sends those drafts (publish_plan gets their ids): never a second set.
        saved = bool(self.draft_ids)
        self.publish_button.setText(self.tr("Publish the saved drafts") if saved else self.tr("Publish all"))
        self.publish_button.setToolTip(
            self.tr("Publishes the drafts just saved; no new drafts are made") if saved else ""
        )
        self.choose_button.setEnabled(idle)

    def reject(self) -> None:
        """Closing while publishing cancels and waits: each row's draft keeps its state."""
        self.tasks.stop()
        super().reject()
