"""The blocks of a mediatopic attachment (OK's `media` list): typed, read strictly, exact JSON round trips.

Every block and item is read through okcomposer.api.reader: a key OK does not document for that block (or
okcomposer's own local-file keys) is refused, so nothing unknown is ever sent. Source: docs/ok-api.md, "Draft
files", and the mediatopic.post page for the block fields.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, ClassVar

from okcomposer.api.reader import (
    MAX_ID,
    DraftError,
    Id,
    JsonDict,
    Reader,
    closest,
    flag_string,
    json_kind,
    key_path,
    parse_flag,
    shown,
)

__all__ = ["MAX_ID", "DraftError", "Id", "JsonDict", "Reader", "flag_string", "json_kind", "parse_flag"]


def _to_json(fields: JsonDict) -> JsonDict:
    # None means "absent": OK's examples leave optional keys out rather than sending null.
    return {k: v for k, v in fields.items() if v is not None}


# ---- items inside blocks ----


@dataclass
class PhotoItem:
    """One photo: exactly one of an upload token, an existing photo id, or a local file (drafts only)."""

    token: str | None = None  # JSON "id"
    photo_id: Id | None = None  # JSON "photoId"
    file: str | None = None  # JSON "file": never sent to OK, replaced by a token after upload

    @classmethod
    def parse(cls, r: Reader) -> PhotoItem:
        return cls(r.text("id"), r.ident("photoId"), _file(r))

    def to_json(self) -> JsonDict:
        return _to_json({"id": self.token, "photoId": self.photo_id, "file": self.file})

    @property
    def sources(self) -> list[str]:
        """The JSON keys set on this item; a valid item has exactly one."""
        pairs = (("id", self.token), ("photoId", self.photo_id), ("file", self.file))
        return [key for key, value in pairs if value is not None]


def _file(r: Reader) -> str | None:
    value = r.text("file")
    if value == "":
        r.fail("file", "a file path", value)
    return value


@dataclass
class MovieItem:
    """One video: its OK id, or a local file (drafts only) uploaded and replaced by its id before posting."""

    id: Id | None = None
    file: str | None = None  # JSON "file": okcomposer's own, never sent to OK
    title: str | None = None  # JSON "title": the title a local file gets on OK (its name if absent)

    @classmethod
    def parse(cls, r: Reader) -> MovieItem:
        return cls(r.ident("id"), _file(r), r.text("title"))

    def to_json(self) -> JsonDict:
        return _to_json({"id": self.id, "file": self.file, "title": self.title})


@dataclass
class MusicItem:
    id: Id | None = None
    title: str | None = None
    artist_name: str | None = None
    album_name: str | None = None

    @classmethod
    def parse(cls, r: Reader) -> MusicItem:
        return cls(r.ident("id"), r.text("title"), r.text("artistName"), r.text("albumName"))

    def to_json(self) -> JsonDict:
        fields = {"id": self.id, "title": self.title, "artistName": self.artist_name}
        return _to_json({**fields, "albumName": self.album_name})


@dataclass
class AppImage:
    url: str | None = None
    title: str | None = None
    mark: str | None = None

    @classmethod
    def parse(cls, r: Reader) -> AppImage:
        return cls(r.text("url"), r.text("title"), r.text("mark"))

    def to_json(self) -> JsonDict:
        return _to_json({"url": self.url, "title": self.title, "mark": self.mark})


@dataclass
class AppAction:
    text: str | None = None
    mark: str | None = None

    @classmethod
    def parse(cls, r: Reader) -> AppAction:
        return cls(r.text("text"), r.text("mark"))

    def to_json(self) -> JsonDict:
        return _to_json({"text": self.text, "mark": self.mark})


class PollOption(enum.Enum):
    SINGLE_CHOICE = "SingleChoice"
    ANONYMOUS_VOTING = "AnonymousVoting"
    RESULTS_AFTER_VOTING = "ResultsAfterVoting"


# ---- blocks ----


@dataclass
class TextBlock:
    TYPE: ClassVar[str] = "text"
    text: str = ""

    @classmethod
    def parse(cls, r: Reader) -> TextBlock:
        return cls(r.text("text", required=True))

    def to_json(self) -> JsonDict:
        return {"type": self.TYPE, "text": self.text}


@dataclass
class LinkBlock:
    TYPE: ClassVar[str] = "link"
    url: str = ""

    @classmethod
    def parse(cls, r: Reader) -> LinkBlock:
        return cls(r.text("url", required=True))

    def to_json(self) -> JsonDict:
        return {"type": self.TYPE, "url": self.url}


@dataclass
class PhotoBlock:
    TYPE: ClassVar[str] = "photo"
    items: list[PhotoItem] = field(default_factory=list)  # JSON "list"

    @classmethod
    def parse(cls, r: Reader) -> PhotoBlock:
        return cls(r.items("list", "photo item", PhotoItem.parse, required=True) or [])

    def to_json(self) -> JsonDict:
        return {"type": self.TYPE, "list": [i.to_json() for i in self.items]}


@dataclass
class MovieBlock:
    TYPE: ClassVar[str] = "movie"
    items: list[MovieItem] = field(default_factory=list)

    @classmethod
    def parse(cls, r: Reader) -> MovieBlock:
        return cls(r.items("list", "movie item", MovieItem.parse, required=True) or [])

    def to_json(self) -> JsonDict:
        return {"type": self.TYPE, "list": [i.to_json() for i in self.items]}


@dataclass
class MusicBlock:
    TYPE: ClassVar[str] = "music"
    items: list[MusicItem] = field(default_factory=list)

    @classmethod
    def parse(cls, r: Reader) -> MusicBlock:
        return cls(r.items("list", "music item", MusicItem.parse, required=True) or [])

    def to_json(self) -> JsonDict:
        return {"type": self.TYPE, "list": [i.to_json() for i in self.items]}


def _parse_answer(r: Reader) -> str:
    return r.text("text", required=True)


@dataclass
class PollBlock:
    TYPE: ClassVar[str] = "poll"
    question: str = ""
    answers: list[str] = field(default_factory=list)
    options: set[PollOption] = field(default_factory=set)
    # The "options" string as read: written back as is (order, spaces) while `options` still matches.
    options_raw: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def parse(cls, r: Reader) -> PollBlock:
        question = r.text("question", required=True)
        answers = r.items("answers", "answer", _parse_answer, required=True) or []
        raw = r.text("options")
        known = {o.value: o for o in PollOption}
        for name in _split_options(raw):
            if name not in known:
                near = closest(name, list(known))
                hint = f"did you mean '{near}'?" if near else f"OK knows {', '.join(known)}"
                raise DraftError(f"{key_path(r.path, 'options')}: unknown poll option {shown(name)} ({hint})")
        return cls(question, answers, {known[name] for name in _split_options(raw)}, raw)

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
        return _to_json({**fields, "options": self.options_string()})


def _split_options(raw: str | None) -> list[str]:
    return [n.strip() for n in (raw or "").split(",") if n.strip()]


@dataclass
class AppBlock:
    """A game block: OK shows it only for approved apps and never as the only block."""

    TYPE: ClassVar[str] = "app"
    text: str | None = None
    images: list[AppImage] | None = None
    actions: list[AppAction] | None = None

    @classmethod
    def parse(cls, r: Reader) -> AppBlock:
        images = r.items("images", "image", AppImage.parse)
        return cls(r.text("text"), images, r.items("actions", "action", AppAction.parse))

    def to_json(self) -> JsonDict:
        images = None if self.images is None else [i.to_json() for i in self.images]
        actions = None if self.actions is None else [a.to_json() for a in self.actions]
        return _to_json({"type": self.TYPE, "text": self.text, "images": images, "actions": actions})


@dataclass
class AppRefBlock:
    TYPE: ClassVar[str] = "app-ref"
    app_id: Id = ""
    text: str | None = None
    image_hd: str | None = None
    args: str | None = None
    snippet: str | None = None

    @classmethod
    def parse(cls, r: Reader) -> AppRefBlock:
        app_id = r.ident("appId", required=True)
        return cls(app_id, r.text("text"), r.text("imageHD"), r.text("args"), r.text("snippet"))

    def to_json(self) -> JsonDict:
        fields = {"type": self.TYPE, "appId": self.app_id, "text": self.text, "imageHD": self.image_hd}
        return _to_json({**fields, "args": self.args, "snippet": self.snippet})


@dataclass
class TopicReshareBlock:
    """A reshare of a topic; OK wants to know whether it is a group's topic."""

    TYPE: ClassVar[str] = "topic"
    topic_id: Id = ""
    group: bool | None = None

    @classmethod
    def parse(cls, r: Reader) -> TopicReshareBlock:
        return cls(r.ident("topicId", required=True), r.flag("group"))

    def to_json(self) -> JsonDict:
        group = None if self.group is None else flag_string(self.group)
        return _to_json({"type": self.TYPE, "topicId": self.topic_id, "group": group})


@dataclass
class MovieReshareBlock:
    TYPE: ClassVar[str] = "movie-reshare"
    movie_id: Id = ""

    @classmethod
    def parse(cls, r: Reader) -> MovieReshareBlock:
        return cls(r.ident("movieId", required=True))

    def to_json(self) -> JsonDict:
        return {"type": self.TYPE, "movieId": self.movie_id}


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


def parse_block(obj: object, path: str) -> Block:
    """One element of `media`, read strictly; raises DraftError naming `path` when it cannot be read."""
    if not isinstance(obj, dict):
        raise DraftError(f"{path}: a block must be a JSON object, got {json_kind(obj)}")
    kind = obj.get("type")
    if not isinstance(kind, str):
        if kind is None:
            raise DraftError(f"{path}: a block needs a 'type'")
        raise DraftError(f"{path}.type: expected a string, got {shown(kind)}")
    cls = BLOCK_TYPES.get(kind)
    if cls is None:
        near = closest(kind, list(BLOCK_TYPES))
        hint = f"did you mean '{near}'?" if near else f"okcomposer knows {', '.join(BLOCK_TYPES)}"
        raise DraftError(f"{path}.type: unknown block type {shown(kind)} ({hint})")
    return cls.parse(Reader(obj, path, kind))
