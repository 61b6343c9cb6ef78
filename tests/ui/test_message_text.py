"""The core's Messages in the window's words: each code has a translated template, counts have plurals."""

from __future__ import annotations

import re
import string

import pytest

from okcomposer.app.messages import ENGLISH, Message, MessageError, english, message

CYRILLIC = re.compile("[А-Яа-яЁё]")


def _sample(code: str) -> Message:
    """The code with every field its English template names (counts 2, sizes and times as numbers)."""
    template = ENGLISH[code]
    texts = template[1:] if isinstance(template, tuple) else (template,)
    names = {n.split(":")[0] for t in texts for _, n, _, _ in string.Formatter().parse(t) if n}
    params = {name: 2 for name in names | {"file"}}  # import.unreadable's English is the whole reason
    if code == "row.time_past":
        params["ms"] = 1_700_000_000_000
    if code == "photo.bad":
        params.update(code="PHOTO_IMAGE_CORRUPTED", width=1, height=1)
    return Message(code, params)


@pytest.fixture
def language(qapp):
    from okcomposer.ui.common import i18n

    def use(name: str) -> None:
        assert i18n.install(name) == name

    yield use
    i18n.install("")


def test_every_code_has_english_and_a_window_template():
    from okcomposer.ui.common.message_text import TEMPLATES

    assert set(TEMPLATES) == set(ENGLISH)
    for code in ENGLISH:
        assert english(_sample(code)), code
    with pytest.raises(KeyError):
        message("no.such.code")


def test_every_code_reads_in_russian(language):
    from okcomposer.ui.common.message_text import message_text

    language("ru")
    for code in ENGLISH:
        text = message_text(_sample(code))
        if code == "error.text":  # a library's own words, shown as they are
            assert text == "2"
            continue
        assert CYRILLIC.search(text) and "{" not in text, (code, text)


def test_counts_take_the_plural_form_of_each_language(language):
    from okcomposer.ui.common.message_text import message_text
    from okcomposer.ui.shell.tray import Tray

    def cells(columns: int) -> str:
        return message_text(message("row.extra_cells", cells=9, columns=columns))

    language("en")
    assert [Tray().waiting_tip(n) for n in (1, 2)] == [
        "okcomposer: 1 post waiting to be sent",
        "okcomposer: 2 posts waiting to be sent",
    ]
    assert cells(1).endswith("names 1 column") and cells(2).endswith("names 2 columns")
    assert str(message("row.extra_cells", cells=9, columns=1)).endswith("names 1 column")
    language("ru")
    assert [Tray().waiting_tip(n) for n in (1, 2, 5, 21)] == [
        "okcomposer: 1 запись ждёт отправки",
        "okcomposer: 2 записи ждут отправки",
        "okcomposer: 5 записей ждут отправки",
        "okcomposer: 21 запись ждёт отправки",
    ]
    assert [cells(n).rsplit(" ", 1)[1] for n in (1, 3, 5)] == ["столбец", "столбца", "столбцов"]


def test_failures_and_rule_problems_read_in_russian(language):
    from okcomposer.api.blocks import PhotoBlock
    from okcomposer.api.rules import problem
    from okcomposer.app.video import BadVideo
    from okcomposer.ui.common.message_text import notice_text

    language("ru")
    refused = BadVideo(message("video.size", name="a.mp4", bytes=1024, low_kb=16, high_mb=1024))
    assert isinstance(refused, MessageError) and "bytes; OK takes 16 KB" in str(refused)
    assert notice_text(refused).startswith("видео «a.mp4» весит 1")
    many = problem("photo.many_sources", PhotoBlock(), 0, item=1, sources=("photoId", "file"))
    assert "a photo id and a local file" in many.message
    assert "одновременно ID фото и локальный файл" in notice_text(many)
    member = notice_text(message("group.not_member", gid="7"))
    assert member == "вы не состоите в группе 7 и не можете в ней публиковать"


def test_one_photo_and_one_moment_read_in_the_singular(language):
    """Issue 15's "1 photos" and "Published 1 Moments.": the window's counted strings, both languages."""
    from PySide6.QtCore import QCoreApplication

    def said(context: str, text: str, n: int) -> str:
        return QCoreApplication.translate(context, text, "", n)

    language("en")
    assert said("MomentsView", "Published %n Moments.", 1) == "Published 1 Moment."
    assert said("MomentsView", "Published %n Moments.", 3) == "Published 3 Moments."
    assert said("PhotoGrid", "%n photos", 1) == "1 photo" and said("PhotoGrid", "%n need attention", 1) == (
        "1 needs attention"
    )
    assert said("PublishPanel", "{done} of %n photos, {sent} of {total} {unit}", 1).startswith(
        "{done} of 1 photo,"
    )
    language("ru")
    assert [said("MomentsView", "Published %n Moments.", n) for n in (1, 2, 5)] == [
        "Опубликован 1 Момент.",
        "Опубликовано 2 Момента.",
        "Опубликовано 5 Моментов.",
    ]
    assert said("ImportDialog", "All %n rows are fine.", 3) == "Все 3 строки в порядке."


def test_the_english_plural_forms_cover_every_counted_string_and_ship_current(tmp_path):
    """okcomposer_en.ts holds the English forms of every %n string (lupdate -pluralonly), its .qm current."""
    import subprocess
    import sys
    import xml.etree.ElementTree as ET
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    ts = root / "resources" / "translations" / "okcomposer_en.ts"
    tools = Path(sys.executable).parent
    sources = sorted(str(p) for p in (root / "okcomposer" / "ui").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    run = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run([str(tools / "pyside6-lupdate"), *sources, "-ts", str(fresh), "-pluralonly"], **run)

    def counted(path: Path) -> dict[tuple[str | None, str | None], list[str]]:
        return {
            (c.findtext("name"), m.findtext("source")): [f.text or "" for f in m.iter("numerusform")]
            for c in ET.parse(path).getroot().iter("context")
            for m in c.iter("message")
        }

    ours, wanted = counted(ts), counted(fresh)
    assert set(wanted) <= set(ours), "run pyside6-lupdate -pluralonly for okcomposer_en.ts, fill the forms"
    assert all(len(forms) == 2 and all("%n" in f for f in forms) for forms in ours.values())
    qm = tmp_path / "en.qm"
    subprocess.run([str(tools / "pyside6-lrelease"), str(ts), "-qm", str(qm)], **run)
    assert qm.read_bytes() == (root / "okcomposer" / "ui" / "translations" / "okcomposer_en.qm").read_bytes()
