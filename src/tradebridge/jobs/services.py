"""Writes of the jobs app: run a job once for a day, tick the schedule, beat the heartbeat."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import traceback
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from tradebridge.jobs import schedule
from tradebridge.jobs.definitions import JOBS, Job
from tradebridge.jobs.models import JobRun, WorkerHeartbeat

logger = logging.getLogger(__name__)

# A run still marked running after this long was cut off (its worker stopped mid-run).
ABANDONED_AFTER = dt.timedelta(hours=6)
# Heartbeats of workers gone for this long are deleted.
FORGET_WORKERS_AFTER = dt.timedelta(days=7)
SUMMARY_MAX_CHARS = 20_000


def jobs_time_zone() -> ZoneInfo:
    return ZoneInfo(settings.JOBS_TIME_ZONE)


def do_run_job(
    job: Job,
    day: dt.date,
    *,
    now: dt.datetime | None = None,
    trigger: str = JobRun.Trigger.SCHEDULED,
    worker: str = "",
) -> JobRun | None:
    """Run `job` for the local `day` and record it. A scheduled run claims (job, day) first: when
    another process holds it already, nothing runs and None is returned. A failure is recorded
    with its traceback (and logged); it is not raised and not retried."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            run = JobRun.objects.create(
                job=job.name, day=day, trigger=trigger, status=JobRun.Status.RUNNING,
                started_at=now, worker=worker[:128],
            )
    except IntegrityError:
        return None
    try:
        result = job.run(now)
    except Exception:
        logger.exception("scheduled job %s for %s failed", job.name, day)
        run.status = JobRun.Status.FAILED
        run.error = traceback.format_exc()[-SUMMARY_MAX_CHARS:]
    else:
        run.status = JobRun.Status.OK
        run.messages_sent = result.messages
        run.recipients = list(result.recipients)
        run.summary = "\n".join(result.lines)[:SUMMARY_MAX_CHARS]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "messages_sent", "recipients", "summary", "finished_at"])
    return run


def do_mark_abandoned_runs(now: dt.datetime | None = None) -> int:
    """Runs left 'running' by a worker that stopped mid-run become failed (not rerun)."""
    now = now or timezone.now()
    return JobRun.objects.filter(
        status=JobRun.Status.RUNNING, started_at__lt=now - ABANDONED_AFTER
    ).update(
        status=JobRun.Status.FAILED,
        finished_at=now,
        error="abandoned: the worker stopped before the run finished",
    )


def do_tick(
    now: dt.datetime | None = None, *, jobs: tuple[Job, ...] = JOBS, worker: str = ""
) -> list[JobRun]:
    """Run every job that is due now (today's hour passed, no scheduled run for today yet)."""
    now = now or timezone.now()
    tz = jobs_time_zone()
    today = schedule.local_day(now, tz)
    done = set(
        JobRun.objects.filter(trigger=JobRun.Trigger.SCHEDULED, day=today).values_list("job", "day")
    )
    runs = []
    for job, day in schedule.due_runs(jobs, settings.JOBS_HOURS, now, tz, done):
        run = do_run_job(job, day, now=now, worker=worker)
        if run is not None:
            runs.append(run)
    return runs


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{os.urandom(3).hex()}"


def do_beat(worker_id: str, *, started_at: dt.datetime, now: dt.datetime | None = None) -> None:
    """Record that the worker `worker_id` is alive."""
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now},
        create_defaults={
            "seen_at": now, "started_at": started_at, "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def do_forget_old_workers(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    deleted, _ = WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_WORKERS_AFTER).delete()
    return deleted


def do_stop_worker(worker_id: str) -> None:
    """A worker that stops cleanly removes its heartbeat."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
