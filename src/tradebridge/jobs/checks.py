"""System check: TRADEBRIDGE_JOBS_HOUR names only jobs that exist."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_job_hours(app_configs, **kwargs):
    from tradebridge.jobs.definitions import JOBS

    known = {job.name for job in JOBS}
    unknown = sorted(set(getattr(settings, "JOBS_HOURS", {})) - known - {"*"})
    if not unknown:
        return []
    return [
        Error(
            f"TRADEBRIDGE_JOBS_HOUR names unknown job(s): {', '.join(unknown)}",
            hint=f"the jobs are: {', '.join(sorted(known))}",
            id="jobs.E001",
        )
    ]
