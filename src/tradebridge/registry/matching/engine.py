"""The recommendation engine: products resolved (:mod:`.products`), the index built
(:mod:`.index`), candidates scored (:mod:`.scoring`) and explained (:mod:`.reasons`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from tradebridge.catalog.resolve import GlossaryEntry, ProductResolver, load_glossary_csv
from tradebridge.catalog.terms import load_terms
from tradebridge.registry.matching.index import PartnerIndex
from tradebridge.registry.matching.products import DEFAULT_GLOSSARY, ProductCodes, default_entries
from tradebridge.registry.matching.profiles import (
    DEFAULT_TOP,
    Item,
    ProductItem,
    Profile,
    Recommendation,
    gc_paused,
)
from tradebridge.registry.matching.reasons import Reasons
from tradebridge.registry.matching.scoring import best_partners, unmatched
from tradebridge.registry.matching.workers import fork_pool, shared, worker_count

# Recommending is shared among worker processes from this many organisations, in chunks.
PARALLEL_MIN_PROFILES = 20_000
CHUNK = 1_000

Rendered = tuple[str, list[tuple[str, float, list[str]]]]


def _as_tuples(org_id: str, recs: list[Recommendation]) -> Rendered:
    """Recommendations as plain tuples: several times cheaper to send between processes."""
    return org_id, [(r.id, r.score, r.reasons) for r in recs]


def _from_tuples(entry: Rendered) -> tuple[str, list[Recommendation]]:
    org_id, recs = entry
    return org_id, [Recommendation(*rec) for rec in recs]


def _recommend_chunk(task: tuple[int, int, int, Callable[[str, list[Recommendation]], Any] | None]) -> list:
    """In a worker: the rendered recommendations of the organisations from ``start`` to ``stop``."""
    start, stop, top, render = task
    engine: RecommendationEngine = shared()
    render = render or _as_tuples
    ids = engine.index.ids
    return [render(ids[position], engine.recommend_position(position, top))
            for position in range(start, stop)]


class RecommendationEngine:
    """Recommend trade partners among a set of organisation profiles.

    ``engine = RecommendationEngine(resolver)``; ``engine.build(profiles)`` indexes them (or
    :meth:`recommend_all` does); :meth:`recommend_for` then answers one organisation in about
    a millisecond.  ``entries`` are the glossary entries the resolver was built from (default:
    the packaged glossary); they give the product names of the reasons, in each language.
    :meth:`recommend_all` forks worker processes for large inputs (resolution and
    recommendation), one process otherwise.
    """

    def __init__(
        self,
        resolver: ProductResolver,
        entries: Iterable[GlossaryEntry] | None = None,
        *,
        workers: int | None = None,
    ):
        entries = default_entries() if entries is None else tuple(entries)
        self.workers = worker_count(workers)
        self.products = ProductCodes(resolver, entries, workers=self.workers)
        self._names: dict[str, dict[str, str]] = {}  # language → HS code → primary name
        for e in entries:
            if e.primary:
                self._names.setdefault(e.lang.lower().replace("_", "-"), {})[e.hs] = e.term
        self._phrases: dict[tuple[str, str, str, str], str] = {}  # outlives each index
        self._use(PartnerIndex((), self.products))

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str] = DEFAULT_GLOSSARY, **kwargs: Any) -> RecommendationEngine:
        entries = [*load_glossary_csv(path), *load_terms()]  # the packaged extra terms too
        return cls(ProductResolver(entries), entries, **kwargs)

    @property
    def resolver(self) -> ProductResolver:
        return self.products.resolver

    def resolve_item(self, item: ProductItem) -> Item:
        """The HS codes of one product, with their confidences (cached by code and by text)."""
        return self.products.resolve_item(item)

    def build(self, profiles: Sequence[Profile]) -> None:
        """Resolve and index ``profiles`` (ids must be unique)."""
        with gc_paused():
            self.products.resolve_all(profiles)
            self._use(PartnerIndex(profiles, self.products))

    def _use(self, index: PartnerIndex) -> None:
        self.index = index
        self._reasons = Reasons(index, self._names, self._phrases)

    def __len__(self) -> int:
        return len(self.index)

    def recommend_position(self, position: int, top: int) -> list[Recommendation]:
        """The best ``top`` partners of the organisation at ``position`` of the index."""
        reasons = self._reasons
        return [Recommendation(pid, score, reasons(position, other, offered, needed))
                for score, pid, other, offered, needed in best_partners(self.index, position, top)]

    def unmatched_for(self, profile_id: str) -> tuple[list[str], list[str]]:
        """The texts of the organisation's offers that no other organisation needs and of its
        stated needs that no other organisation offers (by the same product fit as the
        recommendations): why it may get fewer partners than asked."""
        try:
            position = self.index.positions[profile_id]
        except KeyError:
            raise KeyError(f"unknown organisation {profile_id!r}") from None
        return unmatched(self.index, position)

    def recommend_for(self, profile_id: str, top: int = DEFAULT_TOP) -> list[Recommendation]:
        """The best ``top`` partners of one organisation of the built index, best first."""
        if top < 1:
            raise ValueError("top must be at least 1")
        try:
            position = self.index.positions[profile_id]
        except KeyError:
            raise KeyError(f"unknown organisation {profile_id!r}") from None
        return self.recommend_position(position, top)

    def iter_recommendations(
        self,
        top: int = DEFAULT_TOP,
        render: Callable[[str, list[Recommendation]], Any] | None = None,
    ) -> Iterator[Any]:
        """``(id, recommendations)`` for every organisation of the built index, in input order
        (or ``render(id, recommendations)``, computed in the workers when they are used: a
        module-level function, so that it can be sent to them)."""
        if top < 1:
            raise ValueError("top must be at least 1")
        total, ids = len(self.index), self.index.ids
        if self.workers > 1 and total >= PARALLEL_MIN_PROFILES:
            with fork_pool(self, self.workers) as pool:
                if pool is not None:
                    tasks = [(i, min(i + CHUNK, total), top, render) for i in range(0, total, CHUNK)]
                    for chunk in pool.imap(_recommend_chunk, tasks):
                        yield from chunk if render else map(_from_tuples, chunk)
                    return
        for position in range(total):
            recs = self.recommend_position(position, top)
            yield render(ids[position], recs) if render else (ids[position], recs)

    def recommend_all(
        self, profiles: Sequence[Profile] | None = None, top: int = DEFAULT_TOP
    ) -> dict[str, list[Recommendation]]:
        """Recommendations for every organisation (building the index from ``profiles`` first
        when given), keyed by id in input order."""
        if profiles is not None:
            self.build(profiles)
        with gc_paused():  # a million small objects arriving: no collections meanwhile
            return dict(self.iter_recommendations(top))
