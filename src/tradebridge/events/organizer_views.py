"""The organisers' working pages: registrations and requests (reminders, a request's slots,
registering a delegation list, check-in), the scheduler (run, move, lock, attendance) and the
outcome workbook. One URL and one view per action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tradebridge.core.responses import XLSX, download_response
from tradebridge.events import outcomes, planning, publishing, queries, reminders, runs, services
from tradebridge.events.access import get_event_for_user, get_registration_for_user, require_organizer
from tradebridge.events.forms import posted_slots
from tradebridge.events.models import Event, MeetingRequest, ScheduleRun
from tradebridge.registry.models import ImportBatch


def _organizers_event(request: HttpRequest, slug: str) -> Event:
    event = get_event_for_user(request.user, slug)
    require_organizer(request.user, event)
    return event


def _act(request: HttpRequest, action, success: str) -> None:
    """Run `action()`; a refusal becomes an error message, success the `success` message."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)


# Registrations and requests -------------------------------------------------------------------

@login_required
@require_safe
def registrations(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organizers_event(request, slug)
    return render(request, "events/registrations.html", {
        "event": event,
        "registrations": queries.active_registrations(event).prefetch_related("available_slots"),
        "requests": event.requests.select_related("sender__organization", "recipient__organization")
        .prefetch_related("allowed_slots"),
        "slots": event.slots.all(),
        "stats": queries.event_stats(event),
        "problems": services.setup_problems(event),
        "statuses": MeetingRequest.Status,
        "imports": ImportBatch.objects.filter(status=ImportBatch.Status.COMMITTED)[:20],
        "venues": event.venues.active(),
    })


@login_required
@require_POST
def registrations_remind(request: HttpRequest, slug: str) -> HttpResponse:
    """Remind the recipients of requests left pending."""
    event = _organizers_event(request, slug)
    sent = reminders.do_send_request_reminders(event)
    messages.success(request, _("Reminders sent: %(count)s.") % {"count": sent})
    return redirect("events:registrations", slug=event.slug)


@login_required
@require_POST
def registrations_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Register every organisation of a committed delegation-list import at one venue."""
    event = _organizers_event(request, slug)
    batch = get_object_or_404(ImportBatch, pk=request.POST.get("batch"))
    venue = get_object_or_404(event.venues.active(), pk=request.POST.get("venue"))
    try:
        count = services.do_register_import(event, batch, venue=venue, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Registered from the import: %(count)s.") % {"count": count})
    return redirect("events:registrations", slug=event.slug)


@login_required
@require_POST
def request_slots(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    """An organiser limits an open request to some slots."""
    event = _organizers_event(request, slug)
    meeting_request = get_object_or_404(event.requests, pk=request_id)
    _act(request, lambda: services.do_set_request_slots(
        meeting_request, posted_slots(request.POST, event), actor=request.user), _("Saved."))
    return redirect("events:registrations", slug=event.slug)


@login_required
@require_POST
def check_in(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    event = get_event_for_user(request.user, slug, for_edit=True)
    registration = get_registration_for_user(request.user, event, registration_id)
    outcomes.do_check_in(registration, actor=request.user, undo=request.POST.get("undo") == "1")
    return redirect("events:registrations", slug=event.slug)


# The scheduler --------------------------------------------------------------------------------

def _grid_context(event: Event) -> dict:
    zone = planning.event_zone(event)
    choices = planning.slot_choices(event)
    labels = {slot.pk: label for slot, label in choices}
    grid = queries.schedule_grid(event)
    for row in grid["rows"]:
        row["label"] = labels[row["slot"].pk]
    return {"grid": grid, "slot_choices": choices, "zone": zone.key}


def _run_context(event: Event, run) -> dict:
    done = run is not None and run.status == ScheduleRun.Status.DONE
    return {"run": run, "run_message": planning.progress_text(run.message) if run else "",
            "unplaced": runs.unplaced(event, run.result) if done else []}


@login_required
@require_safe
def schedule(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisers' scheduler page: run it in the background, watch progress, see the grid
    of slots × venues (local times), lock meetings, publish."""
    event = get_event_for_user(request.user, slug, for_edit=True)
    run = runs.latest_run(event)
    if request.htmx and request.GET.get("part") == "run":
        # Polled while the run works; once it has ended the grid, the counts above it and the
        # publication summary are swapped in too (out of band).
        context = {"event": event, **_run_context(event, run)}
        if run is None or run.status not in ScheduleRun.ACTIVE:
            context.update(_grid_context(event), stats=queries.event_stats(event),
                           summary=publishing.publication_summary(event), oob=True)
        return render(request, "events/_schedule_run.html", context)
    return render(request, "events/schedule.html", {
        "event": event, **_run_context(event, run), **_grid_context(event),
        "stats": queries.event_stats(event),
        "problems": services.setup_problems(event),
        "summary": publishing.publication_summary(event),
    })


@login_required
@require_POST
def schedule_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish the schedule: each participant is mailed its agenda."""
    event = _organizers_event(request, slug)
    _act(request, lambda: publishing.do_publish_schedule(event, actor=request.user),
         _("The schedule is published; each participant is sent its agenda by e-mail."))
    return redirect("events:schedule", slug=event.slug)


@login_required
@require_POST
def schedule_run(request: HttpRequest, slug: str) -> HttpResponse:
    """Queue a run of the scheduler for the task worker."""
    event = get_event_for_user(request.user, slug, for_edit=True)
    try:
        limit = int(request.POST.get("time_limit", "30"))
    except ValueError:
        limit = 0
    _act(request, lambda: runs.do_start_schedule_run(event, actor=request.user, time_limit=limit),
                      _("The scheduler has started."))
    return redirect("events:schedule", slug=event.slug)


@login_required
@require_POST
def meeting_move(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    event = get_event_for_user(request.user, slug, for_edit=True)
    meeting = get_object_or_404(event.meetings, pk=meeting_id)
    slot = get_object_or_404(event.slots, pk=request.POST.get("slot"))
    _act(request, lambda: planning.do_move_meeting(meeting, slot, actor=request.user),
                      _("Meeting moved to %(slot)s.")
         % {"slot": planning.slot_label(slot, planning.event_zone(event))})
    return redirect("events:schedule", slug=event.slug)


def _set_lock(request: HttpRequest, slug: str, meeting_id: int, *, locked: bool) -> HttpResponse:
    event = get_event_for_user(request.user, slug, for_edit=True)
    meeting = get_object_or_404(event.meetings, pk=meeting_id)
    planning.do_set_meeting_lock(meeting, locked=locked, actor=request.user)
    return redirect("events:schedule", slug=event.slug)


@login_required
@require_POST
def meeting_lock(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """A locked meeting keeps its slot when the scheduler runs again."""
    return _set_lock(request, slug, meeting_id, locked=True)


@login_required
@require_POST
def meeting_unlock(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    return _set_lock(request, slug, meeting_id, locked=False)


@login_required
@require_POST
def attendance(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    event = get_event_for_user(request.user, slug, for_edit=True)
    meeting = get_object_or_404(event.meetings, pk=meeting_id)
    try:
        outcomes.do_mark_attendance(meeting, request.POST.get("attendance", ""), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("events:schedule", slug=event.slug)


@login_required
def outcomes_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug, for_edit=True)
    body = outcomes.outcome_workbook(event, outcomes.outcome_figures(event))
    return download_response(body, f"{event.slug}-outcomes.xlsx", XLSX)
