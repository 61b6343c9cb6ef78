"""The import dialog's words for a file and its rows: the columns hint, what the reader found, a row's time
and a row's result (context "ImportDialog", as the dialog's own strings)."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QCoreApplication

from okcomposer.app import bulk_import as core
from okcomposer.app.import_table import COLUMNS
from okcomposer.app.schedule import MOSCOW, to_local
from okcomposer.ui.common.message_text import notice_text
from okcomposer.ui.common.times import short_date, short_time


def columns_hint() -> str:
    """The header names the reader accepts (app.import_table.COLUMNS), English and Russian alike:
    "Columns, by their English or Russian names: text (текст), link (url, ссылка), …; only target
    (group, группа) is needed"."""
    names = {}
    for key, accepted in COLUMNS.items():
        others = [n for n in accepted if n != key]
        names[key] = f"{key} ({', '.join(others)})" if others else key
    return QCoreApplication.translate(
        "ImportDialog", "Columns, by their English or Russian names: {columns}; only {target} is needed."
    ).format(columns=", ".join(names.values()), target=names["target"])


def source_text(plan: core.ImportPlan) -> str:
    """What the reader found: the encoding and separator of a CSV, the sheet of a workbook."""
    if plan.encoding == "xlsx":
        return QCoreApplication.translate("ImportDialog", "Excel workbook, sheet {sheet}").format(
            sheet=plan.sheet
        )
    separator = (
        QCoreApplication.translate("ImportDialog", "tab") if plan.separator == "\t" else plan.separator
    )
    return QCoreApplication.translate("ImportDialog", "Encoding: {encoding}; separator: {separator}").format(
        encoding=plan.encoding, separator=separator
    )


def time_text(tz: tzinfo, row: core.Row) -> str:
    """The row's time in the zone `tz` and in Moscow (OK's own clock), "At once", or why the file's time
    cannot be used (a row with a bad time is never sent "at once"); a page row's time says it waits on
    this computer."""
    if row.time_problem is not None:  # its first clause: the whole of it is in the Check column
        return notice_text(row.time_problem).split("; ", 1)[0]
    when = row.post.attachment.scheduled_at()
    if when is None and row.due_ms is not None:
        when = to_local(row.due_ms, tz)
    if when is None:
        return QCoreApplication.translate("ImportDialog", "At once")
    local, moscow = when.astimezone(tz), when.astimezone(MOSCOW)
    said = QCoreApplication.translate("ImportDialog", "{date} {time} (Moscow {moscow})").format(
        date=short_date(local),
        time=short_time(local),
        moscow=f"{short_date(moscow)} {short_time(moscow)}",
    )
    if row.due_ms is None:
        return said
    # my page: OK cannot delay it, so okcomposer keeps it until then (as the Post tab's "Publish later")
    return QCoreApplication.translate("ImportDialog", "{when}, waits on this computer").format(when=said)


def result_text(result: core.RowResult) -> str:
    """A published row's outcome: "Published", "Waiting on this computer", "Failed: <why>"…"""
    return {
        "published": QCoreApplication.translate("ImportDialog", "Published"),
        "scheduled": QCoreApplication.translate("ImportDialog", "Scheduled on OK"),
        "waiting": QCoreApplication.translate("ImportDialog", "Waiting on this computer"),
        "already": QCoreApplication.translate("ImportDialog", "Already published: not sent again"),
        "failed": QCoreApplication.translate("ImportDialog", "Failed: {message}"),
        "unknown": QCoreApplication.translate("ImportDialog", "Not confirmed: check on ok.ru"),
        "not_sent": QCoreApplication.translate("ImportDialog", "Not sent: {message}"),
        "skipped": QCoreApplication.translate("ImportDialog", "Not sent"),
    }.get(result.state, result.state).format(message=reason(result))


def reason(result: core.RowResult) -> str:
    """Why a row failed, in the UI language when the failure is known in this process."""
    if result.error is not None:
        return notice_text(result.error)
    return result.message or QCoreApplication.translate("ImportDialog", "unknown reason")
