"""The register as an Excel workbook and due commitments as an iCalendar feed (core.ics). Callers pass a
queryset already limited to what the user may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from tradebridge.agreements import fx, queries
from tradebridge.agreements.models import Agreement, Commitment
from tradebridge.core import ics
from tradebridge.core.i18n import join_list, translated_note
from tradebridge.core.spreadsheets import workbook_bytes
from tradebridge.registry.models import Organization


def register_workbook(agreements: QuerySet[Agreement]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = pgettext("agreement register", "Register")[:31]
    headers = [
        _("No."),
        _("Title"),
        _("Level"),
        _("Type"),
        _("Main category"),
        _("Other categories"),
        _("Direction"),
        _("Parties"),
        _("Signing date"),
        _("Signing place"),
        _("Event"),
        _("Valid until"),
        _("Status"),
        _("Declared value"),
        _("Currency"),
        _("Visibility"),
        _("Illustrative"),
        _("Source"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    rows = agreements.select_related("origin", "destination").prefetch_related(
        "parties__organization__country"
    )
    for agreement in rows:
        direction = (
            f"{agreement.origin.alpha3} → {agreement.destination.alpha3}"
            if agreement.origin_id and agreement.destination_id
            else ""
        )
        sheet.append(
            [
                agreement.pk,
                agreement.display_title,
                agreement.get_level_display(),
                agreement.get_kind_display(),
                agreement.get_category_display(),
                join_list(agreement.category_labels()[1:]),
                direction,
                "; ".join(
                    f"{p.organization.display_name} ({p.organization.country.alpha3})"
                    for p in agreement.parties.all()
                ),
                agreement.signed_on,
                agreement.signed_place,
                agreement.event_name,
                agreement.valid_until,
                agreement.get_status_display(),
                float(agreement.declared_value) if agreement.declared_value is not None else None,
                agreement.currency,
                agreement.get_visibility_display(),
                _illustrative_cell(agreement),
                agreement.source,
            ]
        )
    for column in ("I", "L"):
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    summary = book.create_sheet(_("By category")[:31])
    summary.append([_("Category"), _("Direction"), _("Agreements"), _("In USD")])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    breakdown = queries.category_breakdown(agreements)
    for row in breakdown.rows:
        summary.append([row.label, row.direction, row.count, float(row.usd) if row.values else None])
    summary.append([_("Total"), "", breakdown.total, float(breakdown.usd_total)])
    summary.append([_("USD at the yearly average rate of the signing year."), "", "", fx.source()])
    return workbook_bytes(book)


def _illustrative_cell(agreement: Agreement) -> str:
    """What of the row is not from the source: "Not from the source: title, parties. <note>"."""
    if not agreement.is_illustrative:
        return ""
    labels = agreement.illustrative_labels()
    parts = [_("Not from the source: %(details)s.") % {"details": join_list(labels)}] if labels else []
    parts.append(translated_note(agreement.illustrative_note) or ("" if labels else _("yes")))
    return " ".join(part for part in parts if part)


def commitments_calendar(
    agreements: QuerySet[Agreement], organization: Organization, now: dt.datetime | None = None
) -> str:
    """All-day events on the due dates of open commitments of the agreements the organisation
    is party to or recorded."""
    stamp = ics.utc_text(now or timezone.now())
    mine = agreements.filter(parties__organization=organization) | agreements.filter(
        recording_organization=organization
    )
    commitments = (
        Commitment.objects.active()
        .filter(agreement__in=mine.values("id"), due_on__isnull=False)
        .exclude(state__in=(Commitment.State.DONE, Commitment.State.CANCELLED))
        .select_related("agreement", "owner__organization")
        .order_by("due_on", "id")
    )
    lines = []
    for c in commitments:
        owner = c.owner.organization.display_name if c.owner_id else ""
        summary = c.title + (f" ({owner})" if owner else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:commitment-{c.pk}@tradebridge",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{ics.date_text(c.due_on)}",
            f"DTEND;VALUE=DATE:{ics.date_text(c.due_on + dt.timedelta(days=1))}",
            f"SUMMARY:{ics.escape_text(summary)}",
            f"DESCRIPTION:{ics.escape_text(c.agreement.display_title)}",
            "END:VEVENT",
        ]
    return ics.calendar(lines, product="Agreements", name=organization.display_name)
