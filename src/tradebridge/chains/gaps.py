"""The gap report ``tradebridge.chain-gaps/1`` (spec/chains.md) and the chain's bilateral flows by
stage, from the trade store (spec/trade.md).

Values are USD: the store keeps USD already (the BACI importer converts BACI's thousands when it
imports), so nothing is multiplied here.  RCA is Balassa's and density Hidalgo–Hausmann's, both on
the year's whole country × HS6 export matrix exactly as :mod:`tradebridge.trade.complexity` (and
``ecomplexity``) compute them.  That matrix and its density are computed when the year is imported
(:func:`prepare_years`, registered with ``trade.hooks``; or by the first report, for a store
imported otherwise), kept in ``<store>/derived/`` (a file that a re-import makes stale) and in
memory (:mod:`tradebridge.chains.gap_matrix`), so a report only reads the chain's products of one
country pair with DuckDB.  NumPy, DuckDB and the trade store are imported on first use: this
module is imported when Django starts (the import hook), by processes that never make a report.

Choices the spec leaves open:

* "could develop": the importer imports the product, the exporter exports none of it, and the
  exporter's density for it is at least the 75th percentile of its densities over every product
  of the year's matrix.  They follow the other products, by density (highest first), then code.
* ``--top N`` keeps the first N products of each stage, could-develop ones included.
* ``members``: see :mod:`tradebridge.chains.gap_members` (at most ``MEMBERS_PER_PRODUCT`` per
  side, best match first); without a database (or with ``with_members=False``) the lists are empty.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from tradebridge.chains.gap_members import clear_cache as clear_member_cache
from tradebridge.chains.gap_members import product_members, stage_members

if TYPE_CHECKING:
    from tradebridge.chains.definition import ChainDef
    from tradebridge.chains.gap_matrix import YearMatrix
    from tradebridge.trade.store import TradeStore

FORMAT = "tradebridge.chain-gaps/1"


class GapError(ValueError):
    """A request the store cannot answer (year not in the store, bad country code)."""


def _store(store: TradeStore | None) -> TradeStore:
    if store is not None:
        return store
    from tradebridge.trade.store import TradeStore

    return TradeStore()


def year_matrix(store: TradeStore, year: int) -> YearMatrix:
    """The year's export matrix and density (:func:`tradebridge.chains.gap_matrix.year_matrix`)."""
    from tradebridge.chains import gap_matrix

    return gap_matrix.year_matrix(store, year)


def prepare_years(store: TradeStore, years) -> None:
    """Compute and write the matrix and density of each of ``years`` (the trade importers call
    this after an import, through ``trade.hooks``), so that reports only read them."""
    from tradebridge.chains import gap_matrix

    for year in years:
        if store.flow_file(year) is not None:
            gap_matrix.year_matrix(store, year, lock_wait=gap_matrix.IMPORT_LOCK_WAIT)


def clear_cache() -> None:
    from tradebridge.chains import gap_matrix

    gap_matrix.clear_cache()
    clear_member_cache()


# --- checks ----------------------------------------------------------------------------------
def check_request(store: TradeStore, year: int, exporter: str, importer: str) -> tuple[str, str]:
    """The two codes, upper-cased; GapError unless the year is in the store and the codes are two
    different three-letter codes."""
    codes = []
    for label, code in (("exporter", exporter), ("importer", importer)):
        code = (code or "").strip().upper()
        if len(code) != 3 or not code.isalnum():
            raise GapError(f"{label} {code or '(empty)'!s} is not an ISO 3166 alpha-3 country code")
        codes.append(code)
    if codes[0] == codes[1]:
        raise GapError(f"exporter and importer are the same country ({codes[0]})")
    if int(year) not in store.years():
        available = ", ".join(str(y) for y in store.years()) or "none"
        raise GapError(f"no flows for {year} in the trade store (years: {available})")
    return codes[0], codes[1]


def available_years(store: TradeStore | None = None) -> list[int]:
    """Years the trade store holds bilateral flows for."""
    return _store(store).years()


# --- the report --------------------------------------------------------------------------------
def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


_PAIR_ROWS = """
SELECT c.product, coalesce(m.value, 0) AS imports_world,
       coalesce(ab.v, 0) AS exporter_to_importer, coalesce(ba.v, 0) AS importer_to_exporter
FROM (SELECT unnest($products::VARCHAR[]) AS product) c
LEFT JOIN (SELECT product, value FROM read_parquet({cp_m}) WHERE country = $importer) m USING (product)
LEFT JOIN (SELECT product, sum(value) AS v FROM read_parquet({flows})
           WHERE exporter = $exporter AND importer = $importer GROUP BY product) ab USING (product)
LEFT JOIN (SELECT product, sum(value) AS v FROM read_parquet({flows})
           WHERE exporter = $importer AND importer = $exporter GROUP BY product) ba USING (product)
"""


def _pair_rows(store: TradeStore, chain_def: ChainDef, year: int, exporter: str, importer: str) -> dict:
    """Per product of the chain: (imports from the world, exporter→importer, importer→exporter)."""
    # The chain's codes go as a list parameter: registering an Arrow table would make pyarrow
    # import pandas (half a second in a new process).
    con = store.connect()
    try:
        sql = _PAIR_ROWS.format(cp_m=_sql_path(store.cp_dir / f"{int(year)}-m.parquet"),
                                flows=_sql_path(store.flow_file(year)))
        fetched = con.execute(sql, {"products": list(chain_def.subheadings), "exporter": exporter,
                                    "importer": importer}).fetchall()
    finally:
        con.close()
    return {product: (world, ab, ba) for product, world, ab, ba in fetched}


