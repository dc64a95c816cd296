"""Organisations, their offers and needs: the same permissions as the pages."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field

from tradebridge.catalog.models import Sector
from tradebridge.core.access import require_agency_or_admin
from tradebridge.core.api_errors import ErrorOut
from tradebridge.geo.models import Country, Province
from tradebridge.registry import queries, services
from tradebridge.registry.access import Moved, access_organization, access_trade_item, can_see_contacts
from tradebridge.registry.models import Organization, TradeItem
from tradebridge.registry.recommendations import recommendations_for

router = Router()

class TradeItemOut(Schema):
    id: int
    direction: str
    text: str
    hs: str | None
    hs_resolved: bool
    quantity: Decimal | None
    unit: str
    markets: list[str]


class OrganizationOut(Schema):
    slug: str
    kind: str
    name: str
    names: dict[str, str]
    country: str
    province: str | None
    size: str
    sectors: list[str]
    certifications: list[str]
    identifiers: dict[str, str]
    website: str
    description: str
    is_demo: bool
    source: str
    archived: bool
    offers: list[TradeItemOut]
    needs: list[TradeItemOut]
    contact_email: str | None = None
    contact_phone: str | None = None
    address: str | None = None


class OrganizationSummary(Schema):
    slug: str
    kind: str
    name: str
    country: str
    province: str | None
    is_demo: bool


class DirectoryParams(Schema):
    q: str = Field("", max_length=200)
    country: str = Field("", max_length=3)
    province: str = Field("", max_length=8)
    kind: str = Field("", max_length=16)
    sector: str = Field("", max_length=64)
    chapter: str = Field("", max_length=2)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)  # bounded: the database refuses offsets past 2^63


class OrganizationIn(Schema):
    kind: Organization.Kind
    name: str = Field(..., min_length=1, max_length=255)
    country: str = Field(..., min_length=3, max_length=3)
    province: str | None = None
    name_vi: str = Field("", max_length=255)
    name_lo: str = Field("", max_length=255)
    name_zh_hans: str = Field("", max_length=255)
    name_en: str = Field("", max_length=255)
    size: Organization.Size | None = None
    sectors: list[str] = []
    certifications: list[str] = []
    address: str = Field("", max_length=255)
    website: str = Field("", max_length=200)
    description: str = ""
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=40)
    identifier: str = ""


class OrganizationPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=255)
    name_vi: str | None = Field(None, max_length=255)
    name_lo: str | None = Field(None, max_length=255)
    name_zh_hans: str | None = Field(None, max_length=255)
    name_en: str | None = Field(None, max_length=255)
    province: str | None = None
    size: Organization.Size | None = None
    sectors: list[str] | None = None
    certifications: list[str] | None = None
    address: str | None = Field(None, max_length=255)
    website: str | None = Field(None, max_length=200)
    description: str | None = None
    contact_email: str | None = Field(None, max_length=254)
    contact_phone: str | None = Field(None, max_length=40)
    identifier: str | None = None


class TradeItemIn(Schema):
    direction: TradeItem.Direction
    text: str = Field(..., min_length=1, max_length=300)
    hs: str | None = Field(None, max_length=12)
    quantity: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    unit: TradeItem.Unit | None = None
    markets: list[str] = []


class RecommendationOut(Schema):
    slug: str
    name: str
    country: str
    score: float
    reasons: list[str]


def _item(item: TradeItem) -> dict:
    return {"id": item.pk, "direction": item.direction, "text": item.text,
            "hs": item.hs.code if item.hs_id else None, "hs_resolved": item.hs_resolved,
            "quantity": item.quantity, "unit": item.unit,
            "markets": [c.alpha3 for c in item.markets.all()]}


def _organization(request, organization: Organization) -> dict:
    items = list(organization.trade_items.active().select_related("hs").prefetch_related("markets"))
    out = {
        "slug": organization.slug, "kind": organization.kind, "name": organization.name,
        "names": {"vi": organization.name_vi, "lo": organization.name_lo,
                  "zh_hans": organization.name_zh_hans, "en": organization.name_en},
        "country": organization.country.alpha3,
        "province": organization.province.code if organization.province_id else None,
        "size": organization.size, "sectors": [s.code for s in organization.sectors.all()],
        "certifications": organization.certifications,
        "identifiers": {i.scheme: i.value for i in organization.identifiers.all()},
        "website": organization.website, "description": organization.description,
        "is_demo": organization.is_demo, "source": organization.source,
        "archived": organization.is_archived,
        "offers": [_item(i) for i in items if i.direction == TradeItem.Direction.OFFER],
        "needs": [_item(i) for i in items if i.direction == TradeItem.Direction.NEED],
    }
    if can_see_contacts(request.user):
        out.update(contact_email=organization.contact_email, contact_phone=organization.contact_phone,
                   address=organization.address)
    return out


def _get(request, slug: str, *, for_edit: bool = False) -> Organization:
    try:
        return access_organization(request.user, slug, for_edit=for_edit)
    except Moved as moved:
        raise HttpError(404, f"organisation {slug!r} was merged into {moved.organization.slug!r}") from None


def _country(code: str) -> Country:
    country = Country.objects.filter(alpha3=code.upper()).first()
    if country is None:
        raise ValidationError({"country": f"unknown ISO alpha-3 code {code!r}"})
    return country


def _province(code: str | None, country: Country) -> Province | None:
    if not code:
        return None
    province = Province.objects.filter(code=code, country=country).first()
    if province is None:
        raise ValidationError({"province": f"{code!r} is not a province of {country.alpha3}"})
    return province


def _sectors(codes: list[str]) -> list[Sector]:
    sectors = list(Sector.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {s.code for s in sectors})
    if unknown:
        raise ValidationError({"sectors": f"unknown sector(s) {', '.join(unknown)}"})
    return sectors


@router.get("", response=list[OrganizationSummary])
def list_organizations(request, params: Query[DirectoryParams]):
    filters = queries.DirectoryFilters(q=params.q, country=params.country.upper(), province=params.province,
                                       kind=params.kind, sector=params.sector, chapter=params.chapter)
    found = queries.search_directory(filters).organizations[params.offset: params.offset + params.limit]
    return [{"slug": o.slug, "kind": o.kind, "name": o.name, "country": o.country.alpha3,
             "province": o.province.code if o.province_id else None, "is_demo": o.is_demo} for o in found]


@router.post("", response={201: OrganizationOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
             auth=django_auth)
def create_organization(request, payload: OrganizationIn):
    require_agency_or_admin(request.user)
    country = _country(payload.country)
    data = payload.dict(exclude={"country", "province", "sectors"})
    data["size"] = data["size"] or ""
    organization = services.do_create_organization(
        actor=request.user, country=country, province=_province(payload.province, country),
        sectors=_sectors(payload.sectors), **data)
    return Status(201, _organization(request, organization))


def _etag(organization: Organization) -> str:
    return f'"{services.version_of(organization)}"'


@router.get("/{slug}", response={200: OrganizationOut, 404: ErrorOut})
def get_organization(request, slug: str, response: HttpResponse):
    organization = _get(request, slug)
    response["ETag"] = _etag(organization)  # send it back as If-Match to refuse lost updates
    return _organization(request, organization)


@router.patch("/{slug}", response={200: OrganizationOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                                   412: ErrorOut, 422: ErrorOut}, auth=django_auth)
def update_organization(request, slug: str, payload: OrganizationPatch, response: HttpResponse):
    """Change only the fields sent; the others keep whatever they are now, even if someone
    changed them since this client read the organisation. With If-Match (the ETag of a GET),
    a change by anyone since that version is refused with 412 and nothing is written."""
    organization = _get(request, slug, for_edit=True)
    changes = payload.dict(exclude_unset=True)
    if "province" in changes:
        changes["province"] = _province(changes["province"], organization.country)
    if "sectors" in changes:
        changes["sectors"] = _sectors(changes["sectors"] or [])
    if changes.get("size") is None and "size" in changes:
        changes["size"] = ""
    expected = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"') or None
    if expected == "*":
        expected = None
    try:
        services.do_update_organization(organization, changes, actor=request.user, expected_version=expected)
    except services.StaleVersion as stale:
        raise HttpError(412, f"organisation {slug!r} was changed by someone else since version "
                             f"{stale.expected} (now {stale.current}): GET it again and send your change "
                             "with the new ETag as If-Match") from None
    organization = Organization.objects.get(pk=organization.pk)
    response["ETag"] = _etag(organization)
    return _organization(request, organization)


@router.delete("/{slug}", response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
               auth=django_auth)
def archive_organization(request, slug: str):
    """Archive (never delete) an organisation: agency staff and administrators only."""
    require_agency_or_admin(request.user)
    organization = _get(request, slug, for_edit=True)
    services.do_archive_organization(organization, actor=request.user, reason="archived through the API")
    return Status(204, None)


@router.post("/{slug}/items", response={201: TradeItemOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                                        422: ErrorOut}, auth=django_auth)
def add_trade_item(request, slug: str, payload: TradeItemIn):
    organization = _get(request, slug, for_edit=True)
    markets = [_country(code) for code in payload.markets]
    item = services.do_add_trade_item(organization, actor=request.user, direction=payload.direction,
                                      text=payload.text, hs=payload.hs, quantity=payload.quantity,
                                      unit=payload.unit or "", markets=markets)
    return Status(201, _item(item))


@router.put("/{slug}/items/{item_id}", response={200: TradeItemOut, 401: ErrorOut, 403: ErrorOut,
                                                 404: ErrorOut, 422: ErrorOut}, auth=django_auth)
def update_trade_item(request, slug: str, item_id: int, payload: TradeItemIn):
    organization = _get(request, slug, for_edit=True)
    item = access_trade_item(request.user, organization, item_id)
    if payload.direction != item.direction:
        raise ValidationError({"direction": "an offer cannot become a need; archive it and add a new one"})
    markets = [_country(code) for code in payload.markets]
    item = services.do_update_trade_item(item, actor=request.user, text=payload.text, hs=payload.hs,
                                         quantity=payload.quantity, unit=payload.unit or "", markets=markets)
    return _item(item)


@router.delete("/{slug}/items/{item_id}", response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
               auth=django_auth)
def archive_trade_item(request, slug: str, item_id: int):
    organization = _get(request, slug, for_edit=True)
    services.do_archive_trade_item(access_trade_item(request.user, organization, item_id),
                                   actor=request.user)
    return Status(204, None)


@router.get("/{slug}/recommendations", response={200: list[RecommendationOut], 404: ErrorOut})
def get_recommendations(request, slug: str, top: int = Query(10, ge=1, le=50)):
    organization = _get(request, slug)
    if organization.is_archived:
        raise Http404("archived organisations get no recommendations")
    return [{"slug": r.organization.slug, "name": r.organization.display_name,
             "country": r.organization.country.alpha3, "score": r.score, "reasons": r.reasons}
            for r in recommendations_for(organization, top=top)]
