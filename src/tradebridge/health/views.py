"""/health/: GET or HEAD, no sign-in, no session; 200 when every check passes, else 503."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from tradebridge.health.checks import data_loads, run_checks


@never_cache
@require_http_methods(["GET", "HEAD"])
def health(request: HttpRequest) -> HttpResponse:
    ok, checks = run_checks()
    status = 200 if ok else 503
    if request.method == "HEAD":
        return HttpResponse(status=status, content_type="application/json")
    body = {"status": "ok" if ok else "fail", "checks": checks, "data": data_loads()}
    return JsonResponse(body, status=status)