def _usd(value: float) -> float:
    return round(float(value), 2)


def _number(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def gap_report(chain_def: ChainDef, *, year: int, exporter: str, importer: str, top: int | None = None,
               with_members: bool = True, store: TradeStore | None = None) -> dict:
    """The ``tradebridge.chain-gaps/1`` report of ``chain_def`` for one year and one direction."""
    store = _store(store)
    year = int(year)
    exporter, importer = check_request(store, year, exporter, importer)
    # The trade store is read (DuckDB, NumPy: both release the GIL) in a thread while this one
    # asks the database for the members (on this thread's connection, which tests' transactions
    # need).
    with ThreadPoolExecutor(max_workers=1) as pool:
        trade = pool.submit(lambda: (year_matrix(store, year), _pair_rows(store, chain_def, year, exporter,
                                                                          importer)))
        members = stage_members(chain_def, exporter, importer) if with_members else {}
        matrix, rows = trade.result()
    ei = matrix.country_index.get(exporter)
    threshold = matrix.threshold(exporter)
    stages = []
    for stage in chain_def.stages:
        flows = {"exporter_to_importer": 0.0, "importer_to_exporter": 0.0, "importer_imports_world": 0.0}
        listed, could = [], []
        for product in stage.subheadings:
            world, ab, ba = rows.get(product, (0.0, 0.0, 0.0))
            flows["exporter_to_importer"] += ab
            flows["importer_to_exporter"] += ba
            flows["importer_imports_world"] += world
            pi = matrix.product_index.get(product)
            exports = float(matrix.values[ei, pi]) if ei is not None and pi is not None else 0.0
            rca = density = None
            if ei is not None and pi is not None:
                rca = _number(exports / matrix.row_totals[ei] / (matrix.col_totals[pi] / matrix.total))
                density = _number(matrix.density[ei, pi])
            untapped = max(0.0, min(world, exports) - ab)
            entry = {
                "product": product,
                "importer_imports_world": _usd(world),
                "importer_imports_from_exporter": _usd(ab),
                "exporter_exports_world": _usd(exports),
                "exporter_rca": rca,
                "exporter_density": density,
                "untapped": _usd(untapped),
            }
            if entry["untapped"] > 0:
                listed.append(entry)
            elif world > 0 and exports == 0 and density is not None and threshold is not None \
                    and density >= threshold:
                could.append(entry)
        listed.sort(key=lambda e: (-e["untapped"], e["product"]))
        could.sort(key=lambda e: (-e["exporter_density"], e["product"]))
        products = listed + could
        if top is not None:
            products = products[: max(0, int(top))]
        for entry in products:
            entry["members"] = product_members(members.get(stage.key), entry["product"])
        flows = {k: _usd(v) for k, v in flows.items()}
        stages.append({"id": stage.key, "flows": flows, "products": products})
    return {"format": FORMAT, "chain": chain_def.slug, "year": year, "exporter": exporter,
            "importer": importer, "stages": stages}


# --- bilateral flows by stage ------------------------------------------------------------------
def bilateral_by_stage(chain_def: ChainDef, *, a: str, b: str, years,
                       store: TradeStore | None = None) -> list[dict]:
    """Rows {"stage", "year", "a_to_b", "b_to_a"} (USD) for every stage and every one of ``years``
    the store has (zeros where nothing was traded), by year then stage order."""
    store = _store(store)
    a, b = a.upper(), b.upper()
    present = [int(y) for y in sorted(set(years)) if int(y) in store.years()]
    if not present:
        return []
    files = ", ".join(_sql_path(store.flow_file(y)) for y in present)
    sql = f"""
        SELECT f.year, c.stage, sum(f.value) FILTER (WHERE f.exporter = $a) AS ab,
               sum(f.value) FILTER (WHERE f.exporter = $b) AS ba
        FROM (SELECT year, exporter, product, value FROM read_parquet([{files}])
              WHERE exporter = $a AND importer = $b
              UNION ALL
              SELECT year, exporter, product, value FROM read_parquet([{files}])
              WHERE exporter = $b AND importer = $a) f
        JOIN (SELECT unnest($stages::INTEGER[]) AS stage, unnest($products::VARCHAR[]) AS product) c
          USING (product)
        GROUP BY ALL
    """  # noqa: S608 - file names quoted by _sql_path
    con = store.connect()
    try:
        stages = [n for n, stage in enumerate(chain_def.stages) for _code in stage.subheadings]
        products = [code for stage in chain_def.stages for code in stage.subheadings]
        fetched = con.execute(sql, {"a": a, "b": b, "stages": stages, "products": products}).fetchall()
        found = {(int(y), int(s)): (ab or 0.0, ba or 0.0) for y, s, ab, ba in fetched}
    finally:
        con.close()
    return [
        {"stage": stage.key, "year": year, "a_to_b": _usd(found.get((year, n), (0.0, 0.0))[0]),
         "b_to_a": _usd(found.get((year, n), (0.0, 0.0))[1])}
        for year in present
        for n, stage in enumerate(chain_def.stages)
    ]
