"""Writes of the jobs app: run a job once for a day, tick the schedule, beat the heartbeat."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import traceback
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django_tasks_db.compat import task_finished
from django_tasks_db.models import DBTaskResult

from tradebridge.jobs import schedule
from tradebridge.jobs.definitions import JOBS, Job
from tradebridge.jobs.models import JobRun, WorkerHeartbeat

logger = logging.getLogger(__name__)

# A run still marked running after this long was cut off (its worker stopped mid-run).
ABANDONED_AFTER = dt.timedelta(hours=6)
# A worker that beats every 15 s and has not for this long is dead (killed, or its host is):
# its running tasks and job runs are failed at once, so that people can start them again.
DEAD_AFTER = dt.timedelta(seconds=60)
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


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker stopped while running it."""


def _process_gone(beat: WorkerHeartbeat) -> bool:
    """True when the worker ran on this host and its process no longer exists (a restarted
    worker need not wait for the heartbeat of the killed one to go stale)."""
    if not beat.pid or beat.hostname != socket.gethostname()[:255]:
        return False
    try:
        os.kill(beat.pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # someone else's process: alive
        return False
    try:  # a killed child not yet reaped by its parent is a zombie: dead too
        with open(f"/proc/{beat.pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def dead_workers(worker_ids: set[str], now: dt.datetime) -> tuple[set[str], set[str]]:
    """(dead, unknown) among `worker_ids`: dead = heartbeat stale or process gone; unknown = no
    heartbeat at all (dead too once their work began long enough ago: a worker beats on start)."""
    beats = {b.worker_id: b for b in WorkerHeartbeat.objects.filter(worker_id__in=worker_ids)}
    me = (socket.gethostname()[:255], os.getpid())
    dead = {w for w, beat in beats.items() if (beat.hostname, beat.pid) != me
            and (beat.seen_at < now - DEAD_AFTER or _process_gone(beat))}
    return dead, set(worker_ids) - set(beats)


def _fail_task(result: DBTaskResult, reason: str) -> bool:
    with transaction.atomic():
        locked = DBTaskResult.objects.select_for_update().filter(pk=result.pk).running().first()
        if locked is None:  # finished meanwhile
            return False
        locked.set_failed(WorkerLost(reason))
    try:
        task_result = locked.task_result
    except ImportError:  # the task's code is gone: nobody listens for it
        return True
    # The apps that queued the task mark their own records failed (e.g. a scheduler run).
    task_finished.send(sender=type(task_result.task.get_backend()), task_result=task_result)
    return True


def do_fail_work_of_dead_workers(now: dt.datetime | None = None, *, worker_id: str = "") -> int:
    """Tasks and job runs left running by a dead worker become failed; with `worker_id`, the
    tasks of that worker (alive, but it knows its task loop runs nothing now: after a lost
    database connection; its jobs thread may be mid-run). Returns how many were failed."""
    now = now or timezone.now()
    long_ago = now - DEAD_AFTER
    tasks = [t for t in DBTaskResult.objects.running().only("pk", "worker_ids", "started_at")
             if t.worker_ids]
    runs = JobRun.objects.filter(status=JobRun.Status.RUNNING).exclude(worker="")
    if worker_id:
        runs = runs.none()
        dead, unknown = {worker_id}, set()
    else:
        ids = {t.worker_ids[-1] for t in tasks} | set(runs.values_list("worker", flat=True))
        dead, unknown = dead_workers(ids, now) if ids else (set(), set())
    failed = 0
    for task in tasks:
        owner = task.worker_ids[-1]
        if owner in dead or (owner in unknown and task.started_at and task.started_at < long_ago):
            failed += _fail_task(task, f"the task worker {owner} stopped while running it")
    failed += runs.filter(
        models.Q(worker__in=dead) | models.Q(worker__in=unknown, started_at__lt=long_ago)
    ).update(
        status=JobRun.Status.FAILED, finished_at=now,
        error="abandoned: the worker stopped before the run finished",
    )
    return failed
