"""Real exports by HS section (OEC, sum of 2019–2021; see data/PROVENANCE.md).

``read_oec_sections()`` parses the shipped CSV into the store's ``section_exports`` columns,
``load_oec_sections(store)`` files it in the store, and ``section_rca(rows)`` computes Balassa
RCA by section for every country with :func:`tradebridge.trade.complexity.rca`.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pyarrow as pa

from tradebridge.trade import complexity as cx
from tradebridge.trade.store import ImportSummary, TradeImportError, TradeStore

OEC_FILE = Path(__file__).resolve().parent / "data" / "oec-exports-by-section-2019-2021.csv"
OEC_YEAR = 2021  # the last of the three years summed
OEC_SOURCE = "OEC exports by HS section, sum of 2019–2021 (Datawheel py-economic-complexity, MIT; CEPII BACI)"
OEC_SPECIAL = {"asxxb": "TWN"}  # Chinese Taipei


def oec_iso3(country_id: str) -> str:
    return OEC_SPECIAL.get(country_id, country_id[2:].upper())


def read_oec_sections(path: Path = OEC_FILE) -> list[dict]:
    rows = []
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                section = int(row["Section ID"])
                value = float(row["Trade Value"])
            except (KeyError, TypeError, ValueError):
                raise TradeImportError(
                    [(Path(path).name, line, "Section ID/Trade Value", "not a number")]
                ) from None
            if not 1 <= section <= 21 or value < 0 or len(row["Country ID"]) != 5:
                raise TradeImportError(
                    [(Path(path).name, line, "-", "unexpected section, value or country id")]
                )
            rows.append(
                {
                    "year": OEC_YEAR,
                    "country": oec_iso3(row["Country ID"]),
                    "section": section,
                    "value": value,
                    "name": row["Country"],
                }
            )
    return rows


def load_oec_sections(store: TradeStore, path: Path = OEC_FILE) -> ImportSummary:
    rows = read_oec_sections(path)
    table = pa.table(
        {
            "year": pa.array([r["year"] for r in rows], pa.int32()),
            "country": [r["country"] for r in rows],
            "section": pa.array([r["section"] for r in rows], pa.int32()),
            "value": pa.array([r["value"] for r in rows], pa.float64()),
        }
    )
    return store.write_section_exports(table, source=OEC_SOURCE, files=[Path(path).name])


def section_rca(rows: list[dict]) -> dict[tuple[str, int], float]:
    """RCA by (country, section) from rows with country, section and value."""
    countries = sorted({r["country"] for r in rows})
    sections = sorted({r["section"] for r in rows})
    ci = {c: n for n, c in enumerate(countries)}
    si = {s: n for n, s in enumerate(sections)}
    x = np.zeros((len(countries), len(sections)))
    for r in rows:
        x[ci[r["country"]], si[r["section"]]] += r["value"]
    r = cx.rca(x)
    return {(c, s): float(r[ci[c], si[s]]) for c in countries for s in sections}


def store_section_rca(store: TradeStore, year: int | None = None) -> list[dict]:
    """RCA by section from the store's ``section_exports`` (latest year by default)."""
    con = store.connect()
    try:
        if year is None:
            year = con.execute("SELECT max(year) FROM section_exports").fetchone()[0]
        rows = [
            {"country": c, "section": s, "value": v}
            for c, s, v in con.execute(
                "SELECT country, section, sum(value) FROM section_exports WHERE year = ? GROUP BY ALL", [year]
            ).fetchall()
        ]
    finally:
        con.close()
    if not rows:
        return []
    return [
        {"year": year, "country": c, "section": s, "value": v}
        for (c, s), v in sorted(section_rca(rows).items())
    ]
