"""Scheduler runs for the task worker: an organiser queues one (`do_start_schedule_run`), the
worker carries it out (`tasks.run_schedule_task` → `planning.execute_run`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.core.history import history_actor
from tradebridge.events.models import Event, ScheduleRun
from tradebridge.events.planning import accepted_requests
from tradebridge.events.services import check_setup
from tradebridge.events.tasks import run_schedule_task

MAX_TIME_LIMIT = 600
STALE_GRACE_SECONDS = 600


def do_start_schedule_run(event: Event, *, actor: Any, time_limit: int = 30) -> ScheduleRun:
    """Queue a scheduler run for the task worker; refused while another runs or when the set-up
    is impossible (the message names why)."""
    if not 1 <= time_limit <= MAX_TIME_LIMIT:
        raise ValidationError({"time_limit": _("The time limit is between 1 and %(max)s seconds.")
                               % {"max": MAX_TIME_LIMIT}})
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event.pk)
        # A run whose worker died would block the event for ever: past its limit and a grace
        # period it is marked failed.
        stale = timezone.now() - timedelta(seconds=MAX_TIME_LIMIT + STALE_GRACE_SECONDS)
        event.schedule_runs.filter(status__in=ScheduleRun.ACTIVE, created_at__lt=stale).update(
            status=ScheduleRun.Status.FAILED, message=_("No answer from the task worker: run it again."),
            finished_at=timezone.now())
        if event.schedule_runs.filter(status__in=ScheduleRun.ACTIVE).exists():
            raise ValidationError(_("The scheduler is already running for this event."))
        check_setup(event)
        if not accepted_requests(event).exists():
            raise ValidationError(_("No accepted meeting request to schedule yet."))
        run = ScheduleRun.objects.create(event=event, time_limit=time_limit,
                                         requested_by=history_actor(actor))
    # Enqueued after the commit, so that the worker finds the run.
    run_schedule_task.enqueue(run.pk)
    run.refresh_from_db()
    return run
