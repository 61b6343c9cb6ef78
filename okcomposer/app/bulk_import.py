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
from okcomposer.app.multi import posting_problems
from okcomposer.app.outbox import AlreadyPublished, Busy, Outbox, SendOptions
from okcomposer.app.outbox_text import entry_text, summary, when_text
from okcomposer.app.photos import BadPhotos
from okcomposer.app.publish import InvalidPost
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


class ImportFailed(ValueError):
    """The file itself cannot be read as an import (encoding, header); nothing was saved or sent."""


@dataclass
class Row:
    number: int
    target: str
    post: Post
    problems: list[str] = field(default_factory=list)
    due_ms: int | None = None  # a page post for later: it waits in the outbox until then


@dataclass
class ImportPlan:
    path: Path
    rows: list[Row]

    @property
    def errors(self) -> list[str]:
        """ "row N: problem", one line each: a line break quoted from a cell is shown escaped (\\n)."""
        return [f"row {row.number}: {one_line(p)}" for row in self.rows for p in row.problems]

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
        raise ImportFailed(str(exc)) from None
    except UnicodeDecodeError as exc:
        where = f"line {text_line(exc.object, exc.start)}"
        raise ImportFailed(f"{file}: not UTF-8 text ({where}); save it as 'CSV UTF-8'") from None
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for cells in reader:
            if len(records) > MAX_ROWS:
                raise ImportFailed(f"{file}: more than {MAX_ROWS} rows; split it into smaller files")
            records.append(cells)
    except csv.Error as exc:
        why = str(exc)
        if "field larger than field limit" in why:
            why = f"a cell is longer than {csv.field_size_limit():,} characters"
        raise ImportFailed(f"{file}: row {len(records) + 1} (line {reader.line_num}): {why}") from None
    if not records:
        raise ImportFailed(f"{file}: the file is empty")
    keys = []
    for name in records[0]:
        key = HEADER_NAMES.get(name.strip().lower())
        if key is None:
            known = ", ".join(n for names in COLUMNS.values() for n in names)
            raise ImportFailed(f"{file}: unknown column {shown(name.strip())} (known: {known})")
        if key in keys:
            raise ImportFailed(f"{file}: the column {key!r} appears twice")
        keys.append(key)
    if "target" not in keys:
        raise ImportFailed(f"{file}: no 'target' column (a group id or 'me' for each row)")
    rows = [(n, cells) for n, cells in enumerate(records[1:], start=2) if any(c.strip() for c in cells)]
    return keys, rows


def parse_time(text: str, tz: tzinfo | None) -> datetime:
    """ISO 8601 with an offset, or a wall time in `tz` (None: this computer's zone); ValueError otherwise."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is not None and moment.tzinfo is not None:
        return moment
    if moment is None or not LOCAL_TIME.fullmatch(text):
        raise ValueError(f"the time {shown(text)} is neither ISO 8601 with an offset nor 'YYYY-mm-dd HH:MM'")
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
    problems: list[str] = []
    target = cells.get("target", "").strip()
    if target.lower() in ME_NAMES:
        target = "me"
    elif not (target.isascii() and target.isdigit()):
        problems.append(
            f"the target {shown(target)} is neither a group id nor 'me'" if target else "no target"
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
            problems.append(
                f"the type {shown(kind)} does not fit the target; use one of {', '.join(allowed)}"
            )
        else:
            topic_type = TopicType[kind]
    post = Post(Attachment(media), type=topic_type, gid=target if group and target else None)
    row = Row(number, target, post, problems)
    when = cells.get("publish_at", "").strip()
    if when:
        try:
            moment = parse_time(when, tz)
        except ValueError as exc:
            problems.append(str(exc))
        else:
            if group:
                post.attachment.schedule(moment)
            elif page_later:
                row.due_ms = datetime_to_ms(moment)
            else:
                problems.append("OK cannot delay posts on your own page (target me); clear publish_at")
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
            row.problems.insert(0, f"{len(cells)} cells but the header names {len(keys)} columns")
        if row.due_ms is not None and row.due_ms <= datetime_to_ms(now):
            row.problems.append(f"the time {when_text(row.due_ms, UTC)} is not in the future")
        row.problems += [
            p.message
            for p in validate(row.post, limits=limits, now=now, for_sending=False)
            if p.severity == "error" and not (p.rule == "post.group_type_without_gid" and not row.target)
        ]
        for _, _, photo in row.post.local_files():
            name = photo.relative_to(base) if photo.is_relative_to(base) else photo
            if str(photo) not in checked:
                checked[str(photo)] = precheck(photo, limits)
            result = checked[str(photo)]
            if not result.ok:
                row.problems.append(_photo_problem(photo, shown(str(name)), result))
        rows.append(row)
    return ImportPlan(path, rows)


def _photo_problem(photo: Path, name: str, result: PrecheckResult) -> str:
    try:
        missing = not photo.exists()
    except (OSError, ValueError) as exc:  # a name too long for the system, a NUL in it
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a file name"
        return f"the photo {name} cannot be opened ({why})"
    return f"the photo {name} does not exist" if missing else f"the photo {name}: {result.message}"


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


def check_rights(client: OkClient, plan: ImportPlan, uid: str) -> list[str]:
    """ "row N: ..." for every row whose group the user may not publish in (asked once per group)."""
    found: dict[str, list[str]] = {}
    for row in plan.rows:
        if row.target != "me" and row.target not in found:
            found[row.target] = posting_problems(client, row.target, uid)
    return [f"row {row.number}: {p}" for row in plan.rows for p in found.get(row.target, [])]


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
        return RowResult(row.number, "not_sent", message=str(exc), text=f"not sent: {exc}")
    state, draft_state = _OUTCOMES.get(entry.state, ("failed", "failed"))
    message = "" if entry.state in box.ON_OK else entry.detail or ""
    if draft_state:
        drafts.set_state(draft_id, draft_state, entry.topic_id, message or None)
    stops = ""
    if options.cancel is not None and options.cancel.cancelled:
        stops = "cancelled"
    elif entry.state == box.FAILED and entry.code == 102:
        stops = "the session expired"
    text = entry_text(entry, tz)
    return RowResult(row.number, state, entry.topic_id, entry.url, message, stops, text, entry.id)
