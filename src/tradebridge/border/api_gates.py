"""Gates, corridors and logistics services in the API (/api/border/…): read by everyone; gates
and advisories written by agency staff and administrators (403 for others, 404 for an unknown
gate, 422 naming the field for bad input, nothing changed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.http import Http404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from tradebridge.border import gates as services
from tradebridge.border.access import get_gate, require_border_staff
from tradebridge.border.gate_corridors import corridor_totals
from tradebridge.border.gate_logistics import search_services
from tradebridge.border.models import Advisory, Corridor, Gate, LogisticsService
from tradebridge.core.api_errors import ErrorOut, InvalidOut
from tradebridge.geo.models import Zone
from tradebridge.registry.models import Organization

router = Router()


class AdvisoryOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    starts_on: dt.date
    ends_on: dt.date | None
    source: str
    source_url: str
    in_force: bool
    is_illustrative: bool


class GateOut(Schema):
    code: str
    name: str
    own_side: str
    partner_side: str
    country: str
    partner_country: str
    level: str
    status: str
    usual_status: str
    open_now: bool | None
    next_change: dt.datetime | None
    time_zone: str
    latitude: float
    longitude: float
    is_illustrative: bool


class GateDetailOut(GateOut):
    lanes: int | None
    description: str
    source: str
    authorities: list[str]
    crossings: list[dict]
    hours: list[dict]
    exceptions: list[dict]
    goods: list[dict]
    advisories: list[AdvisoryOut]


class CorridorOut(Schema):
    slug: str
    name: str
    is_illustrative: bool
    source: str
    gates: list[str]
    nodes: list[dict]
    segments: list[dict]
    totals: list[dict]


class ServiceOut(Schema):
    id: int
    organization: str
    organization_name: str
    kind: str
    gates: list[str]
    description: str
    is_illustrative: bool


class GateIn(Schema):
    zone: str | None = None
    partner_zone: str | None = None
    level: str | None = None
    status: str | None = None
    lanes: int | None = None
    truck_hour_cost_usd: Decimal | None = None
    description: str | None = None
    source: str | None = None
    is_illustrative: bool | None = None
    authorities: list[str] | None = None


class AdvisoryIn(Schema):
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    body: str = ""
    source: str = ""
    source_url: str = ""
    is_illustrative: bool = False


class AdvisoryPatch(Schema):
    ends_on: dt.date | None = None


def _gate(gate: Gate) -> dict:
    summary = services.gate_summary(gate)
    keys = (
        "code",
        "name",
        "own_side",
        "partner_side",
        "country",
        "partner_country",
        "level",
        "status",
        "usual_status",
        "open_now",
        "next_change",
        "time_zone",
        "is_illustrative",
    )
    out = {key: summary[key] for key in keys}
    out.update(latitude=float(gate.zone.latitude), longitude=float(gate.zone.longitude))
    return out


def _advisory(a: Advisory, in_force: set[int]) -> dict:
    return {
        "id": a.pk,
        "kind": a.kind,
        "title": a.title,
        "body": a.body,
        "starts_on": a.starts_on,
        "ends_on": a.ends_on,
        "source": a.source,
        "source_url": a.source_url,
        "in_force": a.pk in in_force,
        "is_illustrative": a.is_illustrative,
    }


def _gate_detail(gate: Gate) -> dict:
    out = _gate(gate)
    in_force = set(services.advisories_in_force(gate).values_list("pk", flat=True))
    out.update(
        lanes=gate.lanes,
        description=gate.description,
        source=gate.source,
        authorities=[o.slug for o in gate.authorities.all()],
        crossings=[
            {
                "id": c.pk,
                "name": c.name,
                "mode": c.mode,
                "lanes": c.lanes,
                "freight": c.freight,
                "passengers": c.passengers,
                "source": c.source,
                "is_illustrative": c.is_illustrative,
            }
            for c in gate.crossings.active()
        ],
        hours=[
            {
                "weekday": h.weekday,
                "opens": h.opens.strftime("%H:%M"),
                "closes": h.closes.strftime("%H:%M"),
                "crossing": h.crossing_id,
                "is_illustrative": h.is_illustrative,
            }
            for h in gate.opening_hours.all()
        ],
        exceptions=[
            {
                "starts_on": e.starts_on,
                "ends_on": e.ends_on,
                "closed": e.closed,
                "reason": e.reason,
                "opens": e.opens.strftime("%H:%M") if e.opens else None,
                "closes": e.closes.strftime("%H:%M") if e.closes else None,
                "source": e.source,
                "is_illustrative": e.is_illustrative,
            }
            for e in gate.opening_exceptions.all()
        ],
        goods=[
            {
                "id": g.pk,
                "hs_codes": list(g.hs_codes),
                "label": g.label,
                "condition": g.condition,
                "since": g.since,
                "source": g.source,
                "is_illustrative": g.is_illustrative,
            }
            for g in gate.permitted_goods.active()
        ],
        advisories=[_advisory(a, in_force) for a in gate.advisories.active()],
    )
    return out


@router.get("/gates", response=list[GateOut])
def list_gates(request, corridor: str = "", status: str = "", country: str = "", level: str = ""):
    rows = services.filter_gates(
        services.active_gates(), corridor=corridor, country=country.upper(), status=status, level=level
    )
    return [_gate(g) for g in rows]


@router.get("/gates/{code}", response={200: GateDetailOut, 404: ErrorOut})
def gate_detail(request, code: str):
    return _gate_detail(get_gate(code))


def _gate_fields(payload: GateIn) -> tuple[dict, list | None]:
    data = payload.dict(exclude_unset=True)
    authorities = None
    for key in ("zone", "partner_zone"):
        if key in data:
            code = data[key]
            data[key] = Zone.objects.filter(code=code).first() if code else None
            if code and data[key] is None:
                raise HttpError(422, f"{key}: no zone {code!r}")
    if "authorities" in data:
        slugs = data.pop("authorities") or []
        found = {o.slug: o for o in Organization.objects.active().filter(slug__in=slugs)}
        missing = [s for s in slugs if s not in found]
        if missing:
            raise HttpError(422, f"authorities: no organisation {', '.join(missing)} in the registry")
        authorities = [found[s] for s in slugs]
    for key in ("description", "source"):
        if key in data and data[key] is None:
            data[key] = ""
    for key, choices in (("level", Gate.Level.values), ("status", Gate.Status.values)):
        if key in data and data[key] not in choices:
            raise HttpError(422, f"{key}: expected one of {', '.join(choices)}")
    return data, authorities


@router.post(
    "/gates", response={201: GateDetailOut, 401: ErrorOut, 403: ErrorOut, 422: InvalidOut}, auth=django_auth
)
def create_gate(request, payload: GateIn):
    require_border_staff(request.user)
    fields, authorities = _gate_fields(payload)
    gate = services.do_save_gate(None, actor=request.user, authorities=authorities, **fields)
    return Status(201, _gate_detail(gate))


@router.patch(
    "/gates/{code}",
    response={200: GateDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut},
    auth=django_auth,
)
def update_gate(request, code: str, payload: GateIn):
    require_border_staff(request.user)
    gate = get_gate(code)
    fields, authorities = _gate_fields(payload)
    if "zone" in fields and fields["zone"] != gate.zone:
        raise HttpError(422, "zone: a gate's zone cannot change")
    fields.pop("zone", None)
    services.do_save_gate(gate, actor=request.user, authorities=authorities, **fields)
    return _gate_detail(get_gate(code))


@router.post(
    "/gates/{code}/advisories",
    response={201: AdvisoryOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut},
    auth=django_auth,
)
def publish_advisory(request, code: str, payload: AdvisoryIn):
    require_border_staff(request.user)
    gate = get_gate(code)
    with transaction.atomic():
        advisory = services.do_publish_advisory(gate, actor=request.user, **payload.dict())
    in_force = set(services.advisories_in_force(gate).values_list("pk", flat=True))
    return Status(201, _advisory(advisory, in_force))


@router.patch(
    "/gates/{code}/advisories/{int:advisory_id}",
    response={200: AdvisoryOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut},
    auth=django_auth,
)
def end_advisory(request, code: str, advisory_id: int, payload: AdvisoryPatch):
    """Ends the advisory on `ends_on` (today when not given)."""
    require_border_staff(request.user)
    gate = get_gate(code)
    advisory = gate.advisories.active().filter(pk=advisory_id).first()
    if advisory is None:
        raise Http404(f"no advisory {advisory_id} at this gate")
    services.do_end_advisory(advisory, actor=request.user, on=payload.ends_on)
    in_force = set(services.advisories_in_force(gate).values_list("pk", flat=True))
    return _advisory(advisory, in_force)


def _corridor(c: Corridor) -> dict:
    nodes = sorted(c.nodes.all(), key=lambda n: n.position)
    segments = list(c.segments.select_related("start", "end"))
    totals = corridor_totals(segments)
    return {
        "slug": c.slug,
        "name": c.name,
        "is_illustrative": c.is_illustrative,
        "source": c.source,
        "gates": [g.zone.code for g in services.gates_on_corridor(c)],
        "nodes": [
            {
                "position": n.position,
                "kind": n.kind,
                "name": n.name,
                "gate": n.gate.zone.code if n.gate else None,
                "latitude": float(n.latitude),
                "longitude": float(n.longitude),
            }
            for n in nodes
        ],
        "segments": [
            {
                "from": s.start.position,
                "to": s.end.position,
                "mode": s.mode,
                "distance_km": s.distance_km,
                "usual_hours": s.usual_hours,
                "source": s.source,
                "is_illustrative": s.is_illustrative,
            }
            for s in segments
        ],
        "totals": [
            {
                "mode": t["mode"],
                "from": t["start"].position,
                "to": t["end"].position,
                "distance_km": t["distance_km"],
                "usual_hours": t["usual_hours"],
            }
            for t in totals
        ],
    }


def _corridors():
    return Corridor.objects.active().prefetch_related("nodes__gate__zone")


@router.get("/corridors", response=list[CorridorOut])
def list_corridors(request):
    return [_corridor(c) for c in _corridors()]


@router.get("/corridors/{slug}", response={200: CorridorOut, 404: ErrorOut})
def corridor_detail(request, slug: str):
    corridor = _corridors().filter(slug=slug).first()
    if corridor is None:
        raise Http404(f"no corridor {slug}")
    return _corridor(corridor)


@router.get("/logistics", response={200: list[ServiceOut], 404: ErrorOut, 422: ErrorOut})
def list_logistics(request, gate: str = "", kind: str = "", q: str = ""):
    if kind and kind not in LogisticsService.Kind.values:
        raise HttpError(422, f"kind: expected one of {', '.join(LogisticsService.Kind.values)}")
    rows = search_services(gate=get_gate(gate) if gate else None, kind=kind, query=q[:100])
    return [
        {
            "id": s.pk,
            "organization": s.organization.slug,
            "organization_name": s.organization.display_name,
            "kind": s.kind,
            "gates": [g.zone.code for g in s.gates.all()],
            "description": s.description,
            "is_illustrative": s.is_illustrative or s.organization.is_demo,
        }
        for s in rows
    ]
