"""Staff forms of a gate (the gate, crossings, hours, exceptions, goods permitted, advisories) and
the logistics service form (staff and the organisation's own members). Thin: parse, check
access, call the service, show its refusal on the form with nothing changed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.border import gates
from tradebridge.border.access import get_gate, require_border_staff
from tradebridge.border.gate_forms import (
    AdvisoryForm,
    CrossingForm,
    EndAdvisoryForm,
    ExceptionForm,
    GateForm,
    GoodsForm,
    HoursForm,
    LogisticsForm,
)
from tradebridge.border.gate_logistics import (
    do_save_logistics_service,
    editable_organizations,
    get_service_for_edit,
)
from tradebridge.border.models import Gate
from tradebridge.core.forms import attach_errors


def _form_page(request, form, *, title: str, gate: Gate | None = None, back: str = ""):
    """The form again: 422 when it holds errors, so that clients and tests see the refusal."""
    context = {"form": form, "title": title, "gate": gate, "back": back or reverse("border:index")}
    return render(request, "border/gate_form.html", context, status=422 if form.errors else 200)


def _run(form, call):
    """The service's result, or None with its refusal on the form."""
    if not form.is_valid():
        return None
    try:
        return call(form.cleaned_data)
    except ValidationError as exc:
        attach_errors(form, exc)
        return None


def _gate_url(gate: Gate) -> str:
    return reverse("border:gate", args=[gate.zone.code])


def _staff_gate(request, code: str) -> Gate:
    require_border_staff(request.user)
    return get_gate(code)


@login_required
@require_http_methods(["GET", "POST"])
def gate_new(request: HttpRequest) -> HttpResponse:
    require_border_staff(request.user)
    form = GateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        gate = _run(
            form,
            lambda d: gates.do_save_gate(
                None, actor=request.user, authorities=list(d["authorities"]), **form.gate_fields()
            ),
        )
        if gate is not None:
            return redirect(_gate_url(gate))
    return _form_page(request, form, title=_("New border gate"))


@login_required
@require_http_methods(["GET", "POST"])
def gate_edit(request: HttpRequest, code: str) -> HttpResponse:
    gate = _staff_gate(request, code)
    initial = {name: getattr(gate, name) for name in GateForm.base_fields if name != "authorities"}
    initial.update(
        zone=gate.zone.code,
        partner_zone=gate.partner_zone.code if gate.partner_zone else "",
        authorities=[a.slug for a in gate.authorities.all()],
    )
    form = GateForm(request.POST if request.method == "POST" else None, initial=initial)
    form.fields["zone"].disabled = True
    if request.method == "POST":

        def save(data):
            fields = form.gate_fields()
            fields.pop("zone")
            return gates.do_save_gate(
                gate, actor=request.user, authorities=list(data["authorities"]), **fields
            )

        if _run(form, save) is not None:
            messages.success(request, _("The gate is saved."))
            return redirect(_gate_url(gate))
    return _form_page(
        request,
        form,
        title=_("Edit the gate"),
        gate=gate,
        back=_gate_url(gate),
    )


@login_required
@require_http_methods(["GET", "POST"])
def crossing_add(request: HttpRequest, code: str) -> HttpResponse:
    gate = _staff_gate(request, code)
    form = CrossingForm(
        request.POST if request.method == "POST" else None, initial={"freight": True, "passengers": True}
    )
    if request.method == "POST" and _run(
        form, lambda d: gates.do_add_crossing(gate, actor=request.user, **d)
    ):
        return redirect(_gate_url(gate))
    return _form_page(
        request,
        form,
        title=_("Add a crossing"),
        gate=gate,
        back=_gate_url(gate),
    )


@login_required
@require_http_methods(["GET", "POST"])
def crossing_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    gate = _staff_gate(request, code)
    crossing = gate.crossings.active().filter(pk=pk).first()
    if crossing is None:
        raise Http404(f"no crossing {pk} at this gate")
    form = CrossingForm(
        request.POST if request.method == "POST" else None, initial=CrossingForm.initial_for(crossing)
    )
    if request.method == "POST" and _run(
        form, lambda d: gates.do_update_crossing(crossing, actor=request.user, **d)
    ):
        return redirect(_gate_url(gate))
    return _form_page(
        request,
        form,
        title=_("Edit the crossing"),
        gate=gate,
        back=_gate_url(gate),
    )


