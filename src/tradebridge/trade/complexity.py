"""Pure NumPy functions on a country × product export matrix (rows: countries, columns: products).

They follow the Harvard Growth Lab's ``ecomplexity`` package (default options) so that results
agree with it: Balassa RCA, M = RCA ≥ 1, ECI/PCI from the second eigenvector, normalised with
the ECI's mean and (population) standard deviation, symmetric proximity
φ_pp' = Σ_c M_cp M_cp' / max(k_p, k_p') and density_cp = Σ_p' M_cp' φ_pp' / Σ_p' φ_pp'.

ECI is computed on the small country side: the symmetric matrix
S = D^-1/2 M U^-1 Mᵀ D^-1/2 (countries × countries, D = diversity, U = ubiquity) has the same
non-zero eigenvalues as ecomplexity's product × product matrix; its eigenvectors give the country
vector, and the product vector is U^-1 Mᵀ k_c.  Nothing product × product is ever decomposed.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np

try:  # optional: installed with scikit-learn; the lead may add it to the dependencies
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover - depends on the environment
    threadpool_limits = None


def _one_blas_thread():
    """A 226 × 226 eigenproblem gains nothing from BLAS threads, and busy-waiting threads make it
    a hundred times slower on a loaded machine."""
    return threadpool_limits(1, user_api="blas") if threadpool_limits else contextlib.nullcontext()


def rca(x: np.ndarray) -> np.ndarray:
    """Balassa RCA: (x_cp / X_c) / (x_wp / X_w).  Rows or columns summing to zero give NaN."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        row = x.sum(axis=1, keepdims=True)
        col = x.sum(axis=0, keepdims=True)
        return (x / row) / (col / col.sum())


def mcp(rca_matrix: np.ndarray, threshold: float = 1.0) -> np.ndarray:
    return (np.nan_to_num(rca_matrix) >= threshold).astype(np.float64)


@dataclass
class Complexity:
    eci: np.ndarray  # per country (NaN where diversity is 0)
    pci: np.ndarray  # per product (NaN where ubiquity is 0)
    diversity: np.ndarray
    ubiquity: np.ndarray


def eci_pci(m: np.ndarray) -> Complexity:
    """ECI and PCI from a binary M (countries × products), as ``ecomplexity`` computes them."""
    m = np.asarray(m, dtype=np.float64)
    diversity = m.sum(axis=1)
    ubiquity = m.sum(axis=0)
    rows = diversity > 0
    cols = ubiquity > 0
    mv = m[rows][:, cols]
    d = diversity[rows]
    u = ubiquity[cols]
    eci = np.full(m.shape[0], np.nan)
    pci = np.full(m.shape[1], np.nan)
    if mv.shape[0] < 2:
        return Complexity(eci, pci, diversity, ubiquity)
    # S = D^-1/2 (M U^-1 Mᵀ) D^-1/2: symmetric, countries × countries.
    inv_sqrt_d = 1.0 / np.sqrt(d)
    with _one_blas_thread():
        a = (mv / u) @ mv.T
        s = inv_sqrt_d[:, None] * a * inv_sqrt_d[None, :]
        s = (s + s.T) / 2
        values, vectors = np.linalg.eigh(s)
    kc = vectors[:, -2] * inv_sqrt_d  # eigenvector of D^-1 M U^-1 Mᵀ (second largest eigenvalue)
    kp = (mv.T @ kc) / u  # matching eigenvector of the product-side matrix
    kp = kp / np.linalg.norm(kp)  # unit length, as numpy.linalg.eig returns it in ecomplexity
    kc = (mv @ kp) / d
    sign = np.sign(np.corrcoef(d, kc)[0, 1]) if np.std(kc) > 0 and np.std(d) > 0 else 1.0
    kc = sign * kc
    kp = sign * kp
    mean, std = kc.mean(), kc.std()
    eci[rows] = (kc - mean) / std
    pci[cols] = (kp - mean) / std
    return Complexity(eci, pci, diversity, ubiquity)


def proximity(m: np.ndarray) -> np.ndarray:
    """φ_pp' = Σ_c M_cp M_cp' / max(k_p, k_p') (products × products)."""
    m = np.asarray(m)
    # Co-occurrence counts are small integers: exact in float32, half the memory and time.
    co = (m.T.astype(np.float32) @ m.astype(np.float32)).astype(np.float64)
    ubiquity = m.sum(axis=0).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = co / np.maximum(ubiquity[:, None], ubiquity[None, :])
    return np.nan_to_num(phi)


def density(m: np.ndarray, phi: np.ndarray | None = None) -> np.ndarray:
    """density_cp = Σ_p' M_cp' φ_pp' / Σ_p' φ_pp' (countries × products)."""
    m = np.asarray(m, dtype=np.float64)
    if phi is None:
        phi = proximity(m)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (m @ phi.T) / phi.sum(axis=1)[None, :]


def shares(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)
    total = v.sum()
    return v / total if total else np.zeros_like(v)


def hhi(v: np.ndarray) -> float:
    """Herfindahl–Hirschman index of export shares (0..1)."""
    s = shares(v)
    return float((s**2).sum())


def trade_complementarity(exports_i: np.ndarray, imports_j: np.ndarray) -> float:
    """TC_ij = 100 · (1 − ½ Σ_k |m_jk − x_ik|) over aligned product vectors."""
    return float(100.0 * (1.0 - 0.5 * np.abs(shares(imports_j) - shares(exports_i)).sum()))


def export_similarity(exports_i: np.ndarray, exports_j: np.ndarray) -> float:
    """Finger–Kreinin: 100 · Σ_k min(s_ik, s_jk)."""
    return float(100.0 * np.minimum(shares(exports_i), shares(exports_j)).sum())


def trade_intensity(x_ij: float, x_i: float, x_wj: float, x_w: float) -> float:
    """TII_ij = (x_ij / X_i) / (x_wj / X_w)."""
    if not x_i or not x_wj or not x_w:
        return float("nan")
    return (x_ij / x_i) / (x_wj / x_w)


def grubel_lloyd(exports: np.ndarray, imports: np.ndarray) -> np.ndarray:
    """1 − |X_k − M_k| / (X_k + M_k); NaN where there is no trade."""
    x = np.asarray(exports, dtype=np.float64)
    m = np.asarray(imports, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return 1.0 - np.abs(x - m) / (x + m)


def growth(previous: np.ndarray, current: np.ndarray) -> np.ndarray:
    """(V_t − V_{t−1}) / V_{t−1}; NaN where V_{t−1} is 0."""
    p = np.asarray(previous, dtype=np.float64)
    c = np.asarray(current, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p != 0, (c - p) / p, np.nan)


def trend(years: np.ndarray, values: np.ndarray) -> float:
    """Multi-year growth rate as ITC Trade Map: exp(b) − 1 of the least-squares fit
    ln V = a + b·t over the years with a positive value."""
    t = np.asarray(years, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)
    keep = v > 0
    if keep.sum() < 2:
        return float("nan")
    slope = np.polyfit(t[keep], np.log(v[keep]), 1)[0]
    return float(np.expm1(slope))
