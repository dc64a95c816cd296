"""The year's country × HS6 export matrix and its Hidalgo–Hausmann density, for the gap report.

RCA is Balassa's and density Hidalgo–Hausmann's, on the year's whole export matrix exactly as
:mod:`tradebridge.trade.complexity` (and ``ecomplexity``) compute them.  They are computed when
the year is imported (``gaps.prepare_years``, registered with ``trade.hooks``; or by the first
report, for a store imported otherwise) and kept in ``<store>/derived/chains-density-<year>.bin``
and in memory.

The file: ``MAGIC``, the length of a JSON header (its key: the year's import and files, so that a
re-import makes it stale; the countries, the products, the world total), then, 64-byte aligned,
float64 arrays: exports and density (countries × products), exports per country and per product.
A new process maps it (``np.memmap``) rather than reading it: a report touches only the
exporter's row.  It is written under the trade store's writer lock (``store_commit``), into an
``.incoming-*`` folder and renamed into place, and only if the year has not changed meanwhile.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tradebridge.trade import store_commit
from tradebridge.trade.complexity import _one_blas_thread
from tradebridge.trade.store import TradeStore

TOP_QUARTILE = 0.75
MAGIC = b"TBCHAIN\x01"
_HEADER = struct.Struct("<8sQ")  # magic, length of the JSON header
_ALIGN = 64
_DENSITY_BLOCK = 512  # products per block of the proximity matrix (keeps memory small)
_CACHE: dict[tuple[str, int], YearMatrix] = {}
_CACHE_LOCK = threading.Lock()
# How long a report waits for the store's writer lock to keep what it computed (an import under
# way will make it stale anyway); the import's own hook waits longer.
REPORT_LOCK_WAIT = 0.5
IMPORT_LOCK_WAIT = 60.0


@dataclass
class YearMatrix:
    key: str
    countries: list[str]
    products: list[str]
    values: np.ndarray  # exports, countries × products, USD
    density: np.ndarray  # countries × products
    row_totals: np.ndarray  # exports per country
    col_totals: np.ndarray  # exports per product
    total: float
    country_index: dict[str, int] = field(init=False)
    product_index: dict[str, int] = field(init=False)
    _thresholds: dict[str, float] = field(default_factory=dict, init=False)

    def __post_init__(self):
        self.country_index = {c: i for i, c in enumerate(self.countries)}
        self.product_index = {p: i for i, p in enumerate(self.products)}

    @classmethod
    def of(cls, key: str, countries: list[str], products: list[str], values: np.ndarray,
           density: np.ndarray) -> YearMatrix:
        return cls(key, countries, products, values, density, values.sum(axis=1), values.sum(axis=0),
                   float(values.sum()))

    def threshold(self, country: str) -> float | None:
        """The exporter's top-quartile density (None if it exports nothing)."""
        if country not in self._thresholds:
            i = self.country_index.get(country)
            row = np.asarray(self.density[i]) if i is not None else np.array([])
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


def year_key(store: TradeStore, year: int) -> str:
    info = store.manifest().get(year, {})
    parts = [str(info.get("import_id", ""))]
    for path in (store.flow_file(year), store.cp_dir / f"{year}-x.parquet"):
        stat = path.stat() if path is not None and path.exists() else None
        parts.append(f"{stat.st_mtime_ns}-{stat.st_size}" if stat else "-")
    return ":".join(parts)


def cache_file(store: TradeStore, year: int) -> Path:
    return store.root / "derived" / f"chains-density-{int(year)}.bin"


def year_matrix(store: TradeStore, year: int, *, lock_wait: float = REPORT_LOCK_WAIT) -> YearMatrix:
    """The year's export matrix and density, from memory, the file, or computed (and kept)."""
    key = year_key(store, year)
    slot = (str(store.root.resolve()), int(year))
    with _CACHE_LOCK:
        cached = _CACHE.get(slot)
        if cached is not None and cached.key == key:
            return cached
        matrix = read_file(cache_file(store, year), key)
        if matrix is None:
            matrix = _compute(store, year, key)
            write_file(store, year, matrix, lock_wait=lock_wait)
        _CACHE[slot] = matrix
        return matrix


def read_file(path: Path, key: str) -> YearMatrix | None:
    """The matrix kept in ``path`` if it was made for ``key`` (else None), mapped, not read."""
    try:
        with path.open("rb") as handle:
            magic, length = _HEADER.unpack(handle.read(_HEADER.size))
            if magic != MAGIC or length > 1 << 26:
                return None
            header = json.loads(handle.read(length).decode("utf-8"))
        if header.get("key") != key:
            return None
        countries, products = list(header["countries"]), list(header["products"])
        c, p = len(countries), len(products)
        data = np.memmap(path, dtype="<f8", mode="r", offset=_data_offset(length),
                         shape=(2 * c * p + c + p,))
        values = data[: c * p].reshape(c, p)
        density = data[c * p: 2 * c * p].reshape(c, p)
        return YearMatrix(key, countries, products, values, density, data[2 * c * p: 2 * c * p + c],
                          data[2 * c * p + c:], float(header["total"]))
    except (OSError, KeyError, ValueError, TypeError, struct.error):
        return None


def _data_offset(header_length: int) -> int:
    end = _HEADER.size + header_length
    return -(-end // _ALIGN) * _ALIGN


def _compute(store: TradeStore, year: int, key: str) -> YearMatrix:
    from tradebridge.trade.indicators import export_matrix

    matrix = export_matrix(store, year)
    values = matrix.values
    m = (np.nan_to_num(_rca_matrix(values)) >= 1.0).astype(np.float64)
    # One BLAS thread: several busy-waiting threads on a loaded machine are slower, not faster.
    with _one_blas_thread():
        density = blocked_density(m)
    return YearMatrix.of(key, matrix.countries, matrix.products, values, density)


def write_file(store: TradeStore, year: int, matrix: YearMatrix, *, lock_wait: float) -> bool:
    """Keep ``matrix`` in the store's ``derived/`` folder, under the store's writer lock, unless
    the year changed since it was computed or the lock stays busy; True when written."""
    root = store.root
    try:
        with store_commit.try_writing(root, lock_wait) as held:
            if not held or year_key(store, year) != matrix.key:
                return False
            incoming = Path(tempfile.mkdtemp(prefix=store_commit.INCOMING, dir=root))
            try:
                written = incoming / "density.bin"
                _write(written, matrix)
                target = cache_file(store, year)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(written, target)  # atomic: a reader maps the old file or the new one
                target.with_suffix(".npz").unlink(missing_ok=True)  # the format before this one
            finally:
                shutil.rmtree(incoming, ignore_errors=True)
            return True
    except OSError:
        return False  # a read-only store: the report still works, it computes again next time


def _write(path: Path, matrix: YearMatrix) -> None:
    header = json.dumps({"key": matrix.key, "countries": list(matrix.countries),
                         "products": list(matrix.products), "total": matrix.total}).encode("utf-8")
    with path.open("wb") as handle:
        handle.write(_HEADER.pack(MAGIC, len(header)))
        handle.write(header)
        handle.write(b"\0" * (_data_offset(len(header)) - _HEADER.size - len(header)))
        for array in (matrix.values, matrix.density, matrix.row_totals, matrix.col_totals):
            handle.write(np.ascontiguousarray(array, dtype="<f8").tobytes())
        handle.flush()
        os.fsync(handle.fileno())


def clear_cache() -> None:
    with _CACHE_LOCK:
        _CACHE.clear()
