"""The periodic report for leaders (printed to PDF by core.responses): the counts by category and direction,
the register with status, what needs attention and the progress reported in the period."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import translation

from tradebridge.agreements import queries
from tradebridge.agreements.models import Agreement, ProgressUpdate
from tradebridge.events.models import Event


def report_context(
    agreements: QuerySet[Agreement], filters: queries.RegisterFilters, *, today: dt.date
) -> dict:
    rows = list(agreements.select_related("origin", "destination").prefetch_related("parties__organization"))
    progress = ProgressUpdate.objects.active().filter(agreement__in=[a.pk for a in rows])
    if filters.signed_from:
        progress = progress.filter(reported_on__gte=filters.signed_from)
    return {
        "agreements": rows,
        "filters": filters,
        # The title is read in the report's language when the template renders.
        "event": Event.objects.filter(slug=filters.event).first() if filters.event else None,
        "breakdown": queries.category_breakdown(agreements),
        "attention": queries.attention_for(agreements, today),
        "progress": progress.select_related("agreement").order_by("-reported_on")[:100],
        "today": today,
        "illustrative": any(a.is_illustrative for a in rows),
    }


def periodic_report_html(
    agreements: QuerySet[Agreement],
    filters: queries.RegisterFilters,
    *,
    today: dt.date,
    language: str | None = None,
) -> str:
    with translation.override(language or translation.get_language()):
        return render_to_string(
            "agreements/report_pdf.html", report_context(agreements, filters, today=today)
        )
