"""Strict reading of draft JSON: every key known at its level, every value typed, one line naming the path.

Which keys go where is the table PLACES: the mediatopic.post parameters and attachment keys OK documents, the
block and item keys of its `media` list, and okcomposer's own local-file keys ("file" for photos, "file" and
"title" for videos), which are replaced before anything is sent. A key found in the wrong place is refused
with where it goes ("publishAtMs goes inside attachment"); a misspelt one with the closest known key.
Source: docs/ok-api.md, "Draft files".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, NoReturn

JsonDict = dict[str, Any]
Id = str | int  # OK's examples use both: keep whichever JSON type a draft had

# OK's ids are Java longs; a bigger number would also break json.dumps (Python's 4300-digit cap).
MAX_ID = 2**63 - 1


class DraftError(ValueError):
    """A draft or attachment that cannot become a post; the one-line message says where and what."""


@dataclass(frozen=True)
class Place:
    noun: str  # "a poll", for "a poll needs a 'question'"
    where: str  # "in a poll block", for "question goes in a poll block"
    keys: tuple[str, ...]


def _block(kind: str, *keys: str, noun: str = "") -> tuple[str, Place]:
    return kind, Place(noun or f"a {kind} block", f"in a {kind} block", ("type", *keys))


def _item(kind: str, *keys: str) -> tuple[str, Place]:
    return f"{kind} item", Place("an item", f"in an item of a {kind} block's list", keys)


DRAFT_KEYS = ("attachment", "type", "gid", "set_status", "text_link_preview", "hidden_post")
ATTACHMENT_KEYS = ("media", "publishAt", "publishAtMs", "onBehalfOfGroup", "disableComments")
PLACES: dict[str, Place] = dict(
    [
        ("draft", Place("the draft", "at the top level, beside attachment", DRAFT_KEYS)),
        ("attachment", Place("the attachment", "inside attachment", ATTACHMENT_KEYS)),
        _block("text", "text"),
        _block("link", "url"),
        _block("photo", "list"),
        _block("movie", "list"),
        _block("music", "list"),
        _block("poll", "question", "answers", "options", noun="a poll"),
        _block("app", "text", "images", "actions"),
        _block("app-ref", "appId", "text", "imageHD", "args", "snippet", noun="an app-ref block"),
        _block("topic", "topicId", "group", noun="a topic reshare"),
        _block("movie-reshare", "movieId", noun="a movie reshare"),
        _item("photo", "id", "photoId", "file"),
        _item("movie", "id", "file", "title"),
        _item("music", "id", "title", "artistName", "albumName"),
        ("answer", Place("an answer", "in a poll answer", ("text",))),
        ("image", Place("an image", "in an image of an app block", ("url", "title", "mark"))),
        ("action", Place("an action", "in an action of an app block", ("text", "mark"))),
    ]
)

# Added by the client to every call: a draft never carries a session or a signature.
TRANSPORT_PARAMS = frozenset({"method", "format", "sig", "access_token", "session_key", "application_key"})
# Documented for mediatopic.post but not sent by okcomposer: uid is for calls without a session (okcomposer
# always has one), the rest are for OK's own apps or have no documented value format.
UNSENT_PARAMS = frozenset(
    "uid devices ads_post paid_content ad_info karapulia_post create_date hobby_section hobby_id "
    "update_default_visibility".split()
)


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


def shown(value: object) -> str:
    """A value for an error message: a string itself (cut at 40 characters), anything else by its kind."""
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:40] + "…")
    if isinstance(value, bool):
        return "true" if value else "false"
    return json_kind(value)


def key_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def closest(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    """The choice a misspelt word most likely meant (case-insensitive), or None."""
    import difflib  # only when a word was misspelt

    lowered = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None


def unknown_key_message(path: str, place_id: str, key: str) -> str:
    """One line for a key that does not belong in the object at `path` (a place of PLACES); a key with line
    breaks or other control characters is shown escaped, so the message stays one line."""
    here, place = path or "top level", PLACES[place_id]
    if not key.isprintable():
        return f"{here}: unknown key {json.dumps(key)} ({place.noun} takes {', '.join(place.keys)})"
    if place_id == "draft" and key in TRANSPORT_PARAMS:
        return f"{here}: '{key}' does not belong in a draft; okcomposer signs each call and adds the session"
    if place_id == "draft" and key in UNSENT_PARAMS:
        return f"{here}: '{key}' is a mediatopic.post parameter okcomposer does not send; remove it"
    homes = list(dict.fromkeys(p.where for p in PLACES.values() if key in p.keys))
    if key == "type":
        homes = ["at the top level, beside attachment (the topic's type), or in every block (the block's)"]
    if homes:
        where = " or ".join(homes[:3]) + (" (and other places)" if len(homes) > 3 else "")
        return f"{here}: misplaced key '{key}': {key} goes {where}"
    near = closest(key, place.keys)
    if near is not None:
        return f"{here}: unknown key '{key}' (did you mean '{near}'?)"
    everywhere = [k for p in PLACES.values() for k in p.keys]
    near = closest(key, everywhere)
    if near is not None:
        wheres = " or ".join(dict.fromkeys(p.where for p in PLACES.values() if near in p.keys))
        return f"{here}: unknown key '{key}' (did you mean '{near}'? it goes {wheres})"
    return f"{here}: unknown key '{key}' ({place.noun} takes {', '.join(place.keys)})"


def parse_flag(value: object, path: str) -> bool | None:
    """A yes/no: OK's strings "true"/"false" or JSON true/false; null is absent; anything else is refused."""
    if value is None or isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise DraftError(f'{path}: expected "true" or "false", got {shown(value)}')


