"""A post for mediatopic.post: the attachment, the parameters, draft files and scheduling in Moscow time."""

from __future__ import annotations

import copy
import enum
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from okcomposer.api.blocks import (
    AppAction,
    AppBlock,
    AppImage,
    AppRefBlock,
    Block,
    DraftError,
    JsonDict,
    LinkBlock,
    MovieBlock,
    MovieItem,
    MovieReshareBlock,
    MusicBlock,
    MusicItem,
    PhotoBlock,
    PhotoItem,
    PollBlock,
    PollOption,
    TextBlock,
    TopicReshareBlock,
    parse_block,
)
from okcomposer.api.reader import MAX_ID, Reader, flag_string, json_kind, key_path, shown

__all__ = [
    "AppAction",
    "AppBlock",
    "AppImage",
    "AppRefBlock",
    "Attachment",
    "Block",
    "DraftError",
    "LinkBlock",
    "MovieBlock",
    "MovieItem",
    "MovieReshareBlock",
    "MusicBlock",
    "MusicItem",
    "PhotoBlock",
    "PhotoItem",
    "PollBlock",
    "PollOption",
    "Post",
    "TextBlock",
    "TopicReshareBlock",
    "TopicType",
    "format_publish_at",
    "parse_publish_at",
]

# OK reads publishAt as Moscow wall time. Moscow has been UTC+3 since 2014 but was UTC+4 in 2011-2014 and had
# DST before: zoneinfo knows that history, a hard-coded +3 would not.
MOSCOW = ZoneInfo("Europe/Moscow")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_PUBLISH_AT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def _require_aware(when: datetime) -> None:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(
            f"{when.isoformat()} has no time zone, so the moment it names is ambiguous; "
            "pass an aware datetime, e.g. datetime(..., tzinfo=ZoneInfo('Europe/Berlin'))"
        )


def format_publish_at(when: datetime) -> str:
    """An aware datetime as OK's publishAt: "YYYY-mm-dd hh:mi:ss" in Moscow time (seconds truncated)."""
    _require_aware(when)
    m = when.astimezone(MOSCOW)
    return f"{m.year:04d}-{m.month:02d}-{m.day:02d} {m.hour:02d}:{m.minute:02d}:{m.second:02d}"


def parse_publish_at(text: str) -> datetime:
    """OK's publishAt (Moscow wall time) as an aware UTC datetime; ValueError when malformed."""
    if not isinstance(text, str) or not _PUBLISH_AT.fullmatch(text):
        raise ValueError(f"publishAt {text!r} is not in the form YYYY-MM-DD hh:mm:ss")
    try:
        local = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
        return local.replace(tzinfo=MOSCOW).astimezone(UTC)
    except (ValueError, OverflowError):  # OverflowError: year 1 in Moscow is year 0 in UTC
        raise ValueError(f"publishAt {text!r} is not a real date and time") from None


# Instants every time zone can show (a day inside Python's years 1..9999), so no later step overflows.
EARLIEST, LATEST = datetime(1, 1, 2, tzinfo=UTC), datetime(9999, 12, 30, tzinfo=UTC)


def ms_to_datetime(ms: int) -> datetime:
    """Epoch milliseconds (publishAtMs) as an aware UTC datetime; ValueError when out of range."""
    try:
        when = EPOCH + timedelta(milliseconds=ms)
    except OverflowError:
        raise ValueError(f"publishAtMs {ms} is out of range") from None
    if not EARLIEST <= when <= LATEST:
        raise ValueError(f"publishAtMs {ms} is out of range")
    return when


def datetime_to_ms(when: datetime) -> int:
    _require_aware(when)
    # Integer arithmetic: timestamp() * 1000 goes through a float and can be off by a millisecond.
    return (when - EPOCH) // timedelta(milliseconds=1)


class TopicType(enum.Enum):
    USER = "USER"
    USER_STATUS = "USER_STATUS"
    USER_NOTE = "USER_NOTE"
    GROUP_THEME = "GROUP_THEME"
    GROUP_THEME_PROMO = "GROUP_THEME_PROMO"
    GROUP_SUGGESTED = "GROUP_SUGGESTED"

    @property
    def is_group(self) -> bool:
        return self.name.startswith("GROUP_")

    @property
    def can_schedule(self) -> bool:
        """OK documents delayed publishing (publishAt/publishAtMs) for group themes only."""
        return self in (TopicType.GROUP_THEME, TopicType.GROUP_THEME_PROMO)


