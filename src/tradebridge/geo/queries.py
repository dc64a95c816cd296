"""Read helpers for reference geography, shared by the pages and the API."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from tradebridge.core.text import fold
from tradebridge.geo.models import Country, Province, Zone

# The countries TradeBridge is about come first in every list.
FOCUS_COUNTRIES = ("VNM", "LAO", "CHN")


def countries(query: str = "") -> QuerySet[Country]:
    queryset = Country.objects.annotate(province_count=Count("provinces"))
    if query:
        queryset = queryset.filter(pk__in=[c.pk for c in _match(Country.objects.all(), query)])
    return queryset.order_by("name_en")


def focus_countries() -> QuerySet[Country]:
    return Country.objects.filter(alpha3__in=FOCUS_COUNTRIES).annotate(
        province_count=Count("provinces"), zone_count=Count("zones", distinct=True)
    )


def provinces(country: str = "", query: str = "") -> QuerySet[Province]:
    queryset = Province.objects.select_related("country")
    if country:
        queryset = queryset.filter(country__alpha3=country.upper())
    if query:
        queryset = queryset.filter(pk__in=[p.pk for p in _match(queryset, query)])
    return queryset


def zones(kind: str = "", country: str = "") -> QuerySet[Zone]:
    queryset = Zone.objects.select_related(
        "country", "province", "partner_country", "partner_province"
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    if country:
        code = country.upper()
        queryset = queryset.filter(Q(country__alpha3=code) | Q(partner_country__alpha3=code))
    return queryset


def _match(queryset, query: str):
    """Names in any language, ignoring case and Vietnamese diacritics (tables are small)."""
    needle = fold(query)
    for obj in queryset:
        names = (obj.name_en, obj.name_vi, obj.name_lo, obj.name_zh_hans,
                 getattr(obj, "code", ""), getattr(obj, "alpha3", ""))
        if any(needle in fold(name) for name in names if name):
            yield obj
