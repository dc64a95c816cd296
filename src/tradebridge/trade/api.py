"""Trade statistics under /api/trade: indicators, dashboard data, export potential, reported
figures and investment records. Reading is public; writing investment records needs agency
staff or an administrator. Bad parameters get 400 (or 422 for wrong types) with a message."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field

from tradebridge.core.access import require_agency_or_admin
from tradebridge.core.api_errors import ErrorOut
from tradebridge.core.figures import check_qualifier
from tradebridge.geo.models import Country, Province
from tradebridge.trade import pages, queries, services
from tradebridge.trade.access import get_investments_for_user
from tradebridge.trade.indicators import INDICATORS, IndicatorError, compute
from tradebridge.trade.models import InvestmentRecord
from tradebridge.trade.store import TradeStore

router = Router()


class IndicatorParams(Schema):
    year: int | None = None
    reporter: str | None = Field(None, max_length=3)
    partner: str | None = Field(None, max_length=3)
    level: int = 6


class PairParams(Schema):
    reporter: str = Field(queries.DEFAULT_REPORTER, max_length=3)
    partner: str = Field(queries.DEFAULT_PARTNER, max_length=3)
    year: int | None = None


class PotentialParams(PairParams):
    limit: int = Field(15, ge=1, le=200)


class InvestmentIn(Schema):
    source_country: str = Field(..., min_length=3, max_length=3)
    source_province: str | None = None
    destination_country: str = Field(..., min_length=3, max_length=3)
    destination_province: str | None = None
    year: int
    period: str = "year"
    kind: str = Field("total", description="total, new_projects or contributions (capital "
                      "contributions and share purchases, counted in `contributions`, not `projects`)")
    projects: int | None = Field(None, ge=0)
    contributions: int | None = Field(None, ge=0)
    capital: Decimal = Field(..., ge=0)
    currency: str = "USD"
    capital_usd: Decimal = Field(..., ge=0)
    qualifier: str = Field("", description="how the source states the figures: exact, more_than, "
                           "at_least, nearly, approximately, estimated, expected")
    growth_pct: Decimal | None = None
    investor_rank: int | None = Field(None, ge=1)
    investor_rank_of: int | None = Field(None, ge=1)
    destination_rank: int | None = Field(None, ge=1)
    destination_rank_of: int | None = Field(None, ge=1)
    sector: str = ""
    source: str = ""
    citation: str = ""
    is_illustrative: bool = False


def _bad(error: Exception) -> HttpError:
    if isinstance(error, queries.BadParameter):
        return HttpError(400, f"{error.field}: {error.message}")
    return HttpError(400, str(error))


@router.get("/indicators/{name}", response={200: list[dict[str, Any]], 400: ErrorOut, 422: ErrorOut})
def indicator(request, response: HttpResponse, name: str, params: Query[IndicatorParams]):
    """One indicator of spec/trade.md (growth, share, rca, tii, tci, esi, hhi, gl, eci, pci,
    density) as a list of records with `year`, `value` and the keys that identify it. The header
    X-Synthetic-Years lists the years whose flows are generated demo data."""
    _label_synthetic(response, TradeStore())
    if name not in INDICATORS:
        raise HttpError(400, f"unknown indicator {name!r}; choose one of {', '.join(INDICATORS)}")
    for field in ("reporter", "partner"):
        value = getattr(params, field)
        if value is not None and not queries.ISO3.match(value.upper()):
            raise HttpError(400, f"{field}: {value!r} is not an ISO 3166 alpha-3 country code "
                                 "or a code of the imported country table (e.g. S19)")
    try:
        return compute(TradeStore(), name, year=params.year, reporter=params.reporter,
                       partner=params.partner, level=params.level)
    except IndicatorError as error:
        raise _bad(error) from None


def _label_synthetic(response: HttpResponse, store: TradeStore) -> None:
    response["X-Synthetic-Years"] = ",".join(str(y) for y in store.synthetic_years())


def _pair(params: PairParams) -> tuple[TradeStore, queries.Pair]:
    store = TradeStore()
    try:
        return store, queries.parse_pair(params.dict(), store.years())
    except queries.BadParameter as error:
        raise _bad(error) from None


@router.get("/dashboard", response={200: dict[str, Any], 400: ErrorOut, 422: ErrorOut})
def dashboard(request, params: Query[PairParams]):
    """Totals over the years with growth, composition by HS chapter, top products, RCA by
    section, complementarity and export potential for a pair and year. `synthetic` says
    whether generated demo flows are included (`synthetic_years`)."""
    store, pair = _pair(params)
    return queries.dashboard(store, pair.reporter, pair.partner, pair.year)


@router.get("/potential", response={200: list[dict[str, Any]], 400: ErrorOut, 422: ErrorOut})
def potential(request, response: HttpResponse, params: Query[PotentialParams]):
    """Export potential of `reporter` in `partner` (X-Synthetic-Years as for indicators)."""
    store, pair = _pair(params)
    _label_synthetic(response, store)
    if pair.year is None:
        return []
    return queries.export_potential(store, queries.connection(store), pair.reporter, pair.partner,
                                    pair.year, limit=params.limit)


@router.get("/reported", response={200: dict[str, Any], 400: ErrorOut})
def reported(request, reporter: str = "VN-HN", partner: str = "LAO"):
    """Figures reported by agencies (province level included), with growth, shares and source.
    Each figure has its `qualifier` ("exact", "more_than", "estimated", ...: how the source
    states it), `derived` (true when worked out from other figures, e.g. the previous year from
    a stated growth rate, not stated by the source), `stated` (the figure as the source states it,
    in the reader's language), and the `share_of_total` (a fraction), `rank` and `rank_of` the
    source states. Flow `total` is two-way trade as stated."""
    try:
        data = pages.province_data({"reporter": reporter, "partner": partner})
    except queries.BadParameter as error:
        raise _bad(error) from None
    figures = [{**f, "qualifier": f["qualifier"] or "exact",
                "groups": [{**g, "qualifier": g["qualifier"] or "exact"} for g in f["groups"]]}
               for f in data["figures"]]
    return {"reporter": data["reporter"], "partner": data["partner"], "figures": figures}


def _investment(record: InvestmentRecord) -> dict:
    return {
        "id": record.pk, "source_country": record.source_country.alpha3,
        "source_province": record.source_province.code if record.source_province_id else None,
        "destination_country": record.destination_country.alpha3,
        "destination_province": record.destination_province.code if record.destination_province_id else None,
        "year": record.year, "period": record.period, "kind": record.kind, "projects": record.projects,
        "contributions": record.contributions,
        "capital": str(record.capital), "currency": record.currency, "capital_usd": str(record.capital_usd),
        "qualifier": record.qualifier or "exact",
        "growth_pct": None if record.growth_pct is None else str(record.growth_pct),
        "investor_rank": record.investor_rank, "investor_rank_of": record.investor_rank_of,
        "destination_rank": record.destination_rank, "destination_rank_of": record.destination_rank_of,
        "sector": record.sector, "source": record.source, "citation": record.citation,
        "is_illustrative": record.is_illustrative, "archived": record.is_archived,
    }


@router.get("/investments", response={200: list[dict[str, Any]], 400: ErrorOut})
def list_investments(request, source: str = "", destination: str = ""):
    queryset = get_investments_for_user(request.user)
    try:
        queryset = pages.filter_investments(queryset, {"source": source, "destination": destination})
    except queries.BadParameter as error:
        raise _bad(error) from None
    return [_investment(r) for r in queryset]


def _place(model, field: str, **lookup):
    found = model.objects.filter(**lookup).first()
    if found is None:
        raise HttpError(422, f"{field}: unknown code {next(iter(lookup.values()))!r}")
    return found


@router.post("/investments", response={201: dict[str, Any], 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
             auth=django_auth)
def create_investment(request, payload: InvestmentIn):
    require_agency_or_admin(request.user)
    data = payload.dict()
    try:
        data["qualifier"] = check_qualifier(data["qualifier"])
    except ValueError as exc:
        raise HttpError(422, f"qualifier: {exc}") from None
    for field in ("source_country", "destination_country"):
        data[field] = _place(Country, field, alpha3=data[field].upper())
    for field in ("source_province", "destination_province"):
        data[field] = _place(Province, field, code=data[field].upper()) if data[field] else None
    record = services.do_create_investment(actor=request.user, **data)
    return Status(201, _investment(record))
