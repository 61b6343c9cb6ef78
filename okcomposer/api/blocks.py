"""The blocks of a mediatopic attachment (OK's `media` list), typed, with exact JSON round trips."""

from __future__ import annotations

import copy
import enum
from dataclasses import dataclass, field
from typing import Any, ClassVar, NoReturn

JsonDict = dict[str, Any]
Id = str | int  # OK's examples use both: keep whichever JSON type a draft had

# OK's ids are Java longs; a bigger number would also break json.dumps (Python's 4300-digit cap).
MAX_ID = 2**63 - 1


class DraftError(ValueError):
    """A draft or attachment that cannot become a post; the one-line message says where and what."""


def json_kind(value: object) -> str:
    """The JSON name of a value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def parse_flag(value: object, path: str) -> bool | None:
    """OK's booleans are the strings "true"/"false"; drafts may also hold JSON booleans."""
    if value is None or isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise DraftError(f'{path}: expected "true" or "false", got {json_kind(value)}')


def flag_string(value: bool) -> str:
    return "true" if value else "false"


class Reader:
    """Reads typed keys out of one JSON object and remembers them, so the rest can be kept as `extra`."""

    def __init__(self, obj: object, path: str, noun: str):
        if not isinstance(obj, dict):
            raise DraftError(f"{path}: {noun} must be a JSON object, got {json_kind(obj)}")
        self.obj: JsonDict = obj
        self.path = path
        self.noun = noun
        self.used: set[str] = set()

    def _get(self, key: str, required: bool) -> Any:
        self.used.add(key)
        value = self.obj.get(key)
        if value is None and required:
            raise DraftError(f"{self.path}: {self.noun} needs a '{key}'")
        return value

    def fail(self, key: str, expected: str, value: object) -> NoReturn:
        raise DraftError(f"{self.path}.{key}: expected {expected}, got {json_kind(value)}")

    def text(self, key: str, required: bool = False) -> Any:
        value = self._get(key, required)
        if value is not None and not isinstance(value, str):
            self.fail(key, "a string", value)
        return value

    def ident(self, key: str, required: bool = False) -> Any:
        value = self._get(key, required)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_ID:
            return value
        self.fail(key, "an id (a string or a whole number)", value)

    def flag(self, key: str) -> bool | None:
        return parse_flag(self._get(key, False), f"{self.path}.{key}")

    def array(self, key: str, required: bool = False) -> list[Any] | None:
        value = self._get(key, required)
        if value is not None and not isinstance(value, list):
            self.fail(key, "an array", value)
        return value

    def items(self, key: str, parse: Any, required: bool = False) -> list[Any] | None:
        values = self.array(key, required)
        if values is None:
            return None
        return [parse(Reader(v, f"{self.path}.{key}[{i}]", "an item")) for i, v in enumerate(values)]

    def extra(self) -> JsonDict:
        return {k: copy.deepcopy(v) for k, v in self.obj.items() if k not in self.used}


def _to_json(fields: JsonDict, extra: JsonDict) -> JsonDict:
    # None means "absent": OK's examples leave optional keys out rather than sending null.
    out = {k: v for k, v in fields.items() if v is not None}
    for key, value in extra.items():
        out.setdefault(key, copy.deepcopy(value))
    return out


# ---- items inside blocks ----


@dataclass
class PhotoItem:
    """One photo: exactly one of an upload token, an existing photo id, or a local file (drafts only)."""

    token: str | None = None  # JSON "id"
    photo_id: Id | None = None  # JSON "photoId"
    file: str | None = None  # JSON "file": never sent to OK, replaced by a token after upload
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> PhotoItem:
        return cls(r.text("id"), r.ident("photoId"), r.text("file"), r.extra())

    def to_json(self) -> JsonDict:
        return _to_json({"id": self.token, "photoId": self.photo_id, "file": self.file}, self.extra)

    @property
    def sources(self) -> list[str]:
        """The JSON keys set on this item; a valid item has exactly one."""
        pairs = (("id", self.token), ("photoId", self.photo_id), ("file", self.file))
        return [key for key, value in pairs if value is not None]


@dataclass
class MovieItem:
    id: Id | None = None
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> MovieItem:
        return cls(r.ident("id"), r.extra())

    def to_json(self) -> JsonDict:
        return _to_json({"id": self.id}, self.extra)


