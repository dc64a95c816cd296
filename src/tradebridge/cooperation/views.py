"""Pages for carrying agreements out: focal points, working groups, work plans and their
activities (small forms on the agreement's page), the cooperation programmes, and the edit and
archive pages of each of these records."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.agreements.access import get_agreement_for_user
from tradebridge.agreements.form_actions import run_form_action
from tradebridge.cooperation import edits, services
from tradebridge.cooperation.access import get_item_for_user, visible_programmes
from tradebridge.cooperation.forms import (
    ActivityForm,
    ActivityStateForm,
    FocalPointForm,
    LabourProgrammeForm,
    TrainingProgrammeForm,
    WorkingGroupForm,
    WorkPlanForm,
)
from tradebridge.cooperation.models import LabourProgramme, TrainingProgramme
from tradebridge.core.access import is_agency_or_admin, require_agency_or_admin
from tradebridge.core.forms import attach_errors


@login_required
@require_POST
def focal_point_add(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    return run_form_action(
        request,
        agreement,
        FocalPointForm(request.POST),
        lambda d: services.do_add_focal_point(agreement, actor=request.user, **d),
    )


@login_required
@require_POST
def working_group_add(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)

    def create(data):
        members = [(data["chair_one"], "", "co_chair"), (data["chair_two"], "", "co_chair")]
        members += [
            (o, "", "member") for o in data["members"] if o not in (data["chair_one"], data["chair_two"])
        ]
        services.do_create_working_group(
            agreement,
            actor=request.user,
            name=data["name"],
            established_on=data["established_on"],
            members=members,
        )

    return run_form_action(request, agreement, WorkingGroupForm(request.POST), create)


@login_required
@require_POST
def work_plan_add(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    return run_form_action(
        request,
        agreement,
        WorkPlanForm(request.POST),
        lambda d: services.do_create_work_plan(agreement, actor=request.user, **d),
    )


def _plan(agreement, plan_id: int):
    plan = agreement.work_plans.active().filter(pk=plan_id).first()
    if plan is None:
        raise Http404("no such work plan")
    return plan


@login_required
@require_POST
def activity_add(request: HttpRequest, agreement_id: int, plan_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    plan = _plan(agreement, plan_id)
    return run_form_action(
        request,
        agreement,
        ActivityForm(request.POST),
        lambda d: services.do_add_activity(
            plan, actor=request.user, **{**d, "currency": d["currency"] or ""}
        ),
    )


@login_required
@require_POST
def activity_state(request: HttpRequest, agreement_id: int, plan_id: int, activity_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    activity = _plan(agreement, plan_id).activities.active().filter(pk=activity_id).first()
    if activity is None:
        raise Http404("no such activity")
    return run_form_action(
        request,
        agreement,
        ActivityStateForm(request.POST),
        lambda d: services.do_set_activity_state(activity, d["state"], actor=request.user),
    )


def programmes(request: HttpRequest) -> HttpResponse:
    labour = visible_programmes(request.user, LabourProgramme).select_related(
        "sending_province", "receiving_province", "employer", "agreement"
    )
    training = (
        visible_programmes(request.user, TrainingProgramme)
        .select_related("organiser", "agreement")
        .prefetch_related("trainee_groups__country", "trainee_groups__agency")
    )
    can_record = is_agency_or_admin(request.user)
    return render(
        request,
        "cooperation/programmes.html",
        {"labour": labour, "training": training, "can_record": can_record},
    )


def _agreement_param(request):
    raw = request.GET.get("agreement") or request.POST.get("agreement") or ""
    return get_agreement_for_user(request.user, int(raw), for_edit=True) if raw.isdigit() else None


@login_required
@require_http_methods(["GET", "POST"])
def labour_programme_new(request: HttpRequest) -> HttpResponse:
    require_agency_or_admin(request.user)
    agreement = _agreement_param(request)
    form = LabourProgrammeForm(request.POST or None)

    def create(data: dict) -> None:
        services.do_create_labour_programme(actor=request.user, agreement=agreement, **data)

    return _programme_page(request, form, agreement, _("New labour programme"), create)


@login_required
@require_http_methods(["GET", "POST"])
def training_programme_new(request: HttpRequest) -> HttpResponse:
    require_agency_or_admin(request.user)
    agreement = _agreement_param(request)
    form = TrainingProgrammeForm(request.POST or None)

    def create(data: dict) -> None:
        group = {key: data.pop(field) for key, field in (
            ("country", "trainee_country"), ("agency", "trainee_agency"),
            ("trainees", "trainees"), ("completed", "completed"))}
        services.do_create_training_programme(
            actor=request.user, agreement=agreement, groups=[group] if group["country"] else [], **data
        )

    return _programme_page(request, form, agreement, _("New training programme"), create)


def _programme_page(request: HttpRequest, form, agreement, heading: str, create) -> HttpResponse:
    """The new-programme form: `create` gets the cleaned data; a refusal shows on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            create(dict(form.cleaned_data))
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Programme recorded."))
            return redirect("cooperation:programmes")
    return render(
        request,
        "cooperation/programme_form.html",
        {"form": form, "agreement": agreement, "heading": heading},
        status=400 if request.method == "POST" else 200,
    )


def _back(kind: str, obj) -> HttpResponse:
    agreement = edits.agreement_of(obj)
    if edits.KINDS[kind].is_programme:
        return redirect(reverse("cooperation:programmes") + f"#{kind}-{obj.pk}")
    return redirect("agreements:detail", agreement_id=agreement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = get_item_for_user(request.user, kind, pk)
    form = edits.make_form(kind, obj, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_update_item(obj, edits.cleaned_changes(form), actor=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return _back(kind, obj)
    return render(
        request,
        "cooperation/item_form.html",
        {"form": form, "obj": obj, "kind": kind, "agreement": edits.agreement_of(obj)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def item_archive(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = get_item_for_user(request.user, kind, pk)
    services.do_archive_item(obj, actor=request.user)
    messages.success(request, _("Archived."))
    return _back(kind, obj)
