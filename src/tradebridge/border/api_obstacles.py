"""Crossing logs and obstacles in the API (/api/border/…), with the pages' permissions:

- GET /crossings: the caller's organisation's logs (agency staff: all); POST /crossings logs one.
  Times with an offset are taken as they are; times without one are the local time of
  `time_zone` (by default the gate's own side).
- GET /crossings/statistics?gate=…: aggregates only (months with fewer than 5 logs withheld,
  except for agency staff).
- GET /obstacles: agency staff all, members their organisation's, everyone else the public
  anonymised list (`?scope=public` gives that list to anyone); GET /obstacles/{id} likewise;
  GET /obstacles/figures; POST /obstacles reports one; POST /obstacles/{id}/triage|assign|
  agenda|answer|resolve are the staff steps (403 for others who may see it, 404 for the rest).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from tradebridge.border import crossings
from tradebridge.border import obstacles as services
from tradebridge.border.access import (
    can_log_crossings,
    can_manage_border,
    get_gate,
    public_obstacles,
    require_border_staff,
    visible_crossing_logs,
    visible_obstacles,
)
from tradebridge.border.models import Crossing, CrossingLog, Gate, Obstacle
from tradebridge.core.access import is_agency_or_admin
from tradebridge.core.api_errors import ErrorOut, InvalidOut
from tradebridge.registry.models import Organization

router = Router()
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut}


class CrossingIn(Schema):
    gate: str
    crossing: int | None = None
    direction: str
    vehicle: str = CrossingLog.Vehicle.TRUCK
    product: str = ""
    time_zone: str | None = None
    arrived_at: dt.datetime
    declared_at: dt.datetime | None = None
    inspected_at: dt.datetime | None = None
    released_at: dt.datetime | None = None
    exited_at: dt.datetime | None = None
    queue_length: int | None = None
    note: str = ""


class ObstacleIn(Schema):
    gate: str | None = None
    hs_code: str = ""
    kind: str
    title: str
    description: str


class TriageIn(Schema):
    accept: bool
    note: str = ""
    is_public: bool = False


class AssignIn(Schema):
    agency: str
    response_due: dt.date | None = None
    note: str = ""


class AgendaIn(Schema):
    talks: str
    note: str = ""


class AnswerIn(Schema):
    answer: str
    note: str = ""


class ResolveIn(Schema):
    resolution: str
    note: str = ""


def _log(log: CrossingLog) -> dict[str, Any]:
    return {
        "id": log.pk, "gate": log.gate.zone.code, "crossing": log.crossing_id, "direction": log.direction,
        "vehicle": log.vehicle, "product": log.product, "organization": log.organization.slug,
        **{name: getattr(log, name) for name in crossings.STAMPS},
        "queue_length": log.queue_length, "note": log.note, "is_illustrative": log.is_illustrative,
    }


def _obstacle(obstacle: Obstacle, full: bool) -> dict[str, Any]:
    data = services.anonymised(obstacle)
    data["full"] = full
    if full:
        data.update({
            "organization": obstacle.organization.slug if obstacle.organization_id else None,
            "reported_by": obstacle.reported_by.username, "is_public": obstacle.is_public,
            "response_due": obstacle.response_due,
            "assigned_to_slug": obstacle.assigned_to.slug if obstacle.assigned_to_id else None,
            "timeline": [{"from": c.old_status, "to": c.new_status, "by": c.actor.username, "at": c.at,
                          "note": c.note} for c in obstacle.status_changes.select_related("actor")],
        })
    else:
        data["response_due"] = obstacle.response_due
    return data


@router.get("/crossings", response={200: list[dict], **ERRORS}, auth=django_auth)
def list_crossings(request, gate: str = "", limit: int = 500):
    if not (can_log_crossings(request.user) or is_agency_or_admin(request.user)):
        raise PermissionDenied("members of an enterprise or an agency only")
    rows = visible_crossing_logs(request.user).filter(archived_at__isnull=True).select_related(
        "gate__zone", "organization")
    if gate:
        rows = rows.filter(gate__zone__code=gate)
    return [_log(log) for log in rows.order_by("-arrived_at")[: max(1, min(limit, 5000))]]


def _gate_for_input(code: str) -> Gate:
    gate = Gate.objects.active().select_related("zone__country", "partner_zone").filter(
        zone__code=code).first()
    if gate is None:
        raise HttpError(422, f"gate: no gate {code!r}")
    return gate


@router.post("/crossings", response={201: dict, **ERRORS}, auth=django_auth)
def create_crossing(request, payload: CrossingIn):
    if not can_log_crossings(request.user):
        raise PermissionDenied("members of an enterprise or an agency only")
    gate = _gate_for_input(payload.gate)
    try:
        zone = ZoneInfo(payload.time_zone) if payload.time_zone else crossings.gate_zone(gate)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise HttpError(422, f"time_zone: unknown time zone {payload.time_zone!r}") from exc
    crossing = None
    if payload.crossing is not None:
        crossing = Crossing.objects.filter(pk=payload.crossing).first()
        if crossing is None:
            raise HttpError(422, f"crossing: no crossing {payload.crossing}")
    values = {"gate": gate, "crossing": crossing, "direction": payload.direction, "vehicle": payload.vehicle,
              "product": payload.product.strip(), "queue_length": payload.queue_length,
              "note": payload.note.strip()}
    for name in crossings.STAMPS:
        values[name] = crossings.as_instant(getattr(payload, name), zone)
    log = crossings.do_log_crossing(request.user, **values)
    return Status(201, _log(log))


@router.get("/crossings/statistics", response={200: dict, 404: ErrorOut})
def crossing_statistics(request, gate: str, direction: str = ""):
    stats = crossings.gate_statistics(get_gate(gate), public=not crossings.can_see_all_months(request.user),
                                      direction=direction)
    return crossings.statistics_as_dict(stats)


@router.get("/obstacles", response=list[dict])
def list_obstacles(request, scope: str = "", kind: str = "", gate: str = ""):
    full = scope != "public" and (can_manage_border(request.user) or visible_obstacles(request.user).exists())
    rows = services.with_relations(visible_obstacles(request.user) if full else public_obstacles())
    if kind:
        rows = rows.filter(kind=kind)
    if gate:
        rows = rows.filter(gate__zone__code=gate)
    return [_obstacle(o, full) for o in rows.order_by("-created_at")[:500]]


@router.get("/obstacles/figures", response=dict)
def obstacle_figures(request):
    figures = services.obstacle_figures(public_obstacles())
    return {"open": figures["open"], "resolved": figures["resolved"], "median_days": figures["median_days"],
            "rows": [vars(row) for row in figures["rows"]]}


@router.get("/obstacles/{obstacle_id}", response={200: dict, 404: ErrorOut})
def get_obstacle(request, obstacle_id: int):
    obstacle, full = services.obstacle_for_page(request.user, obstacle_id)
    return _obstacle(obstacle, full)


@router.post("/obstacles", response={201: dict, **ERRORS}, auth=django_auth)
def report_obstacle(request, payload: ObstacleIn):
    gate = _gate_for_input(payload.gate) if payload.gate else None
    obstacle = services.do_report_obstacle(request.user, kind=payload.kind, title=payload.title,
                                           description=payload.description, gate=gate,
                                           hs_code=payload.hs_code)
    return Status(201, _obstacle(services.with_relations(Obstacle.objects).get(pk=obstacle.pk), True))


def _for_handling(request, obstacle_id: int) -> Obstacle:
    obstacle = services.with_relations(visible_obstacles(request.user)).filter(pk=obstacle_id).first()
    if obstacle is None:
        raise Http404(f"no obstacle {obstacle_id}")
    require_border_staff(request.user)
    return obstacle


def _done(obstacle: Obstacle) -> dict:
    return _obstacle(services.with_relations(Obstacle.objects).get(pk=obstacle.pk), True)


@router.post("/obstacles/{obstacle_id}/triage", response={200: dict, **ERRORS}, auth=django_auth)
def triage_obstacle(request, obstacle_id: int, payload: TriageIn):
    obstacle = _for_handling(request, obstacle_id)
    services.do_triage(obstacle, request.user, accept=payload.accept, note=payload.note,
                       is_public=payload.is_public)
    return _done(obstacle)


@router.post("/obstacles/{obstacle_id}/assign", response={200: dict, **ERRORS}, auth=django_auth)
def assign_obstacle(request, obstacle_id: int, payload: AssignIn):
    obstacle = _for_handling(request, obstacle_id)
    agency = Organization.objects.active().filter(slug=payload.agency).first()
    if agency is None:
        raise HttpError(422, f"agency: no organisation {payload.agency!r}")
    services.do_assign(obstacle, request.user, agency=agency, response_due=payload.response_due,
                       note=payload.note)
    return _done(obstacle)


@router.post("/obstacles/{obstacle_id}/agenda", response={200: dict, **ERRORS}, auth=django_auth)
def put_obstacle_on_agenda(request, obstacle_id: int, payload: AgendaIn):
    obstacle = _for_handling(request, obstacle_id)
    talks = services.talks_events().filter(slug=payload.talks).first()
    if talks is None:
        raise HttpError(422, f"talks: no bilateral talks {payload.talks!r}")
    services.do_put_on_agenda(obstacle, request.user, talks=talks, note=payload.note)
    return _done(obstacle)


@router.post("/obstacles/{obstacle_id}/answer", response={200: dict, **ERRORS}, auth=django_auth)
def answer_obstacle(request, obstacle_id: int, payload: AnswerIn):
    obstacle = _for_handling(request, obstacle_id)
    services.do_answer(obstacle, request.user, answer=payload.answer, note=payload.note)
    return _done(obstacle)


@router.post("/obstacles/{obstacle_id}/resolve", response={200: dict, **ERRORS}, auth=django_auth)
def resolve_obstacle(request, obstacle_id: int, payload: ResolveIn):
    obstacle = _for_handling(request, obstacle_id)
    services.do_resolve(obstacle, request.user, resolution=payload.resolution, note=payload.note)
    return _done(obstacle)
