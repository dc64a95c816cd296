"""Work plans, focal points, working groups and cooperation programmes in the API (under
/api/agreements, where they have always been), and editing or archiving any of them as an
"item" (api_items)."""

from __future__ import annotations

from django.http import Http404
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from tradebridge.agreements.access import get_agreement_for_user
from tradebridge.cooperation import services
from tradebridge.cooperation.access import visible_programmes
from tradebridge.cooperation.api_items import router as items_router
from tradebridge.cooperation.api_schemas import (
    ActivityIn,
    ActivityOut,
    FocalPointOut,
    LabourIn,
    LabourOut,
    TrainingIn,
    TrainingOut,
    WorkingGroupIn,
    WorkingGroupOut,
    WorkPlanIn,
    WorkPlanOut,
)
from tradebridge.cooperation.models import Activity, LabourProgramme, TrainingProgramme, WorkPlan
from tradebridge.core.access import require_agency_or_admin
from tradebridge.core.api_errors import ErrorOut
from tradebridge.geo.models import Country, Province
from tradebridge.registry.models import Organization

router = Router()
router.add_router("", items_router)


def _activity(a: Activity) -> dict:
    return {
        "id": a.pk,
        "title": a.title,
        "owner": a.owner.slug if a.owner_id else None,
        "due_on": a.due_on,
        "budget": a.budget,
        "currency": a.currency,
        "state": a.state,
        "is_illustrative": a.is_illustrative,
    }


def _plan(plan: WorkPlan) -> dict:
    return {
        "id": plan.pk,
        "title": plan.title,
        "period": plan.period,
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
        "is_illustrative": plan.is_illustrative,
        "progress": services.plan_progress(plan),
        "activities": [_activity(a) for a in plan.activities.active().select_related("owner")],
    }


@router.get("/programmes/labour", response=list[LabourOut])
def labour_programmes(request):
    rows = visible_programmes(request.user, LabourProgramme).select_related(
        "sending_province", "receiving_province", "employer"
    )
    return [
        {
            "id": p.pk,
            "title": p.title,
            "agreement": p.agreement_id,
            "sending_province": p.sending_province.code,
            "receiving_province": p.receiving_province.code,
            "employer": p.employer.slug if p.employer_id else None,
            "starts_on": p.starts_on,
            "ends_on": p.ends_on,
            "workers_sent": p.workers_sent,
            "workers_qualifier": p.workers_qualifier,
            "workers_note": p.workers_note,
            "ethnic_minority_share": p.ethnic_minority_share,
            "ethnic_minority_share_qualifier": p.ethnic_minority_share_qualifier,
            "sector": p.sector,
            "conditions": p.conditions,
            "source": p.source,
            "is_illustrative": p.is_illustrative,
        }
        for p in rows
    ]


@router.get("/programmes/training", response=list[TrainingOut])
def training_programmes(request):
    rows = (
        visible_programmes(request.user, TrainingProgramme)
        .select_related("organiser")
        .prefetch_related("trainee_groups__country", "trainee_groups__agency")
    )
    return [
        {
            "id": p.pk,
            "title": p.title,
            "agreement": p.agreement_id,
            "organiser": p.organiser.slug,
            "courses": p.course_list,
            "starts_on": p.starts_on,
            "ends_on": p.ends_on,
            "trainee_groups": [
                {
                    "country": g.country.alpha3,
                    "agency": g.agency.slug if g.agency_id else None,
                    "trainees": g.trainees,
                    "completed": g.completed,
                }
                for g in p.trainee_groups.all()
            ],
            "source": p.source,
            "is_illustrative": p.is_illustrative,
        }
        for p in rows
    ]


@router.get("/{int:agreement_id}/plans", response={200: list[WorkPlanOut], 404: ErrorOut})
def work_plans(request, agreement_id: int):
    agreement = get_agreement_for_user(request.user, agreement_id)
    return [_plan(p) for p in agreement.work_plans.active()]


@router.get("/{int:agreement_id}/focal-points", response={200: list[FocalPointOut], 404: ErrorOut})
def focal_points(request, agreement_id: int):
    agreement = get_agreement_for_user(request.user, agreement_id)
    return [
        {
            "organization": f.organization.slug,
            "person": f.person,
            "role": f.role,
            "is_illustrative": f.is_illustrative,
        }
        for f in agreement.focal_points.active().select_related("organization")
    ]


