"""The ``members`` lists of the gap report: registry organisations of the exporting country that
offer, and of the importing country that need, a product of a stage, best match first.

An organisation whose offer (need) is the product's subheading comes first, then its heading, then
its chapter, then any other product of the stage; ties by slug; at most ``MEMBERS_PER_PRODUCT``.
Archived or merged organisations and archived items are left out.

Each report asks the database for the current items of one direction on the chain's HS codes
(every subheading of a stage and its heading and chapter), through the index on (direction, hs):
a chain reads only the few tens of thousands of rows it can list, whatever the size of the
registry.  The answer (all countries) is kept per chain and direction until the registry changes
(the number of organisations and items and their latest ``updated_at`` say when; every write
goes through ``save()``, which sets it), so the reports of one chain for several country pairs
ask once.  Without a database: no members.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

MEMBERS_PER_PRODUCT = 20
SIDES = {"exporter": "offer", "importer": "need"}
_CHUNK = 900  # HS codes per IN (…): under SQLite's oldest limit of 999 parameters
_KEPT = 32  # chains × directions whose items are kept (the seven built-in chains take 14)
_CACHE: OrderedDict[tuple, tuple[tuple, dict]] = OrderedDict()
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
    prefixes = {stage.key: {code[:n] for code in stage.subheadings for n in (2, 4, 6)}
                for stage in chain_def.stages}
    codes = set().union(*prefixes.values()) if prefixes else set()
    try:
        signature = _signature()
        items = {side: _items(SIDES[side], codes, signature).get(country, {})
                 for side, country in (("exporter", exporter), ("importer", importer))}
    except (DatabaseError, ImproperlyConfigured, AppRegistryNotReady):
        return {}  # no database configured, or not set up yet
    result = {}
    for stage in chain_def.stages:
        by_code = {side: {code: found[code] for code in prefixes[stage.key] if code in found}
                   for side, found in items.items()}
        everyone = {side: sorted({slug for slugs in found.values() for slug in slugs})
                    for side, found in by_code.items()}
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
        connection.alias, connection.settings_dict.get("NAME"),
        TradeItem.objects.count(), TradeItem.objects.aggregate(last=Max("updated_at"))["last"],
        Organization.objects.count(), Organization.objects.aggregate(last=Max("updated_at"))["last"],
    )


def _items(direction: str, codes: set[str], signature: tuple) -> dict[str, dict[str, tuple[str, ...]]]:
    """Country → HS code → sorted slugs of its current organisations with a current item of
    ``direction`` on that code (only the given codes)."""
    from tradebridge.catalog.models import HSCode
    from tradebridge.geo.models import Country
    from tradebridge.registry.models import TradeItem

    key = (signature[0], direction, frozenset(codes))
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == signature:
            _CACHE.move_to_end(key)
            return cached[1]
    ordered = sorted(codes)
    # The codes' keys first (a small table): the items are then found through (direction, hs).
    names: dict[int, str] = {}
    for start in range(0, len(ordered), _CHUNK):
        names.update(HSCode.objects.filter(code__in=ordered[start:start + _CHUNK]).order_by()
                     .values_list("pk", "code"))
    keys = sorted(names)
    countries = dict(Country.objects.order_by().values_list("pk", "alpha3"))
    found: dict[str, dict[str, set[str]]] = {}
    for start in range(0, len(keys), _CHUNK):
        rows = (TradeItem.objects.filter(
            direction=direction, hs_id__in=keys[start:start + _CHUNK], archived_at__isnull=True,
            organization__archived_at__isnull=True, organization__merged_into__isnull=True)
            .order_by().values_list("hs_id", "organization__country_id", "organization__slug"))
        for hs, country, slug in rows:  # the country's key, not a join per row to its code
            found.setdefault(countries.get(country), {}).setdefault(names[hs], set()).add(slug)
    result = {country: {code: tuple(sorted(slugs)) for code, slugs in by_code.items()}
              for country, by_code in found.items()}
    with _LOCK:
        _CACHE[key] = (signature, result)
        while len(_CACHE) > _KEPT:
            _CACHE.popitem(last=False)
    return result


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()
