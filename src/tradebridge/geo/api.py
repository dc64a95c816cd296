from ninja import Router, Schema

from tradebridge.core.api_errors import ErrorOut
from tradebridge.core.i18n import check_language, localized
from tradebridge.geo import queries
from tradebridge.geo.access import access_country
from tradebridge.geo.models import Country, Zone

router = Router()


class Names(Schema):
    vi: str
    lo: str
    zh_hans: str
    en: str


class CountryOut(Schema):
    alpha2: str
    alpha3: str
    numeric: str
    name: str
    names: Names
    region: str
    currency: str


class ProvinceOut(Schema):
    code: str
    country: str
    name: str
    names: Names
    latitude: float | None
    longitude: float | None


class ZoneOut(Schema):
    code: str
    kind: str
    country: str
    province: str
    name: str
    names: Names
    latitude: float
    longitude: float
    partner_country: str | None
    partner_province: str | None


def _names(obj) -> dict:
    return {"vi": obj.name_vi, "lo": obj.name_lo, "zh_hans": obj.name_zh_hans, "en": obj.name_en}


def _country(c: Country, lang: str) -> dict:
    return {"alpha2": c.alpha2, "alpha3": c.alpha3, "numeric": c.numeric,
            "name": localized(c, language=lang), "names": _names(c), "region": c.region,
            "currency": c.currency}


@router.get("/countries", response=list[CountryOut])
def list_countries(request, q: str = "", lang: str = "en"):
    lang = check_language(lang)
    return [_country(c, lang) for c in queries.countries(q[:100])]


@router.get("/countries/{alpha3}", response={200: CountryOut, 404: ErrorOut})
def get_country(request, alpha3: str, lang: str = "en"):
    lang = check_language(lang)
    return _country(access_country(request.user, alpha3), lang)


@router.get("/provinces", response=list[ProvinceOut])
def list_provinces(request, country: str = "", q: str = "", lang: str = "en"):
    lang = check_language(lang)
    return [
        {"code": p.code, "country": p.country.alpha3, "name": localized(p, language=lang),
         "names": _names(p), "latitude": p.latitude, "longitude": p.longitude}
        for p in queries.provinces(country[:3], q[:100])
    ]


@router.get("/zones", response=list[ZoneOut])
def list_zones(request, kind: Zone.Kind | None = None, country: str = "", lang: str = "en"):
    lang = check_language(lang)
    return [
        {"code": z.code, "kind": z.kind, "country": z.country.alpha3, "province": z.province.code,
         "name": localized(z, language=lang), "names": _names(z), "latitude": z.latitude,
         "longitude": z.longitude,
         "partner_country": z.partner_country.alpha3 if z.partner_country else None,
         "partner_province": z.partner_province.code if z.partner_province else None}
        for z in queries.zones(kind=kind or "", country=country[:3])
    ]
