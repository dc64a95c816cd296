"""Reading and checking a file of clearance figures (CSV or Excel), without writing anything.

The format
    One figure a line, a header line first with these column titles (any order, case ignored):

    ============  ==========================================================================
    gate          the gate's zone code, e.g. ``bg-laocai-hekou``
    period        ``day``, ``month`` or ``year``
    period_start  ``YYYY-MM-DD`` for a day, ``YYYY-MM`` for a month, ``YYYY`` for a year
    direction     ``export``, ``import`` or ``transit``
    measure       ``value_usd``, ``tonnes``, ``vehicles`` or ``containers``
    product       an HS chapter (``08``), a product group key (``fruit``), or empty: all goods
    value         a number ≥ 0 with a dot as the decimal sign and at most two decimals
    ============  ==========================================================================

    CSV in UTF-8 (the encodings of the delegation lists are accepted for uploads), with ``,``,
    ``;`` or a tab between values; or an .xlsx workbook (first sheet).

Caps, checked before values are read: the file's size, the number of data rows and the length
of each cell (``Limits``). The whole file is checked first; errors name the line (as the
spreadsheet numbers it) and the column. A key (gate, period, period_start, direction, measure,
product) may appear once in a file; a key already in the store is **replaced** by the import
(the preview counts those).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from pathlib import Path

from django.utils.translation import gettext as _

from tradebridge.border.clearance_keys import KeyBitmaps
from tradebridge.border.clearance_keys import KeyBitmaps as _Seen  # noqa: F401 - the tests' name
from tradebridge.registry.delegation.cells import decode_csv, format_of, xlsx_lines
from tradebridge.registry.delegation.errors import ImportFileError

COLUMNS = ("gate", "period", "period_start", "direction", "measure", "product", "value")
PERIODS = ("day", "month", "year")
DIRECTIONS = ("export", "import", "transit")
MEASURES = ("value_usd", "tonnes", "vehicles", "containers")
MAX_VALUE = Decimal("1e17")
_GROUP_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
# A value that needs no further check: under 10^17, at most two decimals, nothing around it.
_PLAIN_VALUE = re.compile(r"\d{1,17}(?:\.\d{1,2})?")
_KEPT_HEADS = 4096  # gate, period, start, direction, measure texts remembered (files repeat them)
_MAX_ERRORS = 200


@dataclass(frozen=True)
class Limits:
    max_bytes: int | None = 20 * 1024 * 1024
    max_rows: int | None = 200_000
    max_cell: int = 64


UPLOAD_LIMITS = Limits()
BULK_LIMITS = Limits(max_bytes=None, max_rows=None)  # the command line and the benchmark


@dataclass(frozen=True)
class LineError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("line %(line)s, column %(column)s: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class CheckedRow:
    gate_id: int
    period: str
    period_start: dt.date
    direction: str
    measure: str
    product: str
    value: Decimal


@dataclass
class Report:
    """What the check found: rows, errors (at most a few hundred kept), the keys seen."""

    rows: int = 0
    errors: list[LineError] = field(default_factory=list)
    more_errors: int = 0
    seen: KeyBitmaps = field(default_factory=KeyBitmaps)
    gate_ids: set[int] = field(default_factory=set)
    first: dt.date | None = None
    last: dt.date | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, error: LineError) -> None:
        if len(self.errors) < _MAX_ERRORS:
            self.errors.append(error)
        else:
            self.more_errors += 1


def _source_bytes(source: bytes | Path, filename: str, limits: Limits) -> tuple[str, bytes | None]:
    """The format, and the bytes for uploads; a path is streamed (CSV) rather than read."""
    if isinstance(source, Path):
        size = source.stat().st_size
        if limits.max_bytes is not None and size > limits.max_bytes:
            raise ImportFileError(
                filename,
                _("the file is larger than %(size)s MB") % {"size": f"{limits.max_bytes / 1024 / 1024:g}"},
            )
        with source.open("rb") as handle:
            head = handle.read(8)
        if not size:
            raise ImportFileError(filename, _("the file is empty"))
        kind = format_of(filename, head)
        return kind, (source.read_bytes() if kind == "xlsx" else None)
    if limits.max_bytes is not None and len(source) > limits.max_bytes:
        raise ImportFileError(
            filename,
            _("the file is larger than %(size)s MB") % {"size": f"{limits.max_bytes / 1024 / 1024:g}"},
        )
    if not source.strip():
        raise ImportFileError(filename, _("the file is empty"))
    return format_of(filename, source), bytes(source)


def _delimiter(first_line: str) -> str:
    return max((",", ";", "\t"), key=first_line.count)


def iter_lines(source: bytes | Path, filename: str, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every line of the file, the header included."""
    kind, data = _source_bytes(source, filename, limits)
    if kind == "xlsx":
        for number, cells in enumerate(xlsx_lines(data, filename, None), start=1):
            yield number, [cell.text for cell in cells]
        return
    if data is None:
        handle = io.TextIOWrapper(source.open("rb"), encoding="utf-8-sig", newline="")
    else:
        handle = io.StringIO(decode_csv(data, filename), newline="")
    with handle:
        first = handle.readline()
        handle.seek(0)
        reader = csv.reader(handle, delimiter=_delimiter(first))
        try:
            for number, cells in enumerate(reader, start=1):
                yield number, cells
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ImportFileError(
                filename, _("the CSV file is malformed (%(error)s)") % {"error": exc}
            ) from None


