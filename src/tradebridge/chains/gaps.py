"""The gap report ``tradebridge.chain-gaps/1`` (spec/chains.md) and the chain's bilateral flows by
stage, from the trade store (spec/trade.md).

Values are USD: the store keeps USD already (the BACI importer converts BACI's thousands when it
imports), so nothing is multiplied here.  RCA is Balassa's and density Hidalgo–Hausmann's, both on
the year's whole country × HS6 export matrix exactly as :mod:`tradebridge.trade.complexity` (and
``ecomplexity``) compute them.  That matrix and its density are computed when the year is imported
(:func:`prepare_years`, registered with ``trade.hooks``; or by the first report, for a store
imported otherwise), kept in ``<store>/derived/`` (a file that a re-import makes stale) and in
memory, so a report only reads the chain's products of one country pair with DuckDB.

Choices the spec leaves open:

* "could develop": the importer imports the product, the exporter exports none of it, and the
  exporter's density for it is at least the 75th percentile of its densities over every product
  of the year's matrix.  They follow the other products, by density (highest first), then code.
* ``--top N`` keeps the first N products of each stage, could-develop ones included.
* ``members``: see :mod:`tradebridge.chains.gap_members` (at most ``MEMBERS_PER_PRODUCT`` per
  side, best match first); without a database (or with ``with_members=False``) the lists are empty.
"""

from __future__ import annotations

import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from tradebridge.chains.definition import ChainDef
from tradebridge.chains.gap_members import clear_cache as clear_member_cache
from tradebridge.chains.gap_members import product_members, stage_members
from tradebridge.trade.complexity import _one_blas_thread
from tradebridge.trade.indicators import export_matrix
from tradebridge.trade.store import TradeStore

FORMAT = "tradebridge.chain-gaps/1"
TOP_QUARTILE = 0.75
_DENSITY_BLOCK = 512  # products per block of the proximity matrix (keeps memory small)
_CACHE: dict[tuple[str, int], YearMatrix] = {}
_CACHE_LOCK = threading.Lock()


class GapError(ValueError):
    """A request the store cannot answer (year not in the store, bad country code)."""


@dataclass
class YearMatrix:
    key: str
    countries: list[str]
    products: list[str]
    values: np.ndarray  # exports, countries × products, USD
    density: np.ndarray  # countries × products
    country_index: dict[str, int] = field(init=False)
    product_index: dict[str, int] = field(init=False)
    row_totals: np.ndarray = field(init=False)
    col_totals: np.ndarray = field(init=False)
    total: float = field(init=False)
    _thresholds: dict[str, float] = field(default_factory=dict, init=False)

    def __post_init__(self):
        self.country_index = {c: i for i, c in enumerate(self.countries)}
        self.product_index = {p: i for i, p in enumerate(self.products)}
        self.row_totals = self.values.sum(axis=1)
        self.col_totals = self.values.sum(axis=0)
        self.total = float(self.values.sum())

    def threshold(self, country: str) -> float | None:
        """The exporter's top-quartile density (None if it exports nothing)."""
        if country not in self._thresholds:
            i = self.country_index.get(country)
            row = self.density[i] if i is not None else np.array([])
            row = row[~np.isnan(row)]
            self._thresholds[country] = float(np.quantile(row, TOP_QUARTILE)) if row.size else float("nan")
        value = self._thresholds[country]
        return None if np.isnan(value) else value


def blocked_density(m: np.ndarray) -> np.ndarray:
    """density_cp = Σ_p' M_cp' φ_pp' / Σ_p' φ_pp' with φ_pp' = Σ_c M_cp M_cp' / max(k_p, k_p') (as
    ``complexity.density``), a block of products at a time so that φ is never held whole."""
    m = np.asarray(m, dtype=np.float64)
    m32 = m.astype(np.float32)
    ubiquity = m.sum(axis=0)
    out = np.empty_like(m)
    for start in range(0, m.shape[1], _DENSITY_BLOCK):
        block = slice(start, start + _DENSITY_BLOCK)
        # Co-occurrence counts are small integers: exact in float32.
        co = (m32[:, block].T @ m32).astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            phi = np.nan_to_num(co / np.maximum(ubiquity[block][:, None], ubiquity[None, :]))
            out[:, block] = (m @ phi.T) / phi.sum(axis=1)[None, :]
    return out


def _rca_matrix(values: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        world = values.sum(axis=0, keepdims=True) / values.sum()
        return (values / values.sum(axis=1, keepdims=True)) / world


def _year_key(store: TradeStore, year: int) -> str:
    info = store.manifest().get(year, {})
    parts = [str(info.get("import_id", ""))]
    for path in (store.flow_file(year), store.cp_dir / f"{year}-x.parquet"):
        stat = path.stat() if path is not None and path.exists() else None
        parts.append(f"{stat.st_mtime_ns}-{stat.st_size}" if stat else "-")
    return ":".join(parts)


def _cache_file(store: TradeStore, year: int) -> Path:
    return store.root / "derived" / f"chains-density-{int(year)}.npz"


def year_matrix(store: TradeStore, year: int) -> YearMatrix:
    """The year's export matrix and density, from memory, the cache file, or computed."""
    key = _year_key(store, year)
    slot = (str(store.root.resolve()), int(year))
    with _CACHE_LOCK:
        cached = _CACHE.get(slot)
        if cached is not None and cached.key == key:
            return cached
        matrix = _read_cache_file(store, year, key) or _compute(store, year, key)
        _CACHE[slot] = matrix
        return matrix


def _read_cache_file(store: TradeStore, year: int, key: str) -> YearMatrix | None:
    path = _cache_file(store, year)
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["key"]) != key:
                return None
            return YearMatrix(key, data["countries"].tolist(), data["products"].tolist(),
                              data["values"], data["density"])
    except (OSError, KeyError, ValueError):
        return None


