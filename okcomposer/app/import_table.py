"""The one reader of an import file (CSV or .xlsx), for `okcomposer import` and the import dialog alike.

A CSV is read as the spreadsheet programs write it: Excel ("CSV UTF-8" with a BOM, or the Russian default
"CSV" in Windows-1251, "CSV (MS-DOS)" in code page 866, "CSV (Macintosh)" with CR line ends, "Unicode text" in
UTF-16 with tabs), LibreOffice Calc (UTF-8, any separator, every text quoted) and Google Sheets (UTF-8,
commas, CRLF). The encoding is read from a BOM, else UTF-8 if the bytes are UTF-8, else guessed with
charset-normalizer among the encodings those programs write. The separator (`;`, `,` or tab) is the one the
header line uses most outside quotes, or the one a first line `sep=;` names (Excel's hint). Columns with no
header name are padding (`text;target;publish_at;;;`): ignored, as long as their cells are empty. A file
that starts like a zip archive is read as .xlsx (app.import_xlsx), whatever its name.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from okcomposer.app.input_files import CSV_MAX_BYTES, InputFileError, one_line, read_capped
from okcomposer.app.messages import MessageError, message

COLUMNS = {
    "text": ("text", "текст"),
    "link": ("link", "url", "ссылка"),
    "photos": ("photos", "photo", "фото", "фотографии"),
    "target": ("target", "group", "группа"),
    "publish_at": ("publish_at", "time", "время"),
    "type": ("type", "тип"),
}
HEADER_NAMES = {name: key for key, names in COLUMNS.items() for name in names}
MAX_ROWS = 10_000  # bounds the time and memory one check of a file takes
ECHO_MAX = 60  # characters of a cell quoted in a message: enough to find it, short enough to read
SEPARATORS = (";", ",", "\t")
# What a spreadsheet program may write besides UTF-8, best guess first when the bytes fit several.
GUESSED = ("cp1251", "cp1252", "cp866", "mac_cyrillic", "utf_16_le", "utf_16_be")
ENCODING_NAMES = {
    "utf_8": "UTF-8",
    "utf_8_sig": "UTF-8 (BOM)",
    "utf_16": "UTF-16",
    "utf_16_le": "UTF-16",
    "utf_16_be": "UTF-16",
    "utf_32": "UTF-32",
    "cp1251": "Windows-1251",
    "cp1252": "Windows-1252",
    "cp866": "DOS-866",
    "mac_cyrillic": "Mac Cyrillic",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)
_PLAIN = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ«»—–№…’“”äöüßéèêàçñ")
Cell = str | datetime  # an .xlsx date cell stays a (naive, wall-clock) datetime


class ImportFailed(MessageError):
    """The file itself cannot be read as an import (encoding, header); nothing was saved or sent.

    `reason` is an app.messages.Message with an "import." code; str() is its English line.
    """


@dataclass(frozen=True)
class Table:
    """keys: the column key of each header cell ("" for a padding column with no name); rows: (row number
    as a spreadsheet shows it, cells) for each row with any content; encoding: a name from ENCODING_NAMES or
    "xlsx"; separator: ";", "," or "\\t" ("" for xlsx); sheet: the worksheet read (xlsx only)."""

    keys: list[str]
    rows: list[tuple[int, list[Cell]]]
    encoding: str
    separator: str = ""
    sheet: str = ""


def read_table(path: Path) -> Table:
    """The header's column keys and the rows of a CSV or .xlsx file of at most CSV_MAX_BYTES and MAX_ROWS.

    Raises ImportFailed (one line starting with the file): unreadable, undecodable, malformed, empty, or a
    header naming an unknown column, one twice, or no target column.
    """
    file = one_line(str(path))
    try:
        noun = "an Excel file" if path.suffix.lower() in (".xlsx", ".xlsm") else "a CSV file"
        data = read_capped(path, CSV_MAX_BYTES, noun)
    except InputFileError as exc:
        raise ImportFailed(message("import.unreadable", file=file, reason=str(exc))) from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE2 compound file: Excel 97-2003
        raise ImportFailed(message("import.old_xls", file=file))
    if data.startswith(b"PK\x03\x04"):
        from okcomposer.app.import_xlsx import read_xlsx

        records, sheet = read_xlsx(data, file, MAX_ROWS)
        return _table(file, records, "xlsx", "", sheet)
    text, encoding = decode(data, file)
    records, separator = _csv_records(text, file)
    return _table(file, records, encoding, separator, "")


def decode(data: bytes, file: str) -> tuple[str, str]:
    """(text, encoding name) of CSV bytes; ImportFailed import.unknown_encoding when no guess fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).removeprefix("\ufeff"), ENCODING_NAMES[codec]
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), ENCODING_NAMES["utf_8"]
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # charset-normalizer finds the encodings that read the bytes without chaos; a short Russian text reads
    # cleanly in several of them, so the one whose letters are most plainly Russian or Latin wins.
    candidates = [(str(match), match.encoding) for match in from_bytes(data, cp_isolation=list(GUESSED))]
    candidates = [(text, name) for text, name in candidates if "\x00" not in text]  # NULs: no table
    if not candidates:
        raise ImportFailed(message("import.unknown_encoding", file=file))
    text, name = max(candidates, key=lambda pair: _plain_share(pair[0]))
    return text, ENCODING_NAMES.get(name, name)


