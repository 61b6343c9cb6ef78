"""Bulk import: a CSV of posts checked row by row before anything happens, saved as drafts, then published.

The file: UTF-8 (with or without a BOM), `;` or `,` between cells (read from the header line), one header row
in English or Russian. Columns: text, link, photos (paths separated by `|`, relative to the CSV's folder),
target (a group id or "me"), publish_at, and optionally type. publish_at is ISO 8601 with an offset
(2025-03-01T14:00+03:00, or Z for UTC) or "YYYY-mm-dd HH:MM" in the user's own time zone. Rows are numbered
as a spreadsheet shows them: the header is row 1. Publishing goes through the outbox (`publish_rows`): a group
row's time is kept by OK, a page row's time (allowed with `load(page_later=True)`) waits in the outbox.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from okcomposer.api.client import OkClient
from okcomposer.api.reader import shown
from okcomposer.api.rules import validate
from okcomposer.api.topic import (
    Attachment,
    LinkBlock,
    PhotoBlock,
    PhotoItem,
    Post,
    TextBlock,
    TopicType,
    datetime_to_ms,
)
from okcomposer.api.upload import CancelToken
from okcomposer.app.confirm import fingerprint, target_of
from okcomposer.app.input_files import CSV_MAX_BYTES, InputFileError, one_line, read_capped
from okcomposer.app.messages import MessageError, english, message
from okcomposer.app.outbox import AlreadyPublished, Busy, Outbox, SendOptions
from okcomposer.app.outbox_text import entry_text, summary, when_text
from okcomposer.app.photos import BadPhotos, photo_problem
from okcomposer.app.publish import InvalidPost
from okcomposer.app.rights import check_rights as check_rights  # the import's rights step, kept here
from okcomposer.app.schedule import resolve_local, title_of
from okcomposer.app.video import BadVideo
from okcomposer.limits import Limits, current_limits
from okcomposer.media.precheck import PrecheckResult, precheck
from okcomposer.store import outbox as box
from okcomposer.store.drafts import DraftStore

COLUMNS = {
    "text": ("text", "текст"),
    "link": ("link", "url", "ссылка"),
    "photos": ("photos", "photo", "фото", "фотографии"),
    "target": ("target", "group", "группа"),
    "publish_at": ("publish_at", "time", "время"),
    "type": ("type", "тип"),
}
HEADER_NAMES = {name: key for key, names in COLUMNS.items() for name in names}
ME_NAMES = ("me", "я")
LOCAL_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?")


MAX_ROWS = 10_000  # bounds the time and memory one check of a file takes


def text_line(data: bytes, offset: int) -> int:
    """The 1-based line of a byte offset, for messages."""
    return data.count(b"\n", 0, offset) + 1


class ImportFailed(MessageError):
    """The file itself cannot be read as an import (encoding, header); nothing was saved or sent.

    `reason` is an app.messages.Message with an "import." code; str() is its English line.
    """


# What is wrong with a row: an api.rules.Problem or an app.messages.Message (str(): app.messages.english).
Reason = Any


@dataclass
class Row:
    number: int
    target: str
    post: Post
    problems: list[Reason] = field(default_factory=list)
    due_ms: int | None = None  # a page post for later: it waits in the outbox until then


@dataclass
class ImportPlan:
    path: Path
    rows: list[Row]

    @property
    def errors(self) -> list[str]:
        """ "row N: problem", one line each: a line break quoted from a cell is shown escaped (\\n)."""
        return [f"row {row.number}: {one_line(english(p))}" for row in self.rows for p in row.problems]

    @property
    def ok(self) -> bool:
        return not self.errors


def read_table(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(column keys, [(row number, cells)]) after decoding, delimiter sniffing and header mapping.

    Only a regular file of at most CSV_MAX_BYTES is read, with at most MAX_ROWS rows and cells of at most
    csv.field_size_limit() characters (131,072); anything else is ImportFailed with one line.
    """
    file = one_line(str(path))
    try:
        text = read_capped(path, CSV_MAX_BYTES, "a CSV file").decode("utf-8-sig")
    except InputFileError as exc:
        raise ImportFailed(message("import.unreadable", file=file, reason=str(exc))) from None
    except UnicodeDecodeError as exc:
        line = text_line(exc.object, exc.start)
        raise ImportFailed(message("import.not_utf8", file=file, line=line)) from None
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for cells in reader:
            if len(records) > MAX_ROWS:
                raise ImportFailed(message("import.too_many_rows", file=file, max=MAX_ROWS))
            records.append(cells)
    except csv.Error as exc:
        where = {"file": file, "row": len(records) + 1, "line": reader.line_num}
        if "field larger than field limit" in str(exc):
            reason = message("import.cell_too_long", **where, max=csv.field_size_limit())
        else:
            reason = message("import.bad_csv", **where, error=str(exc))
        raise ImportFailed(reason) from None
    if not records:
        raise ImportFailed(message("import.empty", file=file))
    keys = []
    for name in records[0]:
        key = HEADER_NAMES.get(name.strip().lower())
        if key is None:
            known = ", ".join(n for names in COLUMNS.values() for n in names)
            raise ImportFailed(
                message("import.unknown_column", file=file, name=shown(name.strip()), known=known)
            )
        if key in keys:
            raise ImportFailed(message("import.column_twice", file=file, name=key))
        keys.append(key)
    if "target" not in keys:
        raise ImportFailed(message("import.no_target_column", file=file))
    rows = [(n, cells) for n, cells in enumerate(records[1:], start=2) if any(c.strip() for c in cells)]
    return keys, rows


