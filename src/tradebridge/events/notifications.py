"""E-mails to both sides of a meeting when the published schedule changes: a meeting moved,
dropped (request cancelled, or no longer placed by a re-run) or newly added (re-run after a
late acceptance). Each e-mail is written in its reader's language: the user's own where the
account has one, else the event's primary language; times in the reader's venue time zone.

Callers compute what the e-mail needs before the change is committed and send it with
`transaction.on_commit`, so that a rolled-back change mails nobody.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tradebridge.events.models import Event, Meeting, MeetingRequest, Registration

MOVED, DROPPED, ADDED = "moved", "dropped", "added"


def addresses_by_language(registration: Registration, event: Event) -> dict[str, list[str]]:
    """The organisation's active members' addresses grouped by their language (else the event's
    primary language); its contact address when no member has one."""
    fallback = event.primary_language
    grouped: dict[str, set[str]] = defaultdict(set)
    for user in registration.organization.members.filter(is_active=True).exclude(email=""):
        grouped[getattr(user, "language", "") or fallback].add(user.email)
    if not grouped and registration.organization.contact_email:
        grouped[fallback].add(registration.organization.contact_email)
    return {language: sorted(addresses) for language, addresses in grouped.items()}


def _local(instant: datetime | None, registration: Registration) -> tuple[str, str]:
    zone = registration.venue.zone if registration.venue else timezone.get_current_timezone()
    return (instant.astimezone(zone).strftime("%Y-%m-%d %H:%M") if instant else "—"), str(zone)


def _texts(kind: str, event: Event, partner: str, when: str, before: str, zone: str) -> tuple[str, str]:
    values = {"partner": partner, "event": event.title, "when": when, "before": before, "zone": zone}
    if kind == MOVED:
        return (_("[TradeBridge] Your meeting has moved"),
                _("Your meeting with %(partner)s at “%(event)s” has moved from %(before)s to %(when)s "
                  "(%(zone)s).") % values)
    if kind == DROPPED:
        return (_("[TradeBridge] Your meeting is cancelled"),
                _("Your meeting with %(partner)s at “%(event)s” on %(before)s (%(zone)s) is no longer "
                  "on the schedule.") % values)
    return (_("[TradeBridge] A meeting was added to your agenda"),
            _("A meeting with %(partner)s at “%(event)s” is now on your agenda: %(when)s (%(zone)s).")
            % values)


def notify(kind: str, event: Event, request: MeetingRequest, *, start: datetime | None,
           previous_start: datetime | None = None) -> int:
    """Mail both sides of `request` about a change of kind MOVED, DROPPED or ADDED, if the
    event's schedule is published. Returns the number of e-mails sent."""
    if event.status != Event.Status.PUBLISHED:
        return 0
    sent = 0
    for registration, partner in ((request.sender, request.recipient), (request.recipient, request.sender)):
        when, zone = _local(start, registration)
        before, _zone = _local(previous_start, registration)
        for language, addresses in addresses_by_language(registration, event).items():
            with translation.override(language):
                subject, body = _texts(kind, event, partner.organization.display_name, when, before, zone)
            send_mail(subject, body, None, addresses)
            sent += 1
    return sent


def later(kind: str, meeting: Meeting, *, previous_start: datetime | None = None) -> Callable[[], int]:
    """A callable for `transaction.on_commit` that mails about `meeting`; what it needs is read
    now, so that it still works once the meeting row is deleted."""
    event, request, start = meeting.event, meeting.request, meeting.slot.starts_at
    if kind == DROPPED:
        start, previous_start = None, meeting.slot.starts_at
    return lambda: notify(kind, event, request, start=start, previous_start=previous_start)


def notify_meeting_change(meeting: Meeting, *, previous_start: datetime | None) -> int:
    """Both sides of a meeting moved to another slot after publishing."""
    return notify(MOVED, meeting.event, meeting.request, start=meeting.slot.starts_at,
                  previous_start=previous_start)
