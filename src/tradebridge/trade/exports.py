"""The tables of the trade pages, and their CSV and Excel downloads.

One `Table` describes what a page shows beside a chart, what the CSV and the workbook hold and
what the PDF report prints, so the four never disagree.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from tradebridge.core.figures import derived_note
from tradebridge.core.spreadsheets import csv_row, workbook_bytes
from tradebridge.trade.labels import qualifier_label

# Column kinds: how a value is shown and written.
TEXT, USD, PCT, RATIO, INT, CODE = "text", "usd", "pct", "ratio", "int", "code"
NUMBER_FORMATS = {USD: "#,##0", PCT: "0.0%", RATIO: "0.00", INT: "#,##0"}


@dataclass
class Column:
    key: str
    label: str
    kind: str = TEXT


@dataclass
class Table:
    name: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)

    def values(self) -> list[list[Any]]:
        return [[row.get(c.key) for c in self.columns] for row in self.rows]


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind in (USD, RATIO, PCT) and isinstance(value, (int, float)):
        return round(float(value), 6) if kind != USD else round(float(value), 2)
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value if isinstance(value, (int, float)) else str(value)


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark (Excel opens Lao and Chinese names correctly); shares as
    fractions, values in USD; notes (sources, 'synthetic') after a blank line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_row(c.label for c in table.columns))
    for row in table.values():
        writer.writerow(csv_row(_cell(v, c.kind) for v, c in zip(row, table.columns, strict=True)))
    if table.notes:
        writer.writerow([])
        for note in table.notes:
            writer.writerow(csv_row([note]))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.name[:31]
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([c.label for c in table.columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table.values():
        sheet.append([_cell(v, c.kind) for v, c in zip(row, table.columns, strict=True)])
    for index, column in enumerate(table.columns, start=1):
        letter = sheet.cell(row=2, column=index).column_letter
        if column.kind in NUMBER_FORMATS:
            for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                cell.number_format = NUMBER_FORMATS[column.kind]
        sheet.column_dimensions[letter].width = 14 if column.kind != TEXT else 40
    if table.notes:
        sheet.append([])
        for note in table.notes:
            sheet.append([note])
    sheet.freeze_panes = "A3"
    return workbook_bytes(workbook)


# -- the tables of each page -----------------------------------------------------------------

def dashboard_tables(data: dict, names: dict[str, str]) -> dict[str, Table]:
    """Tables of the dashboard for one pair and year; `names` maps codes to country names."""
    reporter, partner = names.get(data["reporter"], data["reporter"]), names.get(data["partner"],
                                                                                 data["partner"])
    notes = []
    if data.get("synthetic"):
        notes.append(_("Synthetic data: generated demo flows, not real trade statistics (years %(years)s).")
                     % {"years": ", ".join(str(y) for y in data["synthetic_years"])})
    pair = {"reporter": reporter, "partner": partner, "year": data.get("year")}
    year_label = _("year")
    tables = {
        "totals": Table("totals", _("Trade between %(reporter)s and %(partner)s") % pair, [
            Column("year", year_label, INT),
            Column("exports", _("Exports of %(reporter)s to %(partner)s (USD)") % pair, USD),
            Column("exports_growth", _("growth of exports"), PCT),
            Column("imports", _("Imports of %(reporter)s from %(partner)s (USD)") % pair, USD),
            Column("imports_growth", _("growth of imports"), PCT),
            Column("total", _("total trade (USD)"), USD),
            Column("balance", _("balance (USD)"), USD),
        ], data["totals"], notes),
    }
    if data.get("year") is None:
        return tables
    composition_columns = [
        Column("section_name", _("HS section")), Column("chapter", _("HS chapter"), CODE),
        Column("chapter_name", _("chapter name")), Column("value", _("value (USD)"), USD),
        Column("share", _("share"), PCT),
    ]
    product_columns = [
        Column("product", _("HS code"), CODE), Column("name", _("product")),
        Column("value", _("value (USD)"), USD), Column("share", _("share"), PCT),
        Column("previous", _("previous year (USD)"), USD), Column("growth", _("growth"), PCT),
    ]
    tables["composition"] = Table(
        "composition", _("Exports of %(reporter)s to %(partner)s by HS chapter, %(year)s") % pair,
        composition_columns, data["composition"], notes)
    tables["composition_imports"] = Table(
        "composition_imports", _("Imports of %(reporter)s from %(partner)s by HS chapter, %(year)s") % pair,
        composition_columns, data["composition_imports"], notes)
    tables["top_exports"] = Table(
        "top_exports", _("Top products exported by %(reporter)s to %(partner)s, %(year)s") % pair,
        product_columns, data["top_exports"], notes)
    tables["top_imports"] = Table(
        "top_imports", _("Top products imported by %(reporter)s from %(partner)s, %(year)s") % pair,
        product_columns, data["top_imports"], notes)
    tables["rca"] = Table(
        "rca", _("Revealed comparative advantage (Balassa) by HS section, %(year)s") % pair, [
            Column("section_name", _("HS section")),
            Column(data["reporter"], _("RCA of %(reporter)s") % pair, RATIO),
            Column(data["partner"], _("RCA of %(partner)s") % pair, RATIO),
        ], data["rca"], notes)
    tables["potential"] = Table(
        "potential", _("Export potential of %(reporter)s in %(partner)s, %(year)s") % pair, [
            Column("product", _("HS code"), CODE), Column("name", _("product")),
            Column("exporter_rca", _("RCA of %(reporter)s") % pair, RATIO),
            Column("exporter_world_exports", _("exports of %(reporter)s to the world (USD)") % pair, USD),
            Column("partner_world_imports", _("imports of %(partner)s from the world (USD)") % pair, USD),
            Column("partner_imports_from_exporter", _("of which from %(reporter)s (USD)") % pair, USD),
            Column("untapped", _("untapped potential (USD)"), USD),
            Column("why", _("why")),
        ], data["potential"], notes)
    return tables


def _how_stated(item: dict) -> dict:
    """The columns that say how the source states a figure: its qualifier in words, the figure
    as stated ("more than 6,090.0 M USD") and whether it is derived."""
    return {"qualifier": qualifier_label(item.get("qualifier", "")), "stated": item.get("stated", ""),
            "derived": derived_note() if item.get("derived") else ""}


def _stated_columns() -> list[Column]:
    return [Column("qualifier", _("qualifier")), Column("stated", _("as the source states it")),
            Column("derived", _("derived"))]


def reported_table(rows: list[dict], reporter: str, partner: str) -> Table:
    flat = []
    for figure in rows:
        notes = "; ".join(n for n in (figure.get("share_note"), figure.get("rank_note")) if n)
        flat.append({"year": figure["year"], "flow": figure["flow_label"], "group": _("Total"),
                     "value": figure["value"], **_how_stated(figure), "share": figure["share_of_total"],
                     "growth": figure["growth"], "notes": notes, "source": figure["source"]})
        for group in figure["groups"]:
            flat.append({"year": figure["year"], "flow": figure["flow_label"], "group": group["label"],
                         "value": group["value"], **_how_stated(group), "share": group["share"],
                         "growth": None, "notes": "", "source": group["source"]})
    names = {"reporter": reporter, "partner": partner}
    return Table("reported", _("Figures reported for %(reporter)s and %(partner)s") % names, [
        Column("year", _("year"), INT), Column("flow", _("flow")), Column("group", _("product group")),
        Column("value", _("value (USD)"), USD), *_stated_columns(),
        Column("share", _("share of the total"), PCT), Column("growth", _("growth"), PCT),
        Column("notes", _("share and rank as stated")), Column("source", _("source")),
    ], flat, [_("A product group's share is of the pair's total in that flow; the total's share is of "
                "all the reporter's trade in that flow.")])


def investment_table(records: list[dict]) -> Table:
    rows = [{**r, **_how_stated(r), "kind": r["kind_label"], "ranks": "; ".join(r["ranks"])} for r in records]
    return Table("investments", _("Investment records"), [
        Column("year", _("year"), INT), Column("period", _("period")),
        Column("source", _("investor")), Column("destination", _("destination")),
        Column("kind", _("kind of investment")), Column("projects", _("projects"), INT),
        Column("contributions", _("capital contributions and share purchases"), INT),
        Column("capital_usd", _("registered capital (USD)"), USD), *_stated_columns(),
        Column("growth", _("growth"), PCT), Column("ranks", _("rank as stated")),
        Column("sector", _("sector")), Column("citation", _("source")),
    ], rows, [_("Capital contributions and share purchases are not projects: they are counted apart.")])


def investment_totals_table(totals: list[dict]) -> Table:
    rows = [{**t, **_how_stated(t)} for t in totals]
    return Table("investment_totals", _("Totals by direction and year"), [
        Column("direction", pgettext("investment", "direction")), Column("year", _("year"), INT),
        Column("projects", _("projects"), INT),
        Column("contributions", _("capital contributions and share purchases"), INT),
        Column("capital_usd", _("registered capital (USD)"), USD), *_stated_columns(),
    ], rows, [_("A stated total is shown as stated; where none is, the records are added up and the "
                "sum is marked derived.")])
