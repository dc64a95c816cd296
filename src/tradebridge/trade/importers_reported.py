"""Figures reported by agencies (province level included): ``year,reporter,partner,flow,
hs_or_group,value,currency,source``, and the optional columns ``qualifier`` (how the source
states the figure: exact, more_than, at_least, nearly, approximately, estimated, expected),
``derived`` (true when worked out from other figures), ``growth_pct``, ``share_of_total_pct``,
``rank`` and ``rank_of``.  See :mod:`tradebridge.trade.importers` for the rules."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from tradebridge.core.figures import check_qualifier
from tradebridge.trade.parsing import ImportErrors, number, open_csv
from tradebridge.trade.store import ImportSummary, TradeImportError, TradeStore

Progress = Callable[[int, int | None], None]
REPORTED_COLUMNS = ("year", "reporter", "partner", "flow", "hs_or_group", "value", "currency", "source")
OPTIONAL_COLUMNS = ("qualifier", "derived", "growth_pct", "share_of_total_pct", "rank", "rank_of")
FLOWS = {
    "x": "export", "exports": "export", "export": "export",
    "m": "import", "imports": "import", "import": "import",
    # Two-way trade (exports plus imports), as sources often state it: "hai chiều".
    "total": "total", "two-way": "total", "two_way": "total", "both": "total",
}
TRUE_WORDS, FALSE_WORDS = {"true", "yes", "1", "y"}, {"false", "no", "0", "n", ""}


def parse_rates(specs: list[str]) -> dict[tuple[str, int | None], float]:
    """``VND=24000`` (every year) or ``VND:2022=23800``: units of the currency per USD."""
    rates: dict[tuple[str, int | None], float] = {}
    for spec in specs:
        match = re.fullmatch(r"\s*([A-Za-z]{3})(?::(\d{4}))?\s*=\s*([0-9.]+)\s*", spec)
        if not match or float(match.group(3)) <= 0:
            raise ValueError(f"bad rate {spec!r}: write CUR=units_per_USD or CUR:YEAR=units_per_USD")
        year = int(match.group(2)) if match.group(2) else None
        rates[(match.group(1).upper(), year)] = float(match.group(3))
    return rates


def parse_reported(
    path: Path,
    known: set[str] | None = None,
    rates: dict[tuple[str, int | None], float] | None = None,
    *,
    default_source: str = "",
) -> pa.Table:
    path = Path(path)
    file = path.name
    errors = ImportErrors()
    rates = rates or {}
    handle, reader = open_csv(path, errors)
    errors.raise_if_any()
    records: dict[tuple, dict] = {}
    with handle:
        try:
            header = [h.strip().lower() for h in (next(reader, None) or [])]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise TradeImportError([(file, 1, "-", f"not a CSV file ({exc})")]) from None
        missing = [c for c in REPORTED_COLUMNS if c not in header and c != "source"]
        if missing:
            raise TradeImportError(
                [
                    (
                        file,
                        1,
                        "header",
                        "missing column(s) "
                        + ", ".join(missing)
                        + " (expected year,reporter,partner,flow,hs_or_group,value,currency,source)",
                    )
                ]
            )
        index = {c: header.index(c) for c in (*REPORTED_COLUMNS, *OPTIONAL_COLUMNS) if c in header}
        line = 1
        try:
            for row in reader:
                line += 1
                if not any(cell.strip() for cell in row):
                    continue
                cell = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
                record = _reported_row(cell, file, line, known, rates, errors, default_source)
                if record is None:
                    continue
                key = tuple(record[c] for c in ("year", "reporter", "partner", "flow", "hs_or_group"))
                if key in records:
                    errors.add(
                        file,
                        line,
                        "hs_or_group",
                        f"duplicate row: same year, reporter, partner, flow "
                        f"and product as line {records[key]['line']}",
                    )
                    continue
                records[key] = record
                if errors.full():
                    break
        except (csv.Error, UnicodeDecodeError) as exc:
            errors.add(file, line + 1, "-", f"malformed CSV: {exc}")
    errors.raise_if_any()
    if not records:
        raise TradeImportError([(file, 0, "-", "the file has no rows")])
    rows = list(records.values())
    return pa.table(
        {
            "year": pa.array([r["year"] for r in rows], pa.int32()),
            "reporter": [r["reporter"] for r in rows],
            "partner": [r["partner"] for r in rows],
            "flow": [r["flow"] for r in rows],
            "hs_or_group": [r["hs_or_group"] for r in rows],
            "value": pa.array([r["value"] for r in rows], pa.float64()),
            "currency": [r["currency"] for r in rows],
            "value_original": pa.array([r["value_original"] for r in rows], pa.float64()),
            "source": [r["source"] for r in rows],
            "qualifier": [r["qualifier"] for r in rows],
            "derived": pa.array([r["derived"] for r in rows], pa.bool_()),
            "growth_pct": pa.array([r["growth_pct"] for r in rows], pa.float64()),
            "share_of_total_pct": pa.array([r["share_of_total_pct"] for r in rows], pa.float64()),
            "rank": pa.array([r["rank"] for r in rows], pa.int32()),
            "rank_of": pa.array([r["rank_of"] for r in rows], pa.int32()),
        }
    )


def _reported_row(cell, file, line, known, rates, errors, default_source):
    bad = False
    year = cell["year"]
    if not (year.isdigit() and len(year) == 4 and 1900 <= int(year) <= 2100):
        errors.add(file, line, "year", f"not a year: {year!r}")
        bad = True
    codes = {}
    for name in ("reporter", "partner"):
        code = cell[name].upper()
        if not re.fullmatch(r"[A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3}", code) or (
            known is not None and code not in known
        ):
            errors.add(
                file, line, name, f"unknown country or province code {cell[name]!r} (ISO3 or ISO 3166-2)"
            )
            bad = True
        codes[name] = code
    flow = FLOWS.get(cell["flow"].lower())
    if flow is None:
        errors.add(file, line, "flow", f"expected export, import or total (two-way), got {cell['flow']!r}")
        bad = True
    group = cell["hs_or_group"]
    if not group:
        errors.add(file, line, "hs_or_group", "empty: give an HS code (2, 4 or 6 digits) or a group name")
        bad = True
    elif group.isdigit() and len(group) not in (2, 4, 6):
        reason = "it lost its leading zero" if len(group) in (1, 3, 5) else "HS codes have 2, 4 or 6 digits"
        errors.add(file, line, "hs_or_group", f"HS code {group!r} has {len(group)} digits: {reason}")
        bad = True
    currency = (cell["currency"] or "USD").upper()
    value = None
    try:
        value = number(cell["value"])
        if value is None:
            errors.add(file, line, "value", "empty value")
            bad = True
        elif value < 0:
            errors.add(file, line, "value", f"negative value {value:g}")
            bad = True
    except ValueError:
        errors.add(file, line, "value", f"not a number: {cell['value']!r}")
        bad = True
    if not re.fullmatch(r"[A-Z]{3}", currency):
        errors.add(file, line, "currency", f"not a currency code: {cell['currency']!r}")
        bad = True
    rate = 1.0
    if not bad and currency != "USD":
        rate = rates.get((currency, int(year))) or rates.get((currency, None))
        if not rate:
            errors.add(
                file,
                line,
                "currency",
                f"no exchange rate for {currency} in {year}: "
                f"pass --rate {currency}=UNITS_PER_USD or --rate {currency}:{year}=UNITS_PER_USD",
            )
            bad = True
    if codes.get("reporter") and codes.get("reporter") == codes.get("partner") and not bad:
        errors.add(file, line, "partner", "reporter and partner are the same")
        bad = True
    extra = _optional_cells(cell, file, line, errors)
    if bad or extra is None:
        return None
    return {
        "line": line,
        "year": int(year),
        "reporter": codes["reporter"],
        "partner": codes["partner"],
        "flow": flow,
        "hs_or_group": group,
        "value": value / rate,
        "currency": currency,
        "value_original": value,
        "source": cell.get("source") or default_source,
        **extra,
    }


def _optional_cells(cell, file, line, errors) -> dict | None:
    """The optional columns of one row (empty cells: exact, not derived, nothing stated); None
    after reporting an error."""
    bad = False
    out: dict = {}
    try:
        out["qualifier"] = check_qualifier(cell.get("qualifier", ""))
    except ValueError as exc:
        errors.add(file, line, "qualifier", str(exc))
        bad = True
    derived = cell.get("derived", "").lower()
    if derived not in TRUE_WORDS | FALSE_WORDS:
        errors.add(file, line, "derived", f"expected true or false, got {cell['derived']!r}")
        bad = True
    out["derived"] = derived in TRUE_WORDS
    for name in ("growth_pct", "share_of_total_pct"):
        try:
            out[name] = number(cell.get(name, ""))
        except ValueError:
            errors.add(file, line, name, f"not a number: {cell[name]!r}")
            bad = True
            continue
        if name == "share_of_total_pct" and out[name] is not None and not 0 <= out[name] <= 100:
            errors.add(file, line, name, f"a share is between 0 and 100 percent, got {cell[name]!r}")
            bad = True
    for name in ("rank", "rank_of"):
        text = cell.get(name, "")
        if text and not (text.isdigit() and int(text) >= 1):
            errors.add(file, line, name, f"not a whole number of 1 or more: {text!r}")
            bad = True
        out[name] = int(text) if text.isdigit() else None
    if out.get("rank") and out.get("rank_of") and out["rank"] > out["rank_of"]:
        errors.add(file, line, "rank", f"rank {out['rank']} is beyond the {out['rank_of']} ranked")
        bad = True
    elif out.get("rank_of") and not out.get("rank"):
        errors.add(file, line, "rank", "rank_of given without a rank")
        bad = True
    return None if bad else out


def import_reported(
    store: TradeStore,
    path: Path,
    *,
    known: set[str] | None = None,
    rates: dict[tuple[str, int | None], float] | None = None,
    source: str | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    path = Path(path)
    label = source or f"reported figures: {path.name}"
    table = parse_reported(path, known, rates, default_source=label)
    if progress:
        progress(table.num_rows, table.num_rows)
    return store.write_reported(table, source=label, files=[path.name])
