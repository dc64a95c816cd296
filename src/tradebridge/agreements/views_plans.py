"""Pages for carrying agreements out: focal points, work plans and their activities, the
cooperation programmes, and one agreement's report as PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.agreements import edits, followup, queries, services_plans
from tradebridge.agreements.access import (
    get_agreement_for_user,
    get_plan_item_for_user,
    require_agency,
    visible_programmes,
)
from tradebridge.agreements.forms import (
    ActivityForm,
    ActivityStateForm,
    FocalPointForm,
    LabourProgrammeForm,
    TrainingProgrammeForm,
    WorkingGroupForm,
    WorkPlanForm,
)
from tradebridge.agreements.models import Activity, LabourProgramme, TrainingProgramme
from tradebridge.core.access import is_administrator, is_agency_staff
from tradebridge.core.forms import attach_errors


def run_form_action(request, agreement, form, action) -> HttpResponse:
    """Run `action` on a valid form, then back to the agreement; errors go back as a message
    naming the field. Shared by the agreement's and its plans' small forms."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            for field, errors in getattr(exc, "message_dict", {"": exc.messages}).items():
                messages.error(request, f"{field}: {' '.join(errors)}" if field else " ".join(errors))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
    return redirect("agreements:detail", agreement_id=agreement.pk)


@login_required
@require_POST
def focal_point_add(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    return run_form_action(
        request,
        agreement,
        FocalPointForm(request.POST),
        lambda d: services_plans.do_add_focal_point(agreement, actor=request.user, **d),
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
        services_plans.do_create_working_group(
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
        lambda d: services_plans.do_create_work_plan(agreement, actor=request.user, **d),
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
        lambda d: services_plans.do_add_activity(
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
        lambda d: services_plans.do_set_activity_state(activity, d["state"], actor=request.user),
    )


def plans_context(agreement, can_edit: bool) -> dict:
    """What the detail page shows about carrying the agreement out."""
    plans = [
        (plan, services_plans.plan_progress(plan), plan.activities.active().select_related("owner"))
        for plan in agreement.work_plans.active()
    ]
    return {
        "focal_points": agreement.focal_points.active().select_related("organization"),
        "working_groups": [
            (g, g.members.select_related("organization__country")) for g in agreement.working_groups.active()
        ],
        "work_plans": plans,
        "training_programmes": agreement.training_programmes.active(),
        "labour_programmes": agreement.labour_programmes.active(),
        "focal_point_form": FocalPointForm() if can_edit else None,
        "work_plan_form": WorkPlanForm() if can_edit else None,
        "working_group_form": WorkingGroupForm() if can_edit else None,
        "activity_form": ActivityForm() if can_edit else None,
        "activity_states": Activity.State.choices,
    }


def programmes(request: HttpRequest) -> HttpResponse:
    labour = visible_programmes(request.user, LabourProgramme).select_related(
        "sending_province", "receiving_province", "employer", "agreement"
    )
    training = (
        visible_programmes(request.user, TrainingProgramme)
        .select_related("organiser", "agreement")
        .prefetch_related("trainee_groups__country", "trainee_groups__agency")
    )
    can_record = is_administrator(request.user) or is_agency_staff(request.user)
    return render(
        request,
        "agreements/programmes.html",
        {"labour": labour, "training": training, "can_record": can_record},
    )


def agreement_report(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """One agreement for leaders: facts, parties, commitments, work plans' progress, history."""
    from django.template.loader import render_to_string
    from weasyprint import HTML  # loading it costs a second: only here

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
        **plans_context(agreement, can_edit=False),
    }
    pdf = HTML(string=render_to_string("agreements/agreement_pdf.html", context, request=request)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agreement-{agreement.pk}.pdf"'
    return response


def _agreement_param(request):
    raw = request.GET.get("agreement") or request.POST.get("agreement") or ""
    return get_agreement_for_user(request.user, int(raw), for_edit=True) if raw.isdigit() else None


@login_required
@require_http_methods(["GET", "POST"])
def labour_programme_new(request: HttpRequest) -> HttpResponse:
    require_agency(request.user)
    agreement = _agreement_param(request)
    form = LabourProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_plans.do_create_labour_programme(
                actor=request.user, agreement=agreement, **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Programme recorded."))
            return redirect("agreements:programmes")
    return render(
        request,
        "agreements/programme_form.html",
        {"form": form, "agreement": agreement, "heading": _("New labour programme")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def training_programme_new(request: HttpRequest) -> HttpResponse:
    require_agency(request.user)
    agreement = _agreement_param(request)
    form = TrainingProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        group = {
            "country": data.pop("trainee_country"),
            "agency": data.pop("trainee_agency"),
            "trainees": data.pop("trainees"),
            "completed": data.pop("completed"),
        }
        try:
            services_plans.do_create_training_programme(
                actor=request.user, agreement=agreement, groups=[group] if group["country"] else [], **data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Programme recorded."))
            return redirect("agreements:programmes")
    return render(
        request,
        "agreements/programme_form.html",
        {"form": form, "agreement": agreement, "heading": _("New training programme")},
        status=400 if request.method == "POST" else 200,
    )


def _back(kind: str, obj) -> HttpResponse:
    agreement = edits.agreement_of(obj)
    if edits.KINDS[kind].is_programme:
        return redirect(reverse("agreements:programmes") + f"#{kind}-{obj.pk}")
    return redirect("agreements:detail", agreement_id=agreement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = get_plan_item_for_user(request.user, kind, pk)
    form = edits.make_form(kind, obj, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services_plans.do_update_plan_item(obj, edits.cleaned_changes(kind, form), actor=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return _back(kind, obj)
    return render(
        request,
        "agreements/item_form.html",
        {"form": form, "obj": obj, "kind": kind, "agreement": edits.agreement_of(obj)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def item_archive(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = get_plan_item_for_user(request.user, kind, pk)
    services_plans.do_archive_plan_item(obj, actor=request.user)
    messages.success(request, _("Archived."))
    return _back(kind, obj)
