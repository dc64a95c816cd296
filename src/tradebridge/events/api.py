"""Events, meeting requests, agendas and the scheduler's problem: the same permissions as the
pages (events.access)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field

from tradebridge.core.api_errors import ErrorOut
from tradebridge.events import agenda, planning, queries, services
from tradebridge.events.access import (
    get_agenda_registration_for_user,
    get_event_for_user,
    get_own_registration_for_user,
    get_registration_for_user,
    get_request_for_user,
    require_organizer,
)
from tradebridge.events.models import Event, MeetingRequest

router = Router()


class VenueOut(Schema):
    code: str
    name: str
    is_main: bool
    country: str
    province: str | None
    time_zone: str
    tables: int
    booths: int


class RoomOut(Schema):
    name: str
    sectors: list[str]
    hs_chapters: list[str]


class SlotOut(Schema):
    code: str
    start: datetime
    end: datetime


class EventSummary(Schema):
    slug: str
    kind: str
    title: str
    starts_on: date
    ends_on: date
    status: str
    is_illustrative: bool
    illustrative_note: str = ""
    part_of: str | None = None


class EventOut(EventSummary):
    titles: dict[str, str]
    description: str
    organizers: list[str]
    registration_deadline: datetime | None
    capacity: int | None
    participants: int
    source: str
    venues: list[VenueOut]
    rooms: list[RoomOut]
    slots: list[SlotOut]


class RequestIn(Schema):
    to: int = Field(..., description="the registration id of the partner")
    message: str = Field("", max_length=2000)


class RequestOut(Schema):
    id: int
    sender: str
    recipient: str
    message: str
    status: str
    created_at: datetime
    is_illustrative: bool


class AgendaEntryOut(Schema):
    partner: str
    start: datetime
    end: datetime
    partner_local_start: datetime | None
    mode: str
    place: str
    video_url: str


def _summary(event: Event) -> dict:
    return {"slug": event.slug, "kind": event.kind, "title": event.title, "starts_on": event.starts_on,
            "ends_on": event.ends_on, "status": event.status, "is_illustrative": event.is_illustrative,
            "illustrative_note": event.illustrative_note,
            "part_of": event.part_of.slug if event.part_of_id else None}


def _request(request: MeetingRequest) -> dict:
    return {"id": request.pk, "sender": request.sender.organization.slug,
            "recipient": request.recipient.organization.slug, "message": request.message,
            "status": request.status, "created_at": request.created_at,
            "is_illustrative": request.is_illustrative}


@router.get("", response=list[EventSummary])
def list_events(request):
    return [_summary(e) for e in queries.events_for_user(request.user)]


@router.get("/{slug}", response={200: EventOut, 404: ErrorOut})
def get_event(request, slug: str):
    event = get_event_for_user(request.user, slug)
    return {
        **_summary(event),
        "titles": {code: getattr(event, f"title_{suffix}") for code, suffix in
                   (("vi", "vi"), ("lo", "lo"), ("zh_hans", "zh_hans"), ("en", "en"))
                   if getattr(event, f"title_{suffix}")},
        "description": event.description,
        "organizers": list(event.organizers.values_list("slug", flat=True)),
        "registration_deadline": event.registration_deadline, "capacity": event.capacity,
        "participants": queries.event_stats(event)["participants"], "source": event.source,
        "venues": [{"code": v.code, "name": v.name, "is_main": v.is_main, "country": v.country.alpha3,
                    "province": v.province.code if v.province else None, "time_zone": v.time_zone,
                    "tables": v.tables, "booths": v.booths}
                   for v in event.venues.active().select_related("country", "province")],
        "rooms": [{"name": r.name, "sectors": [s.code for s in r.sectors.all()], "hs_chapters": r.hs_chapters}
                  for r in event.rooms.active().prefetch_related("sectors")],
        "slots": [{"code": s.code, "start": s.starts_at, "end": s.ends_at} for s in event.slots.all()],
    }


@router.get("/{slug}/requests", response={200: list[RequestOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
            auth=django_auth)
def my_requests(request, slug: str):
    """The requests the user's organisation sent or received at this event."""
    event = get_event_for_user(request.user, slug)
    return [_request(r) for r in queries.requests_of(get_own_registration_for_user(request.user, event))]


@router.post("/{slug}/requests", response={201: RequestOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                                           422: ErrorOut}, auth=django_auth)
def send_request(request, slug: str, payload: RequestIn):
    event = get_event_for_user(request.user, slug)
    own = get_own_registration_for_user(request.user, event)
    partner = get_registration_for_user(request.user, event, payload.to)
    sent = services.do_send_meeting_request(own, partner, actor=request.user, message=payload.message)
    return Status(201, _request(sent))


@router.post("/{slug}/requests/{request_id}/{answer}",
             response={200: RequestOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                       422: ErrorOut}, auth=django_auth)
def answer_request(request, slug: str, request_id: int, answer: str):
    """answer: accept or decline (the recipient), cancel (either side or an organiser)."""
    actions = {"accept": services.do_accept_request, "decline": services.do_decline_request,
               "cancel": services.do_cancel_request}
    if answer not in actions:
        raise HttpError(400, f"unknown answer {answer!r}: use accept, decline or cancel")
    event = get_event_for_user(request.user, slug)
    meeting_request = get_request_for_user(request.user, event, request_id, as_recipient=answer != "cancel")
    return _request(actions[answer](meeting_request, actor=request.user))


@router.get("/{slug}/agenda", response={200: list[AgendaEntryOut], 401: ErrorOut, 403: ErrorOut,
                                        404: ErrorOut}, auth=django_auth)
def my_agenda(request, slug: str, participant: int | None = None):
    """Meetings in the participant's own time zone (instants carry their offset)."""
    event = get_event_for_user(request.user, slug)
    registration = get_agenda_registration_for_user(request.user, event, participant)
    return [{"partner": e.partner.organization.slug, "start": e.starts_at, "end": e.ends_at,
             "partner_local_start": e.partner_starts_at, "mode": e.meeting.mode, "place": e.place,
             "video_url": e.video_url} for e in agenda.agenda_for(registration)]


@router.get("/{slug}/problem",
            response={200: dict, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
            auth=django_auth)
def schedule_problem(request, slug: str):
    """The event as a `tradebridge.schedule-problem/1` file, for `tradebridge schedule-file`."""
    event = get_event_for_user(request.user, slug)
    require_organizer(request.user, event)
    return planning.build_problem(event)
