"""The window's words for what the core tells the user: app.messages codes, rules problems and failures.

Each code of app.messages.ENGLISH has one translated template here (context "messages"); counts use Qt's
%n plural forms, so Russian reads 1 строка / 2 строки / 5 строк and English 1 column / 2 columns.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from okcomposer.app.messages import Message, MessageError, english
from okcomposer.media.result import PrecheckResult
from okcomposer.ui.common import core_strings

Params = Mapping[str, Any]


class Counted(QObject):
    """Templates with a counted %n (lupdate takes a count in a variable only from tr(), not translate())."""

    def extra_cells(self, columns: int) -> str:
        return self.tr("{cells} cells but the header names %n columns", "", columns)


# code -> the translated template (QCoreApplication.translate literals, so lupdate finds them)
TEMPLATES: dict[str, Callable[[Params], str]] = {
    "group.missing": lambda p: QCoreApplication.translate("messages", "there is no group {gid}"),
    "group.not_member": lambda p: QCoreApplication.translate(
        "messages", "you are not a member of group {gid}, so you cannot publish there"
    ),
    "group.no_right": lambda p: QCoreApplication.translate(
        "messages", "only admins, moderators and editors publish in group {gid}"
    ),
    "page.time_passed": lambda p: QCoreApplication.translate(
        "messages",
        "the time for your page has passed; choose a later time or publish it at once",
    ),
    "photo.missing": lambda p: QCoreApplication.translate("messages", "the photo {name} does not exist"),
    "photo.unopenable": lambda p: QCoreApplication.translate(
        "messages", "the photo {name} cannot be opened ({why})"
    ),
    "photo.bad": lambda p: QCoreApplication.translate(
        "messages", "the photo {name} cannot be published as it is"
    ),
    "video.missing": lambda p: QCoreApplication.translate(
        "messages",
        "the video '{name}' does not exist (moved or deleted?); pick it again",
    ),
    "video.not_file": lambda p: QCoreApplication.translate(
        "messages", "'{name}' is not a regular file; pick a video file"
    ),
    "video.size": lambda p: QCoreApplication.translate(
        "messages", "the video '{name}' is {size}; OK takes {low_kb} KB to {high_mb} MB"
    ),
    "import.unreadable": lambda p: QCoreApplication.translate(
        "messages", "{file} cannot be read as a CSV file ({reason})"
    ),
    "import.not_utf8": lambda p: QCoreApplication.translate(
        "messages", "{file}: not UTF-8 text (line {line}); save it as 'CSV UTF-8'"
    ),
    "import.too_many_rows": lambda p: QCoreApplication.translate(
        "messages", "{file}: more than {max} rows; split it into smaller files"
    ),
    "import.cell_too_long": lambda p: QCoreApplication.translate(
        "messages",
        "{file}: row {row} (line {line}): a cell is longer than {max} characters",
    ),
    "import.bad_csv": lambda p: QCoreApplication.translate(
        "messages", "{file}: row {row} (line {line}) is not valid CSV ({error})"
    ),
    "import.empty": lambda p: QCoreApplication.translate("messages", "{file}: the file is empty"),
    "import.unknown_column": lambda p: QCoreApplication.translate(
        "messages", "{file}: unknown column {name} (known: {known})"
    ),
    "import.column_twice": lambda p: QCoreApplication.translate(
        "messages", "{file}: the column '{name}' appears twice"
    ),
    "import.no_target_column": lambda p: QCoreApplication.translate(
        "messages", "{file}: no 'target' column (a group id or 'me' for each row)"
    ),
    "row.no_target": lambda p: QCoreApplication.translate("messages", "no target"),
    "row.bad_target": lambda p: QCoreApplication.translate(
        "messages",
        "the target {target} is neither a group id nor 'me'; write the group's id, the number in its "
        "address (ok.ru/group/<id>), or sign in so that your groups' names are known",
    ),
    "row.target_unknown": lambda p: QCoreApplication.translate(
        "messages",
        "the target {target} is none of your groups' names, nor a group id or 'me'; write the group's id, "
        "the number in its address (ok.ru/group/<id>)",
    ),
    "row.target_ambiguous": lambda p: QCoreApplication.translate(
        "messages", "several of your groups are named {target} ({ids}); write the group's id"
    ),
    "row.no_such_date": lambda p: QCoreApplication.translate(
        "messages", "the date in {time} does not exist: there is no {date}"
    ),
    "row.bad_type": lambda p: QCoreApplication.translate(
        "messages", "the type {type} does not fit the target; use one of {allowed}"
    ),
    "row.bad_time": lambda p: QCoreApplication.translate(
        "messages",
        "the time {time} is not written in a way this app reads; write it as one of {accepted}",
    ),
    "row.page_time": lambda p: QCoreApplication.translate(
        "messages",
        "OK cannot delay posts on your own page (target me); clear publish_at",
    ),
    "row.extra_cells": lambda p: Counted().extra_cells(p["columns"]),
    # issue 17: what the import reads, and photo addresses
    "import.unknown_encoding": lambda p: QCoreApplication.translate(
        "messages", "{file}: cannot tell how its text is encoded; save it as 'CSV UTF-8'"
    ),
    "import.bad_xlsx": lambda p: QCoreApplication.translate(
        "messages", "{file}: not a readable Excel workbook ({error}); save it again as .xlsx or as CSV"
    ),
    "import.old_xls": lambda p: QCoreApplication.translate(
        "messages", "{file}: an old Excel 97-2003 workbook (.xls); save it as .xlsx or as 'CSV UTF-8'"
    ),
    "photo_url.failed": lambda p: QCoreApplication.translate(
        "messages", "the photo {url} could not be downloaded ({why})"
    ),
    "photo_url.timeout": lambda p: QCoreApplication.translate(
        "messages", "the photo {url} did not arrive within {seconds} seconds"
    ),
    "photo_url.status": lambda p: QCoreApplication.translate(
        "messages", "the photo {url} could not be downloaded: the server answered {status}"
    ),
    "photo_url.not_image": lambda p: QCoreApplication.translate(
        "messages", "{url} is not an image: the server sends {type}"
    ),
    "photo_url.too_big": lambda p: QCoreApplication.translate(
        "messages", "the photo {url} is larger than {mb} MB"
    ),
    "row.time_gap": lambda p: QCoreApplication.translate(
        "messages", "the time {time} does not exist in {zone}: the clocks skip it; pick another time"
    ),
    "row.time_fold": lambda p: QCoreApplication.translate(
        "messages", "the time {time} happens twice in {zone} (clocks go back); {used}, the first, is used"
    ),
    "row.unnamed_cell": lambda p: QCoreApplication.translate(
        "messages", "a value {value} in column {column}, which has no header; name it or clear it"
    ),
    "row.time_past": lambda p: QCoreApplication.translate("messages", "the time {time} is not in the future"),
    "outbox.cancelled": lambda p: QCoreApplication.translate("messages", "cancelled"),
    "outbox.cancelled_checking": lambda p: QCoreApplication.translate(
        "messages", "cancelled while checking whether OK published it"
    ),
    "outbox.stopped": lambda p: QCoreApplication.translate(
        "messages", "okcomposer stopped before sending it"
    ),
    "outbox.read_back": lambda p: QCoreApplication.translate(
        "messages", "the post could not be read back: {error}"
    ),
    "outbox.no_moments_list": lambda p: QCoreApplication.translate(
        "messages", "OK lists no Moments to check"
    ),
    "outbox.not_asked": lambda p: QCoreApplication.translate("messages", "OK could not be asked: {error}"),
    "outbox.not_listed": lambda p: QCoreApplication.translate(
        "messages", "not among the latest topics on OK"
    ),
    "error.network": lambda p: QCoreApplication.translate("messages", "the connection to OK failed: {error}"),
    "error.http": lambda p: QCoreApplication.translate("messages", "OK answered with HTTP status {status}"),
    "error.redirect": lambda p: QCoreApplication.translate(
        "messages", "the server sent okcomposer on to another address ({host}), which it never follows"
    ),
    "error.outcome_unknown": lambda p: QCoreApplication.translate(
        "messages", "the connection broke while OK was publishing: {error}"
    ),
    "error.text": lambda p: "{error}",  # a library's own words: data, shown as they are
}


# media.precheck.REASONS (the finer cause of a failed photo check) -> the translated template, so the window
# says what `okcomposer check` says; {name} the file name, the other fields media.precheck.REASONS's.
PRECHECK_REASONS: dict[str, Callable[[], str]] = {
    "missing": lambda: QCoreApplication.translate(
        "photos", "{name} does not exist (moved or deleted?). Pick the file again."
    ),
    "unopenable": lambda: QCoreApplication.translate(
        "photos", "{name} cannot be opened ({why}). Pick another file."
    ),
    "folder": lambda: QCoreApplication.translate(
        "photos", "{name} is a folder, not an image file. Pick a photo inside it."
    ),
    "not_regular": lambda: QCoreApplication.translate(
        "photos", "{name} is not a regular file (a pipe or device?). Pick a photo."
    ),
    "empty": lambda: QCoreApplication.translate(
        "photos", "{name} is empty (0 bytes): an unfinished download or copy? Pick the complete photo."
    ),
    "unreadable": lambda: QCoreApplication.translate(
        "photos", "{name} cannot be read ({why}). Check its permissions."
    ),
    "too_large_to_open": lambda: QCoreApplication.translate(
        "photos", "{name} declares an image too large to open safely. Pick a smaller image."
    ),
    "too_big": lambda: QCoreApplication.translate(
        "photos",
        "{name} is {dims} pixels; OK takes at most {side} pixels a side and {megapixels} megapixels. "
        "Downscale it to {fitted} (offered) or pick a smaller image.",
    ),
    "too_large_to_shrink": lambda: QCoreApplication.translate(
        "photos",
        "{name} is {dims} pixels; OK takes at most {side} pixels a side and {megapixels} megapixels. "
        "It is too large to shrink safely here (over {safe_megapixels} megapixels): resize it in an image "
        "editor or pick another image.",
    ),
}


def precheck_reason_text(result: PrecheckResult) -> str | None:
    """A media.precheck result's finer cause (`result.reason`) in the UI language; None when it has none
    (the code's own words apply: ui.common.i18n.precheck_text)."""
    template = PRECHECK_REASONS.get(result.reason or "")
    if template is None:
        return None
    name = os.path.basename(os.path.normpath(result.path)) or result.path
    try:
        return template().format(name=name, **dict(result.details))
    except (KeyError, IndexError, ValueError):  # a translation naming a field the reason lacks
        return str(result.message)


def _shown(code: str, params: Params) -> dict[str, Any]:
    """The parameters as the window shows them: sizes and times in the user's language."""
    from okcomposer.ui.common.i18n import size_text
    from okcomposer.ui.common.outbox_words import when_text

    shown = dict(params)
    if isinstance(params.get("max"), int):  # 131 072 in Russian, 131,072 in English
        shown["max"] = QLocale().toString(params["max"])
    if code == "video.size":
        shown["size"] = size_text(params.get("bytes"))
    if code == "row.no_such_date" and params.get("month") in range(1, 13):  # "31 февраля" in Russian
        shown["date"] = f"{params.get('day')} {QLocale().monthName(params['month'])}"
    if code == "row.time_past" and isinstance(params.get("ms"), int):
        shown["time"] = when_text(params["ms"])
    return shown


def message_text(message: Message) -> str:
    """A Message in the UI language; an unknown code (a newer core) reads as its English."""
    template = TEMPLATES.get(message.code)
    if template is None:
        return english(message)
    params = _shown(message.code, message.params)
    if message.code == "photo.bad":  # the precheck's own words for the file (ui.i18n.precheck_text)
        cause = PRECHECK_REASONS.get(str(params.get("cause")))
        if cause is not None:  # an empty file, one too large to shrink...: as `okcomposer check` says
            with contextlib.suppress(KeyError, IndexError, ValueError):
                return cause().format(**params)
        source = core_strings.PRECHECK.get(str(params.get("code")))
        if source:
            from okcomposer.ui.common.i18n import size_text

            values = {**params, "size": size_text(params.get("bytes"))}
            return QCoreApplication.translate("photos", source).format(**values)
    try:
        return template(params).format(**params)
    except (
        KeyError,
        IndexError,
        ValueError,
    ):  # a translation naming a field the code lacks
        return english(message)


def notice_text(item: object) -> str:
    """Anything the core hands the window to show: a Message, an api.rules.Problem, a failure, a str."""
    from okcomposer.api.rules import Problem
    from okcomposer.ui.common.i18n import error_text, problem_text

    if isinstance(item, Message):
        return message_text(item)
    if isinstance(item, MessageError):
        return message_text(item.reason)
    if isinstance(item, Problem):
        return problem_text(item)
    if isinstance(item, BaseException):
        return error_text(item)
    return str(item)