@login_required
@require_http_methods(["GET", "POST"])
def hours_edit(request: HttpRequest, code: str) -> HttpResponse:
    gate = _staff_gate(request, code)
    crossing = gate.crossings.active().filter(pk=request.GET.get("crossing") or 0).first()
    form = HoursForm(
        request.POST if request.method == "POST" else None,
        gate=gate,
        initial=HoursForm.initial_for(gate, crossing),
    )
    if request.method == "POST":

        def save(data):
            return gates.do_set_opening_hours(
                gate,
                actor=request.user,
                hours=data["hours"],
                crossing=data.get("crossing"),
                is_illustrative=data["is_illustrative"],
            )

        if _run(form, save) is not None:
            messages.success(request, _("The opening hours are saved."))
            return redirect(_gate_url(gate))
    return _form_page(
        request,
        form,
        title=_("Opening hours"),
        gate=gate,
        back=_gate_url(gate),
    )


@login_required
@require_http_methods(["GET", "POST"])
def exception_add(request: HttpRequest, code: str) -> HttpResponse:
    gate = _staff_gate(request, code)
    form = ExceptionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and _run(
        form, lambda d: gates.do_add_opening_exception(gate, actor=request.user, **d)
    ):
        return redirect(_gate_url(gate))
    return _form_page(
        request,
        form,
        title=_("Add a day off or other hours"),
        gate=gate,
        back=_gate_url(gate),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goods_add(request: HttpRequest, code: str) -> HttpResponse:
    gate = _staff_gate(request, code)
    form = GoodsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and _run(
        form, lambda d: gates.do_add_permitted_goods(gate, actor=request.user, **d)
    ):
        return redirect(_gate_url(gate))
    return _form_page(
        request,
        form,
        title=_("Add goods permitted"),
        gate=gate,
        back=_gate_url(gate),
    )


@login_required
@require_POST
def goods_archive(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    gate = _staff_gate(request, code)
    goods = gate.permitted_goods.active().filter(pk=pk).first()
    if goods is None:
        raise Http404(f"no goods {pk} at this gate")
    gates.do_archive_permitted_goods(goods, actor=request.user)
    return redirect(_gate_url(gate))


@login_required
@require_http_methods(["GET", "POST"])
def advisory_add(request: HttpRequest, code: str) -> HttpResponse:
    gate = _staff_gate(request, code)
    form = AdvisoryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and _run(
        form, lambda d: gates.do_publish_advisory(gate, actor=request.user, **d)
    ):
        messages.success(request, _("The advisory is published."))
        return redirect(_gate_url(gate))
    return _form_page(
        request,
        form,
        title=_("Publish an advisory"),
        gate=gate,
        back=_gate_url(gate),
    )


@login_required
@require_http_methods(["GET", "POST"])
def advisory_end(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    gate = _staff_gate(request, code)
    advisory = gate.advisories.active().filter(pk=pk).first()
    if advisory is None:
        raise Http404(f"no advisory {pk} at this gate")
    form = EndAdvisoryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and _run(
        form, lambda d: gates.do_end_advisory(advisory, actor=request.user, on=d.get("ends_on"))
    ):
        messages.success(request, _("The advisory is ended."))
        return redirect(_gate_url(gate))
    return _form_page(
        request,
        form,
        title=_("End the advisory: %(title)s") % {"title": advisory.title},
        gate=gate,
        back=_gate_url(gate),
    )


@login_required
@require_http_methods(["GET", "POST"])
def logistics_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    service = get_service_for_edit(request.user, pk) if pk else None
    organizations = editable_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied("staff and members of an organisation only")
    initial = {}
    if service is not None:
        initial = {
            "organization": service.organization.slug,
            "kind": service.kind,
            "description": service.description,
            "gates": list(service.gates.all()),
            "is_illustrative": service.is_illustrative,
        }
    form = LogisticsForm(
        request.POST if request.method == "POST" else None, organizations=organizations, initial=initial
    )
    if request.method == "POST":

        def save(data):
            return do_save_logistics_service(service, actor=request.user, **data)

        if _run(form, save) is not None:
            return redirect(reverse("border:logistics"))
    title = _("Edit the logistics service") if service else _("Add a logistics service")
    return _form_page(request, form, title=title, back=reverse("border:logistics"))
