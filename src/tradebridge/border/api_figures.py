"""Clearance figures, the gate dashboard's aggregates and seasonal pressure in the API
(/api/border/…): read by everyone; figures imported or added by agency staff and administrators
(401 anonymous, 403 others; 422 with the errors by line and column, nothing changed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import Http404
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import django_auth
from pydantic import Field

from tradebridge.border import clearance, figures, pressure
from tradebridge.border.access import get_gate, require_border_staff
from tradebridge.border.models import Corridor
from tradebridge.core.api_errors import ErrorOut, InvalidOut

router = Router()
WRITE = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut}
Period = Literal["day", "month", "year"]
DirectionIn = Literal["export", "import", "transit"]
MeasureIn = Literal["value_usd", "tonnes", "vehicles", "containers"]


class FigureParams(Schema):
    gate: str = Field("", max_length=64)
    corridor: str = Field("", max_length=64)
    period: Period | None = None
    direction: DirectionIn | None = None
    measure: MeasureIn | None = None
    product: str | None = Field(None, max_length=32)
    start: dt.date | None = Field(None, alias="from")
    end: dt.date | None = Field(None, alias="to")
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0, le=1_000_000)  # bounded: the database refuses offsets past 2^63


class FigureOut(Schema):
    gate: str
    period: str
    period_start: dt.date
    direction: str
    measure: str
    product: str
    value: Decimal
    is_illustrative: bool


class FigurePage(Schema):
    count: int
    limit: int
    offset: int
    results: list[FigureOut]


class FigureIn(Schema):
    gate: str = Field(..., max_length=64)
    period: Period
    period_start: dt.date
    direction: DirectionIn
    measure: MeasureIn
    product: str = Field("", pattern=r"^(\d{2}|[a-z][a-z0-9_-]{0,31})?$")
    value: Decimal = Field(..., ge=0, lt=Decimal("1e17"), decimal_places=2)
    source: str = Field("", max_length=300)
    is_illustrative: bool = False


class LineErrorOut(Schema):
    line: int
    column: str
    message: str


class ImportOut(Schema):
    rows: int
    new: int
    replaced: int
    import_id: int | None
    dry_run: bool


class ImportRefusedOut(Schema):
    message: str
    fields: list[str] = []
    errors: list[LineErrorOut] = []


def _figure(figure) -> dict:
    return {
        "gate": figure.gate.zone.code,
        "period": figure.period,
        "period_start": figure.period_start,
        "direction": figure.direction,
        "measure": figure.measure,
        "product": figure.product,
        "value": figure.value,
        "is_illustrative": figure.is_illustrative,
    }


@router.get("/figures", response=FigurePage)
def list_figures(request, params: Query[FigureParams]):
    """Clearance figures, filtered; ``from`` and ``to`` bound the period start."""
    queryset = clearance.figures_query(params.dict())
    rows = queryset[params.offset : params.offset + params.limit]
    return {
        "count": queryset.count(),
        "limit": params.limit,
        "offset": params.offset,
        "results": [_figure(f) for f in rows],
    }


@router.get("/gates/{code}/dashboard", response={200: dict, 404: ErrorOut})
def dashboard(
    request,
    code: str,
    measure: MeasureIn = "value_usd",
    direction: DirectionIn | None = None,
    year: int | None = None,
    corridor: str = "",
):
    """The dashboard's aggregates: yearly and monthly trend, same-period growth, seasonality,
    top products, and the corridor comparison when ``corridor`` is given."""
    gate = get_gate(code)
    data = figures.gate_dashboard(gate, measure, direction, year)
    body = {
        key: data[key]
        for key in (
            "measure",
            "direction",
            "year",
            "years",
            "monthly",
            "yearly",
            "same_period",
            "seasonality",
            "top_products",
            "illustrative",
        )
    }
    body["gate"] = gate.zone.code
    if corridor:
        found = Corridor.objects.active().filter(slug=corridor).first()
        if found is None:
            raise Http404(f"no corridor {corridor}")
        comparison = figures.corridor_comparison(found, measure, direction)
        body["corridor"] = {
            "slug": found.slug,
            "years": comparison["years"],
            "rows": comparison["rows"],
            "illustrative": comparison["illustrative"],
        }
    return body


@router.post(
    "/figures/import",
    response={200: ImportOut, 401: ErrorOut, 403: ErrorOut, 422: ImportRefusedOut},
    auth=django_auth,
)
def import_figures(
    request,
    file: File[UploadedFile],
    source: Form[str] = "",
    is_illustrative: Form[bool] = False,
    dry_run: Form[bool] = False,
):
    """Import a CSV or .xlsx file of figures (multipart field ``file``): all or nothing; a key
    already in the store is replaced. ``dry_run`` checks and counts without writing."""
    require_border_staff(request.user)
    content = file.read(clearance.UPLOAD_LIMITS.max_bytes + 1)
    try:
        outcome = clearance.do_import_clearance_file(
            content,
            file.name or "figures.csv",
            actor=request.user,
            note=source,
            is_illustrative=is_illustrative,
            dry_run=dry_run,
        )
    except clearance.ImportFileError as exc:
        return Status(422, {"message": str(exc), "fields": ["file"], "errors": []})
    except clearance.ClearanceRefused as exc:
        return Status(
            422,
            {
                "message": "; ".join(str(e) for e in exc.line_errors[:5]),
                "fields": sorted({e.column for e in exc.line_errors}),
                "errors": [
                    {"line": e.line, "column": e.column, "message": e.message} for e in exc.line_errors
                ],
            },
        )
    return {
        "rows": outcome.rows,
        "new": outcome.new,
        "replaced": outcome.replaced,
        "import_id": outcome.batch.pk if outcome.batch else None,
        "dry_run": dry_run,
    }


@router.post("/figures", response={201: FigureOut, **WRITE}, auth=django_auth)
def add_figure(request, payload: FigureIn):
    """One figure by hand; the same key replaces the earlier value."""
    require_border_staff(request.user)
    gate = get_gate(payload.gate)
    figure = clearance.do_add_clearance_figure(actor=request.user, **{**payload.dict(), "gate": gate})
    return Status(201, _figure(figure))


@router.get("/gates/{code}/pressure", response={200: dict, 404: ErrorOut})
def gate_pressure(
    request,
    code: str,
    direction: Literal["export", "import"] = "export",
    start: dt.date | None = None,
    weeks: int = Query(12, ge=1, le=52),
):
    """The week-by-week estimate of trucks against capacity, with its assumptions."""
    gate = get_gate(code)
    result = pressure.estimate(gate, direction=direction, start=start, weeks=weeks)
    products = sorted({c for week in result.warnings for c in week["products"]})
    return {
        "gate": gate.zone.code,
        "direction": direction,
        "capacity": result.capacity,
        "baseline": result.baseline,
        "illustrative": result.illustrative,
        "weeks": [
            {**week, "week": week["week"].isoformat(), "ends": week["ends"].isoformat()}
            for week in result.weeks
        ],
        "assumptions": {
            "capacity_sources": result.capacity_sources,
            "baseline_months": result.baseline_note,
            "peak_weight": pressure.PEAK_WEIGHT,
            "seasons": [
                {
                    "label": s.label,
                    "hs_code": s.hs_code,
                    "province": s.province,
                    "starts_on": s.starts_on.isoformat(),
                    "ends_on": s.ends_on.isoformat(),
                    "expected_tonnes": s.expected_tonnes,
                    "tonnes_per_truck": s.tonnes_per_truck,
                    "share": s.share,
                    "illustrative": s.illustrative,
                }
                for s in result.seasons
            ],
        },
        "warnings": [week["week"].isoformat() for week in result.warnings],
        "alternatives": [
            {"gate": a["gate"].zone.code, "capacity": a["capacity"]}
            for a in pressure.alternatives(gate, products, direction)
        ]
        if result.warnings
        else [],
    }
