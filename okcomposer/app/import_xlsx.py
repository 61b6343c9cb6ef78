"""An Excel workbook (.xlsx) for an import: the first worksheet's cells, as app.import_table reads a CSV.

Numbers that are whole (a group id typed as a number) become their digits; a date cell becomes a naive
datetime, read later as a wall time in the user's zone; a plain number in the publish_at column is an Excel
serial date (days since the workbook's epoch, 1900 or 1904), as a cell shows it when its format was lost.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

from okcomposer.app.messages import message

# A workbook's XML unpacked is many times its zip; past this the file is refused before openpyxl parses it.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 100


def read_xlsx(data: bytes, file: str, max_rows: int) -> tuple[list[list[str | datetime]], str]:
    """(rows of cells, the worksheet's name) of the workbook's first sheet; at most max_rows rows.

    Raises app.import_table.ImportFailed: import.bad_xlsx (not a workbook, damaged, too large unpacked) or
    import.too_many_rows.
    """
    from okcomposer.app.import_table import COLUMNS, ImportFailed

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise ValueError(f"{unpacked // (1024 * 1024)} MB unpacked")
        import openpyxl
        from openpyxl.utils.datetime import from_excel

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportFailed:
        raise
    except Exception as exc:  # zipfile, XML and openpyxl's own errors: the file is no readable workbook
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ImportFailed(message("import.bad_xlsx", file=file, error=reason)) from None
    try:
        sheet = book.worksheets[0]
        records: list[list[str | datetime]] = []
        time_columns: set[int] = set()
        header_seen = False
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            if len(records) > max_rows:
                raise ImportFailed(message("import.too_many_rows", file=file, max=max_rows))
            cells = list(values)
            while cells and cells[-1] is None:
                cells.pop()
            if not header_seen and any(c is not None and str(c).strip() for c in cells):
                header_seen = True
                names = COLUMNS["publish_at"]
                time_columns = {i for i, c in enumerate(cells) if str(c or "").strip().lower() in names}
                records.append([_text(c) for c in cells])
                continue
            records.append([_cell(c, i in time_columns, book.epoch, from_excel) for i, c in enumerate(cells)])
        return records, sheet.title
    except ImportFailed:
        raise
    except Exception as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ImportFailed(message("import.bad_xlsx", file=file, error=reason)) from None
    finally:
        book.close()


def _cell(value: object, is_time: bool, epoch: datetime, from_excel) -> str | datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if is_time and isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 2_958_466:
        return from_excel(value, epoch=epoch)  # a serial date that lost its cell format
    return _text(value)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    return str(value)
