"""Trade indicators from the store (WITS / Balassa definitions, spec/trade.md).

``compute(store, name, year=..., reporter=..., partner=..., level=...)`` returns the records the
``tradebridge trade indicator`` command prints: each has ``year`` and ``value`` and the keys that
identify it (``country``/``product`` for rca and density, ``country`` for eci and hhi, ``product``
for pci, ``reporter``/``partner`` for tii, tci, esi, and ``reporter``/``partner``/``product`` for
growth, share and gl).  ``partner`` may be left out: growth and share then use the reporter's
exports to the world (``partner: "WLD"``); tii, tci and esi list every partner.  ``reporter``
narrows rca, density, eci and hhi to one country; ``partner`` is not used by the
country × product indicators (rca, density, eci, pci, hhi).  Growth records also carry
``trend``: the log-linear least-squares growth rate over every year in the store up to ``year``.

Sums are done by DuckDB on the Parquet files; matrices go to the NumPy functions of
:mod:`tradebridge.trade.complexity`.  Values: flows are the reporter's exports to the partner
(imports too for Grubel–Lloyd).  ``level`` 2, 4 or 6 aggregates HS6 codes by prefix.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow.compute as pc

from tradebridge.trade import complexity as cx
from tradebridge.trade.store import TradeStore

INDICATORS: tuple[str, ...] = (
    "growth",
    "share",
    "rca",
    "tii",
    "tci",
    "esi",
    "hhi",
    "gl",
    "eci",
    "pci",
    "density",
)
WORLD = "WLD"
LEVELS = (2, 4, 6)


class IndicatorError(ValueError):
    """A request that cannot be answered (unknown indicator, missing year, missing reporter)."""


@dataclass
class Matrix:
    year: int
    countries: list[str]
    products: list[str]
    values: np.ndarray  # countries × products, USD


def product_column(level: int, column: str = "product") -> str:
    """The SQL expression of the product code at HS `level` (2, 4 or 6) for `column`."""
    if level not in LEVELS:
        raise IndicatorError(f"level must be 2, 4 or 6, not {level!r}")
    return column if level == 6 else f"substr({column}, 1, {int(level)})"


def _latest_year(con: duckdb.DuckDBPyConnection, store: TradeStore) -> int:
    years = store.years()
    if not years:
        raise IndicatorError("the trade store has no flows yet: import BACI or Comtrade data first")
    return years[-1]


def check_year(store: TradeStore, year: int) -> None:
    """IndicatorError unless the store has flows for `year`."""
    if year not in store.years():
        available = ", ".join(str(y) for y in store.years()) or "none"
        raise IndicatorError(f"no flows for {year} in the trade store (years: {available})")


def export_matrix(
    store: TradeStore, year: int, *, level: int = 6, con: duckdb.DuckDBPyConnection | None = None
) -> Matrix:
    """Exports by country × product for one year, as a dense NumPy matrix (rows and columns in
    code order; countries and products with no exports left out, as ecomplexity does)."""
    con = con or store.connect()
    product = product_column(level)
    if level == 6:  # the per-year file is summed by country and product already
        query = "SELECT country, product, value FROM country_exports WHERE year = ? AND value <> 0"
    else:
        query = (
            f"SELECT country, {product} AS product, sum(value) AS value FROM country_exports "  # noqa: S608
            "WHERE year = ? GROUP BY ALL HAVING sum(value) <> 0"
        )
    table = con.sql(query, params=[year]).to_arrow_table()
    countries, ci = _codes(table.column("country"))
    products, pi = _codes(table.column("product"))
    values = np.zeros((len(countries), len(products)))
    values[ci, pi] = table.column("value").to_numpy()
    return Matrix(year, countries, products, values)


def _codes(column) -> tuple[list[str], np.ndarray]:
    """Sorted distinct codes and each row's position among them."""
    encoded = pc.dictionary_encode(column).combine_chunks()
    names = np.array(encoded.dictionary.to_pylist(), dtype=object)
    order = np.argsort(names)
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    return names[order].tolist(), rank[encoded.indices.to_numpy()]


def _clean(value: float) -> float | None:
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else value


def compute(
    store: TradeStore,
    name: str,
    *,
    year: int | None = None,
    reporter: str | None = None,
    partner: str | None = None,
    level: int = 6,
) -> list[dict]:
    if name not in INDICATORS:
        raise IndicatorError(f"unknown indicator {name!r}; choose one of {', '.join(INDICATORS)}")
    product_column(level)
    con = store.connect()
    try:
        year = _latest_year(con, store) if year is None else int(year)
        check_year(store, year)
        reporter = reporter.upper() if reporter else None
        partner = partner.upper() if partner else None
        return _HANDLERS[name](store, con, year, reporter, partner, level)
    finally:
        con.close()


