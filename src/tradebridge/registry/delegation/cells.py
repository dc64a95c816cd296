"""From uploaded bytes to lines of cells: the accepted formats (.xlsx, .csv) and CSV encodings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from tradebridge.core.pure_i18n import gettext_noop
from tradebridge.core.pure_i18n import translate as _
from tradebridge.registry.delegation.errors import ImportFileError, quoted, sentences, visible

MAX_BYTES = 5 * 1024 * 1024
MAX_COLUMNS = 200  # cells beyond this are never read
# A workbook is a zip: its parts' unpacked sizes are checked before any is parsed (a "zip bomb"
# of empty rows or one huge cell would otherwise pin a worker and its memory).  A 20,000-row list
# of 9 columns unpacks to about 6 MB, and deflate packs sheets 5 to 20 times.
MAX_UNPACKED = 64 * 1024 * 1024
MAX_RATIO = 200  # for parts over RATIO_FLOOR bytes unpacked
RATIO_FLOOR = 1024 * 1024
MAX_PARTS = 1000
MAX_CELL = 32_767  # Excel's own limit for the text of a cell

ACCEPTED_ENCODINGS = gettext_noop(
    "UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1258 (Vietnamese)")

_VIETNAMESE_LETTERS = frozenset("ăâđêôơưĂÂĐÊÔƠƯ")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# TCVN3 (ABC) puts the Vietnamese vowels on bytes that Latin-1 and Windows-1258 read as the
# symbols ¡..¿ (C«ng ty G«m B¸t Trµng): such a byte between letters gives it away.
_TCVN3_INSIDE_WORD = re.compile(rb"[A-Za-z][\xa1-\xbf]|[\xa1-\xbf][A-Za-z]")


def _looks_vietnamese(text: str) -> bool:
    for index, ch in enumerate(text):
        if ch in _VIETNAMESE_LETTERS:
            return True
        if ch in _TONE_MARKS and index and text[index - 1].isalpha():
            return True
    return False


def decode_csv(data: bytes, filename: str) -> str:
    """Text of a CSV upload in NFC; :class:`ImportFileError` for an unaccepted encoding.

    UTF-16 with a BOM; else UTF-8, strictly (a leading BOM dropped); else Windows-1258 when the
    result has Vietnamese letters and no sign of TCVN3; else refused.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return unicodedata.normalize("NFC", data.decode("utf-16"))
        except UnicodeDecodeError:
            raise ImportFileError(filename, sentences(
                _("starts with a UTF-16 byte order mark but is not valid UTF-16."), _accepted_encodings()
            )) from None
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    tcvn3 = len(_TCVN3_INSIDE_WORD.findall(data)) >= 2
    if not tcvn3:
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError:
            text = ""
        if _looks_vietnamese(text):
            return unicodedata.normalize("NFC", text)
    raise ImportFileError(filename, sentences(
        _("the text encoding is not accepted."),
        _("It looks like TCVN3 (ABC).") if tcvn3 else "",
        _accepted_encodings(),
        _("The legacy font encodings TCVN3 (ABC) and VNI cannot be read reliably: convert the file to "
          "Unicode first (for example with UniKey's converter), or save it as .xlsx or as “CSV UTF-8”."),
    ))


def _accepted_encodings() -> str:
    return _("Accepted encodings: %(encodings)s.") % {"encodings": _(ACCEPTED_ENCODINGS)}


@dataclass
class Cell:
    text: str
    numeric: bool = False  # a number in the workbook (a lost leading zero is possible)


def cell_of(value: Any) -> Cell:
    if value is None:
        return Cell("")
    if isinstance(value, bool):
        return Cell("TRUE" if value else "FALSE")
    if isinstance(value, int):
        return Cell(str(value), numeric=True)
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
        return Cell(text, numeric=True)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return Cell(value.isoformat())
    return Cell(unicodedata.normalize("NFC", str(value)).strip())


def csv_lines(text: str, delimiter: str, filename: str = "") -> Iterator[list[Cell]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):  # csv's own cap, 131,072 characters
                raise ImportFileError(filename, _cell_too_long(reader.line_num, None, None)) from None
            raise
        record = record[:MAX_COLUMNS]
        _check_lengths(record, reader.line_num, filename)
        yield [Cell(unicodedata.normalize("NFC", value).strip()) for value in record]


def _check_lengths(values: list, line: int, filename: str) -> None:
    for index, value in enumerate(values):
        if isinstance(value, str) and len(value) > MAX_CELL:
            raise ImportFileError(filename, _cell_too_long(line, index, len(value)))


