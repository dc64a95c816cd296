"""Pages of part F: the gate dashboard (charts with their tables, downloads, PDF), the import
of clearance figures (check, preview, confirm), entry by hand, seasonal pressure, harvest
calendars and capacities. Everyone reads; agency staff and administrators write."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradebridge.border import clearance, figure_charts, figure_exports, figures, pressure
from tradebridge.border.access import can_manage_border, get_gate, require_border_staff
from tradebridge.border.clearance_files import COLUMNS, UPLOAD_LIMITS
from tradebridge.border.figure_forms import (
    ClearanceFigureForm,
    ClearanceUploadForm,
    GateCapacityForm,
    HarvestCalendarForm,
)
from tradebridge.border.models import ClearanceUpload, Corridor, HarvestCalendar
from tradebridge.core import responses
from tradebridge.core.spreadsheets import csv_row

SAMPLE_ROWS = [
    ["bg-laocai-hekou", "month", "2024-01", "export", "value_usd", "08", "1250000.00"],
    ["bg-laocai-hekou", "month", "2024-01", "export", "tonnes", "08", "3100"],
    ["bg-laocai-hekou", "month", "2024-01", "import", "value_usd", "", "8400000"],
    ["bg-laocai-hekou", "day", "2024-01-15", "export", "vehicles", "", "212"],
    ["bg-laocai-hekou", "year", "2023", "export", "containers", "", "18250"],
]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _dashboard(request: HttpRequest, code: str) -> dict:
    gate = get_gate(code)
    data = figures.gate_dashboard(
        gate,
        request.GET.get("measure", "value_usd"),
        request.GET.get("direction"),
        _int(request.GET.get("year")),
    )
    corridor = None
    if request.GET.get("corridor"):
        corridor = Corridor.objects.active().filter(slug=request.GET["corridor"]).first()
        if corridor is None:
            raise Http404("no such corridor")
    return {
        "gate": gate,
        "data": data,
        "corridor": corridor,
        "comparison": figures.corridor_comparison(corridor, data["measure"], data["direction"])
        if corridor
        else None,
    }


def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    context = _dashboard(request, code)
    data = context["data"]
    tables = figure_exports.dashboard_tables(data)
    charts = figure_charts.dashboard_charts(data) if data["has_figures"] else {}
    if context["comparison"]:
        tables["corridor"] = figure_exports.corridor_table(context["comparison"])
        charts["corridor"] = figure_charts.corridor_chart(context["comparison"])
    query = request.GET.copy()
    return render(
        request,
        "border/figures_dashboard.html",
        {
            **context,
            "tables": tables,
            "charts": charts,
            "querystring": query.urlencode(),
            "measures": figures.measure_choices(),
            "directions": figures.direction_choices(),
            "corridors": Corridor.objects.active(),
            "can_manage": can_manage_border(request.user),
            "illustrative_note": figure_exports.illustrative_note(),
        },
    )


def download(request: HttpRequest, code: str, table: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("no such format")
    context = _dashboard(request, code)
    tables = figure_exports.dashboard_tables(context["data"])
    if context["comparison"]:
        tables["corridor"] = figure_exports.corridor_table(context["comparison"])
    if table not in tables:
        raise Http404("no such table")
    stem = f"clearance-{code}-{context['data']['measure']}"
    return figure_exports.table_download(tables[table], fmt, stem)


def report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    context = _dashboard(request, code)
    tables = figure_exports.dashboard_tables(context["data"])
    if context["comparison"]:
        tables["corridor"] = figure_exports.corridor_table(context["comparison"])
    return figure_exports.dashboard_pdf(
        context["data"], tables, f"clearance-{code}.pdf", request.build_absolute_uri("/")
    )


def sample_file(request: HttpRequest) -> HttpResponse:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in SAMPLE_ROWS:
        writer.writerow(csv_row(row))
    return responses.download_response(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), "clearance-figures-sample.csv", responses.CSV
    )


def _format_context() -> dict:
    return {
        "columns": COLUMNS,
        "sample_rows": SAMPLE_ROWS,
        "max_rows": UPLOAD_LIMITS.max_rows,
        "max_mb": UPLOAD_LIMITS.max_bytes // (1024 * 1024),
        "max_cell": UPLOAD_LIMITS.max_cell,
    }


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    require_border_staff(request.user)
    form = ClearanceUploadForm(request.POST or None, request.FILES or None)
    errors, file_error = [], ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked = clearance.do_check_clearance_upload(
                upload.read(),
                upload.name,
                actor=request.user,
                source=form.cleaned_data["source"],
                is_illustrative=form.cleaned_data["is_illustrative"],
            )
        except clearance.ImportFileError as exc:
            file_error = str(exc)
        except clearance.ClearanceRefused as exc:
            errors, more = exc.line_errors, exc.report.more_errors
            return render(
                request,
                "border/figures_import.html",
                {"form": form, "errors": errors, "more_errors": more, **_format_context()},
                status=422,
            )
        else:
            return redirect("border:figures_upload", pk=checked.pk)
    status = 422 if file_error else 200
    return render(
        request,
        "border/figures_import.html",
        {
            "form": form,
            "errors": errors,
            "file_error": file_error,
            **_format_context(),
            "recent": ClearanceUpload.objects.select_related("uploaded_by", "batch")[:10],
        },
        status=status,
    )


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    require_border_staff(request.user)
    upload = get_object_or_404(ClearanceUpload, pk=pk)
    if request.method == "POST":
        if request.POST.get("action") == "discard":
            clearance.do_discard_clearance_upload(upload, actor=request.user)
            messages.info(request, _("The file was discarded; nothing was imported."))
            return redirect("border:figures_import")
        try:
            outcome = clearance.do_import_clearance_upload(upload, actor=request.user)
        except clearance.ClearanceRefused as exc:
            return render(
                request,
                "border/figures_upload.html",
                {"upload": upload, "errors": exc.line_errors},
                status=422,
            )
        messages.success(
            request,
            _("%(rows)s figures imported: %(new)s new, %(replaced)s replaced.")
            % {"rows": outcome.rows, "new": outcome.new, "replaced": outcome.replaced},
        )
        return redirect("border:figures_upload", pk=upload.pk)
    return render(request, "border/figures_upload.html", {"upload": upload})


@login_required
def add_figure(request: HttpRequest) -> HttpResponse:
    require_border_staff(request.user)
    initial = {}
    if request.GET.get("gate"):
        initial["gate"] = get_gate(request.GET["gate"])
    form = ClearanceFigureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        figure = clearance.do_add_clearance_figure(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The figure was saved."))
        return redirect("border:figures", code=figure.gate.zone.code)
    return render(request, "border/figures_add.html", {"form": form}, status=422 if form.errors else 200)


def _float(value: str | None, low: float, high: float) -> float | None:
    try:
        number = float(value) if value not in (None, "") else None
    except ValueError:
        return None
    return number if number is not None and low <= number <= high else None


def pressure_page(request: HttpRequest, code: str) -> HttpResponse:
    gate = get_gate(code)
    direction = (
        request.GET.get("direction") if request.GET.get("direction") in ("export", "import") else "export"
    )
    start = None
    if request.GET.get("start"):
        try:
            start = dt.date.fromisoformat(request.GET["start"])
        except ValueError:
            start = None
    share = _float(request.GET.get("share"), 0, 100)
    seasons = pressure.seasons_at(gate)
    shares = {season.calendar_id: share / 100 for season in seasons} if share is not None else None
    result = pressure.estimate(
        gate,
        direction=direction,
        start=start,
        weeks=_int(request.GET.get("weeks")) or 12,
        baseline=_float(request.GET.get("baseline"), 0, 1e6),
        shares=shares,
    )
    over_products = sorted({code for week in result.warnings for code in week["products"]})
    return render(
        request,
        "border/pressure.html",
        {
            "gate": gate,
            "result": result,
            "direction": direction,
            "share": share,
            "alternatives": pressure.alternatives(gate, over_products, direction) if result.warnings else [],
            "capacities": gate.capacities.all(),
            "can_manage": can_manage_border(request.user),
            "harvests": HarvestCalendar.objects.filter(gates=gate).select_related("province"),
            "capacity_form": GateCapacityForm() if can_manage_border(request.user) else None,
            "peak_weight": pressure.PEAK_WEIGHT,
            "baseline_months": pressure.BASELINE_MONTHS,
        },
    )


@login_required
@require_POST
def capacity_set(request: HttpRequest, code: str) -> HttpResponse:
    require_border_staff(request.user)
    gate = get_gate(code)
    form = GateCapacityForm(request.POST)
    if form.is_valid():
        pressure.do_save_gate_capacity(gate, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The capacity was saved."))
    else:
        messages.error(
            request,
            _("The capacity was not saved: %(errors)s")
            % {
                "errors": "; ".join(
                    f"{form.fields[name].label}: {' '.join(errs)}" if name in form.fields else " ".join(errs)
                    for name, errs in form.errors.items()
                )
            },
        )
    return redirect("border:pressure", code=code)


@login_required
def harvest_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_border_staff(request.user)
    calendar = get_object_or_404(HarvestCalendar, pk=pk) if pk else None
    initial = {"gates": [get_gate(request.GET["gate"])]} if request.GET.get("gate") and not calendar else None
    form = HarvestCalendarForm(request.POST or None, instance=calendar, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = pressure.do_save_harvest_calendar(form, actor=request.user)
        messages.success(request, _("The harvest calendar was saved."))
        first = saved.gates.select_related("zone").first()
        return redirect("border:pressure", code=first.zone.code) if first else redirect("border:harvests")
    return render(
        request,
        "border/pressure_harvest_form.html",
        {"form": form, "calendar": calendar},
        status=422 if form.errors else 200,
    )


def harvests(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "border/pressure_harvests.html",
        {
            "harvests": HarvestCalendar.objects.select_related("province").prefetch_related("gates__zone"),
            "can_manage": can_manage_border(request.user),
        },
    )