def _read_ms(r: Reader) -> int | None:
    """publishAtMs: a JSON whole number of milliseconds since 1970 that names a real instant."""
    value, path = r.get("publishAtMs"), key_path(r.path, "publishAtMs")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise DraftError(f"{path}: expected milliseconds since 1970 as a whole number, got {shown(value)}")
    try:
        ms_to_datetime(value)
    except ValueError:
        raise DraftError(f"{path}: {value} is out of range (milliseconds since 1970)") from None
    return value


def _read_publish_at(r: Reader) -> str | None:
    """publishAt: "YYYY-MM-DD hh:mm:ss", a real date and time on Moscow's clock."""
    value, path = r.text("publishAt"), key_path(r.path, "publishAt")
    if value is not None and not _PUBLISH_AT.fullmatch(value):
        raise DraftError(f"{path}: expected Moscow time as YYYY-MM-DD hh:mm:ss, got {shown(value)}")
    try:
        if value is not None:
            ms_to_datetime(datetime_to_ms(parse_publish_at(value)))
    except ValueError:
        raise DraftError(f"{path}: {shown(value)} is not a real date and time") from None
    return value


@dataclass
class Attachment:
    """The `attachment` JSON of mediatopic.post."""

    media: list[Block] = field(default_factory=list)
    publish_at: str | None = None  # "YYYY-mm-dd hh:mi:ss", Moscow time
    publish_at_ms: int | None = None
    on_behalf_of_group: bool | None = None
    disable_comments: bool | None = None

    @classmethod
    def from_json(cls, obj: object, path: str = "attachment") -> Attachment:
        """The attachment object, read strictly (docs/ok-api.md "Draft files"): media, publishAt, publishAtMs,
        onBehalfOfGroup, disableComments and nothing else. DraftError: one line naming the key path."""
        r = Reader(obj, path, "attachment")
        media = r.array("media", required=True) or []
        blocks = [parse_block(b, f"{path}.media[{i}]") for i, b in enumerate(media)]
        publish_at, publish_at_ms = _read_publish_at(r), _read_ms(r)
        return cls(blocks, publish_at, publish_at_ms, r.flag("onBehalfOfGroup"), r.flag("disableComments"))

    def to_json(self) -> JsonDict:
        out: JsonDict = {"media": [b.to_json() for b in self.media]}
        if self.publish_at is not None:
            out["publishAt"] = self.publish_at
        if self.publish_at_ms is not None:
            out["publishAtMs"] = self.publish_at_ms
        if self.on_behalf_of_group is not None:
            out["onBehalfOfGroup"] = flag_string(self.on_behalf_of_group)
        if self.disable_comments is not None:
            out["disableComments"] = flag_string(self.disable_comments)
        return out

    def to_json_string(self) -> str:
        """The exact string that is signed and sent: compact, UTF-8 text unescaped."""
        return json.dumps(self.to_json(), separators=(",", ":"), ensure_ascii=False)

    def schedule(self, when: datetime | None) -> None:
        """Publish at `when` (an aware datetime) via publishAtMs; None publishes at once."""
        if when is not None:
            self.publish_at_ms = datetime_to_ms(when)
        else:
            self.publish_at_ms = None
        self.publish_at = None  # one time only: OK's two keys are alternatives

    def scheduled_at(self) -> datetime | None:
        """The delayed publishing time in UTC, from publishAtMs or else publishAt; ValueError if malformed."""
        if self.publish_at_ms is not None:
            return ms_to_datetime(self.publish_at_ms)
        if self.publish_at is not None:
            return parse_publish_at(self.publish_at)
        return None


_BOOL_PARAMS = ("set_status", "text_link_preview", "hidden_post")


