"""Pilots and their milestones in the API (/api/chains/pilots…): read by whoever sees the pilot,
written by agency staff of the parties (chains.access)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from tradebridge.agreements.models import Agreement
from tradebridge.chains import pilots as services
from tradebridge.chains.access import can_edit_chain, get_pilot_for_user, visible_chains, visible_pilots
from tradebridge.chains.models import Milestone, Pilot
from tradebridge.core.access import require_agency_or_admin
from tradebridge.core.api_errors import ErrorOut, InvalidOut
from tradebridge.geo.models import Country, Province, Zone
from tradebridge.registry.models import Organization

router = Router()


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: dt.date | None
    done_on: dt.date | None
    state: str
    note: str
    is_illustrative: bool


class PilotOut(Schema):
    slug: str
    kind: str
    names: dict[str, str]
    chain: str | None
    zone: dict | None
    agreement: int | None
    hs_codes: list[str]
    members: list[str]
    state: str
    description: str
    source: str
    is_illustrative: bool
    milestones: list[MilestoneOut]


class NewZoneIn(Schema):
    name_en: str
    name_vi: str = ""
    name_lo: str = ""
    name_zh_hans: str = ""
    country: str
    province: str
    latitude: float
    longitude: float


class PilotIn(Schema):
    slug: str | None = None
    kind: str | None = None
    name_en: str | None = None
    name_vi: str | None = None
    name_lo: str | None = None
    name_zh_hans: str | None = None
    chain: str | None = None
    zone: str | None = None
    new_zone: NewZoneIn | None = None
    agreement: int | None = None
    hs_codes: list[str] | None = None
    members: list[str] | None = None
    state: str | None = None
    description: str | None = None
    source: str | None = None
    is_illustrative: bool | None = None


class MilestoneIn(Schema):
    title: str | None = None
    due_on: dt.date | None = None
    done_on: dt.date | None = None
    state: str | None = None
    note: str | None = None


def _zone(zone: Zone | None) -> dict | None:
    if zone is None:
        return None
    return {
        "code": zone.code,
        "kind": zone.kind,
        "name": zone.name,
        "country": zone.country.alpha3,
        "latitude": float(zone.latitude),
        "longitude": float(zone.longitude),
    }


def _milestone(m: Milestone) -> dict:
    return {
        "id": m.pk,
        "title": m.title,
        "due_on": m.due_on,
        "done_on": m.done_on,
        "state": m.state,
        "note": m.note,
        "is_illustrative": m.is_illustrative,
    }


def _pilot(p: Pilot) -> dict:
    return {
        "slug": p.slug,
        "kind": p.kind,
        "names": {"vi": p.name_vi, "lo": p.name_lo, "zh-hans": p.name_zh_hans, "en": p.name_en},
        "chain": p.chain.slug if p.chain_id else None,
        "zone": _zone(p.zone),
        "agreement": p.agreement_id,
        "hs_codes": list(p.hs_codes),
        "members": [o.slug for o in p.members.all()],
        "state": p.state,
        "description": p.description,
        "source": p.source,
        "is_illustrative": p.is_illustrative,
        "milestones": [_milestone(m) for m in p.milestones.all() if m.archived_at is None],
    }


def _queryset(user):
    return (
        visible_pilots(user)
        .select_related("chain", "zone__country")
        .prefetch_related("members", "milestones")
    )


@router.get("/pilots", response=list[PilotOut])
def list_pilots(request, chain: str = ""):
    rows = _queryset(request.user)
    if chain:
        rows = rows.filter(chain__slug=chain)
    return [_pilot(p) for p in rows]


@router.get("/pilots/{slug}", response={200: PilotOut, 404: ErrorOut})
def get_pilot(request, slug: str):
    get_pilot_for_user(request.user, slug)
    return _pilot(_queryset(request.user).get(slug=slug))


def _fields(request, payload: PilotIn) -> tuple[dict, list | None]:
    """The payload in the service's terms: slugs, codes and ids resolved (422 naming the field)."""
    data = payload.dict(exclude_unset=True)
    data.pop("new_zone", None)
    members = None
    if "chain" in data:
        slug = data["chain"]
        data["chain"] = visible_chains(request.user).filter(slug=slug).first() if slug else None
        if slug and data["chain"] is None:
            raise HttpError(422, f"chain: no chain {slug!r}")
        if data["chain"] is not None and not can_edit_chain(request.user, data["chain"]):
            raise PermissionDenied("agency staff of the chain's parties only")
    if "zone" in data:
        code = data["zone"]
        data["zone"] = Zone.objects.filter(code=code).first() if code else None
        if code and data["zone"] is None:
            raise HttpError(422, f"zone: no zone {code!r}")
    if "agreement" in data:
        pk = data["agreement"]
        data["agreement"] = Agreement.objects.active().filter(pk=pk).first() if pk else None
        if pk and data["agreement"] is None:
            raise HttpError(422, f"agreement: no agreement {pk}")
    if "members" in data:
        slugs = data.pop("members") or []
        found = {o.slug: o for o in Organization.objects.active().filter(slug__in=slugs)}
        missing = [s for s in slugs if s not in found]
        if missing:
            raise HttpError(422, f"members: no organisation {', '.join(missing)} in the registry")
        members = [found[s] for s in slugs]
    for key in ("name_vi", "name_lo", "name_zh_hans", "description", "source"):
        if key in data and data[key] is None:
            data[key] = ""
    return data, members


