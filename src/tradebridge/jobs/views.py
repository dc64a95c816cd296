from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from tradebridge.core.access import is_administrator
from tradebridge.jobs import queries


@require_safe
def runs(request: HttpRequest) -> HttpResponse:
    """The scheduled jobs, their last runs and the workers: administrators only."""
    if not is_administrator(request.user):
        raise PermissionDenied("administrators only")
    return render(
        request,
        "jobs/runs.html",
        {
            "rows": queries.job_rows(),
            "runs": queries.recent_runs(),
            "workers": queries.workers(),
            "time_zone": settings.JOBS_TIME_ZONE,
        },
    )