@dataclass
class Post:
    """The parameters of one mediatopic.post call; None means "not sent"."""

    attachment: Attachment = field(default_factory=Attachment)
    type: TopicType | None = TopicType.USER
    gid: str | None = None
    set_status: bool | None = None
    text_link_preview: bool | None = None
    hidden_post: bool | None = None

    @property
    def effective_type(self) -> TopicType:
        """What OK assumes when no type is sent."""
        return self.type or TopicType.USER

    def to_params(self) -> dict[str, str]:
        """The mediatopic.post parameters, exactly the strings to sign and send."""
        files = self.local_files()
        if files:
            raise ValueError(f"{len(files)} photo(s) are still local files; upload them before sending")
        params = {"attachment": self.attachment.to_json_string()}
        if self.type is not None:
            params["type"] = self.type.value
        if self.gid is not None:
            params["gid"] = self.gid
        for key in _BOOL_PARAMS:
            value = getattr(self, key)
            if value is not None:
                params[key] = flag_string(value)
        return params

    @classmethod
    def from_draft(cls, obj: object) -> Post:
        """A draft: mediatopic.post parameters as JSON, read strictly (docs/ok-api.md "Draft files").

        Top level: attachment (an object, or its JSON string), type, gid, set_status, text_link_preview,
        hidden_post; yes/no values are "true"/"false" or JSON booleans. Any other key, at any level, is
        refused: DraftError with one line naming the key path and, for a misplaced key, where it goes
        ("top level: misplaced key 'publishAtMs': publishAtMs goes inside attachment").
        """
        if not isinstance(obj, dict):
            raise DraftError(f"a draft must be a JSON object, got {json_kind(obj)}")
        r = Reader(obj, "", "draft")
        raw = r.get("attachment")
        if raw is None:
            raise DraftError("the draft has no 'attachment'")
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise DraftError(
                    f"attachment: not valid JSON ({exc.msg} at line {exc.lineno} col {exc.colno})"
                ) from None
            except (ValueError, RecursionError) as exc:
                raise DraftError(f"attachment: not valid JSON ({exc.__class__.__name__})") from None
        post = cls(Attachment.from_json(raw), type=_parse_type(r.get("type")), gid=_parse_gid(r.get("gid")))
        for key in _BOOL_PARAMS:
            setattr(post, key, r.flag(key))
        if _unsendable(post.attachment.to_json()):
            raise DraftError("the draft holds text that is not valid Unicode (a lone surrogate)")
        return post

    def to_draft(self) -> JsonDict:
        """The draft file form: parameters as JSON with the attachment as an object and JSON booleans."""
        out: JsonDict = {"attachment": self.attachment.to_json()}
        if self.type is not None:
            out["type"] = self.type.value
        if self.gid is not None:
            out["gid"] = self.gid
        for key in _BOOL_PARAMS:
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out

    def local_files(self) -> list[tuple[int, int, Path]]:
        """(block index, item index, path) of every photo still to upload."""
        return [
            (b, i, Path(item.file))
            for b, block in enumerate(self.attachment.media)
            if isinstance(block, PhotoBlock)
            for i, item in enumerate(block.items)
            if item.file is not None
        ]

    def with_tokens(self, tokens: Mapping[tuple[int, int], str]) -> Post:
        """A copy with the local files at (block, item) replaced by upload tokens (JSON "id").

        For every topic type: a new photo goes in by its token, uncommitted (docs/ok-api.md "Photos").
        Raises ValueError when a place is not a local photo file.
        """
        new = copy.deepcopy(self)
        for (b, i), value in tokens.items():
            media = new.attachment.media
            block = media[b] if 0 <= b < len(media) else None
            item = block.items[i] if isinstance(block, PhotoBlock) and 0 <= i < len(block.items) else None
            if item is None or item.file is None:
                raise ValueError(f"block {b} item {i} is not a local photo file")
            item.file = None
            item.token = value
        return new


def _parse_type(value: object) -> TopicType | None:
    if value is None:
        return None
    if isinstance(value, str) and value in TopicType.__members__:
        return TopicType[value]
    names = ", ".join(TopicType.__members__)
    raise DraftError(f"type: expected one of {names}, got {shown(value)}")


def _parse_gid(value: object) -> str | None:
    """A group id: OK's ids are whole numbers, written as digits or as a JSON number."""
    if value is None:
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit():  # any length: what the importer takes
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_ID:
        return str(value)
    raise DraftError(f'gid: expected a group id (digits, e.g. "53038939046008"), got {shown(value)}')


def _unsendable(value: object, key: str = "") -> bool:
    """True for text that cannot be signed (lone surrogates from "\\ud800" escapes), caught at reading, not
    at sending. A local "file" is never sent: it may name a non-UTF-8 file by its surrogate escapes, as
    os.fsdecode gives them (b"caf\\xe9.jpg" is "caf\\udce9.jpg"), but must be a path this system encodes.
    """
    if isinstance(value, dict):
        return any(_unsendable(v, k) for k, v in value.items())
    if isinstance(value, list):
        return any(_unsendable(v) for v in value)
    if isinstance(value, str):
        try:
            os.fsencode(value) if key == "file" else value.encode("utf-8")
        except UnicodeEncodeError:
            return True
    return False
