"""Spell checking with the Hunspell dictionaries through Enchant (.ci/run installs hunspell-ru and
hunspell-en-us), the personal dictionary, and a system without dictionaries."""

from __future__ import annotations

import pytest

from okcomposer.app.spelling import Speller, script_of, words


@pytest.fixture
def speller(tmp_path):
    found = Speller.load(tmp_path / "dictionary.txt")
    assert found.missing == [], (
        "install the dictionaries: apt-get install libenchant-2-2 hunspell-ru hunspell-en-us"
    )
    return found


def test_which_words_are_checked():
    text = "Превет, helo! SMM и 2024г, #хлибушек @ivan_p www.ok.ru/x mail@ok.ru don't ёлка-палка я"
    assert [w for _, _, w in words(text)] == ["Превет", "helo", "don't", "ёлка-палка"]  # not one letter
    assert [script_of(w) for w in ("ёж", "hello", "hеllo", "数字")] == ["ru", "en", "", ""]


def test_russian_and_english_misspellings_and_suggestions(speller):
    text = "Превет, друзья! Свежий хлеп и helo world."
    found = [text[s : s + n] for s, n in speller.misspelled(text)]
    assert found == ["Превет", "хлеп", "helo"]
    assert "Привет" in speller.suggest("Превет")
    assert "hello" in speller.suggest("helo")
    assert speller.suggest("日本") == []


def test_added_words_are_kept_in_the_personal_dictionary(tmp_path, speller):
    assert not speller.check("Колосок-бейкери")
    speller.add("Колосок-бейкери")
    assert speller.check("Колосок-бейкери")
    again = Speller.load(tmp_path / "dictionary.txt")
    assert again.check("Колосок-бейкери") and not again.check("хлеп")
    assert (tmp_path / "dictionary.txt").read_text(encoding="utf-8") == "Колосок-бейкери\n"


def test_without_a_dictionary_nothing_is_marked(tmp_path):
    speller = Speller.load(tmp_path / "d.txt", {"ru": ("xx_XX",), "en": ()})
    assert speller.missing == ["ru", "en"]
    assert speller.misspelled("Превет helo") == []
    assert speller.suggest("Превет") == []
