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


# Marker colours of a border gate's status (the popup and the table say it in words).
GATE_STATUS_COLOURS = {
    "open": "#15803d", "restricted": "#d97706", "suspended": "#b45309", "closed": "#b91c1c",
}


def _marker(zone: Zone) -> dict:
    marker = {"name": zone.name, "kind": zone.get_kind_display(), "lat": float(zone.latitude),
              "lon": float(zone.longitude)}
    # A border gate's status through the reverse relation: geo does not import the border app.
    gate = getattr(zone, "gate", None)
    if gate is not None and gate.archived_at is None:
        marker.update(status=gate.status_now, status_label=gate.status_now_label,
                      colour=GATE_STATUS_COLOURS.get(gate.status_now, "#374151"), url=f"/border/{zone.code}/")
    return marker


def zone_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in Zone.Kind.values:
        kind = ""
    country = request.GET.get("country", "").upper()[:3]
    zones = list(queries.zones(kind=kind, country=country))
    markers = [_marker(z) for z in zones]
    context = {
        "zones": zones,
        "markers": markers,
        "kind": kind,
        "country": country,
        "kinds": Zone.Kind.choices,
        "countries": queries.focus_countries(),
    }
    return render(request, "geo/zone_list.html", context)
