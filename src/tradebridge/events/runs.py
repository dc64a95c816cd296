"""Scheduler runs for the task worker: an organiser queues one (`do_start_schedule_run`), the
worker carries it out (`tasks.run_schedule_task` → `planning.execute_run`); a finished run's
requests left unplaced as organisers read them (`unplaced`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tradebridge.core.history import history_actor
from tradebridge.events.models import Event, Registration, ScheduleRun
from tradebridge.events.planning import accepted_requests
from tradebridge.events.services import check_setup
from tradebridge.events.signals import check_workers
from tradebridge.events.tasks import run_schedule_task

MAX_TIME_LIMIT = 600
STALE_GRACE_SECONDS = 600


def do_start_schedule_run(event: Event, *, actor: Any, time_limit: int = 30) -> ScheduleRun:
    """Queue a scheduler run for the task worker; refused while another runs or when the set-up
    is impossible (the message names why)."""
    if not 1 <= time_limit <= MAX_TIME_LIMIT:
        raise ValidationError({"time_limit": _("The time limit is between 1 and %(max)s seconds.")
                               % {"max": MAX_TIME_LIMIT}})
    latest_run(event)  # a run whose worker died is failed now, not after the grace period
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event.pk)
        # A run queued while no worker runs would block the event for ever: past its limit
        # and a grace period it is marked failed.
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


def latest_run(event: Event) -> ScheduleRun | None:
    """The event's newest run; when it is still active, the tasks of dead workers are failed
    first (through `check_workers`), so that a killed worker's run shows as failed at once."""
    run = event.schedule_runs.first()
    if run is not None and run.status in ScheduleRun.ACTIVE:
        check_workers.send(sender=ScheduleRun)
        run.refresh_from_db()
    return run


# Why the solver left a request out (events/scheduling/baseline.Occupancy.why_not writes these in
# English, with participant and venue ids) -> a sentence organisers read, in their language.
# `who(id)` names a participant's organisation, `venue(code)` a venue.
Namer = Callable[[str], str]
_REASONS: list[tuple[re.Pattern, Callable[[re.Match, Namer, Namer], str]]] = [
    (re.compile(r"(\S+) takes no meetings"),
     lambda m, who, venue: _("%(name)s takes no meetings at this event (its limit is 0).")
     % {"name": who(m[1])}),
    (re.compile(r"(\S+) has no tables"),
     lambda m, who, venue: _("%(venue)s has no tables for meetings in person.") % {"venue": venue(m[1])}),
    (re.compile(r"(\S+) has no booths"),
     lambda m, who, venue: _("%(venue)s has no booths for online meetings.") % {"venue": venue(m[1])}),
    (re.compile(r"no common free slot among the slots the request allows"),
     lambda m, who, venue: _("The two are never free at the same time among the times allowed for "
                             "this meeting.")),
    (re.compile(r"no common free slot"),
     lambda m, who, venue: _("The two are never free at the same time.")),
    (re.compile(r"(\S+) already has its maximum of (\d+) meetings"),
     lambda m, who, venue: ngettext("%(name)s already has its maximum of %(count)s meeting.",
                                    "%(name)s already has its maximum of %(count)s meetings.", int(m[2]))
     % {"name": who(m[1]), "count": int(m[2])}),
    (re.compile(r"every common free slot is taken by other meetings"),
     lambda m, who, venue: _("Whenever both are free, one of them already has another meeting.")),
    (re.compile(r"no table free in the common free slots that are not taken by other meetings"),
     lambda m, who, venue: _("No table is free at the times when both are free.")),
    (re.compile(r"no booth free in the common free slots that are not taken by other meetings"),
     lambda m, who, venue: _("No booth for online meetings is free at the times when both are free.")),
]


def reason_text(reason: str, who: Namer = str, venue: Namer = str) -> str | None:
    """The solver's `reason` in words organisers understand, in the current language; None for
    a reason this list does not know."""
    for pattern, text in _REASONS:
        found = pattern.fullmatch(reason or "")
        if found:
            return text(found, who, venue)
    return None


@dataclass(frozen=True)
class Unplaced:
    pair: str  # "A ↔ B", the organisations' names in the reader's language
    reason: str


def unplaced(event: Event, result: dict | None) -> list[Unplaced]:
    """The requests a finished run left out, named by their organisations, each with why."""
    entries = (result or {}).get("unscheduled") or []
    if not entries:
        return []
    ids = {int(pid[1:]) for e in entries for pid in (e.get("a", ""), e.get("b", ""))
           if re.fullmatch(r"r\d+", pid)}
    registrations = Registration.objects.filter(event=event, pk__in=ids).select_related("organization")
    names = {f"r{r.pk}": r.organization.display_name for r in registrations}
    venues = {v.code: v.name for v in event.venues.all()}

    def who(pid: str) -> str:
        return names.get(pid) or _("a participant who has left")

    def venue(code: str) -> str:
        return venues.get(code, code)

    return [Unplaced(f"{who(e.get('a', ''))} ↔ {who(e.get('b', ''))}",
                     reason_text(e.get("reason", ""), who, venue)
                     or _("The scheduler found no place for it."))
            for e in entries]
