"""Pages of this app: parse, check access, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.core.access import is_enterprise_member, organization_id_of
from tradebridge.core.forms import attach_errors
from tradebridge.events import agenda, outcomes, planning, queries, reminders, services
from tradebridge.events.access import (
    can_create_event,
    can_register_self,
    can_see_event,
    get_agenda_registration_for_user,
    get_event_for_user,
    get_own_registration_for_user,
    get_registration_for_user,
    get_request_for_user,
    is_organizer,
    own_registration,
    require_event_creator,
    require_organizer,
)
from tradebridge.events.forms import (
    EventForm,
    MeetingDayForm,
    MeetingRequestForm,
    RegistrationForm,
    SectorRoomForm,
    VenueForm,
)
from tradebridge.events.models import Event, MeetingFeedback, MeetingRequest
from tradebridge.registry.models import ImportBatch, Organization


def event_list(request: HttpRequest) -> HttpResponse:
    return render(request, "events/event_list.html", {
        "events": queries.events_for_user(request.user),
        "can_create": can_create_event(request.user),
    })


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    venues = list(event.venues.select_related("country", "province"))
    main = next((v for v in venues if v.is_main), None)
    days = [{"day": day, "slots": list(day.slots.all())} for day in event.days.all()]
    own = own_registration(request.user, event)
    context = {
        "event": event, "venues": venues, "main": main, "days": days,
        "rooms": event.rooms.prefetch_related("sectors"),
        "organizers": event.organizers.all(),
        "parts": [part for part in event.parts.all() if can_see_event(request.user, part)],
        "stats": queries.event_stats(event),
        "own": own,
        "is_organizer": is_organizer(request.user, event),
        "can_register": can_register_self(request.user, event) and own is None,
        "problems": services.setup_problems(event) if is_organizer(request.user, event) else [],
    }
    return render(request, "events/event_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    require_event_creator(request.user)
    initial = {"organizers": [organization_id_of(request.user)] if organization_id_of(request.user) else []}
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organizers = data.pop("organizers")
        if not request.user.is_administrator and request.user.organization not in organizers:
            form.add_error("organizers", _("Your own agency must be one of the organisers."))
        else:
            try:
                event = services.do_create_event(actor=request.user, organizers=organizers, **data)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("Event created. Add its venues, rooms and meeting days."))
                return redirect("events:setup", slug=event.slug)
    return render(request, "events/event_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def event_setup(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisers' set-up page: the event's fields, venues, rooms, days, slots, status."""
    event = get_event_for_user(request.user, slug, for_edit=True)
    action = request.POST.get("action") if request.method == "POST" else None
    post = request.POST if action else None
    forms = {
        "event": EventForm(post if action == "event" else None, instance=Event.objects.get(pk=event.pk),
                           initial={"organizers": list(event.organizers.all())}, prefix="event"),
        "venue": VenueForm(post if action == "venue" else None, prefix="venue"),
        "room": SectorRoomForm(post if action == "room" else None, prefix="room"),
        "day": MeetingDayForm(post if action == "day" else None, prefix="day"),
    }
    if action:
        done = _apply_setup(request, event, action, forms.get(action))
        if done:
            return redirect("events:setup", slug=event.slug)
    context = {"event": event, "forms": forms, "venues": event.venues.all(), "rooms": event.rooms.all(),
               "days": event.days.all(), "slot_count": event.slots.count(),
               "problems": services.setup_problems(event), "statuses": Event.Status.choices}
    return render(request, "events/event_setup.html", context, status=400 if action else 200)


