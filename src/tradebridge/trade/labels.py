"""Names for codes shown on the trade pages, in the reader's language (from the reference data)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tradebridge.catalog.models import HSCode, HSSection
from tradebridge.core.figures import Qualifier
from tradebridge.core.i18n import current_language
from tradebridge.geo.models import Country, Province

# The synthetic demo flows put everyone outside the five demo countries under this code.
REST_OF_WORLD = "ROW"

# Product groups in which agencies report figures (seed 000), with the HS chapters they cover.
GROUPS = {
    "minerals": (_("Minerals"), "25–27"),
    "mechanical_metal": (_("Mechanical and metal goods"), "72–73, 84"),
    "electronics_computers": (_("Electronic and computer components"), "85"),
    "agricultural_products": (_("Agricultural products"), "06–14"),
    "fertilizers": (_("Fertilisers"), "31"),
    "food": (_("Foodstuffs"), "16–21"),
    "textiles_garments": (_("Textiles and garments"), "50–63"),
}


def qualifier_label(qualifier: str) -> str:
    """How a source qualifies a figure (about, more than, ...), in the reader's language."""
    return str(Qualifier(qualifier or "").label)


def group_label(group: str) -> str:
    known = GROUPS.get(group)
    return str(known[0]) if known else group


def group_chapters(group: str) -> str:
    known = GROUPS.get(group)
    return known[1] if known else ""


# Filled on first use and kept: the HS reference data does not change while the server runs.
# An empty result (reference data not loaded yet) is not kept.
_cache: dict[tuple, dict] = {}


def _cached(key: tuple, build) -> dict:
    if key not in _cache:
        value = build()
        if not value:
            return value
        _cache[key] = value
    return _cache[key]


def chapter_sections() -> dict[str, int]:
    return _cached(("sections-of-chapters",), lambda: dict(
        HSCode.objects.filter(level=2).values_list("code", "section__number")))


def section_names() -> dict[int, str]:
    return _cached(("sections", current_language()), lambda: {
        s.number: f"{s.roman} · {s.name}" for s in HSSection.objects.all()})


def chapter_names() -> dict[str, str]:
    return _cached(("chapters", current_language()), lambda: {
        c.code: c.name for c in HSCode.objects.filter(level=2)})


def product_names(codes: list[str]) -> dict[str, str]:
    if not codes:
        return {}
    return {c.code: c.name for c in HSCode.objects.filter(code__in=set(codes))}


def country_names(codes: list[str] | None = None) -> dict[str, str]:
    """Names in the reader's language from the reference list; codes outside it (BACI's S19
    "Other Asia, nes", ANT, ...) by the name the imported country table gives them."""
    queryset = Country.objects.all() if codes is None else Country.objects.filter(alpha3__in=codes)
    names = {c.alpha3: c.name for c in queryset}
    names[REST_OF_WORLD] = str(_("Rest of world"))
    if codes is None or any(c not in names for c in codes):
        from tradebridge.trade.store import TradeStore

        for code, name in TradeStore().country_names().items():
            if code not in names and (codes is None or code in codes):
                names[code] = name
    return names


def place_names(codes: list[str]) -> dict[str, str]:
    """Names of countries (alpha-3) and provinces (ISO 3166-2) mixed, as in reported figures."""
    names = country_names([c for c in codes if len(c) == 3])
    names.update({p.code: p.name for p in Province.objects.filter(code__in=[c for c in codes if "-" in c])})
    return names


def clear() -> None:
    """Forget cached names (after the reference data changes)."""
    _cache.clear()
