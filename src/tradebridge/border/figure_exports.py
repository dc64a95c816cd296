"""The tables of the gate dashboard and the corridor comparison, as the page shows them beside
the charts, as CSV and Excel downloads (trade.exports: cells quoted through
core.spreadsheets.csv_row and workbook_bytes), and in the printable PDF. Illustrative figures
carry a note in every one of them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tradebridge.border.figures import direction_choices, direction_label, measure_label
from tradebridge.core import responses
from tradebridge.trade.exports import INT, PCT, RATIO, TEXT, USD, Column, Table, to_csv, to_xlsx
from tradebridge.trade.reports import render_html


def illustrative_note() -> str:
    return _("Illustrative figures: made up to show how the dashboard works, not real clearance statistics.")


def _value_kind(measure: str) -> str:
    return USD if measure == "value_usd" else INT


def _notes(data: dict[str, Any]) -> list[str]:
    notes = [illustrative_note()] if data.get("illustrative") else []
    if data.get("measure") == "value_usd":
        notes.append(_("Values in million USD on the page; in USD in the downloads."))
    return notes


def dashboard_tables(data: dict[str, Any]) -> dict[str, Table]:
    measure = data["measure"]
    kind = _value_kind(measure)
    names = {
        "gate": str(data["gate"].zone.name),
        "measure": measure_label(measure),
        "direction": direction_label(data["direction"]),
    }
    notes = _notes(data)
    flows = [Column(value, label, kind) for value, label in direction_choices()]
    tables = {
        "yearly": Table(
            "yearly",
            _("%(measure)s by year at %(gate)s (%(direction)s)") % names,
            [
                Column("year", _("year"), INT),
                *flows,
                Column("total", _("total"), kind),
                Column("growth", _("growth on the year before"), PCT),
                Column("months", _("months with figures"), INT),
            ],
            data["yearly"],
            notes,
        ),
        "monthly": Table(
            "monthly",
            _("%(measure)s by month at %(gate)s (%(direction)s)") % names,
            [
                Column("period", _("month")),
                *flows,
                Column("total", _("total"), kind),
                Column("growth", _("growth on the same month a year before"), PCT),
            ],
            data["monthly"],
            notes,
        ),
        "same_period": Table(
            "same_period",
            _("The same months of each year, through %(through)s")
            % {"through": data["same_period"]["through"] or "—"},
            [
                Column("period", _("period")),
                Column("total", _("total"), kind),
                Column("growth", _("growth on the same period a year before"), PCT),
            ],
            data["same_period"]["rows"],
            notes,
        ),
        "seasonality": Table(
            "seasonality",
            _("Month-of-year seasonality at %(gate)s") % names,
            [
                Column("month", _("month"), INT),
                Column("average", _("average over the years"), kind),
                Column("index", _("index (1 = an average month)"), RATIO),
                Column("years", _("years"), INT),
            ],
            data["seasonality"],
            notes,
        ),
        "top_products": Table(
            "top_products",
            _("Top products at %(gate)s, %(year)s") % {**names, "year": data["year"] or "—"},
            [
                Column("product", _("HS chapter or product group")),
                Column("name", _("product")),
                Column("value", measure_label(measure), kind),
                Column("share", _("share of all chapters"), PCT),
                Column("previous", _("year before"), kind),
                Column("growth", _("growth"), PCT),
            ],
            data["top_products"],
            notes,
        ),
    }
    return tables


def corridor_table(data: dict[str, Any]) -> Table:
    kind = _value_kind(data["measure"])
    names = {
        "corridor": str(data["corridor"].name),
        "measure": measure_label(data["measure"]),
        "direction": direction_label(data["direction"]),
    }
    return Table(
        "corridor",
        _("%(measure)s by year at the gates of %(corridor)s (%(direction)s)") % names,
        [Column("gate", _("gate"), TEXT), *[Column(str(year), str(year), kind) for year in data["years"]]],
        data["rows"],
        _notes(data),
    )


def table_download(table: Table, fmt: str, stem: str):
    if fmt == "csv":
        return responses.download_response(to_csv(table), f"{stem}-{table.name}.csv", responses.CSV)
    return responses.download_response(to_xlsx(table), f"{stem}-{table.name}.xlsx", responses.XLSX)


def dashboard_pdf(data: dict[str, Any], tables: dict[str, Table], filename: str, base_url: str):
    """The dashboard as a PDF in the reader's language: every table, the illustrative note on top."""
    html = render_html(
        "border/figures_pdf.html",
        {
            "data": data,
            "report_tables": list(tables.values()),
            "illustrative_note": illustrative_note() if data.get("illustrative") else "",
            "report_title": _("Clearance figures at %(gate)s: %(measure)s")
            % {"gate": str(data["gate"].zone.name), "measure": measure_label(data["measure"])},
        },
    )
    return responses.pdf_response(html, filename, base_url=base_url, inline=True)