def _apply_setup(request: HttpRequest, event: Event, action: str, form) -> bool:
    """Run one set-up action; True when it succeeded (a message says what happened)."""
    try:
        with transaction.atomic():
            if action == "slots":
                slots = services.do_generate_slots(event)
                messages.success(request, _("Time slots generated: %(count)s.") % {"count": len(slots)})
                return True
            if action == "status":
                services.do_set_event_status(event, request.POST.get("status", ""), actor=request.user)
                messages.success(request, _("Status changed."))
                return True
            if form is None or not form.is_valid():
                return False
            data = dict(form.cleaned_data)
            if action == "event":
                organizers = data.pop("organizers")
                services.do_update_event(event, data, actor=request.user)
                event.organizers.set(organizers)
            elif action == "venue":
                services.do_add_venue(event, actor=request.user, **data)
            elif action == "room":
                chapters = data.pop("chapters")
                services.do_add_sector_room(event, actor=request.user, hs_chapters=chapters, **data)
            elif action == "day":
                services.do_add_meeting_day(event, actor=request.user, **data)
    except ValidationError as exc:
        if form is not None:
            attach_errors(form, exc)
        else:
            messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, _("Saved."))
    return True


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    """An enterprise member registers its own organisation; organisers register any."""
    event = get_event_for_user(request.user, slug)
    organizer = is_organizer(request.user, event)
    if not organizer and not is_enterprise_member(request.user):
        raise PermissionDenied("only enterprise members and organisers register")
    organizations = Organization.objects.active().filter(kind__in=Organization.BUSINESS_KINDS) \
        if organizer else None
    existing = own_registration(request.user, event) if not organizer else None
    initial = {}
    if existing is not None:
        initial = {"venue": existing.venue, "room": existing.room, "delegates": existing.delegates,
                   "available_slots": list(existing.available_slots.all()),
                   "max_meetings": existing.max_meetings, "consent_to_contact": existing.consent_to_contact}
    form = RegistrationForm(request.POST or None, event=event, organizations=organizations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organization = data.pop("organization", None) or request.user.organization
        try:
            services.do_register_organization(event, organization, actor=request.user, **data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": organization.display_name})
            if organizer:
                return redirect("events:registrations", slug=event.slug)
            return redirect("events:participants", slug=event.slug)
    return render(request, "events/register.html", {"event": event, "form": form, "existing": existing},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def registration_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    """A participant withdraws its own registration; its meeting requests are withdrawn too."""
    event = get_event_for_user(request.user, slug)
    own = get_own_registration_for_user(request.user, event)
    try:
        services.do_cancel_registration(own, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your registration is cancelled and your meeting requests are "
                                    "withdrawn."))
    return redirect("events:detail", slug=event.slug)


@login_required
def participants(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    own = own_registration(request.user, event)
    if own is None and not is_organizer(request.user, event):
        raise PermissionDenied("participants and organisers only")
    context = {
        "event": event, "own": own,
        "rows": queries.participant_rows(event, own),
        "suggestions": queries.suggestions_for(own) if own else [],
    }
    return render(request, "events/participants.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    own = get_own_registration_for_user(request.user, event)
    partner = get_registration_for_user(request.user, event, registration_id)
    form = MeetingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_send_meeting_request(own, partner, actor=request.user,
                                             message=form.cleaned_data["message"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            if request.htmx:
                return render(request, "events/_request_sent.html", {"partner": partner})
            messages.success(request, _("Request sent to %(name)s.")
                             % {"name": partner.organization.display_name})
            return redirect("events:my_requests", slug=event.slug)
    template = "events/_request_form.html" if request.htmx else "events/request_form.html"
    # htmx swaps only 2xx answers: the partial with its errors comes back as 200.
    return render(request, template, {"event": event, "partner": partner, "form": form},
                  status=400 if form.errors and not request.htmx else 200)


@login_required
def my_requests(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    own = get_own_registration_for_user(request.user, event)
    rows = list(queries.requests_of(own))
    return render(request, "events/my_requests.html", {
        "event": event, "own": own,
        "received": [r for r in rows if r.recipient_id == own.pk],
        "sent": [r for r in rows if r.sender_id == own.pk],
        "slots": event.slots.all(),
    })


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANSWERS = {"accept": services.do_accept_request, "decline": services.do_decline_request,
           "cancel": services.do_cancel_request}


def _posted_slots(request: HttpRequest, event: Event):
    """The event's slots ticked in the form (`allowed_slots`), for a request's slot limits."""
    ids = [int(v) for v in request.POST.getlist("allowed_slots") if v.isdigit()]
    return list(event.slots.filter(pk__in=ids))


@login_required
@require_POST
def request_answer(request: HttpRequest, slug: str, request_id: int, answer: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    if answer not in ANSWERS:
        return HttpResponse(_("Unknown answer."), status=400)
    meeting_request = get_request_for_user(request.user, event, request_id, as_recipient=answer != "cancel")
    extra = {"allowed_slots": _posted_slots(request, event)} if answer == "accept" else {}
    try:
        meeting_request = ANSWERS[answer](meeting_request, actor=request.user, **extra)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if request.htmx:
            own = own_registration(request.user, event)
            return render(request, "events/_request_row.html", {"event": event, "r": meeting_request,
                                                                 "own": own, "slots": event.slots.all()})
        messages.success(request, {
            "accept": _("Request accepted: the organisers will schedule the meeting."),
            "decline": _("Request declined."), "cancel": _("Request cancelled.")}[answer])
    if is_organizer(request.user, event) and own_registration(request.user, event) is None:
        return redirect("events:registrations", slug=event.slug)
    return redirect("events:my_requests", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def registrations(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    require_organizer(request.user, event)
    if request.method == "POST" and request.POST.get("action") == "remind":
        sent = reminders.do_send_request_reminders(event)
        messages.success(request, _("Reminders sent: %(count)s.") % {"count": sent})
        return redirect("events:registrations", slug=event.slug)
    if request.method == "POST" and request.POST.get("action") == "request_slots":
        meeting_request = get_object_or_404(event.requests, pk=request.POST.get("request"))
        try:
            services.do_set_request_slots(meeting_request, _posted_slots(request, event), actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
        return redirect("events:registrations", slug=event.slug)
    if request.method == "POST" and request.POST.get("action") == "import":
        batch = get_object_or_404(ImportBatch, pk=request.POST.get("batch"))
        venue = get_object_or_404(event.venues, pk=request.POST.get("venue"))
        try:
            count = services.do_register_import(event, batch, venue=venue, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Registered from the import: %(count)s.") % {"count": count})
        return redirect("events:registrations", slug=event.slug)
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
        "venues": event.venues.all(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisers' scheduler page: run it in the background, watch progress, see the grid
    of slots × venues, lock meetings."""
    event = get_event_for_user(request.user, slug, for_edit=True)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "run":
                try:
                    limit = int(request.POST.get("time_limit", "30"))
                except ValueError:
                    limit = 0
                planning.do_start_schedule_run(event, actor=request.user, time_limit=limit)
                messages.success(request, _("The scheduler has started."))
            elif action == "move":
                meeting = get_object_or_404(event.meetings, pk=request.POST.get("meeting"))
                slot = get_object_or_404(event.slots, pk=request.POST.get("slot"))
                planning.do_move_meeting(meeting, slot, actor=request.user)
                messages.success(request, _("Meeting moved to %(slot)s.") % {"slot": slot.code})
            elif action in ("lock", "unlock"):
                meeting = get_object_or_404(event.meetings, pk=request.POST.get("meeting"))
                planning.do_set_meeting_lock(meeting, locked=action == "lock", actor=request.user)
            else:
                return HttpResponse(_("Unknown action."), status=400)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("events:schedule", slug=event.slug)
    run = event.schedule_runs.first()
    if request.htmx and request.GET.get("part") == "run":
        return render(request, "events/_schedule_run.html", {"event": event, "run": run})
    return render(request, "events/schedule.html", {
        "event": event, "run": run, "grid": queries.schedule_grid(event), "slots": event.slots.all(),
        "stats": queries.event_stats(event),
        "problems": services.setup_problems(event),
    })


def _agenda_registration(request: HttpRequest, event: Event):
    raw = request.GET.get("participant")
    registration_id = int(raw) if raw and raw.isdigit() else None
    return get_agenda_registration_for_user(request.user, event, registration_id)


@login_required
def agenda_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    registration = _agenda_registration(request, event)
    entries = agenda.agenda_for(registration)
    is_own = registration.organization_id == organization_id_of(request.user)
    given = dict(registration.feedback.values_list("meeting_id", "outcome"))
    for entry in entries:
        entry.meeting.my_outcome = given.get(entry.meeting.pk, "")
    return render(request, "events/agenda.html", {
        "event": event, "registration": registration, "entries": entries, "is_own": is_own,
        "outcome_choices": MeetingFeedback.Outcome.choices,
        "zone": registration.venue.time_zone if registration.venue else "UTC",
    })


@login_required
def agenda_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    registration = _agenda_registration(request, event)
    body = agenda.agenda_ics(registration, agenda.agenda_for(registration), summary_prefix=_("Meeting"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-agenda.ics"'
    return response


@login_required
def agenda_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    from weasyprint import HTML  # loading it costs a second: only here

    event = get_event_for_user(request.user, slug)
    registration = _agenda_registration(request, event)
    html = render_to_string("events/agenda_pdf.html", {
        "event": event, "registration": registration, "entries": agenda.agenda_for(registration),
        "zone": registration.venue.time_zone if registration.venue else "UTC"}, request=request)
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-agenda.pdf"'
    return response


def outcomes_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The event's outcome figures: public (no organisation is named), with a chart."""
    event = get_event_for_user(request.user, slug)
    figures = outcomes.outcome_figures(event)
    return render(request, "events/outcomes.html", {
        "event": event, "figures": figures, "chart": outcomes.outcome_chart(figures),
        "is_organizer": is_organizer(request.user, event)})


@login_required
def outcomes_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug, for_edit=True)
    body = outcomes.outcome_workbook(event, outcomes.outcome_figures(event))
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-outcomes.xlsx"'
    return response


@login_required
@require_POST
def check_in(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    event = get_event_for_user(request.user, slug, for_edit=True)
    registration = get_registration_for_user(request.user, event, registration_id)
    outcomes.do_check_in(registration, actor=request.user, undo=request.POST.get("undo") == "1")
    return redirect("events:registrations", slug=event.slug)


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
@require_POST
def feedback(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """A participant's word on one of its own meetings."""
    event = get_event_for_user(request.user, slug)
    own = get_own_registration_for_user(request.user, event)
    meeting = get_object_or_404(event.meetings.select_related("request"), pk=meeting_id)
    try:
        outcomes.do_give_feedback(meeting, own, actor=request.user, outcome=request.POST.get("outcome", ""),
                                  comment=request.POST.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you: feedback saved."))
    return redirect("events:agenda", slug=event.slug)
