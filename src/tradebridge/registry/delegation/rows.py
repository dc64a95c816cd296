"""The rows of a delegation list, checked one by one into :class:`ImportRow` objects."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tradebridge.core.pure_i18n import translate as _
from tradebridge.registry.delegation.cells import Cell
from tradebridge.registry.delegation.columns import Header
from tradebridge.registry.delegation.errors import ImportFileError, RowError, quoted, visible
from tradebridge.registry.delegation.values import (
    MAX_NAME,
    MAX_TEXT,
    RefusedValue,
    clean,
    default_country_lookup,
    kind_of,
    limited,
    parse_emails,
    parse_hs,
    parse_identifier,
    parse_items,
    parse_phones,
    parse_website,
    too_long,
)

MAX_ROWS = 20_000
PROGRESS_EVERY = 500  # rows between two calls of the progress callback
# Lines scanned (blank ones included) per allowed data row: a guard against sheets with a
# million formatted empty rows, or a zip bomb, without refusing lists with a few gaps.
LINES_PER_ROW = 5

Lookup = Callable[[str], "str | None"]
ProvinceLookup = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class ImportRow:
    """One enterprise of the list, its values normalised.

    ``country`` is the ISO alpha-3 code; ``province`` what ``province_lookup`` returned (a
    province code) or, without a lookup, the text as typed; ``raw`` maps each column title of
    the file to the cell's text as read.  Empty optional values are ``""`` or ``()``.
    """

    line: int
    name: str
    country: str
    name_en: str = ""
    province: str = ""
    identifier: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    website: str = ""
    address: str = ""
    kind: str = ""
    sector: str = ""
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    hs_codes: tuple[str, ...] = ()
    raw: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def phone(self) -> str:
        return self.phones[0] if self.phones else ""

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    @property
    def names(self) -> list[str]:
        """The row's names: its own, then the English one when given."""
        return [self.name, self.name_en] if self.name_en else [self.name]


@dataclass(frozen=True)
class ImportPreview:
    """The checked list.  ``rows`` is empty whenever ``errors`` is not (all or nothing);
    ``row_count`` is the number of data rows read either way."""

    rows: list[ImportRow]
    errors: list[RowError]
    warnings: list[str]
    row_count: int = 0

    @property
    def committable(self) -> bool:
        return not self.errors and bool(self.rows)



def check_rows(
    header: Header,
    lines: Iterator[list[Cell]],
    filename: str,
    country_lookup: Lookup | None,
    province_lookup: ProvinceLookup | None,
    max_rows: int,
    progress: Callable[[int], None] | None = None,
) -> ImportPreview:
    notes: list[str] = []
    if header.unknown:
        titles = ", ".join(quoted(header.titles[index]) for index in header.unknown)
        notes.append(_("columns not recognised and ignored: %(columns)s") % {"columns": titles})
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    row_count = 0
    untitled_lines: list[int] = []
    titled = {index for index, title in enumerate(header.titles) if title}
    max_lines = header.line + max_rows * LINES_PER_ROW
    for number, cells in enumerate(lines, start=header.line + 1):
        if number > max_lines:
            raise ImportFileError(filename, _("more than %(count)s lines (empty ones included); delete empty "
                                              "rows at the end of the sheet") % {"count": max_lines})
        values = {name: cells[index] if index < len(cells) else Cell("")
                  for name, index in header.columns.items()}
        if not any(cell.text for cell in values.values()):
            continue  # blank line (or only a serial number)
        row_count += 1
        if progress is not None and row_count % PROGRESS_EVERY == 0:
            progress(row_count)
        if row_count > max_rows:
            raise ImportFileError(filename, _("more than %(count)s rows; split the list")
                                  % {"count": max_rows})
        if any(cell.text for index, cell in enumerate(cells) if index not in titled):
            untitled_lines.append(number)
        raw = {header.titles[index]: cells[index].text if index < len(cells) else ""
               for index in range(len(header.titles)) if header.titles[index]}
        row, row_errors = check_row(number, values, raw, country_lookup, province_lookup)
        errors.extend(row_errors)
        if row is not None:
            rows.append(row)
    if row_count == 0:
        raise ImportFileError(filename, _("the file has a header but no rows"))
    if untitled_lines:
        shown = ", ".join(str(n) for n in untitled_lines[:10]) + (", …" if len(untitled_lines) > 10 else "")
        notes.append(_("values in columns without a title were ignored (lines %(lines)s)")
                     % {"lines": shown})
    return ImportPreview(rows=[] if errors else rows, errors=errors, warnings=notes, row_count=row_count)


