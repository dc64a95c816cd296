"""Benchmark: clearance figures at scale — import, gate dashboard, corridor comparison.

Run: .venv/bin/python bench/border.py [--gates 60] [--chapters 97] [--years 5] [--calls 40] [--keep]

Generates daily figures (value in USD) for ``gates`` gates × 2 directions (export, import) ×
``chapters`` HS chapters over ``years`` years — 60 × 2 × 97 × 1,826 days ≈ 21.3 M rows at full
size — as one CSV file, and imports it through the officers' import path
(clearance.do_import_clearance_file: one pass that checks each line and writes it, in one
transaction, through a staging table and one upsert per batch of 20,000; then the monthly sums)
into a fresh SQLite database in a temporary directory. It prints the rows, the file size, the
import time, the peak memory (the process's peak resident set), then over ``calls`` random gates:

* the gate dashboard: the page /border/<gate>/figures/ through Django's test client (every
  aggregate, table and chart the page shows), p50 and p95;
* the corridor comparison of 12 gates (figures.corridor_comparison), p50 and p95, and the
  dashboard page with ``?corridor=`` (both together).

With ``--gates`` below 60 the run is scaled, and the full-size import time is extrapolated
linearly in the rows (labelled as such); the dashboard reads one gate's monthly sums through the
index on (gate, measure, year), so its time does not grow with the number of gates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

FULL_GATES = 60


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _generate(path: Path, codes: list[str], chapters: list[str], days: list[dt.date], seed: int) -> int:
    rng = random.Random(seed)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("gate,period,period_start,direction,measure,product,value\n")
        for code in codes:
            scale = rng.uniform(0.2, 5.0)
            for day in days:
                season = 1.0 + 0.3 * ((day.month - 7) ** 2 < 4)
                stamp = day.isoformat()
                lines = []
                for direction in ("export", "import"):
                    prefix = f"{code},day,{stamp},{direction},value_usd,"
                    for chapter in chapters:
                        lines.append(f"{prefix}{chapter},{scale * season * rng.random() * 10000:.2f}\n")
                out.write("".join(lines))
                rows += len(lines)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gates", type=int, default=FULL_GATES)
    parser.add_argument("--chapters", type=int, default=97)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="tradebridge-bench-border-"))
    os.environ["TRADEBRIDGE_DATA_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradebridge.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from tradebridge.border import figures
    from tradebridge.border.clearance import BULK_LIMITS, do_import_clearance_file
    from tradebridge.border.models import ClearanceFigure, ClearanceMonthly, Corridor, CorridorNode, Gate
    from tradebridge.geo.models import Country, Province, Zone

    settings.ALLOWED_HOSTS = ["*"]
    try:
        call_command("migrate", verbosity=0)
        vietnam = Country.objects.get_or_create(alpha3="VNM",
                                                defaults={"alpha2": "VN", "name_en": "Viet Nam"})[0]
        province = Province.objects.get_or_create(code="VN-02",
                                                  defaults={"country": vietnam, "name_en": "Lao Cai"})[0]
        codes = [f"bench-gate-{n:02d}" for n in range(1, args.gates + 1)]
        for index, code in enumerate(codes):
            zone = Zone.objects.create(code=code, kind="border_gate", country=vietnam, province=province,
                                       name_en=f"Bench gate {index + 1}", latitude=20 + index / 100,
                                       longitude=104)
            Gate.objects.create(zone=zone, level="international")
        corridor = Corridor.objects.create(slug="bench-corridor", name_en="Bench corridor")
        for position, gate in enumerate(Gate.objects.order_by("pk")[:12]):
            CorridorNode.objects.create(corridor=corridor, position=position, kind="gate",
                                        name_en=str(position), gate=gate, latitude=20, longitude=104)
        chapters = [f"{n:02d}" for n in range(1, 98)][: args.chapters]
        first = dt.date(2021, 1, 1)
        days = [first + dt.timedelta(days=n) for n in range((dt.date(2021 + args.years, 1, 1) - first).days)]
        path = workdir / "figures.csv"
        started = time.perf_counter()
        rows = _generate(path, codes, chapters, days, args.seed)
        generated = time.perf_counter() - started
        size_mb = path.stat().st_size / 1024 / 1024
        scaled = (args.gates, args.chapters) != (FULL_GATES, 97)
        full_rows = FULL_GATES * 2 * 97 * len(days) if scaled else rows
        print(f"figures: {args.gates} gates x 2 directions x {len(chapters)} chapters x {len(days)} days = "
              f"{rows:,} rows ({size_mb:,.0f} MB CSV, generated in {generated:.0f} s)")
        print(f"peak memory before the import: {_peak_mb():,.0f} MB")

        started, cpu = time.perf_counter(), time.process_time()
        outcome = do_import_clearance_file(path, path.name, limits=BULK_LIMITS)
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert outcome.rows == rows == ClearanceFigure.objects.count()
        print(f"import (check + write + monthly sums, one pass), SQLite: {took:,.1f} s, "
              f"{rows / took:,.0f} rows/s ({cpu:,.1f} s of CPU in this process: "
              f"{rows / cpu:,.0f} rows per CPU second); "
              f"peak memory {_peak_mb():,.0f} MB; monthly sums: {ClearanceMonthly.objects.count():,}")
        if full_rows != rows:
            print(f"EXTRAPOLATED to full size ({full_rows:,} rows), linear in rows: "
                  f"import about {took * full_rows / rows / 60:,.1f} min (not measured)")

        client = Client()
        rng = random.Random(args.seed)
        picks = [rng.choice(codes) for _ in range(args.calls)]
        client.get(f"/border/{picks[0]}/figures/")  # warm: templates, translations
        page_times = []
        for code in picks:
            started = time.perf_counter()
            response = client.get(f"/border/{code}/figures/", {"measure": "value_usd"})
            page_times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        print(f"gate dashboard page ({args.calls} calls): p50 {statistics.median(page_times):.0f} ms, "
              f"p95 {_percentile(page_times, 0.95):.0f} ms (target under 300 ms)")
        data_times = []
        for code in picks:
            gate = Gate.objects.select_related("zone").get(zone__code=code)
            started = time.perf_counter()
            figures.gate_dashboard(gate, "value_usd")
            data_times.append((time.perf_counter() - started) * 1000)
        print(f"gate dashboard aggregates only: p50 {statistics.median(data_times):.0f} ms, "
              f"p95 {_percentile(data_times, 0.95):.0f} ms")
        corridor_times = []
        for _ in range(args.calls):
            started = time.perf_counter()
            figures.corridor_comparison(corridor, "value_usd")
            corridor_times.append((time.perf_counter() - started) * 1000)
        print(f"corridor comparison, 12 gates ({args.calls} calls): "
              f"p50 {statistics.median(corridor_times):.0f} ms, "
              f"p95 {_percentile(corridor_times, 0.95):.0f} ms")
        both = []
        for code in picks[: max(5, args.calls // 4)]:
            started = time.perf_counter()
            client.get(f"/border/{code}/figures/", {"corridor": "bench-corridor"})
            both.append((time.perf_counter() - started) * 1000)
        print(f"dashboard page with the corridor comparison: p50 {statistics.median(both):.0f} ms, "
              f"p95 {_percentile(both, 0.95):.0f} ms")
        print(f"database: {sum(f.stat().st_size for f in workdir.glob('*.sqlite3*')) / 1024 / 1024:,.0f} MB")
    finally:
        if args.keep:
            print(f"kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