class Checker:
    """Checks one line at a time against the gates in the store (loaded once, no query per
    row); dates and products are cached because files repeat them."""

    def __init__(self, gates: dict[str, int], limits: Limits) -> None:
        self.gates = gates
        self.limits = limits
        self._dates: dict[tuple[str, str], dt.date | str] = {}
        self._products: dict[str, str | None] = {}
        self._order: list[int] = []
        self._heads: dict[tuple[str, ...], tuple] = {}  # texts of a good line → their checked values
        self._good_products: dict[str, str] = {}

    def header(self, cells: list[str], filename: str) -> dict[str, int]:
        titles = [cell.strip().lower().replace(" ", "_") for cell in cells]
        positions = {}
        for index, title in enumerate(titles):
            if title in COLUMNS and title not in positions:
                positions[title] = index
        missing = [name for name in COLUMNS if name not in positions]
        if missing:
            raise ImportFileError(
                filename,
                _("the header line lacks the columns %(columns)s; it must hold %(all)s")
                % {"columns": ", ".join(missing), "all": ", ".join(COLUMNS)},
            )
        return positions

    def date(self, period: str, text: str) -> dt.date | str:
        """The period's first day, or the reason the text is not one."""
        key = (period, text)
        found = self._dates.get(key)
        if found is None:
            found = self._dates[key] = self._parse_date(period, text)
        return found

    @staticmethod
    def _parse_date(period: str, text: str) -> dt.date | str:
        try:
            if period == "day":
                return dt.date.fromisoformat(text[:10]) if len(text) in (10, 19) else _bad_date(text)
            if period == "month":
                if re.fullmatch(r"\d{4}-\d{2}(-01)?", text[:10]):
                    return dt.date(int(text[:4]), int(text[5:7]), 1)
                return _("“%(text)s” is not a month: write YYYY-MM") % {"text": text}
            if re.fullmatch(r"\d{4}(-01-01)?", text[:10]):
                return dt.date(int(text[:4]), 1, 1)
            return _("“%(text)s” is not a year: write YYYY") % {"text": text}
        except ValueError:
            return _bad_date(text)

    def product(self, text: str) -> str | None:
        found = self._products.get(text, "?")
        if found == "?":
            value = text.strip()
            if value.isdigit() and len(value) <= 2 and 1 <= int(value) <= 99:
                found = value.zfill(2)
            elif value == "" or _GROUP_KEY.match(value.lower()):
                found = value.lower()
            else:
                found = None
            self._products[text] = found
        return found

    def row(
        self, number: int, cells: list[str], positions: dict[str, int], report: Report
    ) -> CheckedRow | None:
        """The checked row, or None with its errors in ``report``. A line whose gate, period,
        start, direction and measure repeat an earlier good line's text, whose product text was
        good before and whose value is a plain number is taken without checking again (the
        same texts give the same result); any other line gets the full check."""
        if not self._order:
            self._order = [positions[name] for name in COLUMNS]
            self._last = max(self._order)
            self._pick_head = itemgetter(*self._order[:5])
        if len(cells) <= self._last:
            return self._checked(number, cells, positions, report)
        known = self._heads.get(self._pick_head(cells))
        product, value = cells[self._order[5]], cells[self._order[6]]
        good = self._good_products.get(product)
        if known is None or good is None or not _PLAIN_VALUE.fullmatch(value):
            return self._checked(number, cells, positions, report)
        return CheckedRow(*known, good, Decimal(value))

    def _checked(
        self, number: int, cells: list[str], positions: dict[str, int], report: Report
    ) -> CheckedRow | None:
        row = self._row(number, cells, positions, report)
        if row is not None and len(cells) > self._last:
            if len(self._heads) >= _KEPT_HEADS:
                self._heads.clear()
            self._heads[self._pick_head(cells)] = (row.gate_id, row.period, row.period_start, row.direction,
                                                   row.measure)
            self._good_products[cells[self._order[5]]] = row.product
        return row

    def _row(
        self, number: int, cells: list[str], positions: dict[str, int], report: Report
    ) -> CheckedRow | None:
        errors: list[LineError] = []
        values = {}
        for name, index in positions.items():
            text = cells[index].strip() if index < len(cells) else ""
            if len(text) > self.limits.max_cell:
                errors.append(
                    LineError(
                        number, name, _("longer than %(count)s characters") % {"count": self.limits.max_cell}
                    )
                )
                text = ""
            values[name] = text
        if errors:
            for error in errors:
                report.add_error(error)
            return None
        gate_id = self.gates.get(values["gate"].lower())
        if gate_id is None:
            errors.append(
                LineError(number, "gate", _("no gate has the code “%(code)s”") % {"code": values["gate"]})
            )
        period = values["period"].lower()
        start: dt.date | str = ""
        if period not in PERIODS:
            errors.append(
                LineError(
                    number,
                    "period",
                    _("“%(text)s” is not one of %(choices)s")
                    % {"text": values["period"], "choices": ", ".join(PERIODS)},
                )
            )
        else:
            start = self.date(period, values["period_start"])
            if isinstance(start, str):
                errors.append(LineError(number, "period_start", start))
        direction, measure = values["direction"].lower(), values["measure"].lower()
        if direction not in DIRECTIONS:
            errors.append(
                LineError(
                    number,
                    "direction",
                    _("“%(text)s” is not one of %(choices)s")
                    % {"text": values["direction"], "choices": ", ".join(DIRECTIONS)},
                )
            )
        if measure not in MEASURES:
            errors.append(
                LineError(
                    number,
                    "measure",
                    _("“%(text)s” is not one of %(choices)s")
                    % {"text": values["measure"], "choices": ", ".join(MEASURES)},
                )
            )
        product = self.product(values["product"])
        if product is None:
            errors.append(
                LineError(
                    number,
                    "product",
                    _(
                        "“%(text)s” is neither an HS chapter (01–99) nor a product group key "
                        "(letters, digits, - and _)"
                    )
                    % {"text": values["product"]},
                )
            )
        value = _value(values["value"])
        if isinstance(value, str):
            errors.append(LineError(number, "value", value))
        if errors:
            for error in errors:
                report.add_error(error)
            return None
        return CheckedRow(gate_id, period, start, direction, measure, product, value)


