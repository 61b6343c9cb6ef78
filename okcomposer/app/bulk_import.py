"""Bulk import: a CSV of posts checked row by row before anything happens, saved as drafts, then published.

The file: UTF-8 (with or without a BOM), `;` or `,` between cells (read from the header line), one header row
in English or Russian. Columns: text, link, photos (paths separated by `|`, relative to the CSV's folder),
target (a group id or "me"), publish_at, and optionally type. publish_at is ISO 8601 with an offset
(2025-03-01T14:00+03:00, or Z for UTC) or "YYYY-mm-dd HH:MM" in the user's own time zone. Rows are numbered
as a spreadsheet shows them: the header is row 1.
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
from okcomposer.api.errors import OkApiError, OkCancelled, OkError
from okcomposer.api.rules import validate
from okcomposer.api.topic import Attachment, LinkBlock, PhotoBlock, PhotoItem, Post, TextBlock, TopicType
from okcomposer.api.upload import CancelToken
from okcomposer.app.multi import posting_problems
from okcomposer.app.photos import BadPhotos
from okcomposer.app.publish import InvalidPost, publish
from okcomposer.app.retry import OutcomeUnknown
from okcomposer.app.schedule import resolve_local, title_of
from okcomposer.limits import Limits, current_limits
from okcomposer.media.precheck import PrecheckResult, precheck
from okcomposer.store.drafts import DraftStore, HistoryEntry, now_ms

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


class ImportFailed(ValueError):
    """The file itself cannot be read as an import (encoding, header); nothing was saved or sent."""


@dataclass
class Row:
    number: int
    target: str
    post: Post
    problems: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    path: Path
    rows: list[Row]

    @property
    def errors(self) -> list[str]:
        return [f"row {row.number}: {p}" for row in self.rows for p in row.problems]

    @property
    def ok(self) -> bool:
        return not self.errors


def read_table(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(column keys, [(row number, cells)]) after decoding, delimiter sniffing and header mapping."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: not UTF-8 text; save it as 'CSV UTF-8'") from None
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not records:
        raise ImportFailed(f"{path}: the file is empty")
    keys = []
    for name in records[0]:
        key = HEADER_NAMES.get(name.strip().lower())
        if key is None:
            known = ", ".join(n for names in COLUMNS.values() for n in names)
            raise ImportFailed(f"{path}: unknown column {name.strip()!r} (known: {known})")
        if key in keys:
            raise ImportFailed(f"{path}: the column {key!r} appears twice")
        keys.append(key)
    if "target" not in keys:
        raise ImportFailed(f"{path}: no 'target' column (a group id or 'me' for each row)")
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
        raise ValueError(f"the time {text!r} is neither ISO 8601 with an offset nor 'YYYY-mm-dd HH:MM'")
    if tz is None:  # the system's zone, DST rules included (a skipped time moves forward, as resolve_local)
        return datetime.fromtimestamp(moment.timestamp(), UTC)
    return resolve_local(moment, tz)


def build_row(number: int, cells: dict[str, str], base: Path, tz: tzinfo | None) -> Row:
    """The row's post, or its problems in reading the cells."""
    problems: list[str] = []
    target = cells.get("target", "").strip()
    if target.lower() in ME_NAMES:
        target = "me"
    elif not (target.isascii() and target.isdigit()):
        problems.append(f"the target {target!r} is neither a group id nor 'me'" if target else "no target")
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
            problems.append(f"the type {kind!r} does not fit the target; use one of {', '.join(allowed)}")
        else:
            topic_type = TopicType[kind]
    post = Post(Attachment(media), type=topic_type, gid=target if group and target else None)
    when = cells.get("publish_at", "").strip()
    if when:
        try:
            moment = parse_time(when, tz)
        except ValueError as exc:
            problems.append(str(exc))
        else:
            if not group:
                problems.append("OK cannot delay posts on your own page (target me); clear publish_at")
            else:
                post.attachment.schedule(moment)
    return Row(number, target, post, problems)


def load(path: Path, *, tz: tzinfo | None = None, now: datetime | None = None, limits: Limits | None = None):
    """Read and check every row (rules and photo prechecks); nothing is saved or sent."""
    limits = limits or current_limits()
    now = now or datetime.now(UTC)
    keys, records = read_table(path)
    base = path.resolve().parent
    checked: dict[str, PrecheckResult] = {}
    rows = []
    for number, cells in records:
        row = build_row(number, dict(zip(keys, cells, strict=False)), base, tz)
        if len(cells) > len(keys):
            row.problems.insert(0, f"{len(cells)} cells but the header names {len(keys)} columns")
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
            if not photo.exists():
                row.problems.append(f"the photo '{name}' does not exist")
            elif not result.ok:
                row.problems.append(f"the photo '{name}': {result.message}")
        rows.append(row)
    return ImportPlan(path, rows)


def save_drafts(plan: ImportPlan, store: DraftStore) -> list[str]:
    """Every row as a draft (only for a plan without errors); returns the draft ids in row order."""
    if not plan.ok:
        raise ValueError("the import has errors; fix the file first")
    return [store.save(row.post.to_draft(), title=title_of(row.post)) for row in plan.rows]


@dataclass(frozen=True)
class RowResult:
    number: int
    state: str  # published | failed | unknown | skipped
    topic_id: str | None = None
    url: str | None = None
    message: str = ""
    stops: str = ""  # why the rows after this one are not sent: "cancelled", "the session expired"

    def line(self) -> str:
        if self.state == "published":
            return f"row {self.number}: published {self.url}"
        return f"row {self.number}: {self.state.replace('unknown', 'outcome unknown')}: {self.message}"


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
) -> list[RowResult]:
    """Publish row by row (exactly-once rules); the drafts record each outcome. Stops on cancel or 102."""
    results: list[RowResult] = []
    stop = ""
    for row, draft_id in zip(plan.rows, draft_ids, strict=True):
        if stop:
            result = RowResult(row.number, "skipped", message=stop)
        else:
            result = _publish_row(client, row, store, draft_id, uid, limits, cancel)
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


def _publish_row(client, row: Row, store: DraftStore, draft_id: str, uid, limits, cancel) -> RowResult:
    store.set_state(draft_id, "publishing")
    steps: list[str] = []
    try:
        done = publish(client, row.post, uid=uid, limits=limits, cancel=cancel, on_step=steps.append)
    except OutcomeUnknown as exc:
        store.set_state(draft_id, "unknown", detail=str(exc))
        return RowResult(row.number, "unknown", message=str(exc))
    except OkCancelled:
        if "confirming" in steps:  # cancelled while checking a lost answer: the topic may exist
            message = "cancelled while checking whether OK published it; look on ok.ru"
            store.set_state(draft_id, "unknown", detail=message)
            return RowResult(row.number, "unknown", message=message, stops="cancelled")
        store.set_state(draft_id, "draft")
        return RowResult(row.number, "failed", message="cancelled", stops="cancelled")
    except (OkError, InvalidPost, BadPhotos) as exc:
        store.set_state(draft_id, "failed", detail=str(exc))
        expired = isinstance(exc, OkApiError) and exc.code == 102
        return RowResult(
            row.number, "failed", message=str(exc), stops="the session expired" if expired else ""
        )
    store.set_state(draft_id, "published", done.topic_id)
    target = f"group:{row.post.gid}" if row.post.gid else "me"
    store.add_history(
        HistoryEntry("post", target, done.topic_id, done.url, title_of(row.post), now_ms(), draft_id)
    )
    return RowResult(row.number, "published", done.topic_id, done.url)
