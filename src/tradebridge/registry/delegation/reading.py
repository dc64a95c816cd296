"""Reading a whole delegation list: :func:`parse_delegation_list`."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Callable
from typing import IO

from tradebridge.core.pure_i18n import translate as _
from tradebridge.registry.delegation.cells import MAX_BYTES, decode_csv, format_of, read_input, xlsx_lines
from tradebridge.registry.delegation.columns import (
    HEADER_SEARCH_LINES,
    REQUIRED,
    csv_table,
    find_header,
    missing_columns_error,
)
from tradebridge.registry.delegation.errors import ImportFileError
from tradebridge.registry.delegation.rows import MAX_ROWS, ImportPreview, Lookup, ProvinceLookup, check_rows


def parse_delegation_list(
    source: bytes | IO[bytes],
    filename: str,
    *,
    sheet: str | None = None,
    country_lookup: Lookup | None = None,
    province_lookup: ProvinceLookup | None = None,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    progress: Callable[[int], None] | None = None,
) -> ImportPreview:
    """Read and check a delegation list.

    ``source`` is the uploaded content (bytes or a binary file), ``filename`` its name (the
    extension chooses the format; the name appears in messages).  ``country_lookup(text)``
    returns an ISO alpha-3 code or ``None`` (the built-in table of the region is tried after
    it); ``province_lookup(text, country_alpha3)`` returns a province code or ``None`` (then
    the row is refused); without one, the province is kept as typed.

    Raises :class:`ImportFileError` for a file that cannot be read as a list (wrong format or
    encoding, larger than ``max_bytes`` or with more than ``max_rows`` data rows, empty, a
    header only, required columns missing).  Returns an :class:`ImportPreview`; when any value
    is refused, its ``rows`` is empty and ``errors`` names each line, field and reason.
    ``progress(rows)``, if given, is called with the count of rows read so far every
    ``rows.PROGRESS_EVERY`` rows.
    """
    data = read_input(source, max_bytes, filename)
    kind = format_of(filename, data)
    try:
        if kind == "csv":
            text = decode_csv(data, filename)
            if not text.strip():
                raise ImportFileError(filename, _("the file is empty"))
            header, lines = csv_table(text, filename)
        else:
            lines = xlsx_lines(data, filename, sheet)
            found, first = find_header(lines, filename)
            if found is None and not first:
                raise ImportFileError(filename, _("the sheet is empty (nothing in its first %(count)s lines)")
                                      % {"count": HEADER_SEARCH_LINES})
            if found is None or not all(name in found.columns for name in REQUIRED):
                raise missing_columns_error(
                    filename, found.columns if found else (), found.titles if found else first
                )
            header = found
        return check_rows(header, lines, filename, country_lookup, province_lookup, max_rows, progress)
    except ImportFileError:
        raise
    except csv.Error as exc:
        raise ImportFileError(filename, _("the CSV file is malformed (%(error)s)") % {"error": exc}) from None
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise ImportFileError(filename, _("the workbook is damaged and cannot be read (%(error)s)")
                              % {"error": exc}) from None
    except Exception as exc:
        # openpyxl raises many kinds of error on a damaged workbook; a CSV error here is a bug.
        if kind != "xlsx":
            raise
        raise ImportFileError(filename, _("the workbook cannot be read (%(error)s)")
                              % {"error": type(exc).__name__}) from None

