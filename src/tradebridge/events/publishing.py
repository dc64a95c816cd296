"""Publishing an event's schedule: what participants will receive (the summary shown next to the
button), and the publication itself, which mails each participant its agenda in its language
and time zone (see `tradebridge.events.notifications`).

"Changes since the last publication" compare today's meetings with those that existed when the
schedule was last published (the event's history keeps when; the meetings' history what).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tradebridge.core import mail
from tradebridge.core.history import stamp_history
from tradebridge.events import notifications
from tradebridge.events.agenda import agenda_for
from tradebridge.events.models import Event, Meeting, MeetingRequest, Registration
from tradebridge.events.services import check_setup

PUBLISHED_REASONS = ("schedule published", f"status {Event.Status.PUBLISHED}")


@dataclass(frozen=True)
class Summary:
    """What a publication sends: meetings, the participants that get an agenda, and the changes
    since the last publication (None when the schedule was never published)."""

    meetings: int
    participants: int
    last_published: datetime | None
    added: int = 0
    moved: int = 0
    dropped: int = 0

    @property
    def changes(self) -> int:
        return self.added + self.moved + self.dropped


def last_published(event: Event) -> datetime | None:
    """When the schedule was last published: the last publication recorded as such, else (an event
    loaded as published) the start of its current published spell."""
    record = (event.history.filter(status=Event.Status.PUBLISHED, history_change_reason__in=PUBLISHED_REASONS)
              .order_by("-history_date").first())
    if record is not None:
        return record.history_date
    if event.status != Event.Status.PUBLISHED:
        return None
    spell = event.history.filter(status=Event.Status.PUBLISHED)
    before = event.history.exclude(status=Event.Status.PUBLISHED).order_by("-history_date").first()
    if before is not None:
        spell = spell.filter(history_date__gt=before.history_date)
    first = spell.order_by("history_date").first()
    return first.history_date if first else None


def _scheduled(event: Event):
    return event.meetings.filter(request__status=MeetingRequest.Status.ACCEPTED)


def participants_with_meetings(event: Event) -> list[Registration]:
    ids = set()
    for sender, recipient in _scheduled(event).values_list("request__sender_id", "request__recipient_id"):
        ids.update((sender, recipient))
    return list(event.registrations.filter(pk__in=ids, status=Registration.Status.REGISTERED)
                .select_related("organization", "venue").order_by("pk"))


def publication_summary(event: Event) -> Summary:
    meetings = dict(_scheduled(event).values_list("request_id", "slot_id"))
    since = last_published(event)
    participants = len(participants_with_meetings(event))
    if since is None:
        return Summary(len(meetings), participants, None)
    before = dict(Meeting.history.as_of(since).filter(event_id=event.pk).values_list("request_id", "slot_id"))
    return Summary(
        len(meetings), participants, since,
        added=sum(1 for r in meetings if r not in before),
        moved=sum(1 for r, slot in meetings.items() if r in before and before[r] != slot),
        dropped=sum(1 for r in before if r not in meetings),
    )


def _agenda_text(event: Event, registration: Registration) -> tuple[str, str]:
    lines = []
    for entry in agenda_for(registration):
        where = entry.video_url or entry.place
        lines.append(f"- {mail.local_datetime(entry.meeting.slot.starts_at)}–"
                     f"{mail.local_datetime(entry.meeting.slot.ends_at)[-5:]} · "
                     f"{entry.partner.organization.display_name} · {entry.meeting.get_mode_display()}"
                     + (f" · {where}" if where else ""))
    subject = _("[TradeBridge] Your meeting agenda for “%(event)s”") % {"event": event.title}
    return subject, lines


def send_agendas(event: Event) -> int:
    """Mail each participant with meetings its agenda; returns the number of e-mails sent."""
    sent = 0
    for registration in participants_with_meetings(event):
        members, contacts = notifications.readers_of(registration)

        def build(audience: mail.Audience, registration: Registration = registration) -> tuple[str, str]:
            subject, lines = _agenda_text(event, registration)
            intro = _("The meeting schedule of “%(event)s” is published. Your meetings (%(zone)s):") % {
                "event": event.title, "zone": audience.zone_name}
            return subject, "\n".join([intro, "", *lines])

        zone = registration.venue.zone if registration.venue else None
        sent += len(mail.send_to_users(members, build, addresses=contacts,
                                       language=event.primary_language, time_zone=zone))
    return sent


@transaction.atomic
def do_publish_schedule(event: Event, *, actor: Any) -> Summary:
    """Publish the schedule (again, after changes) and mail every participant its agenda once the
    change is committed. Refused, naming why, when the set-up is incomplete."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    check_setup(event)
    summary = publication_summary(event)
    event.status = Event.Status.PUBLISHED
    stamp_history(event, actor, "schedule published")
    event.save(update_fields=["status", "updated_at"])
    transaction.on_commit(lambda: send_agendas(event))
    return summary
