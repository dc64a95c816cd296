"""E-mails: reminders for meeting requests left unanswered (one per recipient organisation,
at most once per interval). Notices of schedule changes are in `notifications.py`."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.events.models import Event, MeetingRequest, Registration

DEFAULT_INTERVAL = timedelta(days=2)


def recipients_of(registration: Registration) -> list[str]:
    """The e-mail addresses of the organisation's active members, else its contact address."""
    members = registration.organization.members.filter(is_active=True).exclude(email="")
    addresses = sorted({m.email for m in members})
    if not addresses and registration.organization.contact_email:
        addresses = [registration.organization.contact_email]
    return addresses


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
        addresses = recipients_of(registration)
        if not addresses:
            continue
        lines = [f"- {r.sender.organization.display_name}: {r.message[:200]}" for r in requests]
        body = "\n".join([
            _("%(name)s has meeting requests waiting for an answer at “%(event)s”:")
            % {"name": registration.organization.display_name, "event": event.title},
            "", *lines, "",
            _("Answer them at %(path)s") % {"path": reverse("events:my_requests", args=[event.slug])},
        ])
        send_mail(_("[TradeBridge] Meeting requests waiting for your answer"), body, None, addresses)
        MeetingRequest.objects.filter(pk__in=[r.pk for r in requests]).update(reminded_at=now)
        sent += 1
    return sent