def _bad_date(text: str) -> str:
    return _("“%(text)s” is not a date: write YYYY-MM-DD") % {"text": text}


def _value(text: str) -> Decimal | str:
    if not text:
        return _("a value is required")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return _("“%(text)s” is not a number (use a dot as the decimal sign, no thousands separators)") % {
            "text": text
        }
    if not value.is_finite() or value < 0 or value >= MAX_VALUE:
        return _("“%(text)s” is not a number between 0 and 10^17") % {"text": text}
    if value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
        return _("“%(text)s” has more than two decimals") % {"text": text}
    return value


def gate_codes() -> dict[str, int]:
    from tradebridge.border.models import Gate

    return {code.lower(): pk for code, pk in Gate.objects.active().values_list("zone__code", "pk")}


def read_rows(
    source: bytes | Path, filename: str, limits: Limits, gates: dict[str, int], report: Report
) -> Iterator[CheckedRow]:
    """The checked rows of the file, one at a time; errors go into ``report`` (a row with an
    error is not yielded). Raises ImportFileError for the file as a whole."""
    checker = Checker(gates, limits)
    positions = None
    for number, cells in iter_lines(source, filename, limits):
        if not (cells and cells[0].strip()) and not any(cell.strip() for cell in cells):
            continue
        if positions is None:
            positions = checker.header(cells, filename)
            continue
        report.rows += 1
        if limits.max_rows is not None and report.rows > limits.max_rows:
            raise ImportFileError(
                filename,
                _("the file has more than %(count)s rows of figures") % {"count": f"{limits.max_rows:,}"},
            )
        row = checker.row(number, cells, positions, report)
        if row is None:
            continue
        if not report.seen.add(row):
            report.add_error(
                LineError(
                    number,
                    "period_start",
                    _(
                        "the same gate, period, start, direction, measure and product "
                        "appear on an earlier line"
                    ),
                )
            )
            continue
        report.gate_ids.add(row.gate_id)
        if report.first is None or row.period_start < report.first:
            report.first = row.period_start
        if report.last is None or row.period_start > report.last:
            report.last = row.period_start
        yield row
    if positions is None:
        raise ImportFileError(filename, _("the file has no header line"))
    if report.rows == 0:
        raise ImportFileError(filename, _("the file has a header line but no figures"))


def check_file(
    source: bytes | Path, filename: str, limits: Limits = UPLOAD_LIMITS, gates: dict[str, int] | None = None
) -> Report:
    """Check the whole file; nothing is written."""
    report = Report()
    for _row in read_rows(source, filename, limits, gate_codes() if gates is None else gates, report):
        pass
    return report