def _new_zone(request, payload: PilotIn) -> Zone | None:
    if payload.new_zone is None:
        return None
    z = payload.new_zone
    country = Country.objects.filter(alpha3=z.country.upper()).first()
    province = Province.objects.filter(code=z.province).first()
    if country is None or province is None:
        raise HttpError(
            422,
            f"new_zone: unknown {'country ' + z.country if country is None else 'province ' + z.province}",
        )
    return services.do_create_planned_zone(
        actor=request.user,
        name_en=z.name_en,
        name_vi=z.name_vi,
        name_lo=z.name_lo,
        name_zh_hans=z.name_zh_hans,
        country=country,
        province=province,
        latitude=z.latitude,
        longitude=z.longitude,
    )


@router.post(
    "/pilots", response={201: PilotOut, 401: ErrorOut, 403: ErrorOut, 422: InvalidOut}, auth=django_auth
)
def create_pilot(request, payload: PilotIn):
    require_agency_or_admin(request.user)
    fields, members = _fields(request, payload)
    with transaction.atomic():
        zone = _new_zone(request, payload)
        if zone is not None:
            fields["zone"] = zone
        pilot = services.do_save_pilot(None, actor=request.user, members=members, **fields)
    return Status(201, _pilot(_queryset(request.user).get(pk=pilot.pk)))


@router.patch(
    "/pilots/{slug}",
    response={200: PilotOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut},
    auth=django_auth,
)
def update_pilot(request, slug: str, payload: PilotIn):
    pilot = get_pilot_for_user(request.user, slug, for_edit=True)
    fields, members = _fields(request, payload)
    with transaction.atomic():
        zone = _new_zone(request, payload)
        if zone is not None:
            fields["zone"] = zone
        services.do_save_pilot(pilot, actor=request.user, members=members, **fields)
    return _pilot(_queryset(request.user).get(pk=pilot.pk))


@router.get("/pilots/{slug}/milestones", response={200: list[MilestoneOut], 404: ErrorOut})
def list_milestones(request, slug: str):
    pilot = get_pilot_for_user(request.user, slug)
    return [_milestone(m) for m in pilot.milestones.active()]


@router.post(
    "/pilots/{slug}/milestones",
    response={201: MilestoneOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut},
    auth=django_auth,
)
def add_milestone(request, slug: str, payload: MilestoneIn):
    pilot = get_pilot_for_user(request.user, slug, for_edit=True)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    milestone = services.do_add_milestone(pilot, actor=request.user, title=data.pop("title", ""), **data)
    return Status(201, _milestone(milestone))


@router.patch(
    "/pilots/{slug}/milestones/{int:milestone_id}",
    response={200: MilestoneOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut},
    auth=django_auth,
)
def update_milestone(request, slug: str, milestone_id: int, payload: MilestoneIn):
    pilot = get_pilot_for_user(request.user, slug, for_edit=True)
    milestone = pilot.milestones.active().filter(pk=milestone_id).first()
    if milestone is None:
        raise Http404(f"no milestone {milestone_id} in this pilot")
    data = payload.dict(exclude_unset=True)
    if "note" in data and data["note"] is None:
        data["note"] = ""
    return _milestone(services.do_update_milestone(milestone, actor=request.user, **data))
