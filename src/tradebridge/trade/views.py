"""Pages of this app: parse, check access, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.core.access import is_agency_or_admin, require_agency_or_admin
from tradebridge.core.responses import CSV, XLSX, download_response
from tradebridge.trade import exports, page_cache, pages, reports, services
from tradebridge.trade.access import get_investment_for_user, get_investments_for_user
from tradebridge.trade.forms import InvestmentForm, ReportedUploadForm
from tradebridge.trade.queries import BadParameter
from tradebridge.trade.store import TradeImportError

FORMATS = {
    "csv": (CSV, exports.to_csv),
    "xlsx": (XLSX, exports.to_xlsx),
}


def _bad(request: HttpRequest, error: BadParameter) -> HttpResponse:
    return HttpResponseBadRequest(
        render(request, "trade/bad_request.html", {"error": error}).content)


def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        pair, body = page_cache.dashboard_body(request.GET)  # the same for every reader
    except BadParameter as error:
        return _bad(request, error)
    return render(request, "trade/dashboard.html", {"pair": pair, "body": body})


def province(request: HttpRequest) -> HttpResponse:
    try:
        context = pages.province_context(request.GET)
    except BadParameter as error:
        return _bad(request, error)
    context["can_manage"] = is_agency_or_admin(request.user)
    return render(request, "trade/province.html", context)


def investments(request: HttpRequest) -> HttpResponse:
    try:
        context = pages.investments_context(get_investments_for_user(request.user), request.GET)
    except BadParameter as error:
        return _bad(request, error)
    context["can_manage"] = is_agency_or_admin(request.user)
    return render(request, "trade/investments.html", context)


def download(request: HttpRequest, page: str, table: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return _bad(request, BadParameter("format", "use csv or xlsx"))
    try:
        tables = pages.tables_for(page, request.GET, get_investments_for_user(request.user))
    except BadParameter as error:
        return _bad(request, error)
    if table not in tables:
        return _bad(request, BadParameter("table", f"no table {table!r}; use " + ", ".join(tables)))
    content_type, write = FORMATS[fmt]
    return download_response(write(tables[table]), f"tradebridge-{page}-{table}.{fmt}", content_type)


def report_pdf(request: HttpRequest) -> HttpResponse:
    try:
        context = pages.dashboard_context(request.GET, with_charts=False)
    except BadParameter as error:
        return _bad(request, error)
    context["report_tables"] = ["top_exports", "top_imports", "composition", "rca", "potential",
                                "real_sections"]
    name = f"tradebridge-{context['pair'].reporter}-{context['pair'].partner}-{context['pair'].year}.pdf"
    return reports.pdf_response("trade/report.html", context, name,
                                base_url=request.build_absolute_uri("/"))


def _figures_pdf(request: HttpRequest, context: dict) -> HttpResponse:
    return reports.pdf_response("trade/figures_report.html", context, context["filename"],
                                base_url=request.build_absolute_uri("/"))


def province_report_pdf(request: HttpRequest) -> HttpResponse:
    try:
        context = pages.province_report_context(request.GET)
    except BadParameter as error:
        return _bad(request, error)
    return _figures_pdf(request, context)


def investments_report_pdf(request: HttpRequest) -> HttpResponse:
    try:
        context = pages.investments_report_context(get_investments_for_user(request.user), request.GET)
    except BadParameter as error:
        return _bad(request, error)
    return _figures_pdf(request, context)


@login_required
@require_http_methods(["GET", "POST"])
def investment_new(request: HttpRequest) -> HttpResponse:
    require_agency_or_admin(request.user)
    form = InvestmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.do_create_investment(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Investment record saved."))
        return redirect("trade:investments")
    return render(request, "trade/investment_form.html", {"form": form, "record": None})


@login_required
@require_http_methods(["GET", "POST"])
def investment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_investment_for_user(request.user, pk, for_edit=True)
    form = InvestmentForm(request.POST or None, instance=type(record).objects.get(pk=record.pk))
    if request.method == "POST" and form.is_valid():
        changed = services.do_update_investment(record, form.cleaned_data, actor=request.user)
        messages.success(request, _("Investment record saved.") if changed else _("Nothing changed."))
        return redirect("trade:investments")
    return render(request, "trade/investment_form.html", {"form": form, "record": record})


@login_required
@require_POST
def investment_archive(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_investment_for_user(request.user, pk, for_edit=True)
    services.do_archive_investment(record, actor=request.user)
    messages.success(request, _("Investment record archived."))
    return redirect("trade:investments")


@login_required
@require_http_methods(["GET", "POST"])
def reported_upload(request: HttpRequest) -> HttpResponse:
    require_agency_or_admin(request.user)
    form = ReportedUploadForm(request.POST or None, request.FILES or None)
    errors: list = []
    if request.method == "POST" and form.is_valid():
        try:
            summary = services.do_import_reported(form.cleaned_data["file"], actor=request.user,
                                                  source=form.cleaned_data["source"])
        except TradeImportError as error:
            errors = error.errors[:50]
        else:
            messages.success(request, _("%(rows)s reported figures imported.") % {"rows": summary.rows})
            return redirect("trade:province")
    return render(request, "trade/reported_upload.html", {"form": form, "errors": errors})
