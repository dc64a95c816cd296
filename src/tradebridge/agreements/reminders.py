"""E-mail reminders to agency staff: overdue and soon-due commitments, expiring, expired-but-open
and dormant agreements of the agreements their agency is party to or recorded. "Today" is
each agency's own date (its country's time zone). Each staff member reads the reminder in their
own language (see `tradebridge.core.mail`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tradebridge.agreements import followup, queries
from tradebridge.agreements.access import visible_agreements
from tradebridge.core import mail
from tradebridge.registry.models import Organization


@dataclass
class Reminder:
    """One agency's reminder. `subject` and `body` are written in the language active when it
    was built (what a dry run prints); `letters` are the messages its staff get, one per
    language and time zone."""

    organization: Organization
    recipients: list[str]
    subject: str
    body: str
    items: int
    letters: list[mail.Letter] = field(default_factory=list)


def _lines(attention: followup.Attention) -> list[str]:
    lines = []
    for c in attention.overdue:
        lines.append(_("OVERDUE since %(date)s: %(title)s (agreement #%(id)s)")
                     % {"date": c.due_on, "title": c.title, "id": c.agreement_id})
    for c in attention.due_soon:
        lines.append(_("Due %(date)s: %(title)s (agreement #%(id)s)")
                     % {"date": c.due_on, "title": c.title, "id": c.agreement_id})
    for a in attention.expiring:
        lines.append(_("Expires %(date)s: %(title)s (#%(id)s)")
                     % {"date": a.valid_until, "title": a.title, "id": a.id})
    for a in attention.expired_open:
        lines.append(_("Ended %(date)s but still open: %(title)s (#%(id)s)")
                     % {"date": a.valid_until, "title": a.title, "id": a.id})
    for a in attention.dormant:
        lines.append(_("Dormant (last report %(date)s): %(title)s (#%(id)s)")
                     % {"date": a.last_progress_on or a.signed_on, "title": a.title, "id": a.id})
    return lines


def _message(agency: Organization, today: dt.date, attention: followup.Attention) -> tuple[str, str]:
    """Subject and body in the active language."""
    lines = _lines(attention)
    subject = ngettext("[TradeBridge] %(count)d agreement item needs attention",
                       "[TradeBridge] %(count)d agreement items need attention",
                       len(lines)) % {"count": len(lines)}
    heading = _("%(agency)s: agreements to follow up on %(date)s.") % {
        "agency": agency.display_name, "date": today}
    return subject, "\n".join([heading, "", *lines])


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
        attention = queries.attention_for(mine, today, thresholds)
        items = len(_lines(attention))
        if not items:
            continue
        subject, body = _message(agency, today, attention)

        def build(_audience: mail.Audience, agency: Organization = agency, today: dt.date = today,
                  attention: followup.Attention = attention) -> tuple[str, str]:
            return _message(agency, today, attention)

        letters = mail.compose(staff, build)
        reminders.append(Reminder(agency, [u.email for u in staff], subject, body, items, letters))
    return reminders


def do_send_reminders(
    now: dt.datetime | None = None, thresholds: followup.Thresholds | None = None
) -> list[Reminder]:
    """Build the reminders and send each agency's letters (one per language and time zone of
    its staff). Returns the reminders, as `build_reminders` does."""
    reminders = build_reminders(now, thresholds)
    for reminder in reminders:
        mail.send(reminder.letters)
    return reminders