def flag_string(value: bool) -> str:
    return "true" if value else "false"


class Reader:
    """Reads the typed keys of one JSON object after checking that it has no key foreign to its place."""

    def __init__(self, obj: object, path: str, place_id: str):
        place = PLACES[place_id]
        if not isinstance(obj, dict):
            at = f"{path}: " if path else ""
            raise DraftError(f"{at}{place.noun} must be a JSON object, got {json_kind(obj)}")
        for key in obj:
            if key not in place.keys:
                raise DraftError(unknown_key_message(path, place_id, str(key)))
        self.obj: JsonDict = obj
        self.path = path
        self.place = place

    def get(self, key: str, required: bool = False) -> Any:
        """The raw value; None (absent or null) is refused when `required`."""
        assert key in self.place.keys, f"{key} is not a key of {self.place.noun}"  # a bug in PLACES
        value = self.obj.get(key)
        if value is None and required:
            at = f"{self.path}: " if self.path else ""
            raise DraftError(f"{at}{self.place.noun} needs a '{key}'")
        return value

    def fail(self, key: str, expected: str, value: object) -> NoReturn:
        raise DraftError(f"{key_path(self.path, key)}: expected {expected}, got {shown(value)}")

    def text(self, key: str, required: bool = False) -> Any:
        value = self.get(key, required)
        if value is not None and not isinstance(value, str):
            self.fail(key, "a string", value)
        return value

    def ident(self, key: str, required: bool = False) -> Any:
        value = self.get(key, required)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_ID:
            return value
        self.fail(key, "an id (a string or a whole number)", value)

    def flag(self, key: str) -> bool | None:
        return parse_flag(self.get(key), key_path(self.path, key))

    def array(self, key: str, required: bool = False) -> list[Any] | None:
        value = self.get(key, required)
        if value is not None and not isinstance(value, list):
            self.fail(key, "an array", value)
        return value

    def items(self, key: str, place_id: str, parse: Any, required: bool = False) -> list[Any] | None:
        """Each element of the array `key`, read as a `place_id` object by `parse(reader)`."""
        values = self.array(key, required)
        if values is None:
            return None
        return [parse(Reader(v, f"{self.path}.{key}[{i}]", place_id)) for i, v in enumerate(values)]
