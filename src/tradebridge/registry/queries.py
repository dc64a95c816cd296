"""Read helpers for the registry: the public directory with search and facets."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from tradebridge.catalog.search import resolver
from tradebridge.core.text import fold
from tradebridge.registry.models import Organization, TradeItem

MAX_QUERY_LENGTH = 200


@dataclass
class DirectoryFilters:
    q: str = ""
    country: str = ""
    province: str = ""
    kind: str = ""
    sector: str = ""
    chapter: str = ""

    @classmethod
    def from_params(cls, params) -> DirectoryFilters:
        def get(name: str, size: int) -> str:
            return (params.get(name) or "").strip()[:size]

        return cls(q=get("q", MAX_QUERY_LENGTH), country=get("country", 3).upper(),
                   province=get("province", 8), kind=get("kind", 16), sector=get("sector", 64),
                   chapter=get("chapter", 2))


@dataclass
class DirectoryResult:
    organizations: QuerySet[Organization]
    product_codes: list[str] = field(default_factory=list)  # HS codes the query resolved to


def _product_codes(query: str) -> list[str]:
    """HS subheadings the query names in any language ("gừng", "ຂີງ", "生姜", "0910.11")."""
    matches = resolver().resolve(query, limit=5)
    return [m.hs for m in matches if m.kind != "fuzzy" and m.score >= 0.6]


def search_directory(filters: DirectoryFilters) -> DirectoryResult:
    queryset = (
        Organization.objects.active()
        .select_related("country", "province")
        .prefetch_related("sectors")
    )
    codes: list[str] = []
    if filters.q:
        needle = fold(filters.q)
        by_name = Q(search_text__contains=needle)
        codes = _product_codes(filters.q)
        if codes:
            trades = TradeItem.objects.active().filter(organization=OuterRef("pk"))
            product = Q()
            for code in codes:
                product |= Q(hs__code__startswith=code)
            queryset = queryset.annotate(trades_product=Exists(trades.filter(product)))
            queryset = queryset.filter(by_name | Q(trades_product=True))
        else:
            queryset = queryset.filter(by_name)
    if filters.country:
        queryset = queryset.filter(country__alpha3=filters.country)
    if filters.province:
        queryset = queryset.filter(province__code=filters.province)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.sector:
        queryset = queryset.filter(sectors__code=filters.sector)
    if filters.chapter:
        queryset = queryset.filter(
            Exists(TradeItem.objects.active().filter(organization=OuterRef("pk"),
                                                     hs__code__startswith=filters.chapter))
        )
    return DirectoryResult(queryset.order_by("name").distinct(), codes)


def facet_counts(organizations: QuerySet[Organization]) -> dict[str, list[tuple[str, int]]]:
    """Counts per country, kind and sector for the organisations found (one query each)."""
    ids = organizations.values("pk")
    base = Organization.objects.filter(pk__in=ids)
    return {
        "country": list(base.values_list("country__alpha3").annotate(n=Count("pk", distinct=True))
                        .order_by("-n")),
        "kind": list(base.values_list("kind").annotate(n=Count("pk", distinct=True)).order_by("-n")),
        "sector": list(base.filter(sectors__isnull=False).values_list("sectors__code")
                       .annotate(n=Count("pk", distinct=True)).order_by("-n")),
        "province": list(base.filter(province__isnull=False).values_list("province__code")
                         .annotate(n=Count("pk", distinct=True)).order_by("-n")[:20]),
        "chapter": _chapter_counts(ids),
    }


def _chapter_counts(ids) -> list[tuple[str, int]]:
    counts: dict[str, set[int]] = {}
    rows = TradeItem.objects.active().filter(organization__in=ids, hs__isnull=False).values_list(
        "hs__code", "organization_id")
    for code, organization_id in rows:
        counts.setdefault(code[:2], set()).add(organization_id)
    return sorted(((c, len(o)) for c, o in counts.items()), key=lambda item: -item[1])[:20]


@dataclass
class HistoryEntry:
    when: object
    who: str
    what: str
    summary: str
    changes: list[tuple[str, str, str]]


def organization_history(organization: Organization, limit: int = 200) -> list[HistoryEntry]:
    """Every recorded change of the organisation and of its offers and needs, newest first,
    with the fields that changed (old → new)."""
    entries: list[HistoryEntry] = []
    records = list(organization.history.select_related("history_user").order_by("history_date"))
    previous = None
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [(str(Organization._meta.get_field(c.field).verbose_name), str(c.old), str(c.new))
                       for c in delta.changes]
        what = f"{record.get_history_type_display()} · {record.history_change_reason or ''}"
        entries.append(HistoryEntry(record.history_date, getattr(record.history_user, "username", ""),
                                    what, record.name, changes))
        previous = record
    items = TradeItem.history.filter(organization_id=organization.pk).select_related("history_user")
    for record in items.order_by("history_date"):
        what = f"{record.get_direction_display()} · {record.history_change_reason or ''}"
        entries.append(HistoryEntry(record.history_date, getattr(record.history_user, "username", ""),
                                    what, record.text, []))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
