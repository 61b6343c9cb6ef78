"""Bulk import: a table of posts (CSV or .xlsx, read by app.import_table) checked row by row before anything
happens, saved as drafts, then published.

Columns: text, link, photos (paths separated by `|`, relative to the file's folder, or http(s) addresses),
target (a group id, "me", or the name of one of the user's groups when `load` is given them), publish_at
(app.import_times: ISO 8601 with an offset, or a wall time in the user's zone as 2027-03-01 09:00 or
01.03.2027 9:00), and optionally type. Rows are numbered as a spreadsheet shows them: the header is row 1.
Publishing goes through the outbox (`publish_rows`): a group row's time is kept by OK, a page row's time
waits in the outbox on this computer (`Row.due_ms`), as the Post tab's "Publish later" for the page does;
the command line and the window read a file by the same rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from okcomposer.api.rules import validate
from okcomposer.api.topic import Attachment, LinkBlock, PhotoBlock, PhotoItem, Post, TextBlock, TopicType
from okcomposer.api.topic import datetime_to_ms as datetime_to_ms
from okcomposer.app.import_rows import ROW_STATES as ROW_STATES
from okcomposer.app.import_rows import ROW_WORDS as ROW_WORDS
from okcomposer.app.import_rows import RowResult as RowResult
from okcomposer.app.import_rows import publish_rows as publish_rows
from okcomposer.app.import_rows import rows_summary as rows_summary
from okcomposer.app.import_rows import save_drafts as save_drafts
from okcomposer.app.import_table import Cell, Table, echo, read_table
from okcomposer.app.import_table import ImportFailed as ImportFailed
from okcomposer.app.import_times import parse_time as parse_time
from okcomposer.app.import_times import read_time, resolve_wall
from okcomposer.app.input_files import one_line
from okcomposer.app.messages import Message, MessageError, english, message
from okcomposer.app.outbox_text import when_text
from okcomposer.app.photo_urls import Downloader, is_url
from okcomposer.app.photos import photo_problem
from okcomposer.app.rights import check_rights as check_rights  # the import's rights step, kept here
from okcomposer.limits import Limits, current_limits
from okcomposer.media.precheck import PrecheckResult, precheck

ME_NAMES = ("me", "я")
# (index from 1, count, address) before each photo address is downloaded
DownloadProgress = Callable[[int, int, str], None]


def text_line(data: bytes, offset: int) -> int:
    """The 1-based line of a byte offset, for messages."""
    return data.count(b"\n", 0, offset) + 1


# What is wrong with a row: an api.rules.Problem or an app.messages.Message (str(): app.messages.english).
Reason = Any


@dataclass
class Row:
    number: int
    target: str
    post: Post
    problems: list[Reason] = field(default_factory=list)
    due_ms: int | None = None  # a page post for later: it waits in the outbox until then
    notes: list[Message] = field(default_factory=list)  # worth saying, no error (a repeated wall time)
    photo_names: dict[str, str] = field(default_factory=dict)  # a downloaded photo's file -> its address
    time_problem: Reason | None = None  # why the publish_at cell is not used (also in `problems`)


@dataclass
class ImportPlan:
    """The checked rows of `path`; encoding ("UTF-8", "Windows-1251", ..., "xlsx"), separator (";", ",",
    "\t", "" for xlsx) and sheet are what app.import_table found, for the preview."""

    path: Path
    rows: list[Row]
    encoding: str = ""
    separator: str = ""
    sheet: str = ""

    @property
    def errors(self) -> list[str]:
        """ "row N: problem", one line each: a line break quoted from a cell is shown escaped (\\n)."""
        return [f"row {row.number}: {one_line(english(p))}" for row in self.rows for p in row.problems]

    @property
    def ok(self) -> bool:
        return not self.errors


def build_row(
    number: int,
    cells: dict[str, Cell],
    base: Path,
    tz: tzinfo | None,
    downloaded: dict[str, Path | Message] | None = None,
    groups: Mapping[str, str] | None = None,
) -> Row:
    """The row's post, or its problems in reading the cells.

    A page row with a time keeps it in `due_ms`, to wait in the outbox (OK cannot delay page posts). A
    target that is neither an id nor "me" is looked up by name in `groups` ({id: name}, the user's groups;
    None when unknown). A photo address is looked up in `downloaded` (its file, or why it could not be
    fetched).
    """
    problems: list[Reason] = []
    text = {key: value.strip() for key, value in cells.items() if isinstance(value, str)}
    target = text.get("target", "")
    if target.lower() in ME_NAMES:
        target = "me"
    elif not (target.isascii() and target.isdigit()):
        target = _group_by_name(target, groups, problems)
    group = target != "me"
    media: list = []
    if text.get("text"):
        media.append(TextBlock(text["text"]))
    items, names = _photos(text.get("photos", ""), base, downloaded or {}, problems)
    if items:
        media.append(PhotoBlock(items))
    if text.get("link"):
        media.append(LinkBlock(text["link"]))
    kind = text.get("type", "").upper()
    topic_type = TopicType.GROUP_THEME if group else TopicType.USER
    if kind:
        if kind not in TopicType.__members__ or TopicType[kind].is_group != group:
            allowed = [t.value for t in TopicType if t.is_group == group]
            problems.append(message("row.bad_type", type=echo(kind), allowed=", ".join(allowed)))
        else:
            topic_type = TopicType[kind]
    post = Post(Attachment(media), type=topic_type, gid=target if group and target else None)
    row = Row(number, target, post, problems, photo_names=names)
    when = cells.get("publish_at", "")
    if isinstance(when, datetime) or when.strip():
        try:
            if isinstance(when, datetime):  # an .xlsx date cell: a wall time, unless it carries a zone
                parsed = resolve_wall(when, tz) if when.tzinfo is None else read_time(when.isoformat(), tz)
            else:
                parsed = read_time(when, tz)
        except MessageError as exc:
            problems.append(exc.reason)
            row.time_problem = exc.reason
        else:
            row.notes += [parsed.note] if parsed.note else []
            if group:
                post.attachment.schedule(parsed.moment)
            else:
                row.due_ms = datetime_to_ms(parsed.moment)
    return row


def name_targets(plan: ImportPlan, groups: Mapping[str, str]) -> None:
    """Read again, by the user's groups ({id: name}), the targets `load` could not read without them: a
    row naming one of them gets its id; else its row.bad_target becomes row.target_unknown or
    row.target_ambiguous."""
    for row in plan.rows:
        codes = [getattr(p, "code", "") for p in row.problems]
        if "row.bad_target" not in codes:
            continue
        at = codes.index("row.bad_target")
        found: list[Reason] = []
        gid = _group_by_name(row.target, groups, found)
        row.problems[at : at + 1] = found
        row.target = row.post.gid = gid


def _group_by_name(name: str, groups: Mapping[str, str] | None, problems: list[Reason]) -> str:
    """The id of the one group of `groups` named `name` (exactly, else ignoring case), or `name` itself
    with the reason in `problems`: no target, no such group of mine, several of that name, names unknown."""
    if not name:
        problems.append(message("row.no_target"))
        return ""
    if groups is None:
        problems.append(message("row.bad_target", target=echo(name)))
        return name
    for same in (lambda n: n.strip() == name, lambda n: n.strip().casefold() == name.casefold()):
        found = sorted(gid for gid, n in groups.items() if same(n))
        if len(found) == 1:
            return found[0]
        if found:
            problems.append(message("row.target_ambiguous", target=echo(name), ids=", ".join(found)))
            return name
    problems.append(message("row.target_unknown", target=echo(name)))
    return name


def _photos(
    cell: str, base: Path, downloaded: dict[str, Path | Message], problems: list[Reason]
) -> tuple[list[PhotoItem], dict[str, str]]:
    items, names = [], {}
    for name in (p.strip() for p in cell.split("|")):
        if not name:
            continue
        if not is_url(name):
            items.append(PhotoItem(file=str(base / name)))
            continue
        got = downloaded.get(name)
        if isinstance(got, Path):
            items.append(PhotoItem(file=str(got)))
            names[str(got)] = name
        else:  # never a path: an address that could not be fetched is said as it was written
            problems.append(got or message("photo_url.failed", url=echo(name), why="not downloaded"))
    return items, names


def photo_urls(table: Table) -> list[str]:
    """The distinct http(s) addresses in the photos column, in the order they appear."""
    if "photos" not in table.keys:
        return []
    column = table.keys.index("photos")
    found: dict[str, None] = {}
    for _, cells in table.rows:
        cell = cells[column] if column < len(cells) else ""
        if isinstance(cell, str):
            found.update((p.strip(), None) for p in cell.split("|") if is_url(p.strip()))
    return list(found)


def load(
    path: Path,
    *,
    tz: tzinfo | None = None,
    now: datetime | None = None,
    limits: Limits | None = None,
    groups: Mapping[str, str] | None = None,
    downloader: Downloader | None = None,
    on_download: DownloadProgress | None = None,
) -> ImportPlan:
    """Read (app.import_table) and check every row (rules and photo prechecks); nothing is saved or sent.

    Page rows with a time wait in the outbox (`publish_rows` queues them). `groups` ({id: name}, the
    user's groups: app.import_plan.group_names) lets a row name its group; None: only ids are read.
    Photo addresses are downloaded with `downloader` (default: into the app's data folder), each once,
    with on_download(i, count, url) before each; this blocks, so the window calls it on a Task.
    Raises ImportFailed when the file cannot be read as a table.
    """
    limits = limits or current_limits()
    now = now or datetime.now(UTC)
    table = read_table(path)
    base = path.resolve().parent
    downloaded: dict[str, Path | Message] = {}
    urls = photo_urls(table)
    if urls:
        downloader = downloader or Downloader.default()
        for index, url in enumerate(urls, start=1):
            if on_download is not None:
                on_download(index, len(urls), url)
            try:
                downloaded[url] = downloader.get(url)
            except MessageError as exc:
                downloaded[url] = exc.reason
    checked: dict[str, PrecheckResult] = {}
    rows = []
    for number, cells in table.rows:
        named = {key: cell for key, cell in zip(table.keys, cells, strict=False) if key}
        row = build_row(number, named, base, tz, downloaded, groups)
        row.problems[:0] = _stray_cells(table.keys, cells)
        if row.due_ms is not None and row.due_ms <= datetime_to_ms(now):
            row.time_problem = message("row.time_past", time=when_text(row.due_ms, UTC), ms=row.due_ms)
            row.problems.append(row.time_problem)
        row.problems += [
            p
            for p in validate(row.post, limits=limits, now=now, for_sending=False)
            if p.severity == "error" and not (p.rule == "post.group_type_without_gid" and not row.target)
        ]
        timing = [p for p in row.problems if getattr(p, "rule", "").startswith("schedule.")]
        row.time_problem = row.time_problem or (timing[0] if timing else None)
        for _, _, photo in row.post.local_files():
            name = row.photo_names.get(str(photo)) or str(
                photo.relative_to(base) if photo.is_relative_to(base) else photo
            )
            if str(photo) not in checked:
                checked[str(photo)] = precheck(photo, limits)
            reason = photo_problem(photo, echo(name), checked[str(photo)])
            if reason is not None:
                row.problems.append(reason)
        rows.append(row)
    return ImportPlan(path, rows, table.encoding, table.separator, table.sheet)


def _stray_cells(keys: list[str], cells: list[Cell]) -> list[Message]:
    """A value beyond the header's columns, or under a column with no name: the file is not as it looks."""
    extra = [c for c in cells[len(keys) :] if not isinstance(c, str) or c.strip()]
    if extra:
        return [message("row.extra_cells", cells=len(cells), columns=len([k for k in keys if k]))]
    unnamed = [
        (i, c)
        for i, (k, c) in enumerate(zip(keys, cells, strict=False))
        if not k and (not isinstance(c, str) or c.strip())
    ]
    if unnamed:
        column, value = unnamed[0]
        return [message("row.unnamed_cell", column=column + 1, value=echo(str(value)))]
    return []
