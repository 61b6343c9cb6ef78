"""The import preview shows what the reader found (issue 17): a CSV's encoding and separator, a workbook's
sheet, each row's time in the user's zone and in Moscow, the note of a repeated wall time, and the photo
downloads' progress while the check runs off the GUI thread."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from PIL import Image
from support.image_server import Answer, image_server
from ui.workflow_helpers import G1, WAIT, assert_no_threads_left, british_english, make_context

from okcomposer.app import photo_urls
from okcomposer.ui.library.import_dialog import CHECK, TIME, ImportDialog

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def _british():
    with british_english():
        yield


@pytest.fixture
def dialog(qtbot, tmp_path):
    ctx = make_context(tmp_path)
    widget = ImportDialog(ctx, tz=BERLIN)
    qtbot.addWidget(widget)
    yield widget
    widget.reject()
    ctx.drafts.close()
    assert_no_threads_left()


def loaded(qtbot, dialog, path) -> None:
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT)


def column(dialog, number: int) -> list[str]:
    return [dialog.table.item(row, number).text() for row in range(dialog.table.rowCount())]


def test_a_russian_excel_csv_shows_its_encoding_separator_and_both_clocks(qtbot, dialog, tmp_path):
    path = tmp_path / "posts.csv"
    rows = ["текст;группа;время;;", f"Утро;{G1};01.03.2027 9:00;;", f"Ночь;{G1};31.10.2027 2:30;;"]
    path.write_bytes("\r\n".join(rows).encode("cp1251"))
    loaded(qtbot, dialog, path)
    assert dialog.path.text().endswith("Encoding: Windows-1251; separator: ;")
    times = column(dialog, TIME)
    assert times[0] == "01/03/2027 09:00 (Moscow 01/03/2027 11:00)"
    assert times[1] == "31/10/2027 02:30 (Moscow 31/10/2027 03:30)"  # the first 02:30, summer time
    checks = column(dialog, CHECK)
    assert checks[0] == "OK"
    assert checks[1].startswith("OK\nthe time '31.10.2027 2:30' happens twice in Europe/Berlin")


def test_a_workbook_shows_its_sheet(qtbot, dialog, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Март"
    book.active.append(["text", "target", "publish_at"])
    book.active.append(["x", G1, None])
    book.save(tmp_path / "posts.xlsx")
    loaded(qtbot, dialog, tmp_path / "posts.xlsx")
    assert dialog.path.text().endswith("Excel workbook, sheet Март")
    assert column(dialog, TIME) == ["At once"]


def test_photo_addresses_download_off_the_gui_thread_with_progress(qtbot, dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(photo_urls.Downloader, "default", classmethod(lambda cls: cls(tmp_path / "dl")))
    image = io.BytesIO()
    Image.new("RGB", (400, 300), (10, 20, 30)).save(image, "JPEG")
    with image_server() as web:
        web.answers["/a.jpg"] = Answer(image.getvalue(), hold=True)
        web.answers["/b.jpg"] = Answer(image.getvalue())
        path = tmp_path / "posts.csv"
        path.write_text(f"text,photos,target\nx,{web.url}/a.jpg|{web.url}/b.jpg,{G1}\n", encoding="utf-8")
        dialog.load_file(path)
        qtbot.waitUntil(lambda: dialog.summary.text() == "Downloading photo 1 of 2…", timeout=WAIT)
        assert dialog.plan is None  # the window is not held: the download waits on the server
        web.release()
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT)
    assert dialog.plan.ok, dialog.plan.errors
    assert column(dialog, CHECK) == ["OK"]
