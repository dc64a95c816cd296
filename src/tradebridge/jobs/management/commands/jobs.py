"""``tradebridge jobs status`` (the schedule, last runs, workers) and ``tradebridge jobs run NAME``
(run a job now, recorded as run by hand; the daily scheduled run still happens)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tradebridge.jobs import queries, schedule, services
from tradebridge.jobs.definitions import JOBS, job_named
from tradebridge.jobs.models import JobRun


class Command(BaseCommand):
    help = "Show the scheduled jobs and their last runs, or run one now."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="the jobs, their hours, next and last runs, the workers")
        run = sub.add_parser("run", help="run a job now")
        run.add_argument("name", help=f"one of: {', '.join(job.name for job in JOBS)}")

    def handle(self, *args, action: str, name: str | None = None, **options):
        if action == "run":
            return self._run(name)
        return self._status()

    def _status(self) -> None:
        tz = services.jobs_time_zone()
        self.stdout.write(f"time zone: {tz.key}")
        for row in queries.job_rows():
            hour = "switched off" if row.hour is None else f"at {row.hour:02d}:00"
            nxt = row.next_run.astimezone(tz).strftime("%Y-%m-%d %H:%M") if row.next_run else "-"
            last = "never"
            if row.last_run:
                last = (f"{row.last_run.started_at.astimezone(tz):%Y-%m-%d %H:%M} {row.last_run.status}"
                        f" ({row.last_run.messages_sent} message(s))")
            self.stdout.write(f"{row.job.name}: {hour}, next {nxt}, last {last}")
        heartbeat = queries.latest_heartbeat()
        if heartbeat is None:
            self.stdout.write("workers: none has reported")
        else:
            age = (timezone.now() - heartbeat.seen_at).total_seconds()
            self.stdout.write(f"worker {heartbeat.worker_id}: last seen {age:.0f} s ago")

    def _run(self, name: str) -> None:
        try:
            job = job_named(name)
        except KeyError:
            raise CommandError(
                f"no job named {name!r}; the jobs are: {', '.join(j.name for j in JOBS)}"
            ) from None
        now = timezone.now()
        day = schedule.local_day(now, services.jobs_time_zone())
        run = services.do_run_job(job, day, now=now, trigger=JobRun.Trigger.MANUAL, worker="command line")
        if run.summary:
            self.stdout.write(run.summary)
        if run.status == JobRun.Status.FAILED:
            self.stderr.write(run.error)
            raise CommandError(f"{job.name} failed", returncode=1)
        self.stdout.write(f"{job.name}: {run.status}, {run.messages_sent} message(s)")
