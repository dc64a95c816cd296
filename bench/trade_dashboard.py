"""Benchmark: the whole trade dashboard (tradebridge.trade.queries.dashboard) on BACI-shaped data.

Run: .venv/bin/python bench/trade_dashboard.py [--rows 11000000] [--pairs 100] [--keep]

Generates two years shaped like CEPII BACI (trade.synthetic.generate_baci; not real trade),
imports them with the BACI importer into a temporary store, loads the HS reference data into a
temporary SQLite database (for product and section names), then times for random country pairs:

* ``dashboard()`` with a fresh DuckDB connection: totals both ways over the years, composition by
  chapter both ways, top products both ways with growth, RCA by section, complementarity and
  export potential — everything the page and /api/trade/dashboard show;
* first the very first call (empty aggregate cache), then p50/p95 over the pairs (the world-wide
  aggregates are cached per store version and year; export potential is per pair, so each pair
  computes it afresh).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=11_000_000, help="rows per year")
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="tradebridge-bench-dashboard-"))
    os.environ["TRADEBRIDGE_DATA_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradebridge.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from tradebridge.bootstrap.reference import do_load_reference
    from tradebridge.trade import queries
    from tradebridge.trade.importers_baci import import_baci
    from tradebridge.trade.store import TradeStore
    from tradebridge.trade.synthetic import generate_baci

    try:
        print(f"cores available: {len(os.sched_getaffinity(0))}; data in {workdir}")
        call_command("migrate", verbosity=0)
        do_load_reference()
        store = TradeStore(workdir / "trade")
        started = time.perf_counter()
        for year, seed in ((2021, args.seed), (2022, args.seed + 1)):
            generated = generate_baci(workdir / f"baci{year}", rows=args.rows, year=year, seed=seed)
            import_baci(store, [generated.flows], generated.countries, synthetic=True)
            shutil.rmtree(workdir / f"baci{year}")
        con = store.connect()
        rows = con.execute("SELECT count(*) FROM flows").fetchone()[0]
        countries = [r[0] for r in con.execute(
            "SELECT country FROM country_exports WHERE year = 2022 GROUP BY country "
            "ORDER BY sum(value) DESC LIMIT 60").fetchall()]
        con.close()
        print(f"store: {rows:,} flow rows over 2 years, generated and imported in "
              f"{time.perf_counter() - started:.1f} s")

        rng = random.Random(args.seed)
        pairs = [tuple(rng.sample(countries, 2)) for _ in range(args.pairs)]
        queries.cache.clear()
        started = time.perf_counter()
        queries.dashboard(store, *pairs[0], 2022)
        first = (time.perf_counter() - started) * 1000
        timings = []
        for reporter, partner in pairs:
            started = time.perf_counter()
            data = queries.dashboard(store, reporter, partner, 2022)
            timings.append((time.perf_counter() - started) * 1000)
            assert data["totals"], (reporter, partner)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(round(0.95 * len(timings))) - 1)]
        print(f"dashboard(): first call (cold aggregate cache) {first:.0f} ms")
        print(f"dashboard(): {len(timings)} random pairs among the 60 largest exporters, "
              f"p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, max {timings[-1]:.0f} ms")
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
