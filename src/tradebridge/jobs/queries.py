"""Reads of the jobs app: the schedule of each job with its last run, the workers alive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from tradebridge.jobs import schedule
from tradebridge.jobs.definitions import JOBS, Job
from tradebridge.jobs.models import JobRun, WorkerHeartbeat
from tradebridge.jobs.services import jobs_time_zone


@dataclass
class JobRow:
    job: Job
    hour: int | None
    last_run: JobRun | None
    next_run: dt.datetime | None


def job_rows(now: dt.datetime | None = None) -> list[JobRow]:
    now = now or timezone.now()
    tz = jobs_time_zone()
    today = schedule.local_day(now, tz)
    rows = []
    for job in JOBS:
        hour = schedule.hour_for(job, settings.JOBS_HOURS)
        last = JobRun.objects.filter(job=job.name).order_by("-started_at", "-id").first()
        ran_today = JobRun.objects.filter(
            job=job.name, day=today, trigger=JobRun.Trigger.SCHEDULED
        ).exists()
        rows.append(JobRow(job, hour, last, schedule.next_run(now, hour, tz, ran_today=ran_today)))
    return rows


def recent_runs(limit: int = 50) -> list[JobRun]:
    return list(JobRun.objects.order_by("-started_at", "-id")[:limit])


def workers() -> list[WorkerHeartbeat]:
    return list(WorkerHeartbeat.objects.order_by("-seen_at")[:20])


def latest_heartbeat() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.order_by("-seen_at").first()