# --- complexity family --------------------------------------------------------------------
def _rca(store, con, year, reporter, partner, level):
    matrix = export_matrix(store, year, level=level, con=con)
    r = cx.rca(matrix.values)
    return _cell_records(matrix, r, reporter, nonzero=matrix.values)


def _density(store, con, year, reporter, partner, level):
    matrix = export_matrix(store, year, level=level, con=con)
    d = cx.density(cx.mcp(cx.rca(matrix.values)))
    return _cell_records(matrix, d, reporter, nonzero=None)


def _cell_records(matrix: Matrix, values: np.ndarray, reporter, *, nonzero) -> list[dict]:
    rows = range(len(matrix.countries))
    if reporter:
        if reporter not in matrix.countries:
            return []
        rows = [matrix.countries.index(reporter)]
    out = []
    for i in rows:
        country = matrix.countries[i]
        line = values[i]
        for j, product in enumerate(matrix.products):
            if nonzero is not None and nonzero[i, j] == 0:
                continue
            out.append(
                {"year": matrix.year, "country": country, "product": product, "value": _clean(line[j])}
            )
    return out


def _complexity(store, con, year, level):
    matrix = export_matrix(store, year, level=level, con=con)
    return matrix, cx.eci_pci(cx.mcp(cx.rca(matrix.values)))


def _eci(store, con, year, reporter, partner, level):
    matrix, result = _complexity(store, con, year, level)
    return [
        {"year": year, "country": c, "value": _clean(v)}
        for c, v in zip(matrix.countries, result.eci, strict=True)
        if not reporter or c == reporter
    ]


def _pci(store, con, year, reporter, partner, level):
    matrix, result = _complexity(store, con, year, level)
    return [
        {"year": year, "product": p, "value": _clean(v)}
        for p, v in zip(matrix.products, result.pci, strict=True)
    ]


def _hhi(store, con, year, reporter, partner, level):
    product = product_column(level)
    where, params = "year = ?", [year]
    if reporter:
        where, params = where + " AND country = ?", params + [reporter]
    rows = con.execute(
        f"WITH s AS (SELECT country, {product} AS p, sum(value) AS v FROM country_exports "  # noqa: S608
        f"WHERE {where} GROUP BY ALL) "
        "SELECT country, sum((v / t) * (v / t)) "
        "FROM (SELECT *, sum(v) OVER (PARTITION BY country) AS t FROM s) "
        "WHERE t > 0 GROUP BY country ORDER BY country",
        params,
    ).fetchall()
    return [{"year": year, "country": c, "value": _clean(v)} for c, v in rows]


# --- bilateral family ---------------------------------------------------------------------
def _require_reporter(name: str, reporter: str | None) -> str:
    if not reporter:
        raise IndicatorError(f"{name} needs --reporter (an ISO3 code)")
    return reporter


def _pair_products(con, year: int, reporter: str, partner: str | None, level: int, *, flow: str = "export"):
    """Products traded by reporter with partner (or the world) in one year: {product: value}."""
    product = product_column(level)
    if partner in (None, WORLD):
        view = "country_exports" if flow == "export" else "country_imports"
        rows = con.execute(
            f"SELECT {product}, sum(value) FROM {view} WHERE year = ? AND country = ? GROUP BY ALL",  # noqa: S608
            [year, reporter],
        ).fetchall()
    else:
        a, b = ("exporter", "importer") if flow == "export" else ("importer", "exporter")
        rows = con.execute(
            f"SELECT {product}, sum(value) FROM flows WHERE year = ? AND {a} = ? AND {b} = ? GROUP BY ALL",  # noqa: S608
            [year, reporter, partner],
        ).fetchall()
    return {p: v for p, v in rows}


def _growth(store, con, year, reporter, partner, level):
    reporter = _require_reporter("growth", reporter)
    partner = partner or WORLD
    years = [y for y in store.years() if y <= year]
    series = {y: _pair_products(con, y, reporter, partner, level) for y in years}
    current, previous = series[year], series.get(year - 1, {})
    out = []
    for product in sorted(current):
        prev = previous.get(product, 0.0)
        value = (current[product] - prev) / prev if prev else None
        history = [(y, series[y].get(product, 0.0)) for y in years]
        trend = cx.trend(np.array([h[0] for h in history]), np.array([h[1] for h in history]))
        out.append(
            {
                "year": year,
                "reporter": reporter,
                "partner": partner,
                "product": product,
                "value": value,
                "trend": _clean(trend),
                "years": [years[0], year] if years else [],
            }
        )
    return out


