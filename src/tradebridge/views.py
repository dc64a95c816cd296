"""Project-level pages that draw on several apps: each role's home page and the error pages."""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.views.decorators.http import require_safe

from tradebridge import home as home_queries
from tradebridge.core.access import is_agency_or_admin, is_enterprise_member
from tradebridge.geo.queries import focus_countries

log = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if is_agency_or_admin(user):
        return render(request, "home_officer.html", home_queries.officer_home(user))
    if is_enterprise_member(user):
        return render(request, "home_enterprise.html", home_queries.enterprise_home(user))
    return render(request, "home.html", {**home_queries.public_overview(), "focus": focus_countries()})


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the site's layout and the reader's language; plain text if even that fails."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the layout itself may be what broke
        log.exception("the 500 page could not be rendered")
        return HttpResponseServerError("Server error (500)", content_type="text/plain")
