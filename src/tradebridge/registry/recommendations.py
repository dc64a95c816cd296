"""Recommended partners from the database: the pure engine (registry.matching) over the
active organisations, rebuilt when the registry changes.

The engine is kept per process and rebuilt when the registry's version (highest ids and latest
updates of organisations and of offers and needs) moves. A small registry is rebuilt inside the
request, so an edit shows up in the next page. Where the last build took longer than
`INLINE_REBUILD_SECONDS` (tens of thousands of organisations), the request is served from the
previous engine while one background thread builds the new one: no request waits many seconds
because somebody saved an offer.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.db import connection

from tradebridge.catalog.resolve import ProductResolver
from tradebridge.catalog.search import resolver
from tradebridge.registry.matching import ProductItem, Profile, RecommendationEngine
from tradebridge.registry.models import Organization, TradeItem


@dataclass(frozen=True)
class PartnerRecommendation:
    organization: Organization
    score: float
    reasons: list[str]


# A build that took longer than this is not repeated inside a request.
INLINE_REBUILD_SECONDS = 1.0

_lock = threading.Lock()
_cache: dict[str, object] = {"version": None, "engine": None, "build_seconds": 0.0, "rebuilding": None}


def registry_version() -> tuple:
    """Changes when an organisation or an offer/need is added (new highest id) or saved (new
    latest update; archiving is a save, and nothing is deleted). Four index look-ups: no count,
    which would scan hundreds of thousands of rows on every request."""
    version: list = []
    for model in (Organization, TradeItem):
        version.append(model.objects.order_by("-id").values_list("id", flat=True).first())
        version.append(model.objects.order_by("-updated_at").values_list("updated_at", flat=True).first())
    return tuple(version)


def load_profiles() -> list[Profile]:
    """Every active organisation as the engine sees it; stored HS codes count as given."""
    profiles: dict[int, Profile] = {}
    for pk, country, province, kind in Organization.objects.active().values_list(
            "pk", "country__alpha3", "province__code", "kind"):
        profiles[pk] = Profile(id=str(pk), country=country, province=province, kind=kind)
    items = TradeItem.objects.active().filter(organization__in=list(profiles)).values_list(
        "organization_id", "direction", "text", "hs__code")
    for organization_id, direction, text, hs in items:
        target = profiles[organization_id].offers if direction == "offer" else profiles[organization_id].needs
        target.append(ProductItem(text=text, hs=hs))
    markets = TradeItem.markets.through.objects.filter(
        tradeitem__organization__in=list(profiles), tradeitem__archived_at__isnull=True,
    ).values_list("tradeitem__organization_id", "country__alpha3").distinct()
    for organization_id, alpha3 in markets:
        if alpha3 not in profiles[organization_id].markets:
            profiles[organization_id].markets.append(alpha3)
    return list(profiles.values())


def _build(version: tuple, products: ProductResolver) -> RecommendationEngine:
    started = time.perf_counter()
    built = RecommendationEngine(products, workers=1)
    built.build(load_profiles())
    with _lock:
        _cache["engine"], _cache["version"] = built, version
        _cache["build_seconds"] = time.perf_counter() - started
    return built


def _rebuild_in_background(version: tuple, products: ProductResolver) -> None:
    try:
        _build(version, products)
    finally:
        with _lock:
            _cache["rebuilding"] = None
        connection.close()  # this thread's own connection


def engine() -> RecommendationEngine:
    """The engine for the registry as it is now, or, while a slow rebuild runs, as it was."""
    version = registry_version()
    with _lock:
        current = _cache["engine"]
        if current is not None and _cache["version"] == version:
            return current  # type: ignore[return-value]
        slow = current is not None and _cache["build_seconds"] > INLINE_REBUILD_SECONDS  # type: ignore[operator]
        if slow:
            if _cache["rebuilding"] is None:
                thread = threading.Thread(target=_rebuild_in_background, args=(version, resolver()),
                                          name="tradebridge-recommendations", daemon=True)
                _cache["rebuilding"] = thread
                thread.start()
            return current  # type: ignore[return-value]
    # The first build, or a quick one: build here. Two requests may both build a small
    # registry at once; the later result wins, and both are correct.
    return _build(version, resolver())


def is_rebuilding() -> bool:
    """True while a background rebuild runs: the recommendations shown may be a little old."""
    return _cache["rebuilding"] is not None


def wait_for_rebuild(timeout: float | None = None) -> None:
    thread = _cache["rebuilding"]
    if thread is not None:
        thread.join(timeout)  # type: ignore[attr-defined]


def recommendations_for(organization: Organization, top: int = 10) -> list[PartnerRecommendation]:
    if organization.is_archived:
        return []
    try:
        found = engine().recommend_for(str(organization.pk), top=top)
    except KeyError:
        return []
    # While a rebuild runs the engine may still hold a partner archived since: skip it.
    partners = Organization.objects.active().select_related("country", "province").in_bulk(
        [int(r.id) for r in found])
    return [PartnerRecommendation(partners[int(r.id)], r.score, r.reasons)
            for r in found if int(r.id) in partners]


@dataclass(frozen=True)
class Unmatched:
    """Why an organisation may get fewer partners than asked: its offers nobody needs and its
    needs nobody offers yet (``recognised`` False: no product was recognised in the text)."""

    direction: str  # "offer" or "need"
    text: str
    recognised: bool


def unmatched_for(organization: Organization) -> list[Unmatched]:
    if organization.is_archived:
        return []
    built = engine()
    try:
        offers, needs = built.unmatched_for(str(organization.pk))
    except KeyError:
        return []
    position = built.index.positions[str(organization.pk)]
    known = {"offer": set(built.index.offer_texts[position]), "need": set(built.index.need_texts[position])}
    lonely = {"offer": set(offers), "need": set(needs)}
    found: list[Unmatched] = []
    for direction, text in TradeItem.objects.active().filter(organization=organization).order_by(
            "direction", "pk").values_list("direction", "text"):
        if not text or not text.strip():
            continue
        if text in lonely[direction]:
            found.append(Unmatched(direction, text, True))
        elif text not in known[direction]:
            found.append(Unmatched(direction, text, False))
    return found
