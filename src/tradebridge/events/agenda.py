"""A participant's agenda: its meetings in its own venue's time zone, with the partner's local
time for cross-border meetings, and the same as an iCalendar file (RFC 5545)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from tradebridge.core import ics
from tradebridge.core.i18n import join_list
from tradebridge.events.models import Meeting, MeetingRequest, Registration

# Online meetings open a video room named by the meeting's unguessable token.
DEFAULT_VIDEO_BASE_URL = "https://meet.jit.si/"


def video_url(meeting: Meeting) -> str:
    base = getattr(settings, "TRADEBRIDGE_VIDEO_BASE_URL", DEFAULT_VIDEO_BASE_URL)
    return f"{base.rstrip('/')}/tradebridge-{meeting.room_token}"


@dataclass(frozen=True)
class AgendaEntry:
    meeting: Meeting
    partner: Registration
    starts_at: datetime  # in the participant's zone
    ends_at: datetime
    partner_starts_at: datetime | None  # in the partner's zone, when it differs
    partner_ends_at: datetime | None
    place: str
    video_url: str


def agenda_for(registration: Registration) -> list[AgendaEntry]:
    zone = registration.venue.zone if registration.venue else timezone.get_current_timezone()
    meetings = (Meeting.objects.filter(Q(request__sender=registration) | Q(request__recipient=registration),
                                       request__status=MeetingRequest.Status.ACCEPTED)
                .select_related("slot", "request__sender__organization__country",
                                "request__recipient__organization__country",
                                "request__sender__venue", "request__recipient__venue")
                .prefetch_related("venues").order_by("slot__starts_at"))
    entries = []
    for meeting in meetings:
        request = meeting.request
        partner = request.recipient if request.sender_id == registration.pk else request.sender
        partner_zone = partner.venue.zone if partner.venue else zone
        start = meeting.slot.starts_at
        differs = start.astimezone(partner_zone).utcoffset() != start.astimezone(zone).utcoffset()
        online = meeting.mode == Meeting.Mode.ONLINE
        entries.append(AgendaEntry(
            meeting=meeting, partner=partner,
            starts_at=meeting.slot.starts_at.astimezone(zone), ends_at=meeting.slot.ends_at.astimezone(zone),
            partner_starts_at=meeting.slot.starts_at.astimezone(partner_zone) if differs else None,
            partner_ends_at=meeting.slot.ends_at.astimezone(partner_zone) if differs else None,
            place=join_list(v.name for v in meeting.venues.all()),
            video_url=video_url(meeting) if online else "",
        ))
    return entries


# --- iCalendar (RFC 5545, written by core.ics) ---------------------------------------------------


def agenda_ics(registration: Registration, entries: list[AgendaEntry], *, summary_prefix: str,
               now: datetime | None = None) -> str:
    stamp = ics.utc_text(now or timezone.now())
    lines = []
    for entry in entries:
        partner = entry.partner.organization.display_name
        description = [partner, entry.meeting.request.message] if entry.meeting.request.message else [partner]
        if entry.video_url:
            description.append(entry.video_url)
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{registration.event_id}-meeting-{entry.meeting.pk}@tradebridge",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{ics.utc_text(entry.meeting.slot.starts_at)}",
            f"DTEND:{ics.utc_text(entry.meeting.slot.ends_at)}",
            f"SUMMARY:{ics.escape_text(f'{summary_prefix}: {partner}')}",
            f"LOCATION:{ics.escape_text(entry.video_url or entry.place)}",
            f"DESCRIPTION:{ics.escape_text(chr(10).join(description))}",
        ]
        if entry.video_url:
            lines.append(f"URL:{entry.video_url}")
        lines.append("END:VEVENT")
    return ics.calendar(lines, product="Events", name=registration.event.title)
