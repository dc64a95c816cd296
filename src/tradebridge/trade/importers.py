"""Importers into the trade store: BACI (see :mod:`.importers_baci`), UN Comtrade CSV and the
table of figures reported by agencies.  Every importer checks the whole input first, raises
:class:`TradeImportError` (``.errors``: file, line, field, reason) and leaves the store unchanged
on any error; ``progress(done_rows, total_rows_or_None)`` is called as rows are read.

UN Comtrade CSV (bulk download or API "Get data" export, one header line).  Columns, with the
legacy names also accepted:

* year: ``refYear`` (or ``period`` as YYYY, legacy ``Year``/``Period``)
* reporter: ``reporterISO`` (legacy ``Reporter ISO``); partner: ``partnerISO`` (``Partner ISO``)
* flow: ``flowCode`` ``X``/``M`` (legacy ``Trade Flow Code`` 2/1 or ``Trade Flow`` Export/Import);
  re-exports, re-imports and other flows are skipped
* product: ``cmdCode`` (``Commodity Code``); only 6-digit codes are imported, ``TOTAL`` and
  2/4-digit aggregates are skipped
* value: ``primaryValue`` in USD (``Trade Value (US$)``, or ``fobvalue``/``cifvalue`` when empty)
* quantity: ``netWgt`` in kg, stored in tonnes (``Netweight (kg)``); optional

Rows for partner ``W00`` (World) or an area not elsewhere specified, and breakdowns by second
partner, mode of transport or customs procedure (``partner2Code``/``motCode``/``customsCode``
other than 0/0/C00), are skipped because they repeat other rows.  Exports become flows
reporter → partner; imports become mirror flows partner → reporter, used only where the partner's
own export report of the same flow is not in the file.

Reported figures (agencies, province level): ``year,reporter,partner,flow,hs_or_group,value,
currency,source``; reporter/partner are ISO3 or ISO 3166-2 province codes (``VN-HN``); flow is
``export``, ``import`` or ``total`` (two-way trade); values in another currency than USD need a
rate (units per USD) for that currency and year (``--rate VND=24000`` or
``--rate VND:2022=23800``).  Optional columns: ``qualifier`` (exact, more_than, at_least,
nearly, approximately, estimated, expected: "trên 6,09 tỷ USD" is more_than), ``derived``
(true for a figure worked out from others), ``growth_pct`` (stated growth on the previous year),
``share_of_total_pct`` (stated share of the total it belongs to), ``rank`` and ``rank_of``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from tradebridge.geo.codes import known_codes
from tradebridge.trade.hooks import run_after_flows_import
from tradebridge.trade.importers_baci import import_baci, read_baci_countries
from tradebridge.trade.importers_reported import import_reported, parse_rates, parse_reported
from tradebridge.trade.parsing import ImportErrors, cell, number, open_csv, pick
from tradebridge.trade.store import ImportSummary, TradeImportError, TradeStore

__all__ = [
    "TradeImportError",
    "import_baci",
    "import_comtrade",
    "import_reported",
    "known_codes",
    "parse_comtrade",
    "parse_reported",
    "parse_rates",
    "read_baci_countries",
]

Progress = Callable[[int, int | None], None]
NOT_A_PARTNER = frozenset({"W00", "_X", "X1", "XX", "XXX", "R4", "EUR", "E19", "F19", "F97", "S35", "ZA1"})

COMTRADE_ALIASES = {
    "year": ("refYear", "Year", "period", "Period"),
    "reporter": ("reporterISO", "Reporter ISO", "reporterIso"),
    "partner": ("partnerISO", "Partner ISO", "partnerIso"),
    "flow": ("flowCode", "Trade Flow Code", "Trade Flow", "flowDesc"),
    "product": ("cmdCode", "Commodity Code"),
    "value": (
        "primaryValue",
        "Trade Value (US$)",
        "fobvalue",
        "cifvalue",
        "FOB Trade Value (US$)",
        "CIF Trade Value (US$)",
    ),
    "weight": ("netWgt", "Netweight (kg)", "NetWeight (kg)"),
    "partner2": ("partner2Code", "2nd Partner Code"),
    "mot": ("motCode",),
    "customs": ("customsCode", "Customs Proc. Code"),
}
EXPORT_FLOWS = {"X", "2", "EXPORT", "EXPORTS"}
IMPORT_FLOWS = {"M", "1", "IMPORT", "IMPORTS"}


# --- UN Comtrade ---------------------------------------------------------------------------
def parse_comtrade(
    path: Path,
    known: set[str] | None = None,
    *,
    progress: Progress | None = None,
    errors: ImportErrors | None = None,
) -> tuple[list[tuple], int]:
    """Rows (year, exporter, importer, product, value, quantity, line, is_export, file) of one file and
    the number of rows skipped.  Errors go to ``errors`` (raised at once when not given)."""
    own = errors is None
    errors = errors or ImportErrors()
    path = Path(path)
    file = path.name
    handle, reader = open_csv(path, errors)
    if handle is None:
        if own:
            errors.raise_if_any()
        return [], 0
    out: list[tuple] = []
    skipped = 0
    with handle:
        try:
            header = next(reader, None) or []
        except (csv.Error, UnicodeDecodeError) as exc:
            errors.add(file, 1, "-", f"not a CSV file ({exc})")
            header = []
        cols = {key: pick(header, names) for key, names in COMTRADE_ALIASES.items()}
        missing = [
            key for key in ("year", "reporter", "partner", "flow", "product", "value") if not cols[key]
        ]
        if header and missing:
            errors.add(
                file,
                1,
                "header",
                "not a UN Comtrade CSV: no column for "
                + ", ".join(missing)
                + " (expected e.g. refYear, reporterISO, partnerISO, flowCode, cmdCode, primaryValue)",
            )
        if not header or missing:
            if own:
                errors.raise_if_any()
            return [], 0
        line = 1
        try:
            for row in reader:
                line += 1
                if progress and line % 100_000 == 0:
                    progress(line - 1, None)
                if not any(text.strip() for text in row):
                    continue
                parsed = _comtrade_row(row, cols, file, line, known, errors)
                if parsed is None:
                    skipped += 1
                elif parsed != "error":
                    out.append(parsed)
                if errors.full():
                    break
        except (csv.Error, UnicodeDecodeError) as exc:
            errors.add(file, line + 1, "-", f"malformed CSV: {exc}")
    if progress:
        progress(line - 1, line - 1)
    if own:
        errors.raise_if_any()
    return out, skipped


def _comtrade_row(row, cols, file, line, known, errors):
    """A parsed row, None for a row to skip, or "error"."""
    flow = cell(row, cols["flow"]).upper()
    if flow not in EXPORT_FLOWS and flow not in IMPORT_FLOWS:
        return None  # re-exports, re-imports, other flows
    partner = cell(row, cols["partner"]).upper()
    if partner in NOT_A_PARTNER:
        return None
    if (
        cell(row, cols["partner2"]) not in ("", "0", "W00")
        or cell(row, cols["mot"]) not in ("", "0")
        or cell(row, cols["customs"]) not in ("", "C00")
    ):
        return None  # a breakdown of another row
    product = cell(row, cols["product"])
    if product.upper() == "TOTAL" or (product.isdigit() and len(product) in (2, 4)):
        return None
    bad = False
    year_text = cell(row, cols["year"])[:4]
    if not (year_text.isdigit() and len(year_text) == 4):
        errors.add(file, line, "refYear", f"not a year: {cell(row, cols['year'])!r}")
        bad = True
    reporter = cell(row, cols["reporter"]).upper()
    for name, code in (("reporterISO", reporter), ("partnerISO", partner)):
        if not re.fullmatch(r"[A-Z0-9]{3}", code) or (known is not None and code not in known):
            errors.add(file, line, name, f"unknown country code {code!r}")
            bad = True
    if len(product) == 5 and product.isdigit():
        errors.add(file, line, "cmdCode", f"product code {product!r} has 5 digits: it lost its leading zero")
        bad = True
    elif not (len(product) == 6 and product.isdigit()):
        errors.add(file, line, "cmdCode", f"not an HS code: {product!r}")
        bad = True
    try:
        value = number(cell(row, cols["value"]))
        if value is None:
            errors.add(file, line, "primaryValue", "empty value")
            bad = True
        elif value < 0:
            errors.add(file, line, "primaryValue", f"negative value {value:g}")
            bad = True
    except ValueError:
        errors.add(file, line, "primaryValue", f"not a number: {cell(row, cols['value'])!r}")
        bad = True
    weight = None
    try:
        weight = number(cell(row, cols["weight"]))
        if weight is not None and weight < 0:
            errors.add(file, line, "netWgt", f"negative weight {weight:g}")
            bad = True
    except ValueError:
        errors.add(file, line, "netWgt", f"not a number: {cell(row, cols['weight'])!r}")
        bad = True
    if reporter == partner and not bad:
        errors.add(file, line, "partnerISO", f"reporter and partner are the same country ({reporter})")
        bad = True
    if bad:
        return "error"
    quantity = weight / 1000.0 if weight is not None else None
    if flow in EXPORT_FLOWS:
        return (int(year_text), reporter, partner, product, value, quantity, line, True, file)
    return (int(year_text), partner, reporter, product, value, quantity, line, False, file)


def merge_comtrade(rows: list[tuple], errors: ImportErrors) -> list[tuple]:
    """Exports as reported; imports only where the export report is missing.  Two reports of the
    same flow in the same direction are an error."""
    seen: dict[tuple, tuple] = {}
    for row in rows:
        key = (row[0], row[1], row[2], row[3], row[7])
        if key in seen:
            first = seen[key]
            errors.add(
                row[8],
                row[6],
                "cmdCode",
                f"duplicate row: {row[0]} {'export' if row[7] else 'import'} {row[1]}→{row[2]} {row[3]} "
                f"already on line {first[6]} of {first[8]}",
            )
            continue
        seen[key] = row
    out = []
    for key, row in seen.items():
        if not row[7] and (key[0], key[1], key[2], key[3], True) in seen:
            continue  # the exporter's own report wins over the mirror
        out.append(row)
    return out


def import_comtrade(
    store: TradeStore,
    paths: list[Path],
    *,
    known: set[str] | None = None,
    progress: Progress | None = None,
    source: str | None = None,
    synthetic: bool = False,
) -> ImportSummary:
    paths = [Path(p) for p in paths]
    if not paths:
        raise TradeImportError([("-", 0, "-", "no Comtrade file given")])
    errors = ImportErrors()
    rows: list[tuple] = []
    skipped = 0
    for path in paths:
        parsed, skip = parse_comtrade(path, known, progress=progress, errors=errors)
        rows.extend(parsed)
        skipped += skip
    errors.raise_if_any()
    merged = merge_comtrade(rows, errors)
    errors.raise_if_any()
    if not merged:
        raise TradeImportError([(paths[0].name, 0, "-", f"no HS6 flows to import ({skipped} rows skipped)")])
    table = pa.table(
        {
            "year": pa.array([r[0] for r in merged], pa.int32()),
            "exporter": pa.array([r[1] for r in merged], pa.string()),
            "importer": pa.array([r[2] for r in merged], pa.string()),
            "product": pa.array([r[3] for r in merged], pa.string()),
            "value": pa.array([r[4] for r in merged], pa.float64()),
            "quantity": pa.array([r[5] for r in merged], pa.float64()),
        }
    )
    label = source or "UN Comtrade: " + ", ".join(p.name for p in paths)
    summary = store.write_flows(
        table, source=label, kind="comtrade", synthetic=synthetic, files=[p.name for p in paths]
    )
    summary.skipped = skipped
    run_after_flows_import(store, summary.years)
    return summary
