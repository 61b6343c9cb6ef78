"""Spell checking of Russian and English with Hunspell dictionaries through pyenchant (Enchant 2), and a
personal dictionary (one word a line, UTF-8) in the app's data folder.

A word in Cyrillic is checked against the Russian dictionary, one in Latin letters against the English
one; words with digits, abbreviations in capitals, addresses, hashtags and @mentions are not checked. Where
Enchant or a dictionary is missing, `missing` names the languages and checking them is skipped: the text
is never marked wrong for want of a dictionary.

Loading takes 50-100 ms (run `Speller.load` off the GUI thread); a check is a dictionary lookup, cached.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

LANGUAGES = {"ru": ("ru_RU", "ru"), "en": ("en_US", "en_GB", "en")}  # tags Enchant may know them by
SUGGESTIONS = 8
# One pass: what is skipped (addresses, #tags, @mentions, e-mail addresses, anything with a digit) is
# matched first, so a word inside it is never seen.
_TOKEN = re.compile(
    r"(?:https?://|www\.)\S+|[#@][\w.-]+|[\w.+-]+@[\w-]+\.[\w.-]+|\w*\d[\w'’-]*"
    r"|(?P<word>[^\W\d_]+(?:['’-][^\W\d_]+)*)",
    re.IGNORECASE,
)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_CACHE_MAX = 50_000


def script_of(word: str) -> str:
    """ "ru" for a word in Cyrillic letters, "en" for Latin ones, "" for mixed or other scripts."""
    cyrillic, latin = bool(_CYRILLIC.search(word)), bool(_LATIN.search(word))
    if cyrillic == latin:
        return ""
    return "ru" if cyrillic else "en"


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, length, word) of each word worth checking in `text` (offsets in str characters)."""
    found = []
    for match in _TOKEN.finditer(text):
        word = match.group("word")
        if word is None or len(word) < 2 or word.isupper():
            continue  # an address, tag, mention or number; one letter; an abbreviation
        found.append((match.start(), len(word), word))
    return found


@dataclass
class Speller:
    """The dictionaries found (language -> Enchant Dict) and the personal words; use from one thread."""

    personal_file: Path
    dictionaries: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # "ru", "en": no dictionary here
    personal: set[str] = field(default_factory=set)
    _cache: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def load(cls, personal_file: Path, languages: dict[str, tuple[str, ...]] | None = None) -> Speller:
        """Open the dictionaries of `languages` (default LANGUAGES) and read the personal words.

        Never raises for a missing Enchant or dictionary (see `missing`); blocking, 50-100 ms.
        """
        languages = LANGUAGES if languages is None else languages
        speller = cls(personal_file)
        speller.personal = _read_words(personal_file)
        key = tuple((language, tuple(tags)) for language, tags in languages.items())
        with _open_lock:  # Enchant's broker is shared and not thread-safe; each dictionary opens once
            if key not in _opened:
                _opened[key] = _open(languages)
            speller.dictionaries, missing = _opened[key]
        speller.missing = list(missing)
        return speller

    def check(self, word: str) -> bool:
        """True unless `word` is in a language we have a dictionary for and is not in it (nor personal)."""
        known = self._cache.get(word)
        if known is None:
            known = self._check(word)
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            self._cache[word] = known
        return known

    def _check(self, word: str) -> bool:
        if word in self.personal or word.lower() in self.personal:
            return True
        dictionary = self.dictionaries.get(script_of(word))
        if dictionary is None:
            return True
        return bool(dictionary.check(word)) or bool(dictionary.check(word.replace("’", "'")))

    def misspelled(self, text: str) -> list[tuple[int, int]]:
        """(start, length) of each word of `text` the dictionaries do not know."""
        return [(start, length) for start, length, word in words(text) if not self.check(word)]

    def suggest(self, word: str) -> list[str]:
        """Up to SUGGESTIONS corrections, best first ([] when there is no dictionary for the word)."""
        dictionary = self.dictionaries.get(script_of(word))
        if dictionary is None:
            return []
        return [s for s in dictionary.suggest(word) if s != word][:SUGGESTIONS]

    def add(self, word: str) -> None:
        """Add `word` to the personal dictionary (the file too): it is never marked again."""
        self.personal.add(word)
        self._cache.pop(word, None)
        with _file_lock:
            self.personal_file.parent.mkdir(parents=True, exist_ok=True)
            with self.personal_file.open("a", encoding="utf-8") as out:
                out.write(word + "\n")


_file_lock = threading.Lock()
_open_lock = threading.Lock()
_opened: dict[tuple, tuple[dict[str, Any], list[str]]] = {}


def _open(languages: dict[str, tuple[str, ...]]) -> tuple[dict[str, Any], list[str]]:
    """({language: Enchant Dict}, [languages without one]) for `languages`."""
    try:
        import enchant
    except ImportError as exc:  # no Enchant C library on this system
        log.info("spell checking is off: %s", exc)
        return {}, list(languages)
    known = set(enchant.list_languages())
    dictionaries, missing = {}, []
    for language, tags in languages.items():
        tag = next((t for t in tags if t in known), None)
        try:
            if tag is None:
                raise enchant.errors.DictNotFoundError(f"none of {', '.join(tags)}")
            dictionaries[language] = enchant.Dict(tag)
        except enchant.errors.Error as exc:
            log.info("no %s dictionary: %s", language, exc)
            missing.append(language)
    return dictionaries, missing


def _read_words(path: Path) -> set[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return set()
    except OSError as exc:
        log.warning("cannot read the personal dictionary %s: %s", path, exc)
        return set()
    return {line.strip() for line in text.splitlines() if line.strip()}
