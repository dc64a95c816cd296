"""The events' public and participants' pages: list, event page, registration, participants
and meeting requests, agenda (page, iCalendar, PDF), outcomes, feedback. The organisers' pages
are in setup_views (set-up) and organizer_views (registrations, scheduler)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.core.access import is_agency_or_admin, is_enterprise_member, organization_id_of
from tradebridge.core.forms import attach_errors
from tradebridge.core.responses import ICS, download_response, pdf_response
from tradebridge.events import agenda, outcomes, queries, services
from tradebridge.events.access import (
    can_register_self,
    can_see_event,
    get_agenda_registration_for_user,
    get_event_for_user,
    get_own_registration_for_user,
    get_registration_for_user,
    get_request_for_user,
    is_organizer,
    own_registration,
)
from tradebridge.events.forms import MeetingRequestForm, RegistrationForm, posted_slots
from tradebridge.events.models import Event, MeetingFeedback
from tradebridge.registry.models import Organization


def event_list(request: HttpRequest) -> HttpResponse:
    return render(request, "events/event_list.html", {
        "events": queries.events_for_user(request.user),
        "can_create": is_agency_or_admin(request.user),
    })


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    venues = list(event.venues.active().select_related("country", "province"))
    main = next((v for v in venues if v.is_main), None)
    days = [{"day": day, "slots": list(day.slots.all())} for day in event.days.active()]
    own = own_registration(request.user, event)
    context = {
        "event": event, "venues": venues, "main": main, "days": days,
        "rooms": event.rooms.active().prefetch_related("sectors"),
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


ANSWERS = {"accept": services.do_accept_request, "decline": services.do_decline_request,
           "cancel": services.do_cancel_request}


@login_required
@require_POST
def request_answer(request: HttpRequest, slug: str, request_id: int, answer: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    if answer not in ANSWERS:
        return HttpResponse(_("Unknown answer."), status=400)
    meeting_request = get_request_for_user(request.user, event, request_id, as_recipient=answer != "cancel")
    extra = {"allowed_slots": posted_slots(request.POST, event)} if answer == "accept" else {}
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
        entry.meeting.feedback_open = outcomes.feedback_open(entry.meeting)
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
    return download_response(body, f"{event.slug}-agenda.ics", ICS)


@login_required
def agenda_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    registration = _agenda_registration(request, event)
    html = render_to_string("events/agenda_pdf.html", {
        "event": event, "registration": registration, "entries": agenda.agenda_for(registration),
        "zone": registration.venue.time_zone if registration.venue else "UTC"}, request=request)
    return pdf_response(html, f"{event.slug}-agenda.pdf")


def outcomes_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The event's outcome figures: public (no organisation is named), with a chart."""
    event = get_event_for_user(request.user, slug)
    figures = outcomes.outcome_figures(event)
    return render(request, "events/outcomes.html", {
        "event": event, "figures": figures, "chart": outcomes.outcome_chart(figures),
        "is_organizer": is_organizer(request.user, event)})


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
