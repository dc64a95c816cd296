"""Generated BACI-shaped data (for the benchmark and the tests; it is not real trade).

``generate_baci(directory, rows=..., countries=..., products=..., year=...)`` writes
``BACI_HS22_Y<year>_V000.csv`` and ``country_codes_V000.csv`` in BACI's formats: numeric country
codes, HS6 product codes as 6-character text, values in thousands of USD with a heavy-tailed
(log-normal × country size × product size) distribution, some quantities missing.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

HS_FILE = Path(__file__).resolve().parents[1] / "catalog" / "data" / "harmonized-system-2022.csv"
COUNTRY_FILE = Path(__file__).resolve().parents[1] / "geo" / "data" / "country-codes.csv"


@dataclass
class Generated:
    flows: Path
    countries: Path
    rows: int
    iso3: list[str]
    products: list[str]


def _iso_codes(n: int) -> list[tuple[int, str, str, str]]:
    out = []
    with COUNTRY_FILE.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            iso3, numeric = row["ISO3166-1-Alpha-3"], row["ISO3166-1-numeric"]
            if iso3 and numeric.isdigit():
                out.append(
                    (int(numeric), row.get("CLDR display name") or iso3, row["ISO3166-1-Alpha-2"], iso3)
                )
    out.sort()
    must = [c for c in out if c[3] in {"VNM", "LAO", "CHN", "THA", "KHM", "USA"}]
    rest = [c for c in out if c not in must]
    return sorted(must + rest[: max(0, n - len(must))])


def hs6_codes(n: int) -> list[str]:
    """n distinct 6-digit codes: the real HS 2022 subheadings first, then made-up ones."""
    codes: list[str] = []
    if HS_FILE.exists():
        with HS_FILE.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                code = row.get("hscode", "")
                if len(code) == 6 and code.isdigit():
                    codes.append(code)
    codes = sorted(set(codes))[:n]
    extra = 10000
    while len(codes) < n:
        code = f"{extra:06d}"
        if code not in codes:
            codes.append(code)
        extra += 7
    return sorted(codes)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    values = np.sort(values)  # a sort beats numpy's hash-based unique on tens of millions of keys
    if values.size == 0:
        return values
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def generate_baci(
    directory: Path,
    *,
    rows: int = 11_000_000,
    countries: int = 226,
    products: int = 5381,
    year: int = 2022,
    seed: int = 7,
) -> Generated:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    table = _iso_codes(countries)
    n_c = len(table)
    codes = np.array([c[0] for c in table], dtype=np.int32)
    product_codes = hs6_codes(products)
    n_p = len(product_codes)
    # Heavy tails: a few big traders and big products carry most of the value.
    size = rng.pareto(1.2, n_c) + 0.05
    pop = rng.pareto(1.5, n_p) + 0.05
    p_exp = size / size.sum()
    p_imp = (size**0.8) / (size**0.8).sum()
    p_prod = pop / pop.sum()
    want = min(rows, n_c * (n_c - 1) * n_p)
    keys = np.empty(0, dtype=np.int64)
    novelty = 0.7  # share of new draws that turn out to be new keys; updated as we go
    while keys.size < want:
        m = int((want - keys.size) / max(novelty, 0.05) * 1.1) + 1000
        e = rng.choice(n_c, m, p=p_exp)
        i = rng.choice(n_c, m, p=p_imp)
        k = rng.choice(n_p, m, p=p_prod)
        ok = e != i
        new = (e[ok].astype(np.int64) * n_c + i[ok]) * n_p + k[ok]
        before = keys.size
        keys = _sorted_unique(np.concatenate([keys, new]))
        novelty = (keys.size - before) / max(m, 1)
    keys = rng.permutation(keys)[:want]
    keys.sort()
    k = keys % n_p
    pair = keys // n_p
    i = pair % n_c
    e = pair // n_c
    # Country specialisation: each exporter is strong in a random set of products.
    affinity = rng.lognormal(0.0, 1.0, (n_c, 64))
    value = rng.lognormal(2.0, 2.2, want) * size[e] * affinity[e, k % 64] * np.sqrt(pop[k])
    value = np.round(value, 3) + 0.001
    quantity = np.round(value * rng.lognormal(-1.0, 1.0, want), 3)
    q_missing = rng.random(want) < 0.05
    flows = pa.table(
        {
            "t": pa.array(np.full(want, year, dtype=np.int32)),
            "i": pa.array(codes[e]),
            "j": pa.array(codes[i]),
            "k": pa.array(product_codes, pa.string()).take(pa.array(k)),
            "v": pa.array(value),
            "q": pa.array(quantity, mask=q_missing),
        }
    )
    flows_path = directory / f"BACI_HS22_Y{year}_V000.csv"
    pacsv.write_csv(flows, flows_path, pacsv.WriteOptions(quoting_style="none"))
    countries_path = directory / "country_codes_V000.csv"
    with countries_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["country_code", "country_name", "country_iso2", "country_iso3"])
        for code, name, iso2, iso3 in table:
            writer.writerow([code, name, iso2, iso3])
    return Generated(flows_path, countries_path, want, [c[3] for c in table], product_codes)
