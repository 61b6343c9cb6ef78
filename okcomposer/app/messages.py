"""What a use case tells the user, as data: a code and its parameters (`Message`), never a finished sentence.

The window words each code in its own language (okcomposer/ui/common/message_text.py, Qt's tr() with %n plural
forms); the command line and the logs read the English here (`str(message)`). A new code gets an English
template below and a translated one in the UI (tests/ui/test_message_text.py checks both lists match).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# code -> English template; a tuple is (count parameter, template for 1, template for any other number).
ENGLISH: dict[str, str | tuple[str, str, str]] = {
    # may the user publish in a group (app.multi.posting_problems)
    "group.missing": "there is no group {gid}",
    "group.not_member": "you are not a member of group {gid}, so you cannot publish there",
    "group.no_right": "only admins, moderators and editors publish in group {gid}; you are {status}",
    "page.time_passed": "the time for your page has passed; choose a later time or publish it at once",
    # a local file a post names (app.multi, app.bulk_import)
    "photo.missing": "the photo {name} does not exist",
    "photo.unopenable": "the photo {name} cannot be opened ({why})",
    "photo.bad": "the photo {name}: {reason}",
    "video.missing": "the video '{name}' does not exist (moved or deleted?); pick it again",
    "video.not_file": "'{name}' is not a regular file; pick a video file",
    "video.size": "the video '{name}' is {bytes} bytes; OK takes {low_kb} KB to {high_mb} MB",
    # a CSV to import (app.bulk_import)
    "import.unreadable": "{reason}",
    "import.not_utf8": "{file}: not UTF-8 text (line {line}); save it as 'CSV UTF-8'",
    "import.too_many_rows": "{file}: more than {max} rows; split it into smaller files",
    "import.cell_too_long": "{file}: row {row} (line {line}): a cell is longer than {max:,} characters",
    "import.bad_csv": "{file}: row {row} (line {line}): {error}",
    "import.empty": "{file}: the file is empty",
    "import.unknown_column": "{file}: unknown column {name} (known: {known})",
    "import.column_twice": "{file}: the column '{name}' appears twice",
    "import.no_target_column": "{file}: no 'target' column (a group id or 'me' for each row)",
    "import.unknown_encoding": "{file}: cannot tell how its text is encoded; save it as 'CSV UTF-8'",
    "import.bad_xlsx": "{file}: not a readable Excel workbook ({error}); save it again as .xlsx or as CSV",
    "import.old_xls": "{file}: an old Excel 97-2003 workbook (.xls); save it as .xlsx or as 'CSV UTF-8'",
    # a photo named by an address (app.photo_urls)
    "photo_url.failed": "the photo {url} could not be downloaded ({why})",
    "photo_url.timeout": "the photo {url} did not arrive within {seconds} seconds",
    "photo_url.status": "the photo {url} could not be downloaded: the server answered {status}",
    "photo_url.not_image": "{url} is not an image: the server sends {type}",
    "photo_url.too_big": "the photo {url} is larger than {mb} MB",
    "row.no_target": "no target",
    "row.bad_target": (
        "the target {target} is neither a group id nor 'me'; write the group's id, the number in its "
        "address (ok.ru/group/<id>), or sign in so that your groups' names are known"
    ),
    "row.target_unknown": (
        "the target {target} is none of your groups' names, nor a group id or 'me'; write the group's id, "
        "the number in its address (ok.ru/group/<id>)"
    ),
    "row.target_ambiguous": "several of your groups are named {target} ({ids}); write the group's id",
    "row.bad_type": "the type {type} does not fit the target; use one of {allowed}",
    "row.bad_time": "the time {time} is not written in a way this app reads; write it as one of {accepted}",
    "row.no_such_date": "the date in {time} does not exist: there is no {date}",
    "row.time_gap": "the time {time} does not exist in {zone}: the clocks skip it; pick another time",
    "row.time_fold": "the time {time} happens twice in {zone} (clocks go back); {used}, the first, is used",
    "row.unnamed_cell": "a value {value} in column {column}, which has no header; name it or clear it",
    "row.page_time": "OK cannot delay posts on your own page (target me); clear publish_at",
    "row.extra_cells": (
        "columns",
        "{cells} cells but the header names {columns} column",
        "{cells} cells but the header names {columns} columns",
    ),
    "row.time_past": "the time {time} is not in the future",
    # why an outbox entry was not sent or is not confirmed (app.outbox; stored with the entry)
    "outbox.cancelled": "cancelled",
    "outbox.cancelled_checking": "cancelled while checking whether OK published it",
    "outbox.stopped": "okcomposer stopped before sending it",
    "outbox.read_back": "the post could not be read back: {error}",
    "outbox.no_moments_list": "OK lists no Moments to check",
    "outbox.not_asked": "OK could not be asked: {error}",
    "outbox.not_listed": "not among the latest topics on OK",
    # a failure, kept with the entry (app.outcomes.reason_of)
    "error.network": "the connection to OK failed: {error}",
    "error.http": "OK answered with HTTP status {status}",
    "error.redirect": "the server sent okcomposer on to another address ({host}), which it never follows",
    "error.outcome_unknown": "the connection broke while OK was publishing: {error}",
    "error.text": "{error}",
}


@dataclass(frozen=True)
class Message:
    """One thing to tell the user: `code` (a key of ENGLISH) and the values its sentence needs.

    `str()` is the English sentence (command line, logs); the window translates the code instead.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return english(self)


def message(code: str, /, **params: Any) -> Message:
    """Message(code, params); KeyError for a code ENGLISH does not know (a typo fails at once)."""
    ENGLISH[code]
    return Message(code, params)


def english(item: object) -> str:
    """A Message in English; anything else (a rules.Problem, an exception, a str) as its own text."""
    if not isinstance(item, Message):
        text = getattr(item, "message", None)  # rules.Problem, media.precheck.PrecheckResult
        return text if isinstance(text, str) else str(item)
    template = ENGLISH[item.code]
    if isinstance(template, tuple):
        name, one, other = template
        template = one if item.params.get(name) == 1 else other
    return template.format(**item.params)


class MessageError(ValueError):
    """A refusal that carries its Message (`reason`); str() is the English sentence."""

    def __init__(self, reason: Message):
        self.reason = reason
        super().__init__(english(reason))
