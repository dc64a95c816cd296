"""E-mails: reminders for meeting requests left unanswered (one per recipient organisation,
at most once per interval), each reader in its own language (see `tradebridge.core.mail`).
Notices of schedule changes are in `notifications.py`."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.core import mail
from tradebridge.events.models import Event, MeetingRequest, Registration
from tradebridge.events.notifications import readers_of

DEFAULT_INTERVAL = timedelta(days=2)


def recipients_of(registration: Registration) -> list[str]:
    """The e-mail addresses of the organisation's active members, else its contact address."""
    members, contacts = readers_of(registration)
    return sorted({m.email for m in members}) or contacts


@transaction.atomic
def do_send_request_reminders(event: Event, *, now: datetime | None = None,
                              interval: timedelta = DEFAULT_INTERVAL) -> int:
    """Remind recipients of requests pending for longer than `interval` (and not reminded within
    it). Returns how many organisations were written to."""
    now = now or timezone.now()
    due = (MeetingRequest.objects.select_for_update(of=("self",))
           .filter(event=event, status=MeetingRequest.Status.PENDING, created_at__lte=now - interval,
                   recipient__status=Registration.Status.REGISTERED)
           .exclude(reminded_at__gt=now - interval)
           .select_related("sender__organization", "recipient__organization"))
    by_recipient: dict[int, list[MeetingRequest]] = defaultdict(list)
    for request in due:
        by_recipient[request.recipient_id].append(request)
    sent = 0
    for requests in by_recipient.values():
        registration = requests[0].recipient
        members, contacts = readers_of(registration)
        if not members and not contacts:
            continue

        def build(audience: mail.Audience, registration: Registration = registration,
                  requests: list[MeetingRequest] = requests) -> tuple[str, str]:
            # Names and the event's title in the reader's language (the override is active).
            lines = [f"- {r.sender.organization.display_name}: {r.message[:200]}" for r in requests]
            body = "\n".join([
                _("%(name)s has meeting requests waiting for an answer at “%(event)s”:")
                % {"name": registration.organization.display_name, "event": event.title},
                "", *lines, "",
                _("Answer them at %(path)s") % {"path": reverse("events:my_requests", args=[event.slug])},
            ])
            return _("[TradeBridge] Meeting requests waiting for your answer"), body

        mail.send_to_users(members, build, addresses=contacts, language=event.primary_language)
        MeetingRequest.objects.filter(pk__in=[r.pk for r in requests]).update(reminded_at=now)
        sent += 1
    return sent
