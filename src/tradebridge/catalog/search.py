"""Product search: free text in any of the four languages, or an HS code, to HS codes.

The glossary resolver does the cross-language work; English HS descriptions and code prefixes
fill in for products the glossary does not name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tradebridge.catalog.models import GlossaryTerm, HSCode
from tradebridge.catalog.resolve import GlossaryEntry, ProductResolver, normalize_hs
from tradebridge.catalog.terms import load_terms
from tradebridge.core.models import DataLoad
from tradebridge.core.text import fold

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class ProductHit:
    code: HSCode
    score: float
    matched: str  # the glossary term, description or code that matched
    kind: str  # exact, folded, words, fuzzy, code, description


def resolver() -> ProductResolver:
    """The resolver over the glossary as loaded now (rebuilt after each reference load)."""
    load = DataLoad.objects.filter(name="reference").values_list("checksum", flat=True).first()
    return _resolver_for(load or "")


@lru_cache(maxsize=2)
def _resolver_for(_checksum: str) -> ProductResolver:
    entries = [
        GlossaryEntry(hs=hs, lang=language, term=term, primary=primary)
        for hs, language, term, primary in GlossaryTerm.objects.values_list(
            "hs__code", "language", "term", "primary"
        )
    ]
    return ProductResolver([*entries, *load_terms()])  # and the packaged extra terms


def search_products(query: str, limit: int = 20) -> list[ProductHit]:
    text = (query or "").strip()[:MAX_QUERY_LENGTH]
    if not text:
        return []
    scores: dict[str, tuple[float, str, str]] = {}

    def offer(code: str, score: float, matched: str, kind: str) -> None:
        if code not in scores or scores[code][0] < score:
            scores[code] = (score, matched, kind)

    try:
        code = normalize_hs(text)
    except ValueError:
        code = ""
    if code:
        offer(code, 1.0, text, "code")
        for child in HSCode.objects.filter(code__startswith=code).exclude(code=code)[:limit]:
            offer(child.code, 0.9 - 0.01 * (child.level - len(code)), child.code, "code")
    else:
        for match in resolver().resolve(text, limit=limit):
            offer(match.hs, match.score, match.term, match.kind)
        needle = fold(text)
        if len(needle) >= 3 and len(scores) < limit:
            # English descriptions are plain ASCII-ish text: a folded substring search is enough.
            described = HSCode.objects.filter(description_en__icontains=needle).order_by(
                "-level", "code"
            )[: limit * 2]
            for hs in described:
                offer(hs.code, 0.4 if hs.level == 6 else 0.35, hs.description_en, "description")
    codes = {c.code: c for c in HSCode.objects.filter(code__in=scores).select_related("section")}
    ranked = sorted(
        (ProductHit(codes[c], s, m, k) for c, (s, m, k) in scores.items() if c in codes),
        key=lambda hit: (-hit.score, -len(hit.code.code), hit.code.code),  # narrower first on a tie
    )
    return ranked[:limit]
