"""Benchmark: the trade store on one BACI-shaped year of generated data.

Run: .venv/bin/python bench/trade.py [--rows 11000000] [--scale 1.0] [--ecomplexity-timeout 180] [--keep]

Generates (seeded) one year shaped like CEPII BACI: about 11 M rows, 226 countries, 5,381 HS6
products, heavy-tailed values.  It is not real trade.  Then prints:

* the time of ``tradebridge trade import-baci`` on it, run as a subprocess (start-up, reading,
  checking, sorting, writing Parquet and the per-country sums included), and its peak memory
  (resource.getrusage of the children, in MB);
* RCA for every country × HS6 from the store (DuckDB sums + NumPy);
* ECI/PCI at HS6 (RCA, M, the symmetric country-side eigenproblem) and, on the same matrix in the
  same run, the Growth Lab's ``ecomplexity`` in a child process with a time cap (its
  log-supermodularity check, a diagnostic, is turned off: that only makes it faster); when the cap is
  hit the output says so and ecomplexity is also run on the first N products, with our result on
  that same smaller matrix beside it and the largest relative difference;
* proximity and density at HS6 (no target, for information);
* the country-pair dashboard query (a fresh connection, the pair's yearly totals both ways and its
  top 10 products both ways), p50/p95 over random pairs.

``--scale 0.1`` (or ``--rows``) runs it small while developing.  The data goes to a temporary
directory that is removed at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tradebridge.trade import complexity as cx  # noqa: E402
from tradebridge.trade.indicators import export_matrix  # noqa: E402
from tradebridge.trade.store import TradeStore  # noqa: E402
from tradebridge.trade.synthetic import generate_baci  # noqa: E402

PAIR_QUERY_TOTALS = """
SELECT year, 'export' AS flow, sum(value) FROM flows WHERE exporter = $a AND importer = $b GROUP BY year
UNION ALL
SELECT year, 'import' AS flow, sum(value) FROM flows WHERE exporter = $b AND importer = $a GROUP BY year
ORDER BY year, flow
"""
PAIR_QUERY_TOP = """
SELECT product, sum(value) AS v FROM flows WHERE year = $year AND exporter = $a AND importer = $b
GROUP BY product ORDER BY v DESC LIMIT 10
"""


def _ecomplexity_child(matrix_path: str, queue) -> None:
    import pandas as pd
    from ecomplexity import ecomplexity

    values = np.load(matrix_path)
    c, p = np.nonzero(values)
    frame = pd.DataFrame({"year": 2022, "loc": c, "prod": p, "val": values[c, p]})
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = ecomplexity(
            frame,
            {"time": "year", "loc": "loc", "prod": "prod", "val": "val"},
            verbose=False,
            check_logsupermodularity=False,
        )
    elapsed = time.perf_counter() - started
    eci = out.groupby("loc")["eci"].first().sort_index().to_numpy()
    pci = out.groupby("prod")["pci"].first().sort_index().to_numpy()
    queue.put((elapsed, eci, pci))


def run_ecomplexity(values: np.ndarray, timeout: float, workdir: Path):
    """(seconds, eci, pci) or None when it did not finish within `timeout` seconds."""
    path = workdir / f"matrix-{values.shape[1]}.npy"
    np.save(path, values)
    queue = mp.get_context("spawn").Queue()
    child = mp.get_context("spawn").Process(target=_ecomplexity_child, args=(str(path), queue))
    child.start()
    try:
        return queue.get(timeout=timeout)
    except Exception:  # noqa: BLE001 - queue.Empty: the cap was reached
        return None
    finally:
        child.terminate()
        child.join()
        path.unlink(missing_ok=True)


def ours(values: np.ndarray):
    started = time.perf_counter()
    result = cx.eci_pci(cx.mcp(cx.rca(values)))
    return time.perf_counter() - started, result


def max_rel(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.nanmax(np.abs(a - b) / np.maximum(np.abs(b), 1e-12)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--rows", type=int, default=None, help="rows to generate (default 11,000,000 × scale)"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (rows only)")
    parser.add_argument("--countries", type=int, default=226)
    parser.add_argument("--products", type=int, default=5381)
    parser.add_argument("--ecomplexity-timeout", type=float, default=180.0)
    parser.add_argument(
        "--ecomplexity-products",
        type=int,
        default=1000,
        help="products for the smaller ecomplexity run when the cap is hit",
    )
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    rows = args.rows or int(11_000_000 * args.scale)

    workdir = Path(tempfile.mkdtemp(prefix="tradebridge-bench-trade-"))
    try:
        print(f"cores available: {len(os.sched_getaffinity(0))}; data in {workdir}")
        started = time.perf_counter()
        generated = generate_baci(
            workdir / "baci", rows=rows, countries=args.countries, products=args.products, seed=args.seed
        )
        size_mb = generated.flows.stat().st_size / 1e6
        print(
            f"generated {generated.rows:,} rows, {len(generated.iso3)} countries, "
            f"{len(generated.products):,} HS6 products ({size_mb:,.0f} MB CSV) "
            f"in {time.perf_counter() - started:.1f} s (not part of the figures)"
        )

        store_dir = workdir / "store"
        env = {**os.environ, "TRADEBRIDGE_TRADE_DIR": str(store_dir)}
        command = [
            str(ROOT / ".venv" / "bin" / "tradebridge"),
            "trade",
            "import-baci",
            "--synthetic",
            "--countries",
            str(generated.countries),
            str(generated.flows),
        ]
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        import_s = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if done.returncode != 0:
            print(done.stdout, done.stderr)
            raise SystemExit("import failed")
        store_mb = sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file()) / 1e6
        print(
            f"import: {import_s:.1f} s (target < 60 s), peak memory {peak_mb:,.0f} MB (target < 4096 MB); "
            f"store {store_mb:,.0f} MB of Parquet"
        )

        store = TradeStore(store_dir)
        year = store.years()[-1]
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            matrix = export_matrix(store, year)
            rca = cx.rca(matrix.values)
            timings.append(time.perf_counter() - started)
        print(
            f"RCA for every country × HS6 ({rca.shape[0]} × {rca.shape[1]:,} = {rca.size:,} cells, from the "
            f"store): best {min(timings):.2f} s, worst {max(timings):.2f} s (target < 3 s)"
        )

        values = matrix.values
        eci_times = []
        for _ in range(3):
            elapsed, result = ours(values)
            eci_times.append(elapsed)
        print(
            f"ECI/PCI at HS6 ({values.shape[0]} × {values.shape[1]:,}; RCA, M and the country-side symmetric "
            f"eigenproblem): best {min(eci_times):.3f} s, worst {max(eci_times):.3f} s (target < 2 s); "
            f"with the matrix from the store: {min(eci_times) + min(timings):.2f} s"
        )

        started = time.perf_counter()
        cx.density(cx.mcp(cx.rca(values)))
        print(
            f"proximity and density at HS6 (no target; {values.shape[1]:,} × {values.shape[1]:,} proximity): "
            f"{time.perf_counter() - started:.2f} s"
        )

        theirs = run_ecomplexity(values, args.ecomplexity_timeout, workdir)
        if theirs is not None:
            seconds, eci, pci = theirs
            print(
                f"ecomplexity on the same {values.shape[0]} × {values.shape[1]:,} matrix: {seconds:.1f} s; "
                f"max relative difference ECI {max_rel(result.eci, eci):.1e}, "
                f"PCI {max_rel(result.pci, pci):.1e}"
            )
        else:
            print(
                f"ecomplexity on the same {values.shape[0]} × {values.shape[1]:,} matrix: did not finish "
                f"within {args.ecomplexity_timeout:.0f} s (stopped)"
            )
            small = values[:, : args.ecomplexity_products]
            small = small[small.sum(axis=1) > 0]
            theirs = run_ecomplexity(small, args.ecomplexity_timeout, workdir)
            elapsed, small_result = ours(small)
            if theirs is None:
                print(f"ecomplexity on the first {small.shape[1]:,} products: did not finish either")
            else:
                seconds, eci, pci = theirs
                print(
                    f"ecomplexity on the first {small.shape[1]:,} products "
                    f"({small.shape[0]} × {small.shape[1]:,}): "
                    f"{seconds:.1f} s; ours on that matrix {elapsed:.3f} s; max relative difference "
                    f"ECI {max_rel(small_result.eci, eci):.1e}, PCI {max_rel(small_result.pci, pci):.1e}"
                )

        rng = random.Random(args.seed)
        countries = matrix.countries
        big = [c for c in ("VNM", "LAO", "CHN", "THA", "KHM", "USA") if c in countries]
        durations = []
        for n in range(args.pairs):
            a = rng.choice(big) if n % 2 == 0 and big else rng.choice(countries)
            b = rng.choice([c for c in countries if c != a])
            started = time.perf_counter()
            con = store.connect()
            con.execute(PAIR_QUERY_TOTALS, {"a": a, "b": b}).fetchall()
            con.execute(PAIR_QUERY_TOP, {"year": year, "a": a, "b": b}).fetchall()
            con.execute(PAIR_QUERY_TOP, {"year": year, "a": b, "b": a}).fetchall()
            con.close()
            durations.append((time.perf_counter() - started) * 1000)
        durations.sort()
        p95 = durations[int(0.95 * (len(durations) - 1))]
        print(
            f"country-pair dashboard query ({args.pairs} random pairs, fresh connection, yearly totals "
            f"+ top 10 products both ways): p50 {statistics.median(durations):.1f} ms, "
            f"p95 {p95:.1f} ms (target < 200 ms)"
        )
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