@router.post(
    "/{int:agreement_id}/plans",
    response={201: WorkPlanOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def add_work_plan(request, agreement_id: int, payload: WorkPlanIn):
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    plan = services.do_create_work_plan(agreement, actor=request.user, **payload.dict())
    return Status(201, _plan(plan))


@router.post(
    "/{int:agreement_id}/plans/{int:plan_id}/activities",
    response={201: ActivityOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def add_activity(request, agreement_id: int, plan_id: int, payload: ActivityIn):
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    plan = agreement.work_plans.active().filter(pk=plan_id).first()
    if plan is None:
        raise Http404(f"no work plan {plan_id} in this agreement")
    owner = None
    if payload.owner:
        owner = Organization.objects.active().filter(slug=payload.owner).first()
        if owner is None:
            raise HttpError(422, f"owner: no organisation {payload.owner!r} in the registry")
    data = payload.dict(exclude={"owner"})
    activity = services.do_add_activity(plan, actor=request.user, owner=owner, **data)
    return Status(201, _activity(activity))


def _organization(slug: str | None, field: str) -> Organization | None:
    if not slug:
        return None
    organization = Organization.objects.active().filter(slug=slug).first()
    if organization is None:
        raise HttpError(422, f"{field}: no organisation {slug!r} in the registry")
    return organization


def _province(code: str, field: str) -> Province:
    province = Province.objects.filter(code=code).first()
    if province is None:
        raise HttpError(422, f"{field}: unknown province code {code!r}")
    return province


def _linked_agreement(request, agreement_id: int | None):
    return get_agreement_for_user(request.user, agreement_id, for_edit=True) if agreement_id else None


@router.post(
    "/programmes/labour",
    response={201: LabourOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def add_labour_programme(request, payload: LabourIn):
    require_agency_or_admin(request.user)
    data = payload.dict(exclude={"agreement", "sending_province", "receiving_province", "employer"})
    programme = services.do_create_labour_programme(
        actor=request.user,
        agreement=_linked_agreement(request, payload.agreement),
        sending_province=_province(payload.sending_province, "sending_province"),
        receiving_province=_province(payload.receiving_province, "receiving_province"),
        employer=_organization(payload.employer, "employer"),
        **data,
    )
    return Status(201, next(p for p in labour_programmes(request) if p["id"] == programme.pk))


@router.post(
    "/programmes/training",
    response={201: TrainingOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def add_training_programme(request, payload: TrainingIn):
    require_agency_or_admin(request.user)
    groups = []
    for index, group in enumerate(payload.trainee_groups):
        country = Country.objects.filter(alpha3=group.country.upper()).first()
        if country is None:
            raise HttpError(
                422, f"trainee_groups.{index}.country: unknown ISO alpha-3 code {group.country!r}"
            )
        groups.append(
            {
                "country": country,
                "agency": _organization(group.agency, f"trainee_groups.{index}.agency"),
                "trainees": group.trainees,
                "completed": group.completed,
            }
        )
    programme = services.do_create_training_programme(
        actor=request.user,
        title=payload.title,
        agreement=_linked_agreement(request, payload.agreement),
        organiser=_organization(payload.organiser, "organiser"),
        courses="\n".join(payload.courses),
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        source=payload.source,
        groups=groups,
    )
    return Status(201, next(p for p in training_programmes(request) if p["id"] == programme.pk))


def _group(group) -> dict:
    return {
        "id": group.pk,
        "name": group.name,
        "established_on": group.established_on,
        "is_illustrative": group.is_illustrative,
        "members": [
            {
                "organization": m.organization.slug,
                "country": m.organization.country.alpha3,
                "person": m.person,
                "role": m.role,
            }
            for m in group.members.select_related("organization__country")
        ],
    }


@router.get("/{int:agreement_id}/working-groups", response={200: list[WorkingGroupOut], 404: ErrorOut})
def working_groups(request, agreement_id: int):
    agreement = get_agreement_for_user(request.user, agreement_id)
    return [_group(g) for g in agreement.working_groups.active()]


@router.post(
    "/{int:agreement_id}/working-groups",
    response={201: WorkingGroupOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def add_working_group(request, agreement_id: int, payload: WorkingGroupIn):
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    members = [
        (_organization(m.organization, f"members.{i}.organization"), m.person, m.role)
        for i, m in enumerate(payload.members)
    ]
    group = services.do_create_working_group(
        agreement,
        actor=request.user,
        name=payload.name,
        established_on=payload.established_on,
        members=members,
    )
    return Status(201, _group(group))
