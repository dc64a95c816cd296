"""Reports to the ministers: the list, the form with a preview of the figures, submitting, and
a submitted report's page, PDF and Excel file (always its frozen figures)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tradebridge.agreements.access import get_agreement_for_user
from tradebridge.chains import report_exports, reports
from tradebridge.chains.access import get_chain_for_user
from tradebridge.chains.pilot_forms import ReportForm
from tradebridge.core import responses
from tradebridge.core.access import require_agency_or_admin
from tradebridge.core.forms import attach_errors
from tradebridge.core.i18n import UnknownLanguage, check_language, current_language


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    require_agency_or_admin(request.user)
    return render(request, "chains/report_list.html", {"reports": reports.visible_reports(request.user)})


def _scope(request: HttpRequest):
    """The chain (?chain=slug) or agreement (?agreement=id) the report is about; the user must
    be staff of its parties."""
    slug = request.GET.get("chain") or request.POST.get("chain") or ""
    raw = request.GET.get("agreement") or request.POST.get("agreement") or ""
    chain = get_chain_for_user(request.user, slug) if slug else None
    agreement = None
    if chain is None:
        if not raw.isdigit():
            raise Http404("say which chain or agreement the report is about")
        agreement = get_agreement_for_user(request.user, int(raw))
    reports.require_report_editor(request.user, agreement if chain is None else chain.agreement, chain)
    return chain, agreement


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    chain, agreement = _scope(request)
    form = ReportForm(request.POST or None, initial={"language": current_language()})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "submit" in request.POST:
                report = reports.do_submit_report(
                    actor=request.user,
                    agreement=agreement,
                    chain=chain,
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    submitted_to=data["submitted_to"],
                    language=data["language"],
                )
                messages.success(request, _("Report submitted; its figures are kept as they are now."))
                return redirect("chains:report", report_id=report.pk)
            figures = reports.report_figures(
                agreement=agreement,
                chain=chain,
                period_start=data["period_start"],
                period_end=data["period_end"],
            )
            preview = report_exports.display_context(figures, current_language())
        except ValidationError as exc:
            attach_errors(form, exc)
    status = 400 if request.method == "POST" and (form.errors or preview is None) else 200
    return render(
        request,
        "chains/report_form.html",
        {"form": form, "chain": chain, "agreement": agreement, "preview": preview},
        status=status,
    )


def _report(request: HttpRequest, report_id: int):
    require_agency_or_admin(request.user)
    report = reports.visible_reports(request.user).filter(pk=report_id).first()
    if report is None:
        raise Http404("no such report")
    return report


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id)
    context = report_exports.display_context(report.figures, current_language(), report=report)
    return render(request, "chains/report_detail.html", context)


def _language(request: HttpRequest, report) -> str:
    try:
        return check_language(request.GET.get("lang") or report.language)
    except UnknownLanguage as exc:
        raise ValidationError({"lang": str(exc)}) from exc


@login_required
def report_pdf(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id)
    try:
        lang = _language(request, report)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain; charset=utf-8")
    pdf = report_exports.report_pdf(report.figures, lang, report=report)
    return responses.download_response(pdf, f"report-{report.pk}-{lang}.pdf", responses.PDF)


@login_required
def report_xlsx(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id)
    try:
        lang = _language(request, report)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain; charset=utf-8")
    book = report_exports.report_workbook(report.figures, lang, report=report)
    with translation.override(lang):
        return responses.download_response(book, f"report-{report.pk}-{lang}.xlsx", responses.XLSX)