def _share(store, con, year, reporter, partner, level):
    reporter = _require_reporter("share", reporter)
    partner = partner or WORLD
    values = _pair_products(con, year, reporter, partner, level)
    total = sum(values.values())
    return [
        {
            "year": year,
            "reporter": reporter,
            "partner": partner,
            "product": p,
            "flow": "export",
            "value": values[p] / total if total else None,
        }
        for p in sorted(values)
    ]


def _gl(store, con, year, reporter, partner, level):
    reporter = _require_reporter("gl", reporter)
    partner = partner or WORLD
    exports = _pair_products(con, year, reporter, partner, level, flow="export")
    imports = _pair_products(con, year, reporter, partner, level, flow="import")
    products = sorted(set(exports) | set(imports))
    x = np.array([exports.get(p, 0.0) for p in products])
    m = np.array([imports.get(p, 0.0) for p in products])
    gl = cx.grubel_lloyd(x, m)
    return [
        {"year": year, "reporter": reporter, "partner": partner, "product": p, "value": _clean(v)}
        for p, v in zip(products, gl, strict=True)
    ]


def _country_totals(con, year):
    exports = dict(
        con.execute(
            "SELECT country, sum(value) FROM country_exports WHERE year = ? GROUP BY ALL", [year]
        ).fetchall()
    )
    imports = dict(
        con.execute(
            "SELECT country, sum(value) FROM country_imports WHERE year = ? GROUP BY ALL", [year]
        ).fetchall()
    )
    return exports, imports


def _pairs(reporter, partner, countries):
    reporters = [reporter] if reporter else sorted(countries)
    for r in reporters:
        for p in [partner] if partner else sorted(countries):
            if p != r:
                yield r, p


def _tii(store, con, year, reporter, partner, level):
    exports, imports = _country_totals(con, year)
    world = sum(exports.values())
    where, params = "year = ?", [year]
    if reporter:
        where, params = where + " AND exporter = ?", params + [reporter]
    if partner:
        where, params = where + " AND importer = ?", params + [partner]
    bilateral = {
        (a, b): v
        for a, b, v in con.execute(
            f"SELECT exporter, importer, sum(value) FROM flows WHERE {where} GROUP BY ALL",  # noqa: S608
            params,
        ).fetchall()
    }
    return [
        {
            "year": year,
            "reporter": r,
            "partner": p,
            "value": _clean(
                cx.trade_intensity(
                    bilateral.get((r, p), 0.0), exports.get(r, 0.0), imports.get(p, 0.0), world
                )
            ),
        }
        for r, p in _pairs(reporter, partner, set(exports) | set(imports))
    ]


def _shares_by_country(con, view: str, year: int, level: int, countries: list[str] | None):
    product = product_column(level)
    where, params = "year = ?", [year]
    if countries:
        where += " AND country IN (" + ", ".join("?" for _ in countries) + ")"
        params += countries
    rows = con.execute(
        f"SELECT country, {product}, sum(value) FROM {view} WHERE {where} GROUP BY ALL",  # noqa: S608
        params,
    ).fetchall()
    out: dict[str, dict[str, float]] = {}
    for c, p, v in rows:
        out.setdefault(c, {})[p] = v
    return out


def _vectors(a: dict[str, float], b: dict[str, float]):
    products = sorted(set(a) | set(b))
    return np.array([a.get(p, 0.0) for p in products]), np.array([b.get(p, 0.0) for p in products])


def _tci(store, con, year, reporter, partner, level):
    exports = _shares_by_country(con, "country_exports", year, level, [reporter] if reporter else None)
    imports = _shares_by_country(con, "country_imports", year, level, [partner] if partner else None)
    out = []
    for r, p in _pairs(reporter, partner, set(exports) | set(imports)):
        if r not in exports or p not in imports:
            continue
        x, m = _vectors(exports[r], imports[p])
        out.append({"year": year, "reporter": r, "partner": p, "value": cx.trade_complementarity(x, m)})
    return out


def _esi(store, con, year, reporter, partner, level):
    wanted = [c for c in (reporter, partner) if c] if reporter and partner else None
    exports = _shares_by_country(con, "country_exports", year, level, wanted)
    out = []
    for r, p in _pairs(reporter, partner, set(exports)):
        if r not in exports or p not in exports:
            continue
        a, b = _vectors(exports[r], exports[p])
        out.append({"year": year, "reporter": r, "partner": p, "value": cx.export_similarity(a, b)})
    return out


_HANDLERS = {
    "growth": _growth,
    "share": _share,
    "rca": _rca,
    "tii": _tii,
    "tci": _tci,
    "esi": _esi,
    "hhi": _hhi,
    "gl": _gl,
    "eci": _eci,
    "pci": _pci,
    "density": _density,
}
