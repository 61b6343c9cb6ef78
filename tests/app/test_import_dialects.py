"""Import files as the spreadsheet programs write them (issue 17): a table of CSV dialects and encodings, the
users' own files from bug reports (tests/data/cases), and the file-level refusals that remain."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from okcomposer.app.bulk_import import ImportFailed, load
from okcomposer.app.import_table import read_table

CASES = Path(__file__).parent.parent / "data" / "cases"
MOSCOW = ZoneInfo("Europe/Moscow")
G1 = "70000001000101"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
ROWS = [
    ["текст", "группа", "время"],
    ["Привет из Excel; скидки", G1, "01.03.2027 9:00"],
    ['Хлеб "Бородинский",\nсвежий', G1, "2027-03-02 10:30"],
    ["Утро", "me", ""],
]
WANT_TEXTS = ["Привет из Excel; скидки", 'Хлеб "Бородинский",\nсвежий', "Утро"]
WANT_TIMES = [datetime(2027, 3, 1, 6, 0, tzinfo=UTC), datetime(2027, 3, 2, 7, 30, tzinfo=UTC), None]


@dataclass(frozen=True)
class Dialect:
    """How one program writes a CSV: encoding (None: bytes as given), separator, line end, quoting."""

    encoding: str
    separator: str
    newline: str = "\r\n"
    quoting: int = csv.QUOTE_MINIMAL
    bom: bytes = b""
    padding: int = 0  # empty columns after the last named one (Excel keeps a formatted column's cells)
    hint: bool = False  # Excel's "sep=;" first line
    shown: str = ""  # the encoding the preview names


DIALECTS = {
    "Excel CSV UTF-8": Dialect("utf-8", ";", bom=b"\xef\xbb\xbf", shown="UTF-8 (BOM)"),
    "Excel CSV, Russian Windows (cp1251)": Dialect("cp1251", ";", shown="Windows-1251"),
    "Excel CSV with padding columns": Dialect("cp1251", ";", padding=3, shown="Windows-1251"),
    "Excel CSV (MS-DOS), cp866": Dialect("cp866", ";", shown="DOS-866"),
    "Excel CSV (Macintosh), CR line ends": Dialect("mac_cyrillic", ";", newline="\r", shown="Mac Cyrillic"),
    "Excel Unicode text (UTF-16 LE, tab)": Dialect("utf-16-le", "\t", bom=b"\xff\xfe", shown="UTF-16"),
    "UTF-16 BE with BOM, tab": Dialect("utf-16-be", "\t", bom=b"\xfe\xff", shown="UTF-16"),
    "Excel sep= hint line": Dialect("utf-8", ";", bom=b"\xef\xbb\xbf", hint=True, shown="UTF-8 (BOM)"),
    "LibreOffice Calc, comma, LF, every text quoted": Dialect(
        "utf-8", ",", newline="\n", quoting=csv.QUOTE_NONNUMERIC, shown="UTF-8"
    ),
    "LibreOffice Calc, semicolon, LF": Dialect("utf-8", ";", newline="\n", shown="UTF-8"),
    "LibreOffice Calc, tab, padding": Dialect("utf-8", "\t", newline="\n", padding=2, shown="UTF-8"),
    "Google Sheets, comma, CRLF": Dialect("utf-8", ",", shown="UTF-8"),
    "Google Sheets, padding columns": Dialect("utf-8", ",", padding=4, shown="UTF-8"),
}


def written(d: Dialect) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=d.separator, lineterminator=d.newline, quoting=d.quoting)
    if d.hint:
        out.write(f"sep={d.separator}{d.newline}")
    for cells in ROWS:
        writer.writerow(cells + [""] * d.padding)
    writer.writerow([""] * (len(ROWS[0]) + d.padding))  # a blank row at the end, as a selection leaves
    return d.bom + out.getvalue().encode(d.encoding)


@pytest.mark.parametrize("name", DIALECTS)
def test_every_dialect_imports(tmp_path, name):
    dialect = DIALECTS[name]
    path = tmp_path / "posts.csv"
    path.write_bytes(written(dialect))
    plan = load(path, tz=MOSCOW, now=NOW)
    assert plan.ok, plan.errors
    assert (plan.encoding, plan.separator) == (dialect.shown, dialect.separator)
    first = 3 if dialect.hint else 2
    assert [r.number for r in plan.rows] == [first, first + 1, first + 2]
    assert [r.post.attachment.media[0].text for r in plan.rows] == WANT_TEXTS
    assert [r.target for r in plan.rows] == [G1, G1, "me"]
    assert [r.post.attachment.scheduled_at() for r in plan.rows] == WANT_TIMES


def test_the_users_padded_file_imports():
    plan = load(CASES / "b_trailing_empty_columns.csv", tz=MOSCOW, now=NOW)
    assert plan.ok, plan.errors
    [row] = plan.rows
    assert row.post.attachment.media[0].text == "Hello from the import"
    assert row.post.attachment.scheduled_at() == datetime(2027, 3, 1, 7, 0, tzinfo=UTC)
    assert (plan.encoding, plan.separator) == ("UTF-8 (BOM)", ";")


def test_the_users_cp1251_file_imports():
    plan = load(CASES / "d_cp1251.csv", tz=MOSCOW, now=NOW)
    assert plan.ok, plan.errors
    assert plan.encoding == "Windows-1251"
    assert plan.rows[0].post.attachment.media[0].text == "Привет из Excel"


def test_the_users_russian_date_imports():
    plan = load(CASES / "e_ru_date.csv", tz=MOSCOW, now=NOW)
    assert plan.ok, plan.errors
    assert plan.rows[0].post.attachment.scheduled_at() == datetime(2027, 3, 1, 6, 0, tzinfo=UTC)


def test_a_value_under_a_padding_column_is_a_row_problem(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text(f"text;target;;\nhi;{G1};;\nhey;{G1};note;\nho;{G1};;;x\n", encoding="utf-8")
    plan = load(path, now=NOW)
    assert plan.errors == [
        "row 3: a value 'note' in column 3, which has no header; name it or clear it",
        "row 4: 5 cells but the header names 2 columns",
    ]


@pytest.mark.parametrize(
    "content, words",
    [
        (b"\x00\x01\x02\xff\xfe\x00binary\x00" * 20, "cannot tell how its text is encoded"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old Excel 97-2003 workbook"),
        (b"PK\x03\x04 not really a zip", "not a readable Excel workbook"),
        ("текст;цвет;группа\r\nx;red;me".encode("cp1251"), "unknown column 'цвет'"),
    ],
)
def test_files_that_are_no_table_say_why(tmp_path, content, words):
    path = tmp_path / "posts.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=words):
        read_table(path)
