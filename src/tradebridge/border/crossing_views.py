"""Crossing log pages: "my crossings" (the organisation's own records and their statistics), the
log form, correcting and withdrawing one's own log, the CSV import, and the statistics by gate
(public: aggregates only, months with fewer than MIN_PUBLIC_LOGS logs withheld; staff: all)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.border import crossings
from tradebridge.border.access import can_log_crossings, get_gate
from tradebridge.border.crossing_forms import CrossingImportForm, CrossingLogForm
from tradebridge.border.crossing_import import COLUMNS, do_import_crossings
from tradebridge.border.models import CrossingLog, Direction, Gate
from tradebridge.core.forms import attach_errors

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _require_logger(user) -> None:
    if not can_log_crossings(user):
        raise PermissionDenied("members of an enterprise or an agency only")


@login_required
def crossing_list(request: HttpRequest) -> HttpResponse:
    _require_logger(request.user)
    logs = crossings.my_crossings(request.user)
    gate_ids = logs.values_list("gate_id", flat=True).distinct()
    stats = [crossings.gate_statistics(gate, logs, public=False)
             for gate in Gate.objects.filter(pk__in=gate_ids).select_related("zone__country", "partner_zone")]
    return render(request, "border/crossing_list.html", {
        "logs": logs.order_by("-arrived_at")[:300],
        "stats": [(s, crossings.statistics_chart(s)) for s in stats],
        "min_public": crossings.MIN_PUBLIC_LOGS})


def _save(request: HttpRequest, form: CrossingLogForm, log: CrossingLog | None) -> CrossingLog | None:
    if not form.is_valid():
        return None
    try:
        if log is None:
            return crossings.do_log_crossing(request.user, **form.log_values())
        return crossings.do_update_crossing(log, request.user, **form.log_values())
    except ValidationError as exc:
        attach_errors(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def crossing_new(request: HttpRequest) -> HttpResponse:
    _require_logger(request.user)
    gate = Gate.objects.active().filter(zone__code=request.GET.get("gate", "")).first()
    form = CrossingLogForm(request.POST or None, gate=gate)
    if request.method == "POST" and _save(request, form, None) is not None:
        messages.success(request, _("Crossing logged."))
        return redirect("border:crossings")
    return render(request, "border/crossing_form.html", {"form": form, "log": None},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def crossing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    log = crossings.get_crossing_for_user(request.user, pk, for_edit=True)
    form = CrossingLogForm(request.POST or None, log=log)
    if request.method == "POST" and _save(request, form, log) is not None:
        messages.success(request, _("Crossing log corrected."))
        return redirect("border:crossings")
    return render(request, "border/crossing_form.html", {"form": form, "log": log},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def crossing_archive(request: HttpRequest, pk: int) -> HttpResponse:
    log = crossings.get_crossing_for_user(request.user, pk, for_edit=True)
    crossings.do_archive_crossing(log, request.user)
    messages.success(request, _("Crossing log withdrawn (archived)."))
    return redirect("border:crossings")


@login_required
@require_http_methods(["GET", "POST"])
def crossing_import(request: HttpRequest) -> HttpResponse:
    _require_logger(request.user)
    form = CrossingImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is larger than 5 MB."))
        else:
            try:
                count = do_import_crossings(request.user, upload.read())
            except UnicodeDecodeError:
                form.add_error("file", _("The file is not UTF-8 text (save it as CSV UTF-8)."))
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("%(count)s crossing logs imported.") % {"count": count})
                return redirect("border:crossings")
    failed = request.method == "POST" and (errors or form.errors)
    return render(request, "border/crossing_import.html", {
        "form": form, "errors": errors, "columns": ["gate", "direction", "vehicle", "product", "time_zone",
                                                    *COLUMNS, "queue_length", "note"]},
        status=400 if failed else 200)


def crossing_statistics(request: HttpRequest) -> HttpResponse:
    """Crossing times by gate, month and direction: the public sees aggregates of months with
    enough logs; agency staff see every month."""
    gates = Gate.objects.active().filter(crossing_logs__archived_at__isnull=True).distinct().select_related(
        "zone__country", "partner_zone")
    code = request.GET.get("gate", "")
    gate = get_gate(code) if code else gates.first()
    direction = request.GET.get("direction", "")
    if direction not in Direction.values:
        direction = ""
    public = not crossings.can_see_all_months(request.user)
    stats = crossings.gate_statistics(gate, public=public, direction=direction) if gate else None
    illustrative = bool(gate and CrossingLog.objects.filter(gate=gate, is_illustrative=True).exists())
    return render(request, "border/crossing_stats.html", {
        "gates": gates, "gate": gate, "stats": stats,
        "chart": crossings.statistics_chart(stats) if stats else "",
        "direction": direction, "directions": Direction.choices, "min_public": crossings.MIN_PUBLIC_LOGS,
        "illustrative": illustrative, "can_log": can_log_crossings(request.user)})