@dataclass
class MusicItem:
    id: Id | None = None
    title: str | None = None
    artist_name: str | None = None
    album_name: str | None = None
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> MusicItem:
        return cls(r.ident("id"), r.text("title"), r.text("artistName"), r.text("albumName"), r.extra())

    def to_json(self) -> JsonDict:
        fields = {"id": self.id, "title": self.title, "artistName": self.artist_name}
        return _to_json({**fields, "albumName": self.album_name}, self.extra)


@dataclass
class AppImage:
    url: str | None = None
    title: str | None = None
    mark: str | None = None
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> AppImage:
        return cls(r.text("url"), r.text("title"), r.text("mark"), r.extra())

    def to_json(self) -> JsonDict:
        return _to_json({"url": self.url, "title": self.title, "mark": self.mark}, self.extra)


@dataclass
class AppAction:
    text: str | None = None
    mark: str | None = None
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> AppAction:
        return cls(r.text("text"), r.text("mark"), r.extra())

    def to_json(self) -> JsonDict:
        return _to_json({"text": self.text, "mark": self.mark}, self.extra)


class PollOption(enum.Enum):
    SINGLE_CHOICE = "SingleChoice"
    ANONYMOUS_VOTING = "AnonymousVoting"
    RESULTS_AFTER_VOTING = "ResultsAfterVoting"


# ---- blocks ----


@dataclass
class TextBlock:
    TYPE: ClassVar[str] = "text"
    text: str = ""
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> TextBlock:
        return cls(r.text("text", required=True), r.extra())

    def to_json(self) -> JsonDict:
        return _to_json({"type": self.TYPE, "text": self.text}, self.extra)


@dataclass
class LinkBlock:
    TYPE: ClassVar[str] = "link"
    url: str = ""
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> LinkBlock:
        return cls(r.text("url", required=True), r.extra())

    def to_json(self) -> JsonDict:
        return _to_json({"type": self.TYPE, "url": self.url}, self.extra)


@dataclass
class PhotoBlock:
    TYPE: ClassVar[str] = "photo"
    items: list[PhotoItem] = field(default_factory=list)  # JSON "list"
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> PhotoBlock:
        return cls(r.items("list", PhotoItem.parse, required=True) or [], r.extra())

    def to_json(self) -> JsonDict:
        return _to_json({"type": self.TYPE, "list": [i.to_json() for i in self.items]}, self.extra)


@dataclass
class MovieBlock:
    TYPE: ClassVar[str] = "movie"
    items: list[MovieItem] = field(default_factory=list)
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> MovieBlock:
        return cls(r.items("list", MovieItem.parse, required=True) or [], r.extra())

    def to_json(self) -> JsonDict:
        return _to_json({"type": self.TYPE, "list": [i.to_json() for i in self.items]}, self.extra)


@dataclass
class MusicBlock:
    TYPE: ClassVar[str] = "music"
    items: list[MusicItem] = field(default_factory=list)
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> MusicBlock:
        return cls(r.items("list", MusicItem.parse, required=True) or [], r.extra())

    def to_json(self) -> JsonDict:
        return _to_json({"type": self.TYPE, "list": [i.to_json() for i in self.items]}, self.extra)


def _parse_answer(r: Reader) -> str:
    # OK documents only "text" in an answer; other keys of an answer are not kept.
    r.noun = "an answer"
    return r.text("text", required=True)


@dataclass
class PollBlock:
    TYPE: ClassVar[str] = "poll"
    question: str = ""
    answers: list[str] = field(default_factory=list)
    options: set[PollOption] = field(default_factory=set)
    extra: JsonDict = field(default_factory=dict)
    # The "options" string as read: written back as is (order, unknown names) while `options` still matches.
    options_raw: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def parse(cls, r: Reader) -> PollBlock:
        question = r.text("question", required=True)
        answers = r.items("answers", _parse_answer, required=True) or []
        raw = r.text("options")
        known = {o.value: o for o in PollOption}
        options = {known[name] for name in _split_options(raw) if name in known}
        return cls(question, answers, options, r.extra(), raw)

    def options_string(self) -> str | None:
        """The JSON "options" value: the original string if the set is unchanged, else in enum order."""
        known = {o.value for o in PollOption}
        if self.options_raw is not None:
            if {PollOption(n) for n in _split_options(self.options_raw) if n in known} == self.options:
                return self.options_raw
        if not self.options:
            return None
        return ",".join(o.value for o in PollOption if o in self.options)

    def unknown_options(self) -> list[str]:
        known = {o.value for o in PollOption}
        return [n for n in _split_options(self.options_string()) if n not in known]

    def to_json(self) -> JsonDict:
        answers = [{"text": a} for a in self.answers]
        fields = {"type": self.TYPE, "question": self.question, "answers": answers}
        return _to_json({**fields, "options": self.options_string()}, self.extra)


