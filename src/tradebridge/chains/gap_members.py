"""The ``members`` lists of the gap report: registry organisations of the exporting country that
offer, and of the importing country that need, a product of a stage, best match first.

An organisation whose offer (need) is the product's subheading comes first, then its heading, then
its chapter, then any other product of the stage; ties by slug; at most ``MEMBERS_PER_PRODUCT``.
Archived or merged organisations and archived items are left out.

Each report asks the database for the current items of one direction on the chain's HS codes
(every subheading of a stage and its heading and chapter) through the covering index on
(direction, hs, organization, archived_at): the rows come from the index alone, a chain's few tens
of thousands whatever the size of the registry.  The organisations are asked apart, those of one
country (current ones only, by the index on country): each of the two lists is read in index
order, not looked up row by row.  The answers are kept until the registry changes (the number of
organisations and items and their latest ``updated_at`` say when; every write goes through
``save()``, which sets it): the items per chain and direction, the organisations per country, and
the members per chain, direction and country, so the reports of one chain for several country
pairs ask once.  Without a database: no members.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from itertools import chain, groupby, islice
from operator import itemgetter

MEMBERS_PER_PRODUCT = 20
SIDES = {"exporter": "offer", "importer": "need"}
_CHUNK = 900  # HS codes per IN (…): under SQLite's oldest limit of 999 parameters
# Entries kept: items per chain and direction (the seven built-in chains take 14), organisations
# per country, members per chain, direction and country.
_KEPT_ITEMS = 32
_KEPT_ORGANISATIONS = 8
_KEPT_MEMBERS = 96
_ITEMS: OrderedDict[tuple, tuple[tuple, dict]] = OrderedDict()
_ORGANISATIONS: OrderedDict[tuple, tuple[tuple, dict]] = OrderedDict()
_MEMBERS: OrderedDict[tuple, tuple[tuple, dict]] = OrderedDict()
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
    codes = frozenset().union(*prefixes.values()) if prefixes else frozenset()
    try:
        signature = _signature()
        members = {side: _members(SIDES[side], codes, country, signature)
                   for side, country in (("exporter", exporter), ("importer", importer))}
    except (DatabaseError, ImproperlyConfigured, AppRegistryNotReady):
        return {}  # no database configured, or not set up yet
    result = {}
    for stage in chain_def.stages:
        by_code = {side: {code: found[code] for code in prefixes[stage.key] if code in found}
                   for side, found in members.items()}
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
        exact = codes.get(product, ())
        if len(exact) >= MEMBERS_PER_PRODUCT:  # sorted and distinct already
            out[side] = list(exact[:MEMBERS_PER_PRODUCT])
            continue
        ranked = (exact, codes.get(product[:4], ()), codes.get(product[:2], ()), members.everyone[side])
        out[side] = list(islice(_unique(chain.from_iterable(ranked)), MEMBERS_PER_PRODUCT))
    return out


def _unique(slugs):
    seen: set[str] = set()
    for slug in slugs:
        if slug not in seen:
            seen.add(slug)
            yield slug


def _signature() -> tuple:
    from django.db import connection
    from django.db.models import Max

    from tradebridge.registry.models import Organization, TradeItem

    return (
        connection.alias, connection.settings_dict.get("NAME"),
        TradeItem.objects.count(), TradeItem.objects.aggregate(last=Max("updated_at"))["last"],
        Organization.objects.count(), Organization.objects.aggregate(last=Max("updated_at"))["last"],
    )


def _cached(cache: OrderedDict, key: tuple, signature: tuple, kept: int, compute):
    """``cache[key]`` if it was computed for ``signature``, else ``compute()`` (kept, the least
    recently used entries beyond ``kept`` dropped)."""
    with _LOCK:
        found = cache.get(key)
        if found is not None and found[0] == signature:
            cache.move_to_end(key)
            return found[1]
    value = compute()
    with _LOCK:
        cache[key] = (signature, value)
        cache.move_to_end(key)
        while len(cache) > kept:
            cache.popitem(last=False)
    return value


def _members(direction: str, codes: frozenset[str], country: str,
             signature: tuple) -> dict[str, tuple[str, ...]]:
    """HS code → sorted slugs of the current organisations of ``country`` with a current item of
    ``direction`` on that code (only the given codes)."""
    def compute():
        slug_of = _organisations(country, signature).get
        found = {}
        for code, owners in _items(direction, codes, signature).items():
            slugs = set(map(slug_of, owners))
            slugs.discard(None)
            if slugs:
                found[code] = tuple(sorted(slugs))
        return found

    return _cached(_MEMBERS, (signature[0], direction, codes, country), signature, _KEPT_MEMBERS, compute)


def _items(direction: str, codes: frozenset[str], signature: tuple) -> dict[str, tuple[int, ...]]:
    """HS code → keys of the organisations with a current item of ``direction`` on it (any
    country, archived organisations included: :func:`_organisations` leaves them out)."""
    def compute():
        from tradebridge.catalog.models import HSCode
        from tradebridge.registry.models import TradeItem

        # Plain SQL on the models' tables: the ORM's handling of a thousand IN (…) values and of
        # tens of thousands of rows would take longer than the database does.
        # (Table and column names from the models, quoted; every value a parameter.)
        hs_table, hs_key, hs_code = _names(HSCode, "id", "code")
        ordered = sorted(codes)
        # The codes' keys first (a small table): the items are then found through the index.
        names: dict[int, str] = {}
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start:start + _CHUNK]
            sql = f"SELECT {hs_key}, {hs_code} FROM {hs_table} WHERE {hs_code} IN ({_marks(chunk)})"  # noqa: S608
            names.update(_fetch(sql, chunk))
        table, kind, hs, owner, archived = _names(TradeItem, "direction", "hs", "organization", "archived_at")
        keys = sorted(names)
        found: dict[str, tuple[int, ...]] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start:start + _CHUNK]
            sql = (f"SELECT {hs}, {owner} FROM {table} WHERE {kind} = %s AND {hs} IN ({_marks(chunk)}) "  # noqa: S608
                   f"AND {archived} IS NULL ORDER BY {hs}")
            rows = _fetch(sql, [direction, *chunk])
            for key, group in groupby(rows, key=itemgetter(0)):
                found[names[key]] = tuple(map(itemgetter(1), group))
        return found

    return _cached(_ITEMS, (signature[0], direction, codes), signature, _KEPT_ITEMS, compute)


def _organisations(country: str, signature: tuple) -> dict[int, str]:
    """Key → slug of the current (not archived, not merged) organisations of ``country``."""
    def compute():
        from tradebridge.registry.models import Organization

        query = (Organization.objects.filter(country__alpha3=country, archived_at__isnull=True,
                                             merged_into__isnull=True).order_by().values_list("pk", "slug"))
        return dict(_fetch(*query.query.sql_with_params()))

    return _cached(_ORGANISATIONS, (signature[0], country), signature, _KEPT_ORGANISATIONS, compute)


def _names(model, *fields: str) -> tuple[str, ...]:
    """The quoted table of ``model`` and columns of ``fields``."""
    from django.db import connection

    quote = connection.ops.quote_name
    return (quote(model._meta.db_table), *(quote(model._meta.get_field(f).column) for f in fields))


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def _fetch(sql: str, params) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def clear_cache() -> None:
    with _LOCK:
        for cache in (_ITEMS, _ORGANISATIONS, _MEMBERS):
            cache.clear()
