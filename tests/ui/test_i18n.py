"""Russian and English: complete translations, a current .qm, the core's messages, no English left in Russian.

`python tests/ui/test_i18n.py --write` regenerates the rules part of okcomposer/ui/common/core_strings.py.
"""

from __future__ import annotations

import re
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import available_timezones

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "okcomposer_ru.ts"
QM = ROOT / "okcomposer" / "ui" / "translations" / "okcomposer_ru.qm"
CORE_STRINGS = ROOT / "okcomposer" / "ui" / "common" / "core_strings.py"
BEGIN = "RULE_TEMPLATES = (\n"
END = ")\n# --- end of generated part ---"


def render_rule_templates() -> str:
    from okcomposer.api.rules import RULES

    return "".join(f'    QT_TRANSLATE_NOOP("rules", {rule.template!r}),\n' for rule in RULES.values())


def test_core_strings_list_every_rule_template():
    from okcomposer.api.rules import RULES
    from okcomposer.ui.common import core_strings

    wanted = [rule.template for rule in RULES.values()]
    assert list(core_strings.RULE_TEMPLATES) == wanted, "run: python tests/ui/test_i18n.py --write"


def _messages():
    for context in ET.parse(TS).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_ts_has_every_translation_filled_in_with_the_same_placeholders():
    problems, count = [], 0
    for context, message in _messages():
        count += 1
        source, translation = message.findtext("source"), message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") in ("unfinished", "obsolete", "vanished") or not all(
            f.strip() for f in forms
        ):
            problems.append(f"{context}: {source!r} is not translated")
        for form in forms:
            if _fields(form) != _fields(source) or ("%n" in source) != ("%n" in form):
                problems.append(f"{context}: {source!r} -> {form!r} changes the placeholders")
    assert count > 300 and problems == []


def test_the_shipped_qm_is_up_to_date(tmp_path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    out = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), str(TS), "-qm", str(out)], check=True, capture_output=True, timeout=120)
    assert out.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on the .ts and ship the .qm"


