"""Benchmark: partner recommendations for N organisations, end to end and per organisation.

Run: .venv/bin/python bench/recommend.py [--n 100000] [--top 10] [--seed 7] [--keep]

Generates N organisation profiles (seeded): Vietnamese, Lao, Chinese and other enterprises with
1–5 offers and 1–5 needs each, named with the glossary's names in the four languages and
decorated with quantities ("300 tấn/năm", "ຂາຍ 50 ໂຕນ", "每月20吨"), some with HS codes, some
with wanted markets.  Writes them to a temporary profiles file, then prints:

* the time of ``tradebridge recommend-file`` on it, run as a subprocess (start-up, glossary,
  parsing, resolution, indexing, recommending and writing included), and its peak memory
  (resource.getrusage of the children: the largest process, in MB);
* in this process: the time to build the index, then ``recommend_for`` p50/p95 over 200
  random organisations.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from tradebridge.catalog.resolve import load_glossary_csv
from tradebridge.registry.matching import DEFAULT_GLOSSARY, RecommendationEngine, format_hs
from tradebridge.registry.matching.files import load_profiles

COUNTRIES = {"VNM": 40, "LAO": 25, "CHN": 25, "THA": 3, "KHM": 3, "MMR": 2, "KOR": 1, "SGP": 1}
LANGUAGE_OF = {"VNM": "vi", "LAO": "lo", "CHN": "zh-hans"}
QUANTITIES = [5, 10, 12, 20, 30, 50, 80, 100, 120, 150, 200, 300, 500, 800, 1000, 1500, 2000, 5000]
DECORATIONS = {
    "vi": ["{p}", "{p} loại 1, {q} tấn/năm", "cung cấp {p} {q} tấn/tháng", "{p} xuất khẩu, {q} tấn"],
    "lo": ["{p}", "ຂາຍ {p} {q} ໂຕນ", "{p}, {q} ໂຕນຕໍ່ປີ", "ຊື້ {p} {q} ໂຕນ"],
    "zh-hans": ["{p}", "供应{p}，每月{q}吨", "{p} 年产{q}吨", "求购{p}{q}吨"],
    "en": ["{p}", "{p}, grade A, {q} t/month", "{p} {q} tonnes per year", "export quality {p}"],
}
SECTORS = [
    "agro-processing",
    "fertiliser",
    "minerals",
    "machinery",
    "textiles",
    "construction",
    "handicrafts",
]


def generate(n: int, seed: int) -> dict:
    rng = random.Random(seed)
    entries = load_glossary_csv(DEFAULT_GLOSSARY)
    names: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        names[entry.hs][entry.lang].append(entry.term)
    codes = sorted(names)
    rng.shuffle(codes)
    # Some products are far more traded than others (Zipf-like popularity).
    popularity = list(itertools.accumulate(1 / (rank + 1) ** 0.7 for rank in range(len(codes))))
    countries, weights = zip(*COUNTRIES.items(), strict=True)

    def product(lang: str) -> dict:
        hs = rng.choices(codes, cum_weights=popularity)[0]
        text = rng.choice(DECORATIONS[lang]).format(p=rng.choice(names[hs][lang]), q=rng.choice(QUANTITIES))
        roll = rng.random()
        if roll < 0.10:
            return {"text": text, "hs": format_hs(hs)}
        if roll < 0.13:
            return {"text": "", "hs": hs[:4]}
        return {"text": text, "hs": None}

    organizations = []
    for i in range(n):
        country = rng.choices(countries, weights)[0]
        lang = LANGUAGE_OF.get(country, "en") if rng.random() < 0.8 else "en"
        markets = rng.sample(
            [c for c in ("VNM", "LAO", "CHN", "THA") if c != country], rng.choice([0, 0, 1, 2])
        )
        organizations.append(
            {
                "id": f"{country.lower()}-{i:06d}",
                "name": f"Enterprise {i}",
                "country": country,
                "kind": "enterprise",
                "sectors": [rng.choice(SECTORS)],
                "offers": [product(lang) for _ in range(rng.randint(1, 5))],
                "needs": [product(lang) for _ in range(rng.randint(1, 5))],
                "markets": markets,
            }
        )
    return {"format": "tradebridge.profiles/1", "organizations": organizations}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="organisations (default 100000)")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="tradebridge-bench-"))
    profiles_path = folder / "profiles.json"
    output_path = folder / "recommendations.json"
    started = time.perf_counter()
    document = generate(args.n, args.seed)
    profiles_path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    items = sum(len(o["offers"]) + len(o["needs"]) for o in document["organizations"])
    print(
        f"generated {args.n:,} organisations, {items:,} products, "
        f"{profiles_path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s"
    )
    del document

    # The machine's other work shows in the wall time, not in the CPU time: print both.
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} before the run")
    command = [sys.executable, "-m", "tradebridge", "recommend-file", str(profiles_path)]
    command += ["--top", str(args.top), "-o", str(output_path)]
    started = time.perf_counter()
    subprocess.run(command, check=True)  # noqa: S603 (this interpreter, this project, our temp files)
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss / 1024
    with output_path.open(encoding="utf-8") as handle:
        recommendations = json.load(handle)["recommendations"]
    filled = sum(1 for recs in recommendations.values() if recs)
    print(
        f"recommend-file: {elapsed:.1f} s end to end (CPU {usage.ru_utime + usage.ru_stime:.1f} s over all "
        f"its processes), peak memory {peak:,.0f} MB"
    )
    print(
        f"  output {output_path.stat().st_size / 1e6:.1f} MB; {filled:,} of {len(recommendations):,} "
        "organisations have partners"
    )
    del recommendations

    profiles = load_profiles(profiles_path)
    started = time.perf_counter()
    engine = RecommendationEngine.from_csv(DEFAULT_GLOSSARY)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    engine.build(profiles)
    built = time.perf_counter() - started
    print(
        f"in process: glossary and resolver {loaded:.1f} s, index of {len(engine):,} built in {built:.1f} s"
    )
    rng = random.Random(args.seed + 1)
    timings = []
    for profile in rng.sample(profiles, min(200, len(profiles))):
        t0 = time.perf_counter()
        engine.recommend_for(profile.id, args.top)
        timings.append(time.perf_counter() - t0)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    print(
        f"recommend_for: p50 {statistics.median(timings) * 1e3:.2f} ms, p95 {p95 * 1e3:.2f} ms "
        f"over {len(timings)} organisations"
    )
    if args.keep:
        print(f"files kept in {folder}")
    else:
        profiles_path.unlink()
        output_path.unlink(missing_ok=True)
        folder.rmdir()


if __name__ == "__main__":
    main()
