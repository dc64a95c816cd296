"""Project-level pages that draw on several apps: the home page and the health check."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tradebridge.catalog.models import GlossaryTerm, HSCode
from tradebridge.geo.models import Country, Province, Zone
from tradebridge.geo.queries import focus_countries
from tradebridge.registry.models import Organization


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    counts = {
        "countries": Country.objects.count(),
        "provinces": Province.objects.count(),
        "zones": Zone.objects.count(),
        "hs_codes": HSCode.objects.filter(level=6).count(),
        "glossary_terms": GlossaryTerm.objects.count(),
        "organizations": Organization.objects.active().count(),
    }
    organizations = (
        Organization.objects.active()
        .select_related("country", "province")
        .order_by("country__alpha3", "kind", "name")
    )
    by_kind = dict(
        Organization.objects.active().values_list("kind").annotate(n=Count("id")).order_by()
    )
    context = {
        "counts": counts,
        "focus": focus_countries(),
        "organizations": organizations,
        "by_kind": by_kind,
    }
    return render(request, "home.html", context)