def test_the_ts_covers_every_string_in_the_ui(tmp_path):
    """lupdate over the UI code finds nothing the .ts lacks."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "okcomposer" / "ui").rglob("*.py"))  # every feature package
    subprocess.run(
        [str(lupdate), *sources, "-ts", str(fresh), "-locations", "none"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    ours = {(c, m.findtext("source")) for c, m in _messages()}
    found = {
        (c.findtext("name"), m.findtext("source"))
        for c in ET.parse(fresh).getroot().iter("context")
        for m in c.iter("message")
    }
    assert found - ours == set(), "run pyside6-lupdate, translate the new strings, then pyside6-lrelease"


@pytest.fixture
def russian(qapp):
    from okcomposer.ui.common import i18n

    assert i18n.install("ru") == "ru"
    yield
    i18n.install("")


CYRILLIC = re.compile("[А-Яа-яЁё]")


def test_the_cores_messages_read_in_russian(russian):
    from okcomposer.api.rules import RULES, problem
    from okcomposer.ui.common.i18n import error_text, problem_text

    for rule in RULES.values():
        params = {name: 7 for name in _fields(rule.template)}
        text = problem_text(problem(rule.id, **params))
        assert CYRILLIC.search(text), rule.id
    from okcomposer.api.blocks import PhotoBlock

    many = problem("photo.many_sources", PhotoBlock(), 1, item=1, sources=("id", "file"))
    assert problem_text(many) == (
        "Блок 2 (фото): у фото 1 одновременно токен загрузки и локальный файл, а нужно что-то одно; "
        "добавьте фото заново."
    )
    from okcomposer.api.errors import OkApiError

    assert error_text(OkApiError(102, "PARAM_SESSION_EXPIRED : x")).endswith(
        "Войдите снова; публикация останется в редакторе."
    )


def test_the_language_follows_the_system_unless_set(qapp, monkeypatch):
    from PySide6.QtCore import QLocale

    from okcomposer.ui.common import i18n

    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: QLocale("ru_RU")))
    assert i18n.ui_language("") == "ru" and i18n.ui_language("en") == "en"
    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert i18n.ui_language("") == "en" and i18n.ui_language("ru") == "ru"


# --- the Russian UI, widget by widget ------------------------------------------------------------------
# Names that stay as they are in Russian: the product, what it runs on, key names, the name of English.
NAMES = {
    "okcomposer",
    "OK",
    "Qt",
    "PySide",
    "Python",
    "English",
    "Ctrl",
    "Shift",
    "Alt",
    "Enter",
    "x",
    "UTC",  # the time zone beside a date field
    "GMT",
}


def _untranslated(text: str) -> bool:
    """English words left besides names, numbers and web addresses."""
    words = re.findall(r"[A-Za-z]+", re.sub(r"https?://\S*", "", text))
    return any(word not in NAMES for word in words)


def _texts(widget) -> list[tuple[str, str]]:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMenu,
        QPlainTextEdit,
        QTabWidget,
        QTreeWidget,
    )

    found = [("title", widget.windowTitle()), ("tooltip", widget.toolTip())]
    if isinstance(widget, QLabel):
        found.append(("label", re.sub(r"<[^>]+>", "", widget.text())))
    if isinstance(widget, QAbstractButton):
        found.append(("button", widget.text()))
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        found.append(("placeholder", widget.placeholderText()))
    if isinstance(widget, QGroupBox):
        found.append(("group", widget.title()))
    if isinstance(widget, QTabWidget):
        found += [("tab", widget.tabText(i)) for i in range(widget.count())]
    if isinstance(widget, QComboBox):
        found += [("item", widget.itemText(i)) for i in range(widget.count())]
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        found += [("header", header.text(i)) for i in range(header.columnCount())]
    if isinstance(widget, QMenu):
        found.append(("menu", widget.title()))
    for action in widget.actions():
        found += [("action", action.text()), ("action tooltip", action.toolTip())]
    return [(kind, text.replace("&", "").strip()) for kind, text in found if text and text.strip()]


def _english(widgets, data: set[str]) -> list[str]:
    bad = []
    for widget in widgets:
        for kind, text in _texts(widget):
            if CYRILLIC.search(text) or not _untranslated(text) or text in data:
                continue
            bad.append(f"{type(widget).__name__} {kind}: {text!r}")
    return sorted(set(bad))


def test_no_english_is_left_in_the_russian_ui(qtbot, russian, tmp_path, sandbox, keyring_memory_ru):
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
    from support.legacy import old_history

    from okcomposer.store.accounts import AccountStore
    from okcomposer.store.drafts import DraftStore, HistoryEntry
    from okcomposer.store.settings import SettingsStore
    from okcomposer.ui.accounts.dialogs import no_keyring_dialog, session_expired_dialog
    from okcomposer.ui.accounts.sign_in_dialog import SignInDialog
    from okcomposer.ui.common.context import UiContext
    from okcomposer.ui.compose.composer import BLOCK_KINDS
    from okcomposer.ui.photos import thumbnails
    from okcomposer.ui.shell.main_window import MainWindow

    ctx = UiContext(SettingsStore(tmp_path / "s.json"), DraftStore(tmp_path / "d.sqlite3"))
    old_history(
        ctx.drafts, HistoryEntry("post", "Sunrise Bakery", "1", "https://ok.ru/", "Hi", 1_700_000_000_000)
    )
    window = MainWindow(ctx, AccountStore(tmp_path / "a.json"), sandbox_factory=lambda: sandbox)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=15_000)
        for kind in BLOCK_KINDS:
            window.composer.add_block(kind)
        window.validate_now()
        for tab in range(window.tabs.count()):
            window.tabs.setCurrentIndex(tab)
            qtbot.wait(50)
        dialogs: list[QWidget] = [
            SignInDialog(window.store, {}, window),
            no_keyring_dialog(window),
            session_expired_dialog(window, lambda: None),
        ]
        window.open_settings()
        dialogs.append(window.dialog)
        window.open_about()
        dialogs.append(window.dialog)
        data = {g["name"] for g in sandbox.info()["groups"]} | {"Demo User", "Sunrise Bakery", "Hi"}
        data |= available_timezones()  # the settings' zone list: IANA names, never translated
        widgets = [window, *window.findChildren(QWidget)]
        for dialog in dialogs:
            widgets += [dialog, *dialog.findChildren(QWidget)]
        widgets += [window.composer.add_block_menu(), window.menuBar()]
        bad = _english(widgets, data)
        assert not bad, "English left in the Russian UI:\n" + "\n".join(bad)
        assert (
            isinstance(dialogs[1], QMessageBox)
            and QApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
        )
    finally:
        window.close()
        thumbnails.wait_all()
        ctx.drafts.close()


@pytest.fixture
def keyring_memory_ru():
    import keyring
    from app.test_accounts import MemoryKeyring

    old = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(old)


pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


if __name__ == "__main__" and "--write" in sys.argv:
    sys.path.insert(0, str(ROOT))
    text = CORE_STRINGS.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    CORE_STRINGS.write_text(text[:start] + render_rule_templates() + text[end:], encoding="utf-8")
    subprocess.run([str(Path(sys.executable).with_name("ruff")), "format", str(CORE_STRINGS)], check=False)
    print(f"wrote {CORE_STRINGS}; now run pyside6-lupdate, translate, pyside6-lrelease")
