"""Spell checking in the composer's fields: a wavy red underline under unknown words, and on right click
the suggestions and "Add to dictionary" (app.spelling does the checking; its dictionaries load off the
GUI thread, once per run). Plain text fields get a QSyntaxHighlighter; one-line fields, which have none,
get the same underline as input-method formats."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QInputMethodEvent, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit

from okcomposer.app.spelling import Speller, words
from okcomposer.store import paths
from okcomposer.ui.common.tasks import TaskGroup

PERSONAL_FILE = "dictionary.txt"  # in the data folder
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # characters that are two UTF-16 units (most emoji)


def _underline() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(QColor("#e53935"))
    return fmt


def utf16_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in str characters as Qt's UTF-16 positions (an emoji before a word counts twice there)."""
    if not _ASTRAL.search(text):
        return spans
    out = []
    for start, length in spans:
        before = len(text[:start].encode("utf-16-le")) // 2
        out.append((before, len(text[start : start + length].encode("utf-16-le")) // 2))
    return out


class SpellService(QObject):
    """The speller of one composer: `ready` once the dictionaries are open; `speller` None until then.

    The dictionaries open (in the background) the first time a field has text to check (`want`): they take
    ~24 MiB (Russian 15.5, English 8), which a window with nothing typed yet does not need (issue 16)."""

    ready = Signal()
    """The dictionaries are open (or known to be missing: see notice()), or a word was added."""

    def __init__(
        self,
        parent: QObject,
        personal_file: Path | None = None,
        languages: dict[str, tuple[str, ...]] | None = None,
    ):
        super().__init__(parent)
        self.speller: Speller | None = None
        self.tasks = TaskGroup(self)
        self.wanted = False  # the dictionaries were asked for (they are opening, or open)
        self._personal = personal_file or paths.data_dir() / PERSONAL_FILE
        self._languages = languages

    def want(self) -> None:
        """Open the dictionaries off the GUI thread, once; `ready` says when."""
        if self.wanted:
            return
        self.wanted = True
        personal, languages = self._personal, self._languages

        def opened(speller: Speller) -> None:
            self.speller = speller
            self.ready.emit()

        self.tasks.run(lambda _r, _c: Speller.load(personal, languages), opened, name="okc-spelling")

    def notice(self) -> str:
        """How to get the missing dictionaries, in words for the user ("" when none is missing)."""
        if self.speller is None or not self.speller.missing:
            return ""
        names = {
            "ru": QCoreApplication.translate("SpellCheck", "Russian"),
            "en": QCoreApplication.translate("SpellCheck", "English"),
        }
        missing = ", ".join(names.get(code, code) for code in self.speller.missing)
        # Enchant 2 reads a user's dictionaries from <its config folder>/hunspell (Windows and macOS
        # builds of pyenchant bring Enchant, not the Russian dictionary).
        if sys.platform.startswith("linux"):
            how = QCoreApplication.translate(
                "SpellCheck", "Install them: sudo apt install libenchant-2-2 hunspell-ru hunspell-en-us"
            )
        elif sys.platform == "darwin":
            how = QCoreApplication.translate(
                "SpellCheck",
                "brew install enchant, then put ru_RU and en_US .dic/.aff in ~/.config/enchant/hunspell",
            )
        else:
            how = QCoreApplication.translate(
                "SpellCheck",
                "Put the ru_RU and en_US .dic and .aff files in %LOCALAPPDATA%\\enchant\\hunspell",
            )
        return QCoreApplication.translate(
            "SpellCheck", "Spelling is not checked for: {0}. {1}, then restart okcomposer."
        ).format(missing, how)


class _Highlighter(QSyntaxHighlighter):
    def __init__(self, field: QPlainTextEdit, service: SpellService):
        super().__init__(field.document())
        self.service = service
        self.underline = _underline()

    def highlightBlock(self, text: str) -> None:
        speller = self.service.speller
        if speller is None:
            return
        for start, length in utf16_spans(text, speller.misspelled(text)):
            self.setFormat(start, length, self.underline)


class SpellChecking(QObject):
    """Underlines and the right-click menu of one field (a QPlainTextEdit or QLineEdit)."""

    def __init__(self, field: QPlainTextEdit | QLineEdit, service: SpellService):
        super().__init__(field)
        self.field, self.service = field, service
        self.highlighter = _Highlighter(field, service) if isinstance(field, QPlainTextEdit) else None
        if isinstance(field, QLineEdit):
            field.textChanged.connect(self.underline_line)
        field.textChanged.connect(self._want)
        field.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        field.customContextMenuRequested.connect(self.show_menu)
        service.ready.connect(self.refresh)
        self._want()
        self.refresh()

    def _want(self, *_args) -> None:
        """The field has text: the dictionaries are needed now."""
        field = self.field
        if not self.service.wanted and (
            field.text() if isinstance(field, QLineEdit) else field.toPlainText()
        ):
            self.service.want()

    def refresh(self) -> None:
        if self.highlighter is not None:
            self.highlighter.rehighlight()
        else:
            self.underline_line()

    def misspelled(self) -> list[tuple[int, int]]:
        """The underlined spans (UTF-16 positions) of the field's text now."""
        speller = self.service.speller
        if speller is None:
            return []
        text = self.field.text() if isinstance(self.field, QLineEdit) else self.field.toPlainText()
        return utf16_spans(text, speller.misspelled(text))

    def underline_line(self, *_args) -> None:
        """A QLineEdit shows formats only as input-method attributes, relative to the cursor."""
        field = self.field
        if not isinstance(field, QLineEdit):
            return
        cursor, fmt = field.cursorPosition(), _underline()
        kind = QInputMethodEvent.AttributeType.TextFormat
        attributes = [QInputMethodEvent.Attribute(kind, s - cursor, n, fmt) for s, n in self.misspelled()]
        QCoreApplication.sendEvent(field, QInputMethodEvent("", attributes))

    def word_at(self, pos: QPoint) -> tuple[int, int, str] | None:
        """(start, length, word) in str characters of the checked word under `pos`, if any."""
        field = self.field
        if isinstance(field, QLineEdit):
            text, at = field.text(), field.cursorPositionAt(pos)
        else:
            text, at = field.toPlainText(), field.cursorForPosition(pos).position()
        at = _str_index(text, at)
        return next(((s, n, w) for s, n, w in words(text) if s <= at <= s + n), None)

    def menu_for(self, pos: QPoint) -> QMenu:
        """The field's own menu with the suggestions and "Add to dictionary" on top for a misspelling."""
        field = self.field
        menu = (
            field.createStandardContextMenu()
            if isinstance(field, QLineEdit)
            else field.createStandardContextMenu(pos)
        )
        speller, found = self.service.speller, self.word_at(pos)
        if speller is None or found is None or speller.check(found[2]):
            return menu
        start, length, word = found
        actions = []
        for suggestion in speller.suggest(word):
            action = QAction(suggestion, menu)
            action.triggered.connect(lambda _c=False, s=suggestion: self.replace(start, length, s))
            actions.append(action)
        if not actions:
            none = QAction(QCoreApplication.translate("SpellCheck", "No suggestions"), menu)
            none.setEnabled(False)
            actions.append(none)
        add = QAction(
            QCoreApplication.translate("SpellCheck", "Add “{0}” to the dictionary").format(word), menu
        )
        add.triggered.connect(lambda: self.add_word(word))
        separator = QAction(menu)
        separator.setSeparator(True)
        actions += [add, separator]
        existing = menu.actions()
        if existing:
            menu.insertActions(existing[0], actions)
        else:
            menu.addActions(actions)
        return menu

    def show_menu(self, pos: QPoint) -> None:
        menu = self.menu_for(pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.field.mapToGlobal(pos))

    def replace(self, start: int, length: int, text: str) -> None:
        """Put `text` in place of the word at `start` (str characters), undoable like typing."""
        field = self.field
        if isinstance(field, QLineEdit):
            whole = field.text()
            field.setSelection(_utf16(whole, start), _utf16(whole[start : start + length], length))
            field.insert(text)
            return
        whole = field.toPlainText()
        cursor = QTextCursor(field.document())
        cursor.setPosition(_utf16(whole, start))
        cursor.setPosition(_utf16(whole, start + length), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)

    def add_word(self, word: str) -> None:
        """Remember `word` for good (the personal dictionary) and take its underline away everywhere."""
        if self.service.speller is not None:
            self.service.speller.add(word)
            self.service.ready.emit()  # every field of this composer checks again


def attach(field: QPlainTextEdit | QLineEdit, service: SpellService | None) -> SpellChecking | None:
    """Spell-check `field` with `service` (nothing without one)."""
    return SpellChecking(field, service) if service is not None else None


def _str_index(text: str, utf16_pos: int) -> int:
    """The str index of a UTF-16 position in `text`."""
    if not _ASTRAL.search(text):
        return utf16_pos
    count = 0
    for index, char in enumerate(text):
        if count >= utf16_pos:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2
