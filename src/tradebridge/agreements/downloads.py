"""What the register serves as files: the register as Excel, the periodic report and one
agreement's report as PDF, the commitments' calendar, and the documents and progress
attachments (served here after the visibility check, never from /media/)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string

from tradebridge.agreements import exports, followup, queries, reports, sections
from tradebridge.agreements.access import get_agreement_for_user, visible_agreements
from tradebridge.core import responses
from tradebridge.core.i18n import UnknownLanguage, check_language
from tradebridge.registry.models import Organization


def export_register(request: HttpRequest) -> HttpResponse:
    filters = queries.RegisterFilters.from_params(request.GET)
    found = queries.filter_register(visible_agreements(request.user), filters)
    return responses.download_response(exports.register_workbook(found), "agreements.xlsx", responses.XLSX)


def periodic_report(request: HttpRequest) -> HttpResponse:
    filters = queries.RegisterFilters.from_params(request.GET)
    found = queries.filter_register(visible_agreements(request.user), filters)
    today = followup.local_today(followup.time_zone_for(request.user))
    language = None
    if request.GET.get("lang"):
        try:  # ?lang=lo gives the report in Lao whatever the page language
            language = check_language(request.GET["lang"])
        except UnknownLanguage as exc:
            return HttpResponse(f"lang: {exc}", status=400, content_type="text/plain; charset=utf-8")
    html = reports.periodic_report_html(found, filters, today=today, language=language)
    return responses.pdf_response(html, "agreements-report.pdf")


def agreement_report(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """One agreement for leaders: facts, parties, commitments, what the sections of other apps
    add (focal points, work plans' progress), progress and history."""
    agreement = get_agreement_for_user(request.user, agreement_id)
    today = followup.local_today(followup.time_zone_for(request.user))
    context = {
        "agreement": agreement,
        "today": today,
        "parties": agreement.parties.select_related("organization__country"),
        "commitments": agreement.commitments.active().select_related("owner__organization"),
        "progress": agreement.progress_updates.active(),
        "status_changes": agreement.status_changes.all(),
        "history": queries.agreement_history(agreement, limit=60),
        **sections.sections_context(agreement, can_edit=False),
    }
    html = render_to_string("agreements/agreement_pdf.html", context, request=request)
    return responses.pdf_response(html, f"agreement-{agreement.pk}.pdf")


def calendar_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Due commitments of the agreements an agency is party to (or recorded), as iCalendar."""
    organization = Organization.objects.active().filter(slug=slug).first()
    if organization is None:
        raise Http404("no such organisation")
    body = exports.commitments_calendar(visible_agreements(request.user), organization)
    return responses.download_response(body, f"{slug}-commitments.ics", responses.ICS, inline=True)


def document_download(request: HttpRequest, agreement_id: int, document_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id)
    document = agreement.documents.active().filter(pk=document_id).first()
    if document is None:
        raise Http404("no such document")
    return responses.stored_file_response(
        document.file, document.original_name, document.content_type, inline=True
    )


def progress_attachment(request: HttpRequest, agreement_id: int, update_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id)
    update = agreement.progress_updates.active().filter(pk=update_id).exclude(attachment="").first()
    if update is None:
        raise Http404("no such attachment")
    return responses.stored_file_response(update.attachment, update.attachment_name, inline=True)