def check_row(
    line: int,
    cells: dict[str, Cell],
    raw: dict[str, str],
    country_lookup: Lookup | None,
    province_lookup: ProvinceLookup | None,
) -> tuple[ImportRow | None, list[RowError]]:
    """The row at spreadsheet ``line`` (its ``cells`` by field), or the errors that refuse it."""
    check = _RowCheck(line, cells)
    name = check.name()
    country = check.country(country_lookup)
    province = check.province(province_lookup, country)
    values = check.optional_values()
    if check.errors or country is None:
        return None, check.errors
    return ImportRow(
        line=line,
        name=name,
        country=country,
        name_en=values.get("name_en", ""),
        province=province,
        identifier=values.get("identifier", ""),
        phones=values.get("phone", ()),
        emails=values.get("email", ()),
        website=values.get("website", ""),
        address=values.get("address", ""),
        kind=values.get("kind", ""),
        sector=values.get("sector", ""),
        offers=values.get("offers", ()),
        needs=values.get("needs", ()),
        hs_codes=values.get("hs", ()),
        raw=raw,
    ), []


class _RowCheck:
    """The checks of one row, in the order its errors are reported."""

    def __init__(self, line: int, cells: dict[str, Cell]) -> None:
        self.line = line
        self.cells = cells
        self.errors: list[RowError] = []

    def text(self, name: str) -> str:
        cell = self.cells.get(name)
        return cell.text if cell is not None else ""

    def refuse(self, name: str, reason: str) -> None:
        self.errors.append(RowError(self.line, name, reason))

    def name(self) -> str:
        name = clean(self.text("name"))
        if not name:
            self.refuse("name", _("the name is missing"))
        elif len(name) > MAX_NAME:
            self.refuse("name", too_long(name, MAX_NAME))
        return name

    def country(self, country_lookup: Lookup | None) -> str | None:
        country_text = clean(self.text("country"))
        if not country_text:
            self.refuse("country", _("the country is missing"))
            return None
        country = (country_lookup(country_text) if country_lookup else None) or default_country_lookup(
            country_text
        )
        if country is None:
            self.refuse("country", _("unknown country “%(country)s”") % {"country": visible(country_text)})
        return country

    def province(self, province_lookup: ProvinceLookup | None, country: str | None) -> str:
        province_text = clean(self.text("province"))
        province = province_text
        if province_text and province_lookup is not None and country is not None:
            province = province_lookup(province_text, country) or ""
            if not province:
                self.refuse("province", _("unknown province “%(province)s” in %(country)s")
                            % {"province": visible(province_text), "country": country})
        return province

    def optional_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}

        def check(name: str, parse: Callable[[str], Any]) -> None:
            value = self.text(name)
            if not value:
                return
            try:
                values[name] = parse(value)
            except RefusedValue as exc:
                self.refuse(name, str(exc))

        check("name_en", lambda v: limited(v, MAX_NAME))
        check("identifier", parse_identifier)
        check("phone", parse_phones)
        check("email", parse_emails)
        check("website", parse_website)
        check("address", lambda v: limited(v, MAX_TEXT))
        check("sector", lambda v: limited(v, MAX_TEXT))
        check("offers", parse_items)
        check("needs", parse_items)
        hs_cell = self.cells.get("hs")
        check("hs", lambda v: parse_hs(v, hs_cell is not None and hs_cell.numeric))
        kind_text = self.text("kind")
        if kind_text:
            kind = kind_of(kind_text)
            if kind is None:
                self.refuse("kind", _("unknown kind “%(kind)s” (enterprise, cooperative, "
                                      "association, agency or research)") % {"kind": visible(kind_text)})
            values["kind"] = kind or ""
        return values
