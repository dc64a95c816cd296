"""When a job is due: plain functions of the instant, the hour and the time zone.

A job is due on a local day once that day's hour has passed and no scheduled run exists for the
day. Only today counts: a worker that was down for a week runs each job once when it comes back,
not once per missed day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

from tradebridge.jobs.definitions import Job


def _aware(now: dt.datetime) -> dt.datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("the schedule needs an aware datetime")
    return now


def hour_for(job: Job, hours: Mapping[str, int | None]) -> int | None:
    """The job's hour: its own entry, else the one for every job ("*"), else its default.
    None = switched off."""
    if job.name in hours:
        return hours[job.name]
    if "*" in hours:
        return hours["*"]
    return job.default_hour


def local_day(now: dt.datetime, tz: ZoneInfo) -> dt.date:
    return _aware(now).astimezone(tz).date()


def due_instant(day: dt.date, hour: int, tz: ZoneInfo) -> dt.datetime:
    """The instant `day` reaches `hour` o'clock in `tz`."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=tz)


def is_due(now: dt.datetime, hour: int | None, tz: ZoneInfo, *, ran_today: bool) -> bool:
    if hour is None or ran_today:
        return False
    return _aware(now) >= due_instant(local_day(now, tz), hour, tz)


def due_runs(
    jobs: Iterable[Job],
    hours: Mapping[str, int | None],
    now: dt.datetime,
    tz: ZoneInfo,
    done: set[tuple[str, dt.date]],
) -> list[tuple[Job, dt.date]]:
    """The (job, local day) pairs to run now; `done` holds the scheduled runs already recorded."""
    today = local_day(now, tz)
    return [
        (job, today)
        for job in jobs
        if is_due(now, hour_for(job, hours), tz, ran_today=(job.name, today) in done)
    ]


def next_run(now: dt.datetime, hour: int | None, tz: ZoneInfo, *, ran_today: bool) -> dt.datetime | None:
    """When the job will next run: now if it is due, else today's or tomorrow's hour."""
    if hour is None:
        return None
    today = local_day(now, tz)
    if is_due(now, hour, tz, ran_today=ran_today):
        return _aware(now)
    if not ran_today and now < due_instant(today, hour, tz):
        return due_instant(today, hour, tz)
    return due_instant(today + dt.timedelta(days=1), hour, tz)
