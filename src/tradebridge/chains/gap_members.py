"""The ``members`` lists of the gap report: registry organisations of the exporting country that
offer, and of the importing country that need, a product of a stage, best match first.

An organisation whose offer (need) is the product's subheading comes first, then its heading, then
its chapter, then any other product of the stage; ties by slug; at most ``MEMBERS_PER_PRODUCT``.
Archived or merged organisations and archived items are left out.

The registry's offers and needs are read once and kept, by country and HS code, until the registry
changes: the number of organisations and items and their latest ``updated_at`` say when (every
write goes through ``save()``, which sets it).  So the reports of all chains × pairs read the
registry once instead of probing thousands of codes each.  Without a database: no members.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

MEMBERS_PER_PRODUCT = 20
SIDES = {"exporter": "offer", "importer": "need"}
_CACHE: dict[str, tuple[tuple, dict]] = {}
_LOCK = threading.Lock()


@dataclass
class StageMembers:
    by_code: dict[str, dict[str, tuple[str, ...]]]  # side → HS code of an item → slugs
    everyone: dict[str, list[str]]  # side → every slug of the stage, sorted


def stage_members(chain_def, exporter: str, importer: str) -> dict[str, StageMembers]:
    """Stage key → its members on both sides; {} when there is no database to ask."""
    try:
        from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
        from django.db import DatabaseError
    except ImportError:  # pragma: no cover - Django is a dependency
        return {}
    try:
        items = {"exporter": _country_items(exporter, SIDES["exporter"]),
                 "importer": _country_items(importer, SIDES["importer"])}
    except (DatabaseError, ImproperlyConfigured, AppRegistryNotReady):
        return {}  # no database configured, or not set up yet
    result = {}
    for stage in chain_def.stages:
        prefixes = {code[:n] for code in stage.subheadings for n in (2, 4, 6)}
        by_code = {side: {code: found[code] for code in prefixes if code in found}
                   for side, found in items.items()}
        everyone = {side: sorted({slug for slugs in codes.values() for slug in slugs})
                    for side, codes in by_code.items()}
        result[stage.key] = StageMembers(by_code, everyone)
    return result


def product_members(members: StageMembers | None, product: str) -> dict[str, list[str]]:
    if members is None:
        return {"exporter": [], "importer": []}
    out = {}
    for side in SIDES:
        codes = members.by_code[side]
        chosen: list[str] = []
        seen: set[str] = set()
        for slugs in (codes.get(product, ()), codes.get(product[:4], ()), codes.get(product[:2], ()),
                      members.everyone[side]):
            for slug in slugs:
                if len(chosen) >= MEMBERS_PER_PRODUCT:
                    break
                if slug not in seen:
                    chosen.append(slug)
                    seen.add(slug)
        out[side] = chosen
    return out


def _signature() -> tuple:
    from django.db import connection
    from django.db.models import Max

    from tradebridge.registry.models import Organization, TradeItem

    return (
        TradeItem.objects.count(), TradeItem.objects.aggregate(last=Max("updated_at"))["last"],
        Organization.objects.count(), Organization.objects.aggregate(last=Max("updated_at"))["last"],
        connection.settings_dict.get("NAME"),
    )


def _country_items(country: str, direction: str) -> dict[str, tuple[str, ...]]:
    """HS code → sorted slugs of the country's organisations with an item of that code."""
    return _registry().get((country, direction), {})


def _registry() -> dict[tuple[str, str], dict[str, tuple[str, ...]]]:
    """(country, direction) → HS code → sorted slugs, for the whole registry: one sequential read
    of the items costs less than probing one country's items through an index, and serves
    every country pair after it."""
    from django.db import connection

    from tradebridge.catalog.models import HSCode
    from tradebridge.registry.models import Organization, TradeItem

    signature = _signature()
    with _LOCK:
        cached = _CACHE.get(connection.alias)
        if cached is not None and cached[0] == signature:
            return cached[1]
    codes = dict(HSCode.objects.order_by().values_list("pk", "code"))
    current = Organization.objects.filter(archived_at__isnull=True, merged_into__isnull=True).order_by()
    rows = current.values_list("pk", "country__alpha3", "slug").iterator(chunk_size=20_000)
    organisations = {pk: (country, slug) for pk, country, slug in rows}
    found: dict[tuple[str, str], dict[str, set[str]]] = {}
    items = (TradeItem.objects.filter(archived_at__isnull=True, hs__isnull=False).order_by()
             .values_list("organization_id", "direction", "hs_id").iterator(chunk_size=20_000))
    for organisation, direction, hs in items:
        owner = organisations.get(organisation)
        if owner is not None:
            found.setdefault((owner[0], direction), {}).setdefault(codes[hs], set()).add(owner[1])
    result = {key: {code: tuple(sorted(slugs)) for code, slugs in by_code.items()}
              for key, by_code in found.items()}
    with _LOCK:
        _CACHE[connection.alias] = (signature, result)
    return result


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()
