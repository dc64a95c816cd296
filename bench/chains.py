"""Benchmark: the chain gap report on one BACI-shaped year and a large registry.

Run: .venv/bin/python bench/chains.py [--rows 11000000] [--orgs 100000] [--keep | --reuse DIR]

Generates (seeded) one year shaped like CEPII BACI (about 11 M rows, 226 countries, 5,381 HS6
products; not real trade) and imports it with ``tradebridge trade import-baci`` in a subprocess;
fills a scratch SQLite database with N organisations (default 100,000; Vietnamese, Lao, Chinese and
others) with 1–3 offers and 1–3 needs each on HS codes at 6, 4 or 2 digits.  Then, in a fresh
process (so that its peak memory is the reports' own), prints for the seven built-in MOU chains:

* one chain (textiles-leather) and one pair (VNM → LAO), members included: the first report of the
  new process (the import computed the year's country × product matrix and density and wrote them
  to the store's ``derived/`` folder: the report reads that file, and queries the registry for the
  chain's HS codes), then the same report with the matrix in memory (median of 7);
* all 7 chains × the 3 countries' pairs in both directions (VNM↔LAO, VNM↔CHN, LAO↔CHN: 42 reports,
  a report is directional), members included;
* the first report on a store imported without the chains app's import hook (``derived/``
  removed: the report computes the matrix and density itself);
* the peak memory (max RSS) of that process after each step, and the size of the largest report;
* the whole of ``tradebridge chains gaps CHAIN.json`` (one chain, VNM → LAO) in a new process,
  start-up included, beside ``tradebridge chains gaps --help`` (the start-up alone).

``--keep`` keeps the generated folder; ``--reuse DIR`` measures again on a kept one (migrating
its database first).

Targets: one chain and pair under 1 s, all of them under 20 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_STARTED = time.perf_counter()

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

COUNTRIES = {"VNM": 40, "LAO": 25, "CHN": 25, "THA": 4, "KHM": 3, "MMR": 3}
PAIRS = [("VNM", "LAO"), ("LAO", "VNM"), ("VNM", "CHN"), ("CHN", "VNM"), ("LAO", "CHN"), ("CHN", "LAO")]


def _environment(workdir: Path) -> dict:
    env = {**os.environ, "TRADEBRIDGE_DATA_DIR": str(workdir / "data"),
           "TRADEBRIDGE_TRADE_DIR": str(workdir / "store"), "DJANGO_SETTINGS_MODULE": "tradebridge.settings"}
    env.pop("DATABASE_URL", None)
    return env


def _peak_mb() -> float:
    """Peak RSS of this process since it started (VmHWM: unlike ru_maxrss, not inherited from
    the parent across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(workdir: Path, rows: int, orgs: int, seed: int) -> None:
    from tradebridge.trade.synthetic import generate_baci

    started = time.perf_counter()
    generated = generate_baci(workdir / "baci", rows=rows, seed=seed)
    print(f"generated {generated.rows:,} BACI-shaped rows in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    command = [str(ROOT / ".venv" / "bin" / "tradebridge"), "trade", "import-baci", "--countries",
               str(generated.countries), str(generated.flows), "--synthetic"]
    done = subprocess.run(command, env=_environment(workdir), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"import failed: {done.stderr}")
    print(f"imported in {time.perf_counter() - started:.1f} s (with the chains matrix and density, "
          f"computed by the import's hook)")
    shutil.rmtree(workdir / "baci")

    os.environ.update(_environment(workdir))
    import django

    django.setup()
    from django.core.management import call_command

    from tradebridge.catalog.models import HSCode
    from tradebridge.chains.bec import hs_nomenclature
    from tradebridge.geo.models import Country
    from tradebridge.registry.models import Organization, TradeItem

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    countries = {code: Country.objects.create(alpha2=code[:2], alpha3=code, name_en=code)
                 for code in COUNTRIES}
    codes = sorted(hs_nomenclature(), key=lambda c: (len(c), c))
    HSCode.objects.bulk_create([HSCode(code=c, level=len(c), description_en=c) for c in codes],
                               batch_size=5000)
    ids = dict(HSCode.objects.values_list("code", "pk"))
    by_level = {n: [c for c in codes if len(c) == n] for n in (2, 4, 6)}
    rng = random.Random(seed)
    names, weights = zip(*COUNTRIES.items(), strict=True)
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous = OFF")  # a scratch database: no need to wait for the disk
    fill = transaction.atomic()
    fill.__enter__()
    Organization.objects.bulk_create(
        [Organization(slug=f"bench-{i:06d}", kind="enterprise", name=f"Bench {i}",
                      country=countries[rng.choices(names, weights)[0]], is_demo=True) for i in range(orgs)],
        batch_size=5000)

    def code() -> int:
        level = rng.choices((6, 4, 2), (85, 10, 5))[0]
        return ids[rng.choice(by_level[level])]

    items = [TradeItem(organization_id=pk, direction=direction, text="bench", hs_id=code())
             for pk in Organization.objects.values_list("pk", flat=True)
             for direction in ("offer", "need") for _ in range(rng.randint(1, 3))]
    TradeItem.objects.bulk_create(items, batch_size=5000)
    fill.__exit__(None, None, None)
    print(f"registry: {orgs:,} organisations, {len(items):,} offers and needs in "
          f"{time.perf_counter() - started:.1f} s (migrations included)")


def measure(workdir: Path) -> None:
    os.environ.update(_environment(workdir))
    import django

    django.setup()
    from tradebridge.chains import gaps
    from tradebridge.chains.definition import builtin_definitions, parse_definition
    from tradebridge.trade.store import TradeStore

    store = TradeStore()
    year = store.years()[-1]
    chains = [parse_definition(d) for d in builtin_definitions()]
    one = next(c for c in chains if c.slug == "textiles-leather")
    print(f"start-up of the measuring process (Django, the gaps module, the seven chains parsed): "
          f"{time.perf_counter() - _STARTED:.2f} s")
    import pyarrow.parquet as pq

    rows = pq.ParquetFile(store.flow_file(year)).metadata.num_rows
    print(f"store: {year}, {rows:,} rows; peak memory before the reports: {_peak_mb():,.0f} MB")

    def timed(chain, exporter, importer) -> tuple[float, dict]:
        started = time.perf_counter()
        report = gaps.gap_report(chain, year=year, exporter=exporter, importer=importer)
        return time.perf_counter() - started, report

    first, report = timed(one, "VNM", "LAO")
    listed = sum(len(s["products"]) for s in report["stages"])
    print(f"one chain ({one.slug}, {len(one.subheadings)} subheadings) VNM -> LAO, first report of a new "
          f"process (matrix and density precomputed by the import, members queried): {first:.2f} s "
          f"(target < 1 s); {listed} products listed; peak memory {_peak_mb():,.0f} MB")
    warm = [timed(one, "VNM", "LAO")[0] for _ in range(7)]
    print(f"one chain VNM -> LAO, matrix in memory: median {statistics.median(warm):.3f} s, "
          f"max {max(warm):.3f} s (target < 1 s)")
    started = time.perf_counter()
    sizes, slowest = [], (0.0, "")
    for chain in chains:
        for exporter, importer in PAIRS:
            seconds, report = timed(chain, exporter, importer)
            sizes.append(len(json.dumps(report, ensure_ascii=False)))
            slowest = max(slowest, (seconds, f"{chain.slug} {exporter}->{importer}"))
    total = time.perf_counter() - started
    print(f"all {len(chains)} chains x {len(PAIRS)} directed pairs ({len(chains) * len(PAIRS)} reports, "
          f"members included): {total:.2f} s (target < 20 s); slowest {slowest[1]} {slowest[0]:.2f} s; "
          f"largest report {max(sizes) / 1e6:.2f} MB of JSON")
    shutil.rmtree(store.root / "derived", ignore_errors=True)
    gaps.clear_cache()
    cold, _report = timed(one, "VNM", "LAO")
    print(f"one chain VNM -> LAO on a store imported without the chains hook (matrix + density computed "
          f"and written by the report): {cold:.2f} s; all reports from such a start about "
          f"{cold - statistics.median(warm) + total:.2f} s")
    started = time.perf_counter()
    for chain in chains:
        gaps.gap_report(chain, year=year, exporter="VNM", importer="LAO", with_members=False)
    print(f"7 chains VNM -> LAO without the registry lookup: {time.perf_counter() - started:.2f} s")
    print(f"peak memory (max RSS of the measuring process): {_peak_mb():,.0f} MB")
    _command_line(workdir, one, year)


def _command_line(workdir: Path, chain, year: int) -> None:
    """``tradebridge chains gaps`` in new processes: start-up alone, then start-up and report."""
    from tradebridge.chains.definition import definition_to_json

    path = workdir / f"{chain.slug}.json"
    path.write_text(json.dumps(definition_to_json(chain)), encoding="utf-8")
    tool = str(ROOT / ".venv" / "bin" / "tradebridge")

    def run(*arguments: str) -> float:
        started = time.perf_counter()
        done = subprocess.run([tool, "chains", "gaps", *arguments], env=_environment(workdir),  # noqa: S603
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"tradebridge chains gaps failed: {done.stderr}")
        return time.perf_counter() - started

    alone = run("--help")
    whole = run(str(path), "--year", str(year), "--exporter", "VNM", "--importer", "LAO")
    print(f"tradebridge chains gaps {path.name} --exporter VNM --importer LAO, a new process: {whole:.2f} s "
          f"(start-up alone, --help: {alone:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=11_000_000)
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--reuse", type=Path, metavar="DIR", help="measure again on a folder kept by --keep")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    if args.reuse:
        migrate = [str(ROOT / ".venv" / "bin" / "tradebridge"), "migrate", "--verbosity", "0"]
        subprocess.run(migrate, env=_environment(args.reuse), check=True)  # noqa: S603
        done = subprocess.run([sys.executable, __file__, "--measure", str(args.reuse)], check=False)  # noqa: S603
        raise SystemExit(done.returncode)
    workdir = Path(tempfile.mkdtemp(prefix="tradebridge-bench-chains-"))
    try:
        prepare(workdir, args.rows, args.orgs, args.seed)
        sys.stdout.flush()
        done = subprocess.run([sys.executable, __file__, "--measure", str(workdir)], check=False)  # noqa: S603
        if done.returncode != 0:
            raise SystemExit(done.returncode)
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
