"""The scheduled jobs: name, title, default hour (in the jobs' time zone) and what they do.

Each job takes the instant it runs for and returns a JobResult; an exception marks the run failed
(with its traceback) and it is not retried that day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class JobResult:
    messages: int = 0
    recipients: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    name: str
    title: Promise | str
    default_hour: int
    run: Callable[[dt.datetime], JobResult]
    command: str = ""


def remind_pending_requests(now: dt.datetime) -> JobResult:
    """What `tradebridge remind-pending-requests` does with its default interval."""
    from tradebridge.events.models import Event
    from tradebridge.events.reminders import do_send_request_reminders

    total, lines = 0, []
    events = Event.objects.active().filter(
        status__in=(Event.Status.OPEN, Event.Status.CLOSED)
    ).order_by("pk")
    for event in events:
        sent = do_send_request_reminders(event, now=now)
        if sent:
            lines.append(f"{event.slug}: {sent} organisation(s) reminded")
        total += sent
    lines.append(f"reminders sent: {total}")
    return JobResult(messages=total, lines=lines)


def agreements_remind(now: dt.datetime) -> JobResult:
    """What `tradebridge agreements-remind` does with its default thresholds."""
    from tradebridge.agreements.reminders import do_send_reminders

    reminders = do_send_reminders(now)
    lines = [
        f"{r.organization.slug}: {r.items} item(s) -> {', '.join(r.recipients)}" for r in reminders
    ]
    lines.append(f"{len(reminders)} agency reminder(s) sent.")
    recipients = sorted({address for r in reminders for address in r.recipients})
    # One message per agency, or one per language and time zone of its staff where the
    # reminder says so (its `letters`).
    messages = sum(len(getattr(r, "letters", None) or [r]) for r in reminders)
    return JobResult(messages=messages, recipients=recipients, lines=lines)


def border_obstacles_remind(now: dt.datetime) -> JobResult:
    """Remind responsible agencies of border obstacles due within three days or overdue."""
    from tradebridge.border.obstacle_reminders import do_send_obstacle_reminders

    reminders = do_send_obstacle_reminders(now)
    lines = [f"{r.agency.slug}: {len(r.obstacles)} obstacle(s) -> {', '.join(r.recipients)}"
             for r in reminders]
    lines.append(f"{len(reminders)} border obstacle reminder(s) sent.")
    recipients = sorted({address for r in reminders for address in r.recipients})
    return JobResult(messages=sum(len(r.letters) for r in reminders), recipients=recipients, lines=lines)


JOBS: tuple[Job, ...] = (
    Job(
        "agreements-remind",
        _("E-mail agencies their overdue and soon-due commitments and expiring or dormant agreements"),
        7,
        agreements_remind,
        "agreements-remind",
    ),
    Job(
        "remind-pending-requests",
        _("E-mail participants about meeting requests left unanswered"),
        8,
        remind_pending_requests,
        "remind-pending-requests",
    ),
    Job(
        "border-obstacles-remind",
        _("E-mail agencies the border obstacles whose response is due within three days or overdue"),
        7,
        border_obstacles_remind,
    ),
)


def job_named(name: str, jobs: tuple[Job, ...] = JOBS) -> Job:
    for job in jobs:
        if job.name == name:
            return job
    raise KeyError(name)