def _plain_share(text: str) -> float:
    """The share of characters a table of Russian or Western text is made of (max() keeps the first tie)."""
    plain = sum(1 for c in text if c.isascii() or c in _PLAIN)
    return plain / max(1, len(text))


def separator_of(header: str) -> str:
    """The separator the header line uses most outside quotes (`,` when it names one column)."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(SEPARATORS, key=lambda s: counts[s])  # ties: the earlier in SEPARATORS
    return best if counts[best] else ","


def _csv_records(text: str, file: str) -> tuple[list[list[Cell]], str]:
    lines = text.splitlines()
    first = lines[0].strip() if lines else ""
    records: list[list[Cell]] = []
    if first.lower().startswith("sep=") and len(first) == 5:  # Excel's "sep=;" line names the separator
        separator = first[4]
        records.append([])  # it is row 1, as a spreadsheet shows it
        text = text[len(lines[0]) :]
        text = text[2:] if text.startswith("\r\n") else text[1:]
    else:
        separator = separator_of(lines[0] if lines else "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        for cells in reader:
            if len(records) > MAX_ROWS:
                raise ImportFailed(message("import.too_many_rows", file=file, max=MAX_ROWS))
            records.append(list(cells))
    except csv.Error as exc:
        where = {"file": file, "row": len(records) + 1, "line": reader.line_num}
        if "field larger than field limit" in str(exc):
            reason = message("import.cell_too_long", **where, max=csv.field_size_limit())
        else:
            reason = message("import.bad_csv", **where, error=str(exc))
        raise ImportFailed(reason) from None
    return records, separator


def _table(file: str, records: list[list[Cell]], encoding: str, separator: str, sheet: str) -> Table:
    start = 1
    while start <= len(records) and not any(_text(c) for c in records[start - 1]):
        start += 1  # a "sep=" line or blank lines before the header
    if start > len(records):
        raise ImportFailed(message("import.empty", file=file))
    keys = header_keys([_text(c) for c in records[start - 1]], file)
    rows = [
        (n, cells) for n, cells in enumerate(records[start:], start=start + 1) if any(_text(c) for c in cells)
    ]
    return Table(keys, rows, encoding, separator, sheet)


def header_keys(names: list[str], file: str) -> list[str]:
    """The key of each header cell ("" for an empty one: padding); ImportFailed for an unknown name, one
    named twice, or no target column."""
    keys: list[str] = []
    for name in names:
        if not name.strip():
            keys.append("")
            continue
        key = HEADER_NAMES.get(name.strip().lower())
        if key is None:
            known = ", ".join(n for names in COLUMNS.values() for n in names)
            raise ImportFailed(
                message("import.unknown_column", file=file, name=echo(name.strip()), known=known)
            )
        if key in keys:
            raise ImportFailed(message("import.column_twice", file=file, name=key))
        keys.append(key)
    if "target" not in keys:
        raise ImportFailed(message("import.no_target_column", file=file))
    return keys


def _text(cell: Cell) -> str:
    return cell.strip() if isinstance(cell, str) else "x"


def echo(text: str) -> str:
    """A cell's text for a message, in quotes: its first ECHO_MAX characters then "…" when longer (a
    300-character cell would fill a terminal line or widen a window), line breaks shown as \\n so the
    message stays one line; otherwise unchanged (no escaping)."""
    text = one_line(text)
    return f"'{text if len(text) <= ECHO_MAX else text[:ECHO_MAX] + '…'}'"


def separator_name(separator: str) -> str:
    """How the preview names a separator: ";", ",", "tab" ("" for none, an xlsx)."""
    return "tab" if separator == "\t" else separator
