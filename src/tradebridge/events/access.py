"""Who may see and change which event, registration and request. Every events view and
endpoint goes through here.

Organisers are the staff of an organising agency and the administrators; an enterprise member
acts for its own organisation; a participant sees only its own requests and agenda."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tradebridge.core.access import (
    is_administrator,
    is_agency_staff,
    is_enterprise_member,
    organization_id_of,
)
from tradebridge.events.models import Event, MeetingRequest, Registration


def is_organizer(user: Any, event: Event) -> bool:
    if is_administrator(user):
        return True
    return is_agency_staff(user) and event.organizers.filter(pk=organization_id_of(user)).exists()


def can_see_event(user: Any, event: Event) -> bool:
    if event.is_archived or event.status == Event.Status.DRAFT:
        return is_organizer(user, event)
    return True


def can_register_self(user: Any, event: Event) -> bool:
    """An enterprise member registers its own organisation while registration is open."""
    return is_enterprise_member(user) and event.status == Event.Status.OPEN


def get_event_for_user(user: Any, slug: str, *, for_edit: bool = False) -> Event:
    event = Event.objects.filter(slug=slug).first()
    if event is None or not can_see_event(user, event):
        raise Http404(f"no event {slug!r}")
    if for_edit and not is_organizer(user, event):
        raise PermissionDenied("only the organisers change this event")
    return event


def require_organizer(user: Any, event: Event) -> None:
    if not is_organizer(user, event):
        raise PermissionDenied("organisers only")


def own_registration(user: Any, event: Event) -> Registration | None:
    """The active registration of the user's own organisation, if any."""
    organization_id = organization_id_of(user)
    if organization_id is None:
        return None
    return (event.registrations.select_related("organization", "venue")
            .filter(organization_id=organization_id, status=Registration.Status.REGISTERED).first())


def get_own_registration_for_user(user: Any, event: Event) -> Registration:
    """The registration the user acts for; 403 when its organisation is not registered."""
    if not (is_enterprise_member(user) or is_agency_staff(user)):
        raise PermissionDenied("only members of a registered organisation")
    registration = own_registration(user, event)
    if registration is None:
        raise PermissionDenied("your organisation is not registered for this event")
    return registration


def get_registration_for_user(user: Any, event: Event, registration_id: int) -> Registration:
    """Any active registration of the event, for a participant or an organiser to address."""
    registration = (event.registrations.select_related("organization__country", "venue")
                    .filter(pk=registration_id, status=Registration.Status.REGISTERED).first())
    if registration is None:
        raise Http404("no such participant")
    return registration


def get_request_for_user(user: Any, event: Event, request_id: int, *,
                         as_recipient: bool = False) -> MeetingRequest:
    """A request the user may see (and cancel): organisers see all; a participant only those it
    sent or received. as_recipient: only the recipient, to answer it."""
    request = (MeetingRequest.objects.select_related("sender__organization", "recipient__organization")
               .filter(event=event, pk=request_id).first())
    if request is None:
        raise Http404("no such request")
    own = own_registration(user, event)
    own_id = own.pk if own else None
    if as_recipient:
        if request.recipient_id != own_id:
            raise PermissionDenied("only the recipient answers a request")
        return request
    if own_id in (request.sender_id, request.recipient_id) or is_organizer(user, event):
        return request
    raise Http404("no such request")  # do not reveal other participants' requests


def get_agenda_registration_for_user(user: Any, event: Event, registration_id: int | None) -> Registration:
    """Whose agenda the user may see: organisers any participant's (by id); a participant its
    own, once the organisers have published the schedule."""
    if is_organizer(user, event):
        if registration_id is None:
            own = own_registration(user, event)
            if own is None:
                raise Http404("choose a participant")
            return own
        return get_registration_for_user(user, event, registration_id)
    registration = get_own_registration_for_user(user, event)
    if registration_id is not None and registration_id != registration.pk:
        raise Http404("no such participant")  # do not reveal other participants' agendas
    if event.status != Event.Status.PUBLISHED:
        raise PermissionDenied("the schedule is not published yet")
    return registration