def _cell_too_long(line: int, index: int | None, length: int | None) -> str:
    from openpyxl.utils import get_column_letter

    if index is None or length is None:
        return _("line %(line)s: a cell holds more than %(limit)s characters") % {
            "line": line, "limit": f"{MAX_CELL:,}"}
    return _("line %(line)s, column %(column)s: a cell holds %(length)s characters, more than %(limit)s") % {
        "line": line, "column": get_column_letter(index + 1), "length": f"{length:,}",
        "limit": f"{MAX_CELL:,}"}


def check_workbook(data: bytes, filename: str, max_unpacked: int | None = None) -> None:
    """Refuse a workbook whose parts would unpack too large or are packed too tightly, from the
    sizes its zip directory declares (a part cannot unpack to more than it declares: zipfile
    stops there and fails its checksum)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = archive.infolist()
    max_unpacked = max_unpacked or MAX_UNPACKED
    if len(parts) > MAX_PARTS:
        raise ImportFileError(filename, _(
            "the workbook has %(count)s parts, more than %(limit)s: copy the list into a new workbook"
        ) % {"count": len(parts), "limit": MAX_PARTS})
    unpacked = sum(part.file_size for part in parts)
    if unpacked > max_unpacked:
        raise ImportFileError(filename, _(
            "the workbook unpacks to %(size)s MB, more than %(limit)s MB: copy the list into a new workbook "
            "without pictures or empty formatted rows, or save it as CSV"
        ) % {"size": f"{unpacked / 1024 / 1024:,.0f}", "limit": f"{max_unpacked / 1024 / 1024:g}"})
    for part in parts:
        ratio = part.file_size // max(part.compress_size, 1)
        if part.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise ImportFileError(filename, _(
                "the workbook's part “%(part)s” is packed %(ratio)s times, far more than a list can be: "
                "it may be a “zip bomb” and is not read"
            ) % {"part": visible(part.filename), "ratio": f"{ratio:,}"})


def xlsx_lines(data: bytes, filename: str, sheet: str | None) -> Iterator[list[Cell]]:
    from openpyxl import load_workbook  # imported here: only workbook uploads need it

    check_workbook(data, filename)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
        # data_only: a formula cell gives the value Excel last computed and saved.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            sheets = ", ".join(quoted(name) for name in workbook.sheetnames)
            raise ImportFileError(filename, _(
                "there is no sheet named “%(sheet)s”; the sheets are %(sheets)s"
            ) % {"sheet": visible(sheet), "sheets": sheets})
        if not hasattr(worksheet, "iter_rows"):
            raise ImportFileError(filename, _("the sheet holds a chart, not a table"))
        worksheet.reset_dimensions()  # some writers declare a wrong size; read what is there
        for line, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            values = values[:MAX_COLUMNS]
            _check_lengths(values, line, filename)
            yield [cell_of(value) for value in values]
    finally:
        workbook.close()


def read_input(source: bytes | IO[bytes], max_bytes: int, filename: str) -> bytes:
    data = source if isinstance(source, bytes | bytearray) else source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImportFileError(filename, _("the file is larger than %(size)s MB")
                              % {"size": f"{max_bytes / 1024 / 1024:g}"})
    if not data.strip():
        raise ImportFileError(filename, _("the file is empty"))
    return bytes(data)


_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMAT_HELP = gettext_noop("Upload the list as .xlsx (Excel workbook) or .csv.")


def format_of(filename: str, data: bytes) -> str:
    suffix = PurePath(filename).suffix.lower()
    if data.startswith(_OLE_SIGNATURE):
        raise ImportFileError(filename, _("this is a legacy Excel 97–2003 (.xls) workbook or an "
                                          "encrypted one, which cannot be read. In Excel, choose Save As → "
                                          "Excel Workbook (.xlsx), without a password."))
    if suffix == ".xlsx":
        if not data.startswith(b"PK"):
            raise ImportFileError(filename, _("the file is named .xlsx but is not an Excel workbook"))
        return "xlsx"
    if suffix == ".csv":
        if data.startswith(b"PK\x03\x04"):
            raise ImportFileError(filename, _("the file is named .csv but is an Excel workbook: "
                                              "rename it to .xlsx"))
        return "csv"
    if suffix == ".xls":
        raise ImportFileError(filename, _("legacy Excel 97–2003 (.xls) files are not accepted. In "
                                          "Excel, choose Save As → Excel Workbook (.xlsx)."))
    if suffix:
        refusal = _("“%(extension)s” files are not accepted.") % {"extension": visible(suffix)}
    else:
        refusal = _("files without an extension are not accepted.")
    raise ImportFileError(filename, sentences(refusal, _(_FORMAT_HELP)))