def _compute(store: TradeStore, year: int, key: str) -> YearMatrix:
    matrix = export_matrix(store, year)
    values = matrix.values
    m = (np.nan_to_num(_rca_matrix(values)) >= 1.0).astype(np.float64)
    # One BLAS thread: several busy-waiting threads on a loaded machine are slower, not faster.
    with _one_blas_thread():
        density = blocked_density(m)
    result = YearMatrix(key, matrix.countries, matrix.products, values, density)
    _write_cache_file(store, year, result)
    return result


def _write_cache_file(store: TradeStore, year: int, matrix: YearMatrix) -> None:
    path = _cache_file(store, year)
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".density-", suffix=".npz",
                                         delete=False) as handle:
            temporary = Path(handle.name)
            np.savez(handle, key=np.array(matrix.key), countries=np.array(matrix.countries, dtype=str),
                     products=np.array(matrix.products, dtype=str), values=matrix.values,
                     density=matrix.density)
        os.replace(temporary, path)
        temporary = None
    except OSError:
        pass  # a read-only store: the report still works, it computes again next time
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def prepare_years(store: TradeStore, years) -> None:
    """Compute and write the matrix and density of each of ``years`` (the trade importers call
    this after an import, through ``trade.hooks``), so that reports only read them."""
    for year in years:
        if store.flow_file(year) is not None:
            year_matrix(store, year)


def clear_cache() -> None:
    with _CACHE_LOCK:
        _CACHE.clear()
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
    return (store or TradeStore()).years()


# --- the report --------------------------------------------------------------------------------
def _chain_table(chain_def: ChainDef) -> pa.Table:
    stages, products = [], []
    for number, stage in enumerate(chain_def.stages):
        stages.extend([number] * len(stage.subheadings))
        products.extend(stage.subheadings)
    return pa.table({"stage": pa.array(stages, pa.int32()), "product": pa.array(products, pa.string())})


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


_PAIR_ROWS = """
SELECT c.stage, c.product, coalesce(m.value, 0) AS imports_world,
       coalesce(ab.v, 0) AS exporter_to_importer, coalesce(ba.v, 0) AS importer_to_exporter
FROM chain_products c
LEFT JOIN (SELECT product, value FROM read_parquet({cp_m}) WHERE country = $importer) m USING (product)
LEFT JOIN (SELECT product, sum(value) AS v FROM read_parquet({flows})
           WHERE exporter = $exporter AND importer = $importer GROUP BY product) ab USING (product)
LEFT JOIN (SELECT product, sum(value) AS v FROM read_parquet({flows})
           WHERE exporter = $importer AND importer = $exporter GROUP BY product) ba USING (product)
"""


def _pair_rows(store: TradeStore, chain_def: ChainDef, year: int, exporter: str, importer: str) -> dict:
    """Per product of the chain: (imports from the world, exporter→importer, importer→exporter)."""
    con = store.connect()
    try:
        con.register("chain_products", _chain_table(chain_def))
        sql = _PAIR_ROWS.format(cp_m=_sql_path(store.cp_dir / f"{int(year)}-m.parquet"),
                                flows=_sql_path(store.flow_file(year)))
        fetched = con.execute(sql, {"exporter": exporter, "importer": importer}).fetchall()
    finally:
        con.close()
    return {product: (world, ab, ba) for _stage, product, world, ab, ba in fetched}


def _usd(value: float) -> float:
    return round(float(value), 2)


def _number(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if np.isnan(value) or np.isinf(value) else value


def gap_report(chain_def: ChainDef, *, year: int, exporter: str, importer: str, top: int | None = None,
               with_members: bool = True, store: TradeStore | None = None) -> dict:
    """The ``tradebridge.chain-gaps/1`` report of ``chain_def`` for one year and one direction."""
    store = store or TradeStore()
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
    store = store or TradeStore()
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
        JOIN chain_products c USING (product)
        GROUP BY ALL
    """  # noqa: S608 - file names quoted by _sql_path
    con = store.connect()
    try:
        con.register("chain_products", _chain_table(chain_def))
        fetched = con.execute(sql, {"a": a, "b": b}).fetchall()
        found = {(int(y), int(s)): (ab or 0.0, ba or 0.0) for y, s, ab, ba in fetched}
    finally:
        con.close()
    return [
        {"stage": stage.key, "year": year, "a_to_b": _usd(found.get((year, n), (0.0, 0.0))[0]),
         "b_to_a": _usd(found.get((year, n), (0.0, 0.0))[1])}
        for year in present
        for n, stage in enumerate(chain_def.stages)
    ]