def parse_time(text: str, tz: tzinfo | None) -> datetime:
    """ISO 8601 with an offset, or a wall time in `tz` (None: this computer's zone); otherwise a
    MessageError (a ValueError) with the code row.bad_time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is not None and moment.tzinfo is not None:
        return moment
    if moment is None or not LOCAL_TIME.fullmatch(text):
        raise MessageError(message("row.bad_time", time=shown(text)))
    if tz is None:  # the system's zone, DST rules included (a skipped time moves forward, as resolve_local)
        return datetime.fromtimestamp(moment.timestamp(), UTC)
    return resolve_local(moment, tz)


def build_row(
    number: int, cells: dict[str, str], base: Path, tz: tzinfo | None, page_later: bool = False
) -> Row:
    """The row's post, or its problems in reading the cells.

    A page row with a time is refused (OK cannot delay page posts) unless `page_later`: then it keeps
    the time in `due_ms`, to wait in the outbox.
    """
    problems: list[Reason] = []
    target = cells.get("target", "").strip()
    if target.lower() in ME_NAMES:
        target = "me"
    elif not (target.isascii() and target.isdigit()):
        problems.append(
            message("row.bad_target", target=shown(target)) if target else message("row.no_target")
        )
    group = target != "me"
    media: list = []
    if cells.get("text", "").strip():
        media.append(TextBlock(cells["text"].strip()))
    photos = [p.strip() for p in cells.get("photos", "").split("|") if p.strip()]
    if photos:
        media.append(PhotoBlock([PhotoItem(file=str(base / p)) for p in photos]))
    if cells.get("link", "").strip():
        media.append(LinkBlock(cells["link"].strip()))
    kind = cells.get("type", "").strip().upper()
    topic_type = TopicType.GROUP_THEME if group else TopicType.USER
    if kind:
        if kind not in TopicType.__members__ or TopicType[kind].is_group != group:
            allowed = [t.value for t in TopicType if t.is_group == group]
            problems.append(message("row.bad_type", type=shown(kind), allowed=", ".join(allowed)))
        else:
            topic_type = TopicType[kind]
    post = Post(Attachment(media), type=topic_type, gid=target if group and target else None)
    row = Row(number, target, post, problems)
    when = cells.get("publish_at", "").strip()
    if when:
        try:
            moment = parse_time(when, tz)
        except MessageError as exc:
            problems.append(exc.reason)
        else:
            if group:
                post.attachment.schedule(moment)
            elif page_later:
                row.due_ms = datetime_to_ms(moment)
            else:
                problems.append(message("row.page_time"))
    return row


def load(
    path: Path,
    *,
    tz: tzinfo | None = None,
    now: datetime | None = None,
    limits: Limits | None = None,
    page_later: bool = False,
):
    """Read and check every row (rules and photo prechecks); nothing is saved or sent.

    `page_later`: page rows with a time are accepted, to wait in the outbox (`publish_rows` queues them).
    """
    limits = limits or current_limits()
    now = now or datetime.now(UTC)
    keys, records = read_table(path)
    base = path.resolve().parent
    checked: dict[str, PrecheckResult] = {}
    rows = []
    for number, cells in records:
        row = build_row(number, dict(zip(keys, cells, strict=False)), base, tz, page_later)
        if len(cells) > len(keys):
            row.problems.insert(0, message("row.extra_cells", cells=len(cells), columns=len(keys)))
        if row.due_ms is not None and row.due_ms <= datetime_to_ms(now):
            row.problems.append(message("row.time_past", time=when_text(row.due_ms, UTC), ms=row.due_ms))
        row.problems += [
            p
            for p in validate(row.post, limits=limits, now=now, for_sending=False)
            if p.severity == "error" and not (p.rule == "post.group_type_without_gid" and not row.target)
        ]
        for _, _, photo in row.post.local_files():
            name = photo.relative_to(base) if photo.is_relative_to(base) else photo
            if str(photo) not in checked:
                checked[str(photo)] = precheck(photo, limits)
            reason = photo_problem(photo, shown(str(name)), checked[str(photo)])
            if reason is not None:
                row.problems.append(reason)
        rows.append(row)
    return ImportPlan(path, rows)


def save_drafts(plan: ImportPlan, store: DraftStore, outbox: Outbox | None = None) -> list[str]:
    """Every row as a draft (only for a plan without errors); returns the draft ids in row order.

    With `outbox`, a row already sent (or waiting) from an earlier run keeps that run's draft: a re-run
    after a kill makes no second draft of it.
    """
    if not plan.ok:
        raise ValueError("the import has errors; fix the file first")
    ids = []
    for row in plan.rows:
        earlier = _earlier_draft(outbox, store, row.post) if outbox is not None else None
        ids.append(earlier or store.save(row.post.to_draft(), title=title_of(row.post)))
    return ids


def _earlier_draft(outbox: Outbox, store: DraftStore, post: Post) -> str | None:
    for entry in outbox.repeats(target_of(post), fingerprint(post)):
        if entry.draft_id and store.load(entry.draft_id) is not None:
            return entry.draft_id
    return None


# What each row came to; "unknown" is "not confirmed" (the word the import dialog already knows).
ROW_STATES = ("published", "scheduled", "waiting", "already", "unknown", "not_sent", "failed", "skipped")
ROW_WORDS = {"already": "already done", "unknown": "not confirmed", "not_sent": "not sent"}


@dataclass(frozen=True)
class RowResult:
    number: int
    state: str  # one of ROW_STATES
    topic_id: str | None = None
    url: str | None = None
    message: str = ""
    stops: str = ""  # why the rows after this one are not sent: "cancelled", "the session expired"
    text: str = ""  # what `line` says after "row N: " (made with the user's time zone)
    entry_id: str | None = None  # the row's outbox entry
    error: BaseException | None = field(default=None, compare=False)  # the failure, for the window's words

    def line(self) -> str:
        """ "row N: published <link>", "row N: scheduled on OK for <time> <link>", "row N: already …"."""
        words = self.text or f"{ROW_WORDS.get(self.state, self.state)}: {self.message or self.url}"
        return f"row {self.number}: {words}"


def rows_summary(results: list[RowResult]) -> str:
    """ "3 row(s): 1 published, 1 scheduled, 1 waiting"."""
    return f"{len(results)} row(s): " + summary((r.state for r in results), ROW_STATES, ROW_WORDS)


def publish_rows(
    client: OkClient,
    plan: ImportPlan,
    store: DraftStore,
    draft_ids: list[str],
    *,
    uid: str | None = None,
    limits: Limits | None = None,
    cancel: CancelToken | None = None,
    on_result: Callable[[RowResult], None] | None = None,
    again: bool = False,
    outbox: Outbox | None = None,
    tz: tzinfo | None = None,
) -> list[RowResult]:
    """Publish row by row through the outbox (`store`'s unless given): each row once, and truthfully.

    A group row with a time is scheduled on OK; a page row with a time (`Row.due_ms`) waits in the
    outbox. A row whose content went to the same place in the last 7 days (or waits to go) is reported
    "already" and not sent again, unless `again`; a row a killed run left behind is settled first. The
    drafts record each outcome; the outbox is the history. Stops on cancel or 102 (session expired).
    """
    outbox = outbox or Outbox(store)
    zone = tz or datetime.now().astimezone().tzinfo or UTC
    options = SendOptions(uid=uid, limits=limits, cancel=cancel)
    results: list[RowResult] = []
    stop = ""
    for row, draft_id in zip(plan.rows, draft_ids, strict=True):
        if stop:
            result = RowResult(row.number, "skipped", message=stop)
        else:
            result = _publish_row(outbox, client, row, draft_id, options, again, zone)
            stop = f"not sent: {result.stops}" if result.stops else ""
        results.append(result)
        if on_result:
            on_result(result)
    return results


# An entry's state -> (the row's state, the draft's state or None to leave it).
_OUTCOMES = {
    box.PUBLISHED: ("published", "published"),
    box.SCHEDULED: ("scheduled", "scheduled"),
    box.WAITING: ("waiting", None),
    box.UNCONFIRMED: ("unknown", "unknown"),
    box.NOT_SENT: ("not_sent", "failed"),
}


def _publish_row(
    outbox: Outbox, client: OkClient, row: Row, draft_id: str, options: SendOptions, again: bool, tz: tzinfo
) -> RowResult:
    drafts = outbox.store.drafts
    try:
        if row.due_ms is not None:
            entry = outbox.queue(row.post, row.due_ms, draft_id=draft_id, again=again)
        else:
            entry = outbox.publish(client, row.post, again=again, draft_id=draft_id, options=options)
    except AlreadyPublished as exc:
        first = exc.entries[0]
        if first.state in box.ON_OK and first.topic_id:
            drafts.set_state(draft_id, "published", first.topic_id)
        text = f"already {entry_text(first, tz, earlier=True)}"
        return RowResult(row.number, "already", first.topic_id, first.url, text, text=text, entry_id=first.id)
    except (Busy, InvalidPost, BadPhotos, BadVideo) as exc:
        if not isinstance(exc, Busy):
            drafts.set_state(draft_id, "failed", detail=str(exc))
        return RowResult(row.number, "not_sent", message=str(exc), text=f"not sent: {exc}", error=exc)
    state, draft_state = _OUTCOMES.get(entry.state, ("failed", "failed"))
    detail = "" if entry.state in box.ON_OK else entry.detail or ""
    if draft_state:
        drafts.set_state(draft_id, draft_state, entry.topic_id, detail or None)
    stops = ""
    if options.cancel is not None and options.cancel.cancelled:
        stops = "cancelled"
    elif entry.state == box.FAILED and entry.code == 102:
        stops = "the session expired"
    text = entry_text(entry, tz)
    error = entry.extra.get("error")
    error = error if isinstance(error, BaseException) else None
    return RowResult(row.number, state, entry.topic_id, entry.url, detail, stops, text, entry.id, error)
