"""Recommended partners from the database: the pure engine (registry.recommend) over the
active organisations, rebuilt when the registry changes.

The engine is kept per process and rebuilt lazily when the registry's version (highest ids
and latest updates of organisations and of offers and needs) moves; building is a bulk read of
two tables, so an edit shows up in the next request's recommendations.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from tradebridge.catalog.search import resolver
from tradebridge.registry.models import Organization, TradeItem
from tradebridge.registry.recommend import ProductItem, Profile, RecommendationEngine


@dataclass(frozen=True)
class PartnerRecommendation:
    organization: Organization
    score: float
    reasons: list[str]


_lock = threading.Lock()
_cache: dict[str, object] = {"version": None, "engine": None}


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


def engine() -> RecommendationEngine:
    version = registry_version()
    with _lock:
        if _cache["version"] != version or _cache["engine"] is None:
            built = RecommendationEngine(resolver(), workers=1)
            built.build(load_profiles())
            _cache["engine"], _cache["version"] = built, version
        return _cache["engine"]  # type: ignore[return-value]


def recommendations_for(organization: Organization, top: int = 10) -> list[PartnerRecommendation]:
    if organization.archived_at is not None:
        return []
    try:
        found = engine().recommend_for(str(organization.pk), top=top)
    except KeyError:
        return []
    partners = Organization.objects.select_related("country", "province").in_bulk(
        [int(r.id) for r in found])
    return [PartnerRecommendation(partners[int(r.id)], r.score, r.reasons)
            for r in found if int(r.id) in partners]
