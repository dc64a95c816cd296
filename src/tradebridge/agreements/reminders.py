"""E-mail reminders to agency staff: overdue and soon-due commitments, expiring, expired-but-open
and dormant agreements of the agreements their agency is party to or recorded. "Today" is
each agency's own date (its country's time zone)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db.models import Q

from tradebridge.agreements import followup, queries
from tradebridge.agreements.access import visible_agreements
from tradebridge.registry.models import Organization


@dataclass
class Reminder:
    organization: Organization
    recipients: list[str]
    subject: str
    body: str
    items: int


def _lines(attention: followup.Attention) -> list[str]:
    lines = []
    for c in attention.overdue:
        lines.append(f"OVERDUE since {c.due_on}: {c.title} (agreement #{c.agreement_id})")
    for c in attention.due_soon:
        lines.append(f"Due {c.due_on}: {c.title} (agreement #{c.agreement_id})")
    for a in attention.expiring:
        lines.append(f"Expires {a.valid_until}: {a.title} (#{a.id})")
    for a in attention.expired_open:
        lines.append(f"Ended {a.valid_until} but still open: {a.title} (#{a.id})")
    for a in attention.dormant:
        lines.append(f"Dormant (last report {a.last_progress_on or a.signed_on}): {a.title} (#{a.id})")
    return lines


def build_reminders(
    now: dt.datetime | None = None, thresholds: followup.Thresholds | None = None
) -> list[Reminder]:
    reminders = []
    agencies = (
        Organization.objects.active()
        .filter(
            kind__in=(Organization.Kind.AGENCY, Organization.Kind.RESEARCH),
            members__role="agency_staff",
            members__is_active=True,
        )
        .distinct()
        .select_related("country")
    )
    for agency in agencies:
        staff = list(agency.members.filter(role="agency_staff", is_active=True).exclude(email=""))
        if not staff:
            continue
        mine = (
            visible_agreements(staff[0])
            .filter(Q(parties__organization=agency) | Q(recording_organization=agency))
            .distinct()
        )
        today = followup.local_today(followup.time_zone_for(organization=agency), now)
        lines = _lines(queries.attention_for(mine, today, thresholds))
        if not lines:
            continue
        body = "\n".join([f"{agency.display_name}: agreements to follow up on {today}.", "", *lines])
        reminders.append(
            Reminder(
                agency,
                [u.email for u in staff],
                f"[TradeBridge] {len(lines)} agreement item(s) need attention",
                body,
                len(lines),
            )
        )
    return reminders


def do_send_reminders(
    now: dt.datetime | None = None, thresholds: followup.Thresholds | None = None
) -> list[Reminder]:
    reminders = build_reminders(now, thresholds)
    for reminder in reminders:
        send_mail(reminder.subject, reminder.body, None, reminder.recipients)
    return reminders
