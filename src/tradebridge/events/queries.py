"""Reads of the events app: lists for pages and the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from tradebridge.events.access import can_see_event
from tradebridge.events.models import Event, MeetingRequest, Registration, Venue
from tradebridge.registry.recommendations import recommendations_for

# How far down the registry-wide ranking to look for partners that attend the event.
RECOMMENDATION_DEPTH = 200


def events_for_user(user: Any) -> list[Event]:
    events = (Event.objects.active().select_related("part_of")
              .prefetch_related("organizers", Prefetch("venues", queryset=Venue.objects.active(),
                                                       to_attr="active_venues")))
    return [e for e in events if can_see_event(user, e)]


def active_registrations(event: Event) -> QuerySet[Registration]:
    return (event.registrations.filter(status=Registration.Status.REGISTERED)
            .select_related("organization__country", "organization__province", "venue", "room"))


def requests_of(registration: Registration) -> QuerySet[MeetingRequest]:
    """The requests a participant sent or received, newest first."""
    return (MeetingRequest.objects.filter(Q(sender=registration) | Q(recipient=registration))
            .select_related("sender__organization", "recipient__organization", "sender__venue",
                            "recipient__venue")
            .order_by("-created_at"))


def event_stats(event: Event) -> dict[str, int]:
    counts = event.requests.aggregate(
        total=Count("pk"), accepted=Count("pk", filter=Q(status=MeetingRequest.Status.ACCEPTED)),
        pending=Count("pk", filter=Q(status=MeetingRequest.Status.PENDING)))
    counts["participants"] = event.registrations.filter(status=Registration.Status.REGISTERED).count()
    counts["meetings"] = event.meetings.count()
    return counts


@dataclass(frozen=True)
class Suggestion:
    registration: Registration
    score: float
    reasons: list[str]


def suggestions_for(registration: Registration, top: int = 10) -> list[Suggestion]:
    """The recommendation engine's partners for this participant, among the event's other
    participants, best first, with the engine's reasons."""
    others = {r.organization_id: r for r in active_registrations(registration.event)
              .exclude(pk=registration.pk)}
    if not others:
        return []
    found = recommendations_for(registration.organization, top=RECOMMENDATION_DEPTH)
    return [Suggestion(others[r.organization.pk], r.score, r.reasons)
            for r in found if r.organization.pk in others][:top]


def participant_rows(event: Event, own: Registration | None) -> list[dict]:
    """Participants with, for `own`, the state of any request between them."""
    state: dict[int, MeetingRequest] = {}
    if own is not None:
        for request in requests_of(own).filter(status__in=MeetingRequest.OPEN_STATUSES):
            other = request.recipient_id if request.sender_id == own.pk else request.sender_id
            state[other] = request
    return [{"registration": r, "request": state.get(r.pk), "is_self": own is not None and r.pk == own.pk}
            for r in active_registrations(event)]


def schedule_grid(event: Event) -> dict:
    """Slots × venues with the meetings in each cell (an online meeting shows at both venues)."""
    venues = list(event.venues.active())
    cells: dict[tuple[int, int], list] = {}
    meetings = (event.meetings.select_related("slot", "request__sender__organization",
                                              "request__recipient__organization")
                .prefetch_related("venues"))
    for meeting in meetings:
        for venue in meeting.venues.all():
            cells.setdefault((meeting.slot_id, venue.pk), []).append(meeting)
    rows = [{"slot": slot, "cells": [cells.get((slot.pk, venue.pk), []) for venue in venues]}
            for slot in event.slots.all()]
    return {"venues": venues, "rows": rows}
