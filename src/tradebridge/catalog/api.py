from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from tradebridge.catalog.access import access_hs_code
from tradebridge.catalog.models import HSCode
from tradebridge.catalog.resolve import normalize_hs
from tradebridge.catalog.search import MAX_QUERY_LENGTH, search_products
from tradebridge.core.api_errors import ErrorOut
from tradebridge.core.i18n import check_language, localized

router = Router()


class HSCodeOut(Schema):
    code: str
    dotted: str
    level: int
    section: str | None
    parent: str | None
    description_en: str
    name: str
    names: dict[str, str]
    terms: dict[str, list[str]] | None = None


class ProductHitOut(Schema):
    hs: HSCodeOut
    score: float
    matched: str
    kind: str


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=MAX_QUERY_LENGTH)
    lang: str = "en"
    limit: int = Field(10, ge=1, le=50)


def _hs(hs: HSCode, lang: str, with_terms: bool = False) -> dict:
    out = {
        "code": hs.code, "dotted": hs.dotted, "level": hs.level,
        "section": hs.section.roman if hs.section_id else None,
        "parent": hs.parent.code if hs.parent_id else None, "description_en": hs.description_en,
        "name": localized(hs, language=lang) or hs.description_en,
        "names": {"vi": hs.name_vi, "lo": hs.name_lo, "zh_hans": hs.name_zh_hans,
                  "en": hs.name_en},
    }
    if with_terms:
        terms: dict[str, list[str]] = {}
        for term in hs.terms.order_by("-primary", "term"):
            terms.setdefault(term.language, []).append(term.term)
        out["terms"] = terms
    return out


@router.get("/products/search", response={200: list[ProductHitOut], 422: ErrorOut})
def product_search(request, params: Query[SearchParams]):
    """Free text in Vietnamese, Lao, Chinese or English (or an HS code) → HS codes, best first."""
    lang = check_language(params.lang)
    hits = search_products(params.q, limit=params.limit)
    return [{"hs": _hs(h.code, lang), "score": round(h.score, 4), "matched": h.matched,
             "kind": h.kind} for h in hits]


@router.get("/hs/{code}", response={200: HSCodeOut, 400: ErrorOut, 404: ErrorOut})
def get_hs_code(request, code: str, lang: str = "en"):
    lang = check_language(lang)
    try:
        hs = access_hs_code(request.user, code)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc
    return _hs(hs, lang, with_terms=True)


@router.get("/hs", response={200: list[HSCodeOut], 400: ErrorOut})
def list_hs_codes(request, parent: str = "", lang: str = "en"):
    """Chapters, or the children of a chapter or heading."""
    lang = check_language(lang)
    queryset = HSCode.objects.select_related("section", "parent")
    if parent:
        try:
            digits = normalize_hs(parent)
        except ValueError as exc:
            raise HttpError(400, str(exc)) from exc
        queryset = queryset.filter(parent__code=digits)
    else:
        queryset = queryset.filter(level=2)
    return [_hs(hs, lang) for hs in queryset.order_by("code")]
