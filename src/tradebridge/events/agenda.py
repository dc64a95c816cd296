"""A participant's agenda: its meetings in its own venue's time zone, with the partner's local
time for cross-border meetings, and the same as an iCalendar file (RFC 5545, written by hand)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

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
            place=", ".join(v.name for v in meeting.venues.all()),
            video_url=video_url(meeting) if online else "",
        ))
    return entries


# --- iCalendar (RFC 5545) -----------------------------------------------------------------------


def ics_escape(text: str) -> str:
    """TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Lines longer than 75 octets are folded (§3.1), never inside a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not out else 74  # continuation lines start with a space
        if len(current) + len(encoded) > limit:
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def agenda_ics(registration: Registration, entries: list[AgendaEntry], *, summary_prefix: str,
               now: datetime | None = None) -> str:
    stamp = _utc_text(now or timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//TradeBridge//Events//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{ics_escape(registration.event.title)}"]
    for entry in entries:
        partner = entry.partner.organization.display_name
        description = [partner, entry.meeting.request.message] if entry.meeting.request.message else [partner]
        if entry.video_url:
            description.append(entry.video_url)
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{registration.event_id}-meeting-{entry.meeting.pk}@tradebridge",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc_text(entry.meeting.slot.starts_at)}",
            f"DTEND:{_utc_text(entry.meeting.slot.ends_at)}",
            f"SUMMARY:{ics_escape(f'{summary_prefix}: {partner}')}",
            f"LOCATION:{ics_escape(entry.video_url or entry.place)}",
            f"DESCRIPTION:{ics_escape(chr(10).join(description))}",
        ]
        if entry.video_url:
            lines.append(f"URL:{entry.video_url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _utc_text(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
