"""What each role's home page shows: reads across apps (project level, so it may use any app).

An enterprise member: its organisation, its meeting requests, its next meetings and the events
open for registration. Agency staff and administrators: their events, what waits for review
(suspected duplicates, sign-up applications) and overdue commitments. Everyone else: a short
overview of the public pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone

from tradebridge.accounts.signup import pending_applications
from tradebridge.agreements.access import visible_agreements
from tradebridge.agreements.models import ACTIVE_STATUSES, Commitment
from tradebridge.catalog.models import GlossaryTerm, HSCode
from tradebridge.core.access import is_administrator, organization_id_of
from tradebridge.events.models import Event, Meeting, MeetingRequest
from tradebridge.geo.models import Country, Province, Zone
from tradebridge.registry.models import DuplicateCandidate, Organization

SHOWN = 5  # rows per list; each list links to its full page


def public_overview() -> dict[str, Any]:
    kinds = Organization.Kind.choices
    by_kind = {kind: Organization.objects.active().filter(kind=kind).count() for kind, _label in kinds}
    return {
        "counts": {
            "countries": Country.objects.count(),
            "provinces": Province.objects.count(),
            "zones": Zone.objects.count(),
            "hs_codes": HSCode.objects.filter(level=6).count(),
            "glossary_terms": GlossaryTerm.objects.count(),
            "organizations": sum(by_kind.values()),
        },
        "by_kind": [(label, by_kind[kind], kind) for kind, label in kinds if by_kind[kind]],
        "open_events": open_events(),
    }


def open_events(limit: int = SHOWN) -> list[Event]:
    """Events taking registrations now (deadline not passed), soonest first."""
    now = timezone.now()
    return list(Event.objects.active().filter(status=Event.Status.OPEN)
                .filter(Q(registration_deadline__isnull=True) | Q(registration_deadline__gte=now))
                .order_by("starts_on", "pk")[:limit])


def enterprise_home(user: Any) -> dict[str, Any]:
    org_id = organization_id_of(user)
    mine = Q(sender__organization_id=org_id) | Q(recipient__organization_id=org_id)
    requests = (MeetingRequest.objects.filter(mine)
                .select_related("event", "sender__organization", "recipient__organization")
                .order_by("-created_at")[:SHOWN])
    meetings = (Meeting.objects.filter(Q(request__sender__organization_id=org_id)
                                       | Q(request__recipient__organization_id=org_id),
                                       slot__ends_at__gte=timezone.now(),
                                       event__status=Event.Status.PUBLISHED)
                .select_related("event", "slot", "request__sender__organization",
                                "request__recipient__organization")
                .order_by("slot__starts_at")[:SHOWN])
    return {
        "organization": Organization.objects.select_related("country", "province").get(pk=org_id),
        "requests": [(r, r.recipient if r.sender.organization_id == org_id else r.sender,
                      r.recipient.organization_id == org_id and r.status == MeetingRequest.Status.PENDING)
                     for r in requests],
        "meetings": [(m, m.request.recipient if m.request.sender.organization_id == org_id
                      else m.request.sender) for m in meetings],
        "open_events": open_events(),
    }


def officer_home(user: Any, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    events = Event.objects.active().filter(ends_on__gte=today - dt.timedelta(days=30))
    if not is_administrator(user):
        events = events.filter(organizers=organization_id_of(user))
    overdue = (Commitment.objects.active()
               .filter(agreement__in=visible_agreements(user).values("pk"),
                       agreement__status__in=ACTIVE_STATUSES, due_on__lt=today)
               .exclude(state__in=(Commitment.State.DONE, Commitment.State.CANCELLED))
               .select_related("agreement").order_by("due_on", "pk"))
    return {
        "events": list(events.order_by("starts_on", "pk").distinct()[:SHOWN]),
        "duplicates_waiting": DuplicateCandidate.objects.filter(
            status=DuplicateCandidate.Status.PENDING).count(),
        "applications_waiting": pending_applications().count(),
        "overdue": list(overdue[:SHOWN]),
        "overdue_count": overdue.count(),
        "today": today,
    }
