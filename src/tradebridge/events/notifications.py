"""E-mails to both sides of a meeting when the published schedule changes: a meeting moved,
dropped (request cancelled, or no longer placed by a re-run) or newly added (re-run after a
late acceptance). Each e-mail is written in its reader's language (the account's preferred
language, else the site's default, Vietnamese) with times in the reader's time zone; an
organisation with no member account is written to at its contact address in the event's primary
language, with times in its venue's time zone. See `tradebridge.core.mail`.

Callers compute what the e-mail needs before the change is committed and send it with
`transaction.on_commit`, so that a rolled-back change mails nobody.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from django.utils.translation import gettext as _

from tradebridge.core import mail
from tradebridge.events.models import Event, Meeting, MeetingRequest, Registration

MOVED, DROPPED, ADDED = "moved", "dropped", "added"


def readers_of(registration: Registration) -> tuple[list, list[str]]:
    """The organisation's active members with an e-mail address, and its contact address as a
    plain address when no member has one."""
    organization = registration.organization
    members = list(organization.members.filter(is_active=True).exclude(email=""))
    contacts = [organization.contact_email] if not members and organization.contact_email else []
    return members, contacts


def _venue_zone(registration: Registration):
    return registration.venue.zone if registration.venue else None


def addresses_by_language(registration: Registration, event: Event) -> dict[str, list[str]]:
    """The organisation's active members' addresses grouped by their language (else the site's
    default language); its contact address, in the event's primary language, when no member
    has one."""
    members, contacts = readers_of(registration)
    grouped: dict[str, set[str]] = defaultdict(set)
    for audience in mail.audiences(members, addresses=contacts, language=event.primary_language):
        grouped[audience.language].update(audience.addresses)
    return {language: sorted(addresses) for language, addresses in grouped.items()}


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
    event's schedule is published, each reader in its language and time zone. Returns the
    number of e-mails sent."""
    if event.status != Event.Status.PUBLISHED:
        return 0
    sent = 0
    for registration, partner in ((request.sender, request.recipient), (request.recipient, request.sender)):
        members, contacts = readers_of(registration)

        def build(audience: mail.Audience, partner: Registration = partner) -> tuple[str, str]:
            return _texts(kind, event, partner.organization.display_name, mail.local_datetime(start),
                          mail.local_datetime(previous_start), audience.zone_name)

        sent += len(mail.send_to_users(members, build, addresses=contacts, language=event.primary_language,
                                       time_zone=_venue_zone(registration)))
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
