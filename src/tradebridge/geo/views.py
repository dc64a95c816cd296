from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tradebridge.geo import queries
from tradebridge.geo.access import access_country
from tradebridge.geo.models import Zone


def country_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "query": query,
        "focus": queries.focus_countries(),
        "countries": queries.countries(query),
    }
    return render(request, "geo/country_list.html", context)


def country_detail(request: HttpRequest, alpha3: str) -> HttpResponse:
    country = access_country(request.user, alpha3)
    context = {
        "country": country,
        "provinces": queries.provinces(country.alpha3),
        "zones": queries.zones(country=country.alpha3),
    }
    return render(request, "geo/country_detail.html", context)


def zone_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in Zone.Kind.values:
        kind = ""
    country = request.GET.get("country", "").upper()[:3]
    zones = list(queries.zones(kind=kind, country=country))
    markers = [
        {"name": z.name, "kind": z.get_kind_display(), "lat": float(z.latitude),
         "lon": float(z.longitude)}
        for z in zones
    ]
    context = {
        "zones": zones,
        "markers": markers,
        "kind": kind,
        "country": country,
        "kinds": Zone.Kind.choices,
        "countries": queries.focus_countries(),
    }
    return render(request, "geo/zone_list.html", context)
