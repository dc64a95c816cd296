"""Benchmark: product-text resolution through the glossary (no database).

Run: .venv/bin/python bench/product_search.py

Prints build time, throughput on realistic free texts in the four languages, and quality:
the share of glossary names (in every language) whose own HS code comes first, and of
accent-free Vietnamese spellings that still find their code in the top three.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from tradebridge.catalog.resolve import ProductResolver, load_glossary_csv
from tradebridge.core.text import fold

GLOSSARY = Path(__file__).resolve().parents[1] / "src/tradebridge/catalog/data/glossary.csv"
DECORATIONS = ["{}", "{} loại 1, 300 tấn/năm", "ຂາຍ {} 50 ໂຕນ", "供应{}，每月20吨", "{}, grade A, 20 t/month"]


def main() -> None:
    entries = load_glossary_csv(GLOSSARY)
    started = time.perf_counter()
    resolver = ProductResolver(entries)
    build = time.perf_counter() - started
    print(f"glossary: {len(entries)} names, {len({e.hs for e in entries})} HS subheadings")
    print(f"build: {build * 1000:.1f} ms")

    random.seed(7)
    texts = [random.choice(DECORATIONS).format(e.term) for e in random.choices(entries, k=20_000)]
    resolver.resolve(texts[0])  # load the word segmenters once
    timings = []
    started = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        resolver.resolve(text, limit=5)
        timings.append(time.perf_counter() - t0)
    total = time.perf_counter() - started
    timings.sort()
    print(f"resolve: {len(texts)} texts in {total:.2f} s = {len(texts) / total:,.0f} texts/s; "
          f"median {statistics.median(timings) * 1e6:.0f} µs, "
          f"p95 {timings[int(0.95 * len(timings))] * 1e6:.0f} µs")

    by_lang: dict[str, list[bool]] = {}
    for entry in entries:
        best = resolver.resolve(entry.term, limit=1)
        by_lang.setdefault(entry.lang, []).append(bool(best) and best[0].hs == entry.hs)
    for lang, hits in sorted(by_lang.items()):
        print(f"own name first, {lang}: {sum(hits)}/{len(hits)} = {sum(hits) / len(hits):.1%}")
    vietnamese = [e for e in entries if e.lang == "vi" and fold(e.term) != e.term.lower()]
    top3 = [e.hs in {m.hs for m in resolver.resolve(fold(e.term), limit=3)} for e in vietnamese]
    print(f"accent-free Vietnamese in top 3: {sum(top3)}/{len(top3)} = {sum(top3) / len(top3):.1%}")


if __name__ == "__main__":
    main()
