"""Excel workbooks (.xlsx) import with the same columns and checks as a CSV (issue 17, item 5): date cells and
serial dates in the user's zone, group ids typed as numbers, the first sheet, refusals in one line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from support.images import make_photos

from okcomposer.app.bulk_import import ImportFailed, load
from okcomposer.app.import_table import read_table

MOSCOW, NY = ZoneInfo("Europe/Moscow"), ZoneInfo("America/New_York")
G1 = "70000001000101"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def workbook(
    path: Path, rows: list[list[object]], epoch_1904: bool = False, formats: dict | None = None
) -> Path:
    book = openpyxl.Workbook()
    if epoch_1904:
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Посты"
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    book.create_sheet("Other").append(["ignored"])
    book.save(path)
    return path


def test_a_workbook_imports_like_a_csv(tmp_path):
    make_photos(tmp_path, 2)
    path = workbook(
        tmp_path / "posts.xlsx",
        [
            ["Текст", "Фото", "Группа", "Время", None, None],  # padding columns, as a formatted sheet has
            ["Date cell", "p0.jpg|p1.jpg", int(G1), datetime(2027, 3, 1, 9, 0)],
            ["Text time", None, G1, "01.03.2027 9:30"],
            ["Serial date", None, float(G1), 46447.375],  # 2027-03-01 09:00 whose cell lost its format
            [None, None, None, None],  # an empty row at the end
            ["My page", None, "me"],
        ],
    )
    plan = load(path, tz=MOSCOW, now=NOW)
    assert plan.ok, plan.errors
    assert (plan.encoding, plan.separator, plan.sheet) == ("xlsx", "", "Посты")
    assert [r.number for r in plan.rows] == [2, 3, 4, 6]
    assert [r.target for r in plan.rows] == [G1, G1, G1, "me"]
    times = [r.post.attachment.scheduled_at() for r in plan.rows]
    assert times == [
        datetime(2027, 3, 1, 6, 0, tzinfo=UTC),
        datetime(2027, 3, 1, 6, 30, tzinfo=UTC),
        datetime(2027, 3, 1, 6, 0, tzinfo=UTC),
        None,
    ]
    assert len(plan.rows[0].post.local_files()) == 2


def test_1904_workbooks_and_date_cells_in_the_users_zone(tmp_path):
    path = workbook(
        tmp_path / "mac.xlsx",
        [["text", "target", "publish_at"], ["x", G1, 44985.375], ["y", G1, datetime(2027, 7, 1, 9, 0)]],
        epoch_1904=True,
    )
    plan = load(path, tz=NY, now=NOW)
    assert plan.ok, plan.errors
    # 44985.375 days after 1904-01-01 is 2027-03-01 09:00 (the 1900 epoch would say 2023-02-28)
    assert plan.rows[0].post.attachment.scheduled_at() == datetime(2027, 3, 1, 14, 0, tzinfo=UTC)
    assert plan.rows[1].post.attachment.scheduled_at() == datetime(2027, 7, 1, 13, 0, tzinfo=UTC)


def test_date_cells_in_a_gap_or_a_fold(tmp_path):
    path = workbook(
        tmp_path / "dst.xlsx",
        [
            ["text", "target", "publish_at"],
            ["gap", G1, datetime(2027, 3, 14, 2, 30)],
            ["fold", G1, datetime(2027, 11, 7, 1, 30)],
        ],
    )
    plan = load(path, tz=NY, now=NOW)
    assert plan.errors == [
        "row 2: the time '2027-03-14 02:30:00' does not exist in America/New_York: the clocks skip it; "
        "pick another time"
    ]
    fold = plan.rows[1]
    assert fold.post.attachment.scheduled_at() == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)  # EDT, the first
    assert [n.code for n in fold.notes] == ["row.time_fold"]


def test_workbook_checks_are_the_csv_checks(tmp_path):
    path = workbook(
        tmp_path / "bad.xlsx",
        [
            ["text", "target", "publish_at"],
            ["x", "shop", None],
            ["x", G1, "tomorrow"],
            ["x", G1, None, "stray"],
        ],
    )
    plan = load(path, tz=NY, now=NOW)
    assert [e.split(":")[0] for e in plan.errors] == ["row 2", "row 3", "row 4"]
    assert "'shop' is neither a group id nor 'me'" in plan.errors[0]
    assert "4 cells but the header names 3 columns" in plan.errors[2]
    with pytest.raises(ImportFailed, match="unknown column 'colour'"):
        load(workbook(tmp_path / "h.xlsx", [["text", "colour", "target"]]))
    with pytest.raises(ImportFailed, match="the file is empty"):
        load(workbook(tmp_path / "e.xlsx", []))


def test_an_xlsx_named_csv_is_read_as_a_workbook_and_a_broken_one_is_refused(tmp_path):
    path = workbook(tmp_path / "posts.csv", [["text", "target"], ["x", "me"]])
    assert read_table(path).encoding == "xlsx"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(path.read_bytes()[:600])
    with pytest.raises(ImportFailed, match=r"broken.xlsx: not a readable Excel workbook \("):
        read_table(broken)
