"""Work plans, focal points, documents and cooperation programmes in the API (mounted on the
agreements router, so under /api/agreements as well)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import django_auth
from pydantic import Field

from tradebridge.agreements import services, services_plans
from tradebridge.agreements.access import get_agreement_for_user, require_agency, visible_programmes
from tradebridge.agreements.models import Activity, LabourProgramme, TrainingProgramme, WorkPlan
from tradebridge.geo.models import Country, Province
from tradebridge.registry.models import Organization

router = Router()


class ErrorOut(Schema):
    message: str


class ActivityOut(Schema):
    id: int
    title: str
    owner: str | None
    due_on: dt.date | None
    budget: Decimal | None
    currency: str
    state: str
    is_illustrative: bool


class WorkPlanOut(Schema):
    id: int
    title: str
    period: str
    starts_on: dt.date
    ends_on: dt.date
    is_illustrative: bool
    progress: dict[str, int]
    activities: list[ActivityOut]


class FocalPointOut(Schema):
    organization: str
    person: str
    role: str
    is_illustrative: bool


class WorkPlanIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    period: WorkPlan.Period
    starts_on: dt.date
    ends_on: dt.date


class ActivityIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    owner: str | None = None
    due_on: dt.date | None = None
    budget: Decimal | None = Field(None, max_digits=18, decimal_places=2)
    currency: str = Field("", max_length=3)
    state: Activity.State = Activity.State.PLANNED


class LabourOut(Schema):
    id: int
    title: str
    agreement: int | None
    sending_province: str
    receiving_province: str
    employer: str | None
    starts_on: dt.date
    ends_on: dt.date | None
    workers_sent: int | None
    workers_qualifier: str
    workers_note: str
    ethnic_minority_share: Decimal | None
    ethnic_minority_share_qualifier: str
    sector: str
    conditions: str
    source: str
    is_illustrative: bool


class TraineeGroupOut(Schema):
    country: str
    agency: str | None
    trainees: int | None
    completed: int | None


class TrainingOut(Schema):
    id: int
    title: str
    agreement: int | None
    organiser: str
    courses: list[str]
    starts_on: dt.date | None
    ends_on: dt.date | None
    trainee_groups: list[TraineeGroupOut]
    source: str
    is_illustrative: bool


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
        "progress": services_plans.plan_progress(plan),
        "activities": [_activity(a) for a in plan.activities.active().select_related("owner")],
    }


def _error(exc: ValidationError) -> HttpError:
    if hasattr(exc, "message_dict"):
        return HttpError(422, "; ".join(f"{f}: {' '.join(m)}" for f, m in exc.message_dict.items()))
    return HttpError(422, " ".join(exc.messages))


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
    try:
        plan = services_plans.do_create_work_plan(agreement, actor=request.user, **payload.dict())
    except ValidationError as exc:
        raise _error(exc) from None
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
    try:
        activity = services_plans.do_add_activity(plan, actor=request.user, owner=owner, **data)
    except ValidationError as exc:
        raise _error(exc) from None
    return Status(201, _activity(activity))


class DocumentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    url: str


@router.post(
    "/{int:agreement_id}/documents",
    response={201: DocumentOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def upload_document(request, agreement_id: int, file: File[UploadedFile], title: Form[str] = ""):
    """A signed paper or scan: PDF, JPEG or PNG, checked by content and size."""
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    try:
        document = services.do_attach_document(agreement, file, actor=request.user, title=title[:200])
    except ValidationError as exc:
        raise _error(exc) from None
    return Status(
        201,
        {
            "id": document.pk,
            "name": document.original_name,
            "content_type": document.content_type,
            "size": document.size,
            "url": f"/agreements/{agreement.pk}/documents/{document.pk}/",
        },
    )


class LabourIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    agreement: int | None = None
    sending_province: str
    receiving_province: str
    employer: str | None = None
    starts_on: dt.date
    ends_on: dt.date | None = None
    workers_sent: int | None = Field(None, ge=0)
    workers_note: str = Field("", max_length=200)
    ethnic_minority_share: Decimal | None = Field(None, max_digits=5, decimal_places=1)
    sector: str = Field("", max_length=200)
    conditions: str = ""
    source: str = Field("", max_length=300)


class TraineeGroupIn(Schema):
    country: str
    agency: str | None = None
    trainees: int | None = Field(None, ge=0)
    completed: int | None = Field(None, ge=0)


class TrainingIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    agreement: int | None = None
    organiser: str
    courses: list[str] = []
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    source: str = Field("", max_length=300)
    trainee_groups: list[TraineeGroupIn] = []


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
    require_agency(request.user)
    data = payload.dict(exclude={"agreement", "sending_province", "receiving_province", "employer"})
    try:
        programme = services_plans.do_create_labour_programme(
            actor=request.user,
            agreement=_linked_agreement(request, payload.agreement),
            sending_province=_province(payload.sending_province, "sending_province"),
            receiving_province=_province(payload.receiving_province, "receiving_province"),
            employer=_organization(payload.employer, "employer"),
            **data,
        )
    except ValidationError as exc:
        raise _error(exc) from None
    return Status(201, next(p for p in labour_programmes(request) if p["id"] == programme.pk))


@router.post(
    "/programmes/training",
    response={201: TrainingOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def add_training_programme(request, payload: TrainingIn):
    require_agency(request.user)
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
    try:
        programme = services_plans.do_create_training_programme(
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
    except ValidationError as exc:
        raise _error(exc) from None
    return Status(201, next(p for p in training_programmes(request) if p["id"] == programme.pk))


class MemberIn(Schema):
    organization: str
    person: str = Field("", max_length=200)
    role: str = "member"


class WorkingGroupIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    established_on: dt.date | None = None
    members: list[MemberIn] = Field(..., min_length=2)


class MemberOut(Schema):
    organization: str
    country: str
    person: str
    role: str


class WorkingGroupOut(Schema):
    id: int
    name: str
    established_on: dt.date | None
    is_illustrative: bool
    members: list[MemberOut]


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
    try:
        group = services_plans.do_create_working_group(
            agreement,
            actor=request.user,
            name=payload.name,
            established_on=payload.established_on,
            members=members,
        )
    except ValidationError as exc:
        raise _error(exc) from None
    return Status(201, _group(group))
