"""Excel and CSV exports that cannot attack their readers (OWASP "CSV injection").

A text cell that starts with = + - @, a tab or a carriage return is read by Excel and
LibreOffice as a formula: a title such as =HYPERLINK("http://evil.example","EN") typed by one
user would become a live link in another's spreadsheet. Such text is written with a leading
apostrophe, which spreadsheets show as text; numbers and dates are left as they are."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value to write in a cell: text that a spreadsheet would evaluate, quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values) -> list[Any]:
    return [neutralise(v) for v in values]


def workbook_bytes(book: Workbook) -> bytes:
    """Save the workbook after quoting every text cell a spreadsheet would run as a formula
    (openpyxl stores text starting with "=" as a formula: data_type "f")."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.value = "'" + cell.value
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