def _split_options(raw: str | None) -> list[str]:
    return [n.strip() for n in (raw or "").split(",") if n.strip()]


@dataclass
class AppBlock:
    """A game block: OK shows it only for approved apps and never as the only block."""

    TYPE: ClassVar[str] = "app"
    text: str | None = None
    images: list[AppImage] | None = None
    actions: list[AppAction] | None = None
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> AppBlock:
        return cls(
            r.text("text"), r.items("images", AppImage.parse), r.items("actions", AppAction.parse), r.extra()
        )

    def to_json(self) -> JsonDict:
        images = None if self.images is None else [i.to_json() for i in self.images]
        actions = None if self.actions is None else [a.to_json() for a in self.actions]
        fields = {"type": self.TYPE, "text": self.text, "images": images, "actions": actions}
        return _to_json(fields, self.extra)


@dataclass
class AppRefBlock:
    TYPE: ClassVar[str] = "app-ref"
    app_id: Id = ""
    text: str | None = None
    image_hd: str | None = None
    args: str | None = None
    snippet: str | None = None
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> AppRefBlock:
        app_id = r.ident("appId", required=True)
        return cls(app_id, r.text("text"), r.text("imageHD"), r.text("args"), r.text("snippet"), r.extra())

    def to_json(self) -> JsonDict:
        fields = {"type": self.TYPE, "appId": self.app_id, "text": self.text, "imageHD": self.image_hd}
        return _to_json({**fields, "args": self.args, "snippet": self.snippet}, self.extra)


@dataclass
class TopicReshareBlock:
    """A reshare of a topic; OK wants to know whether it is a group's topic."""

    TYPE: ClassVar[str] = "topic"
    topic_id: Id = ""
    group: bool | None = None
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> TopicReshareBlock:
        return cls(r.ident("topicId", required=True), r.flag("group"), r.extra())

    def to_json(self) -> JsonDict:
        group = None if self.group is None else flag_string(self.group)
        return _to_json({"type": self.TYPE, "topicId": self.topic_id, "group": group}, self.extra)


@dataclass
class MovieReshareBlock:
    TYPE: ClassVar[str] = "movie-reshare"
    movie_id: Id = ""
    extra: JsonDict = field(default_factory=dict)

    @classmethod
    def parse(cls, r: Reader) -> MovieReshareBlock:
        return cls(r.ident("movieId", required=True), r.extra())

    def to_json(self) -> JsonDict:
        return _to_json({"type": self.TYPE, "movieId": self.movie_id}, self.extra)


@dataclass
class UnknownBlock:
    """A block type this version does not know (a draft from a newer app): kept as is, flagged by rules."""

    raw: JsonDict = field(default_factory=dict)

    @property
    def TYPE(self) -> str:  # mirrors the class constant of the known blocks
        return str(self.raw.get("type"))

    def to_json(self) -> JsonDict:
        return copy.deepcopy(self.raw)


Block = (
    TextBlock
    | LinkBlock
    | PhotoBlock
    | MovieBlock
    | MusicBlock
    | PollBlock
    | AppBlock
    | AppRefBlock
    | TopicReshareBlock
    | MovieReshareBlock
    | UnknownBlock
)

BLOCK_TYPES: dict[str, Any] = {
    cls.TYPE: cls
    for cls in (
        TextBlock,
        LinkBlock,
        PhotoBlock,
        MovieBlock,
        MusicBlock,
        PollBlock,
        AppBlock,
        AppRefBlock,
        TopicReshareBlock,
        MovieReshareBlock,
    )
}

# "a poll needs a 'question'" reads better than "a block needs ..."
_NOUNS = {"app-ref": "an app-ref block", "movie-reshare": "a movie reshare", "topic": "a topic reshare"}


def parse_block(obj: object, path: str) -> Block:
    """One element of `media`; raises DraftError naming `path` when it cannot be read."""
    r = Reader(obj, path, "a block")
    kind = r.obj.get("type")
    if not isinstance(kind, str):
        if kind is None:
            raise DraftError(f"{path}: a block needs a 'type'")
        r.fail("type", "a string", kind)
    r.used.add("type")
    cls = BLOCK_TYPES.get(kind)
    if cls is None:
        return UnknownBlock(copy.deepcopy(r.obj))
    r.noun = _NOUNS.get(kind, f"a {kind}")
    return cls.parse(r)
