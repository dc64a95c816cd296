"""The shipped product glossary (src/tradebridge/catalog/data/glossary.csv) against the
resolver: it loads, its codes are HS 2022 subheadings, and every term finds its own code."""

from __future__ import annotations

import csv
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

import tradebridge.catalog
from tradebridge.catalog.resolve import (
    LANGUAGES,
    GlossaryEntry,
    ProductResolver,
    load_glossary_csv,
)

DATA = Path(tradebridge.catalog.__file__).resolve().parent / "data"
GLOSSARY = DATA / "glossary.csv"
HS_2022 = DATA / "harmonized-system-2022.csv"


@lru_cache(maxsize=1)
def entries() -> tuple[GlossaryEntry, ...]:
    return tuple(load_glossary_csv(GLOSSARY))


@pytest.fixture(scope="module")
def resolver() -> ProductResolver:
    return ProductResolver(entries())


def test_glossary_loads_with_a_primary_name_per_language() -> None:
    loaded = entries()
    assert loaded
    codes = {e.hs for e in loaded}
    primaries = Counter((e.hs, e.lang) for e in loaded if e.primary)
    assert set(primaries) == {(hs, lang) for hs in codes for lang in LANGUAGES}
    assert set(primaries.values()) == {1}


def test_glossary_codes_are_hs_2022_subheadings() -> None:
    with HS_2022.open(encoding="utf-8-sig", newline="") as handle:
        subheadings = {row["hscode"] for row in csv.DictReader(handle) if row["level"] == "6"}
    unknown = sorted({e.hs for e in entries()} - subheadings)
    assert unknown == []


def test_every_term_resolves_to_its_code_exactly(resolver: ProductResolver) -> None:
    limit = len(resolver.hs_codes)
    missing = [
        (e.hs, e.lang, e.term)
        for e in entries()
        if not any(
            m.hs == e.hs and m.score == 1.0 and m.kind == "exact"
            for m in resolver.resolve(e.term, limit=limit)
        )
    ]
    assert missing == []


@pytest.mark.parametrize("text", ["gừng", "gung", "ginger", "生姜", "gừng tươi loại 1, 300 tấn"])
def test_ginger(resolver: ProductResolver, text: str) -> None:
    assert resolver.resolve_best(text).hs == "091011"


def test_nong_san_is_not_cassava(resolver: ProductResolver) -> None:
    assert "071410" not in {m.hs for m in resolver.resolve("nông sản", limit=20)}


def test_real_glossary_resolution_is_fast(resolver: ProductResolver) -> None:
    terms = [e.term for e in entries() if e.lang in ("vi", "en")][:300]
    queries = [f"{term} loại 1, 300 tấn" for term in terms]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for query in queries:
            resolver.resolve(query)
        best = min(best, (time.perf_counter() - start) / len(queries))
    assert best < 0.001, f"{best * 1e6:.0f} µs per resolution"
