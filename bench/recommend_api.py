"""Benchmark: one organisation's recommendations through the API, on a registry of N
organisations (default 100,000) with 1–5 offers and 1–5 needs each, in a scratch SQLite
database.

Run: .venv/bin/python bench/recommend_api.py [--n 100000] [--calls 200]

Prints the time to fill the database, the first call (which builds the engine over the whole
registry), p50/p95 of the following calls (target: p95 under 100 ms), then what happens when
the registry changes: the next call (served by the previous engine while a background thread
rebuilds), the rebuild's time, p95 during the rebuild, and the process's peak memory.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="organisations (default 100000)")
    parser.add_argument("--calls", type=int, default=200, help="API calls timed (default 200)")
    args = parser.parse_args()
    if args.n < 1 or args.calls < 1:
        parser.error("--n and --calls must be at least 1")

    os.environ["TRADEBRIDGE_DATA_DIR"] = tempfile.mkdtemp(prefix="tb-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tradebridge.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from tradebridge.catalog.models import HSCode
    from tradebridge.geo.models import Country
    from tradebridge.registry.models import Organization, TradeItem

    call_command("setup", no_demo=True, verbosity=0)
    rng = random.Random(1)
    countries = list(Country.objects.filter(alpha3__in=["VNM", "LAO", "CHN"]))
    codes = list(HSCode.objects.filter(level=6, name_en__gt="").values_list("pk", flat=True))
    started = time.perf_counter()
    Organization.objects.bulk_create(
        [Organization(slug=f"bench-{i}", kind="enterprise", name=f"Bench {i}", country=rng.choice(countries),
                      is_demo=True) for i in range(args.n)], batch_size=5000)
    ids = list(Organization.objects.values_list("pk", flat=True))
    items = [TradeItem(organization_id=pk, direction=direction, text="bench", hs_id=rng.choice(codes))
             for pk in ids for direction in ("offer", "need") for _ in range(rng.randint(1, 5))]
    TradeItem.objects.bulk_create(items, batch_size=5000)
    print(f"registry: {len(ids):,} organisations, {len(items):,} offers and needs "
          f"in {time.perf_counter() - started:.1f} s")

    client = Client()
    slugs = [f"bench-{i}" for i in rng.sample(range(args.n), min(args.calls, args.n))]
    started = time.perf_counter()
    response = client.get(f"/api/organizations/{slugs[0]}/recommendations")
    assert response.status_code == 200, response.content
    print(f"first call (builds the engine): {time.perf_counter() - started:.1f} s")
    timings = []
    for slug in slugs:
        started = time.perf_counter()
        response = client.get(f"/api/organizations/{slug}/recommendations")
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    _report("API recommendations", timings)

    from tradebridge.registry import recommendations

    changed = TradeItem.objects.create(organization_id=ids[0], direction="offer", text="bench change",
                                       hs_id=rng.choice(codes))
    started = time.perf_counter()
    response = client.get(f"/api/organizations/{slugs[1]}/recommendations")
    assert response.status_code == 200
    print(f"first call after a registry change: {(time.perf_counter() - started) * 1000:.1f} ms "
          f"(background rebuild running: {recommendations.is_rebuilding()})")
    rebuild_started = time.perf_counter()
    during = []
    while recommendations.is_rebuilding() and len(during) < args.calls:
        started = time.perf_counter()
        client.get(f"/api/organizations/{rng.choice(slugs)}/recommendations")
        during.append(time.perf_counter() - started)
    recommendations.wait_for_rebuild()
    print(f"background rebuild finished {time.perf_counter() - rebuild_started:.1f} s after the change")
    if during:
        _report("API recommendations during the rebuild", during)
    assert changed.organization_id == ids[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of the process): {peak:,.0f} MB")


def _report(label: str, timings: list[float]) -> None:
    timings = sorted(timings)
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"{label}, {len(timings)} calls: p50 {statistics.median(timings) * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
