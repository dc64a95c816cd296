"""Partner recommendations: who should trade with whom, from what each offers and needs.

Pure Python (no Django, no ORM); ``registry/recommendations.py`` is its adapter to the
database.  A :class:`RecommendationEngine` resolves every offered and needed product to HS
codes (:mod:`.products`), indexes the organisations by those codes (:mod:`.index`), and for
each organisation scores the partners whose offers meet its needs and whose needs meet its
offers (:mod:`.fit`, :mod:`.scoring`) and says why (:mod:`.reasons`).  :mod:`.files` reads and
writes the file formats of shared/spec/profiles.md.

Score of partner B for organisation A
-------------------------------------
1. Product fit of a needed code ``c`` against the partner's codes: 1.0 same code;
   0.8 one side names the whole heading that holds the other (``3105`` ⊇ ``3105.20``);
   0.6 same heading; 0.4 one side names the whole chapter that holds the other; times the
   confidences of both codes.  Two products that share only their chapter do not fit (durian
   and bananas, ginger and coffee).  An item's fit ``s`` is its best code's fit.  Besides its
   stated needs, an organisation needs the inputs of what it offers (:mod:`.links`: fabric for
   garments, clinker for cement), at confidence 0.6.
2. One direction (what A offers that B needs, or what B offers that A needs), over the
   needing side's items: ``D = 1 − Π (1 − 0.85 s)`` — one exact item gives 0.85, two give
   0.98, one same-heading item 0.51, one same-chapter item 0.255.
3. Both directions: ``C = 0.75 max(D_ab, D_ba) + 0.25 min(D_ab, D_ba)`` — a two-way partner
   beats a one-way partner with the same product fit.
4. Geography: ``G = 0.75 + 0.10 [countries differ] + 0.10 [A's markets list B's country]
   + 0.05 [B's markets list A's country] − 0.05 [A lists markets, not B's country]``,
   so G lies in [0.70, 1.00].
5. ``score = C × G``, in [0, 1], rounded to 4 decimals; partners with no product fit are never
   recommended (fewer than asked rather than unrelated ones; :meth:`RecommendationEngine.unmatched_for`
   says which products found nobody), nor is the organisation itself.  Ties go to the smaller id.
"""

from tradebridge.registry.matching.engine import RecommendationEngine
from tradebridge.registry.matching.products import DEFAULT_GLOSSARY
from tradebridge.registry.matching.profiles import (
    DEFAULT_TOP,
    ProductItem,
    Profile,
    Recommendation,
    format_hs,
    gc_paused,
)

__all__ = [
    "DEFAULT_GLOSSARY",
    "DEFAULT_TOP",
    "ProductItem",
    "Profile",
    "Recommendation",
    "RecommendationEngine",
    "format_hs",
    "gc_paused",
]
