"""The JSON API (django-ninja) under /api/, OpenAPI docs at /api/docs.

Every error is JSON with a `message`; validation errors also list the fields.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from tradebridge.accounts.api import router as accounts_router
from tradebridge.agreements.api import router as agreements_router
from tradebridge.border.api import router as border_router
from tradebridge.catalog.api import router as catalog_router
from tradebridge.chains.api import router as chains_router
from tradebridge.cooperation.api import router as cooperation_router
from tradebridge.core.api_errors import validation_body
from tradebridge.core.i18n import UnknownLanguage
from tradebridge.events.api import router as events_router
from tradebridge.geo.api import router as geo_router
from tradebridge.news.api import router as news_router
from tradebridge.registry.api import router as registry_router
from tradebridge.trade.api import router as trade_router

api = NinjaAPI(
    title="TradeBridge API",
    version="1",
    description="Reference data, product search and organisations for VN–LA–CN trade promotion.",
    urls_namespace="api",
)
api.add_router("/", geo_router, tags=["geography"])
api.add_router("/", catalog_router, tags=["products"])
api.add_router("/organizations", registry_router, tags=["organisations"])
api.add_router("/accounts", accounts_router, tags=["accounts"])
api.add_router("/trade", trade_router, tags=["trade"])
api.add_router("/events", events_router, tags=["events"])
api.add_router("/agreements", agreements_router, tags=["agreements"])
api.add_router("/agreements", cooperation_router, tags=["cooperation"])  # plans, programmes, items
api.add_router("/chains", chains_router, tags=["chains"])
api.add_router("/border", border_router, tags=["border"])
api.add_router("/news", news_router, tags=["news"])


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"message": str(exc) or "not found"}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"message": str(exc) or "forbidden"}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return api.create_response(request, {"message": "sign in first"}, status=401)


@api.exception_handler(UnknownLanguage)
def unknown_language(request, exc):
    return api.create_response(request, {"message": str(exc)}, status=400)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    fields = [".".join(str(p) for p in e.get("loc", ())) for e in exc.errors]
    message = "invalid input: " + "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors
    )
    return api.create_response(
        request, {"message": message, "fields": fields, "errors": exc.errors}, status=422
    )


@api.exception_handler(ModelValidationError)
def refused(request, exc):
    """A service refused the change (Django's ValidationError): 422 naming the fields."""
    return api.create_response(request, validation_body(exc), status=422)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"message": str(exc)}, status=exc.status_code)
