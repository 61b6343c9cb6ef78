"""Emoji with their English and Russian names, to pick and to search, from the `emoji` package's data
(Unicode's CLDR names, kept up to date with each Unicode release), not a table of our own.

Only fully qualified emoji without a skin tone are listed (a picker's usual set, about 1,900); faces and
people come first, then nature, objects and symbols, flags last.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_FULLY_QUALIFIED = 2  # emoji.STATUS["fully_qualified"]
_lock = threading.Lock()


@dataclass(frozen=True)
class Emoji:
    char: str
    en: str  # "grinning face"
    ru: str  # "широко улыбается"
    aliases: tuple[str, ...] = ()  # GitHub-style short names: "grinning", "+1"

    def name(self, language: str) -> str:
        """The name in "ru" or "en" (English when there is no Russian one)."""
        return self.ru if language == "ru" and self.ru else self.en


def _words(name: str) -> str:
    return name.strip(":").replace("_", " ")


def _rank(char: str) -> tuple[int, str]:
    """Smileys, people and gestures first, flags last (Unicode's blocks, not a list of emoji)."""
    code = ord(char[0])
    if 0x1F600 <= code <= 0x1F64F or 0x1F910 <= code <= 0x1F9FF or 0x1FAE0 <= code <= 0x1FAFF:
        group = 0
    elif 0x1F440 <= code <= 0x1F4AF or 0x1F900 <= code <= 0x1F90F or 0x1FAC0 <= code <= 0x1FADF:
        group = 1  # hands, hearts, people
    elif 0x1F300 <= code <= 0x1F5FF or 0x1FA70 <= code <= 0x1FABF:
        group = 2
    elif 0x1F680 <= code <= 0x1F6FF or 0x2600 <= code <= 0x27BF:
        group = 3
    elif 0x1F1E6 <= code <= 0x1F1FF or code == 0x1F3F4:
        group = 5
    else:
        group = 4
    return group, char


@lru_cache(maxsize=1)
def all_emoji() -> tuple[Emoji, ...]:
    """Every listed emoji in picker order (the data loads once: about 70 ms)."""
    import emoji

    with _lock:  # load_language fills the package's shared table
        emoji.config.load_language(["en", "ru"])
        data = dict(emoji.EMOJI_DATA)
    found = []
    for char, info in data.items():
        if info.get("status") != _FULLY_QUALIFIED or "skin_tone" in info.get("en", ""):
            continue
        aliases = tuple(_words(a) for a in info.get("alias", ()))
        found.append(Emoji(char, _words(info["en"]), _words(info.get("ru", "")), aliases))
    found.sort(key=lambda item: _rank(item.char))
    return tuple(found)


def search(query: str, recent: Iterable[str] = ()) -> list[Emoji]:
    """Emoji whose English or Russian name (or alias) has a word starting with each word of `query`
    (any case), best first: recent ones, then names starting with the query, then the rest in order.
    An empty query gives every emoji, recent ones first."""
    recent = list(recent)
    order = {char: i for i, char in enumerate(recent)}
    words = query.casefold().split()
    scored = []
    for index, item in enumerate(all_emoji()):
        names = [item.en.casefold(), item.ru.casefold(), *(a.casefold() for a in item.aliases)]
        if words and not all(any(_has_word_starting(n, w) for n in names) for w in words):
            continue
        starts = not words or any(n.startswith(query.casefold().strip()) for n in names)
        scored.append((order.get(item.char, len(order)), 0 if starts else 1, index, item))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored]


def _has_word_starting(name: str, prefix: str) -> bool:
    return any(word.startswith(prefix) for word in name.replace("-", " ").split())


def pushed(recent: Iterable[str], char: str, limit: int) -> tuple[str, ...]:
    """`recent` with `char` moved (or added) to the front, at most `limit` long."""
    return tuple([char, *(c for c in recent if c != char)][:limit])
