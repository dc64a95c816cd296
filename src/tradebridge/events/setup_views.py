"""The organisers' set-up pages: create an event; its set-up page, where each form posts to its
own URL (the event's fields and organisers, a venue, a sector room, a meeting day, the time
slots, the status); and the page of one venue, sector room or meeting day (edit or archive)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.core.access import organization_id_of, require_agency_or_admin
from tradebridge.core.forms import attach_errors
from tradebridge.events import services, setup
from tradebridge.events.access import get_event_for_user
from tradebridge.events.forms import (
    EventForm,
    MeetingDayForm,
    SectorRoomForm,
    VenueForm,
    setup_form_kwargs,
)
from tradebridge.events.models import Event


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    require_agency_or_admin(request.user)
    initial = {"organizers": [organization_id_of(request.user)] if organization_id_of(request.user) else []}
    own = getattr(request.user, "organization", None)
    form = EventForm(request.POST or None, initial=initial, country=own.country.alpha2 if own else "")
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


# The set-up page ------------------------------------------------------------------------------

# What the status drop-down may set: publishing goes only through the schedule page's button
# (publishing.do_publish_schedule), which mails each participant its agenda.
SETUP_STATUSES = [(value, label) for value, label in Event.Status.choices if value != Event.Status.PUBLISHED]

def _event_form(event: Event, data=None) -> EventForm:
    return EventForm(data, instance=Event.objects.get(pk=event.pk),
                     initial={"organizers": list(event.organizers.all())}, prefix="event")


def _setup_page(request: HttpRequest, event: Event, *, bound: dict | None = None,
                status: int = 200) -> HttpResponse:
    """The set-up page; `bound` holds the form that was posted (with its errors)."""
    forms = {"event": _event_form(event), "venue": VenueForm(prefix="venue"),
             "room": SectorRoomForm(prefix="room"), "day": MeetingDayForm(prefix="day"), **(bound or {})}
    context = {"event": event, "forms": forms, "venues": event.venues.active(),
               "rooms": event.rooms.active(), "days": event.days.active(),
               "slot_count": event.slots.count(), "problems": services.setup_problems(event),
               "statuses": SETUP_STATUSES}
    return render(request, "events/event_setup.html", context, status=status)


@login_required
def event_setup(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisers' set-up page: the event's fields, venues, rooms, days, slots, status."""
    event = get_event_for_user(request.user, slug, for_edit=True)
    return _setup_page(request, event)


def _saved_or_page(request: HttpRequest, event: Event, name: str, form, save) -> HttpResponse:
    """Run `save(data)` with the valid form's data: back to the set-up page with "Saved.", or
    the page again (400) with the form's errors."""
    if form.is_valid():
        try:
            save(dict(form.cleaned_data))
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("events:setup", slug=event.slug)
    return _setup_page(request, event, bound={name: form}, status=400)


@login_required
@require_POST
def setup_event(request: HttpRequest, slug: str) -> HttpResponse:
    """The event's own fields and its organising agencies (one change, with its history)."""
    event = get_event_for_user(request.user, slug, for_edit=True)
    return _saved_or_page(request, event, "event", _event_form(event, request.POST),
                          lambda data: services.do_update_event(event, data, actor=request.user))


@login_required
@require_POST
def setup_add_venue(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug, for_edit=True)
    return _saved_or_page(request, event, "venue", VenueForm(request.POST, prefix="venue"),
                          lambda data: services.do_add_venue(event, actor=request.user, **data))


@login_required
@require_POST
def setup_add_room(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug, for_edit=True)

    def add(data: dict) -> None:
        chapters = data.pop("chapters")
        services.do_add_sector_room(event, actor=request.user, hs_chapters=chapters, **data)

    return _saved_or_page(request, event, "room", SectorRoomForm(request.POST, prefix="room"), add)


@login_required
@require_POST
def setup_add_day(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug, for_edit=True)
    return _saved_or_page(request, event, "day", MeetingDayForm(request.POST, prefix="day"),
                          lambda data: services.do_add_meeting_day(event, actor=request.user, **data))


def _refused_page(request: HttpRequest, event: Event, exc: ValidationError) -> HttpResponse:
    messages.error(request, " ".join(exc.messages))
    return _setup_page(request, event, status=400)


@login_required
@require_POST
def setup_slots(request: HttpRequest, slug: str) -> HttpResponse:
    """Make the time slots again from the meeting days."""
    event = get_event_for_user(request.user, slug, for_edit=True)
    try:
        slots = services.do_generate_slots(event)
    except ValidationError as exc:
        return _refused_page(request, event, exc)
    messages.success(request, _("Time slots generated: %(count)s.") % {"count": len(slots)})
    return redirect("events:setup", slug=event.slug)


@login_required
@require_POST
def setup_status(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug, for_edit=True)
    status = request.POST.get("status", "")
    try:
        if status == Event.Status.PUBLISHED:
            raise ValidationError(_("Publish the schedule with the button on the schedule page: it sends "
                                    "each participant its agenda."))
        services.do_set_event_status(event, status, actor=request.user)
    except ValidationError as exc:
        return _refused_page(request, event, exc)
    messages.success(request, _("Status changed."))
    return redirect("events:setup", slug=event.slug)


# One venue, sector room or meeting day --------------------------------------------------------

SETUP_ITEMS = {
    # kind: (the event's rows of that kind, form, update, archive)
    "venue": ("venues", VenueForm, setup.do_update_venue, setup.do_archive_venue),
    "room": ("rooms", SectorRoomForm, setup.do_update_sector_room, setup.do_archive_sector_room),
    "day": ("days", MeetingDayForm, setup.do_update_meeting_day, setup.do_archive_meeting_day),
}


def _setup_item(request: HttpRequest, slug: str, kind: str, item_id: int):
    event = get_event_for_user(request.user, slug, for_edit=True)
    if kind not in SETUP_ITEMS:
        raise Http404("no such set-up item")
    related, form_class, update, archive = SETUP_ITEMS[kind]
    item = get_object_or_404(getattr(event, related).active(), pk=item_id)
    return event, item, form_class, update, archive


def _item_page(request: HttpRequest, event: Event, kind: str, item, form, refusal: list[str],
               status: int) -> HttpResponse:
    context = {"event": event, "item": item, "kind": kind, "form": form, "refusal": refusal}
    return render(request, "events/setup_item.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def setup_item(request: HttpRequest, slug: str, kind: str, item_id: int) -> HttpResponse:
    """Edit one venue, sector room or meeting day of the event."""
    event, item, form_class, update, _archive = _setup_item(request, slug, kind, item_id)
    form = form_class(request.POST if request.method == "POST" else None, **setup_form_kwargs(kind, item))
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            if kind == "room":
                data["hs_chapters"] = data.pop("chapters")
            try:
                update(item, data, actor=request.user)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("events:setup", slug=event.slug)
        return _item_page(request, event, kind, item, form, [], 400)
    return _item_page(request, event, kind, item, form, [], 200)


@login_required
@require_POST
def setup_item_archive(request: HttpRequest, slug: str, kind: str, item_id: int) -> HttpResponse:
    """Archive one venue, sector room or meeting day; refused (naming why) while used."""
    event, item, form_class, _update, archive = _setup_item(request, slug, kind, item_id)
    try:
        archive(item, actor=request.user)
    except ValidationError as exc:
        form = form_class(**setup_form_kwargs(kind, item))
        return _item_page(request, event, kind, item, form, exc.messages, 400)
    messages.success(request, _("Archived."))
    return redirect("events:setup", slug=event.slug)
