"""How well two organisations fit: product fit of HS codes, one direction of trade, and the
weights of both directions and of geography (the formulas are in the package's documentation).

Codes are looked up through *keys*: a subheading (6 digits) is listed under itself, its heading
(4) and its chapter (2); a code given as a whole heading or chapter also under that code with a
``*`` (``3105*``: "all of heading 3105").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

# Product fit of a needed code against an offered one.
EXACT, HEADING_COVERS, SAME_HEADING, CHAPTER_COVERS, SAME_CHAPTER = 1.0, 0.8, 0.6, 0.4, 0.3
# SAME_CHAPTER only ranks candidates in the index: it is no product fit (see probes).
ITEM_WEIGHT = 0.85
MAIN_DIRECTION, OTHER_DIRECTION = 0.75, 0.25
GEO_BASE, GEO_CROSS, GEO_WANTED, GEO_WANTED_BY_THEM, GEO_UNWANTED = 0.75, 0.10, 0.10, 0.05, 0.05

# An item as scoring reads it: (confidence, chapter, probes) per code (see probes).
ProbeItem = tuple[tuple[float, str, tuple[tuple[str, float], ...]], ...]
Match = tuple[float, str, str, int]  # (fit, the supplier's key, the needed code, needed item)


def code_keys(code: str) -> tuple[str, ...]:
    """Index keys of a code: the subheading itself (6 digits), its heading (4) and chapter (2);
    a code given as a whole heading or chapter also gets that key with a ``*``."""
    if len(code) == 6:
        return code, code[:4], code[:2]
    if len(code) == 4:
        return code + "*", code, code[:2]
    return code + "*", code


@lru_cache(maxsize=8192)
def probes(code: str) -> tuple[str, tuple[tuple[str, float], ...]]:
    """How to look ``code`` up in a partner's key map: its chapter (no fit at all without it),
    then (key, weight) pairs from the best fit down; the first key present gives the fit."""
    chapter = code[:2]
    # No "same chapter" fit: two products of one chapter (durian and ginger, chapter 08/09)
    # are no reason to trade.  A whole chapter or heading covers the codes under it.
    coarse = ((chapter + "*", CHAPTER_COVERS),)
    if len(code) == 6:
        heading = code[:4]
        return chapter, ((code, EXACT), (heading + "*", HEADING_COVERS), (heading, SAME_HEADING), *coarse)
    if len(code) == 4:
        return chapter, ((code + "*", EXACT), (code, HEADING_COVERS), *coarse)
    return chapter, ((chapter + "*", EXACT), (chapter, CHAPTER_COVERS))


def chapter_bits(keys: Iterable[str]) -> int:
    """The chapters among ``keys`` as the bits of a number: one AND tells if two sets meet."""
    bits = 0
    for key in keys:
        if len(key) == 2:
            bits |= 1 << int(key)  # OR, not a sum: two codes of one chapter set one bit
    return bits


def direction(items: Sequence[ProbeItem], keys: Mapping[str, float]) -> tuple[float, list[Match]]:
    """How well a supplier with offer ``keys`` meets the needed ``items``: 1 − Π(1 − 0.85 s),
    and the best match of each item that has one (for the reasons)."""
    miss = 1.0
    matches: list[Match] = []
    get = keys.get
    for position, item in enumerate(items):
        best: Match | None = None
        for conf, chapter, probed in item:
            if chapter in keys:  # most codes of most partners miss here
                for key, weight in probed:
                    partner_conf = get(key)
                    if partner_conf is not None:
                        fit = weight * partner_conf * conf
                        if best is None or fit > best[0]:
                            # The first probe is the code itself ("3105*" for a whole heading).
                            best = (fit, key, probed[0][0].rstrip("*"), position)
                        break
        if best is not None:
            miss *= 1.0 - ITEM_WEIGHT * best[0]
            matches.append(best)
    return 1.0 - miss, matches


def geo_factors(home: int, markets: frozenset[int], countries: int) -> list[float]:
    """G by partner country for an organisation of country ``home`` that wants ``markets``
    (country indexes), without the partner's own markets."""
    factors = []
    for country in range(countries):
        g = GEO_BASE + (GEO_CROSS if country != home else 0.0)
        if markets:
            g += GEO_WANTED if country in markets else -GEO_UNWANTED
        factors.append(g)
    return factors


def combined(forward: float, backward: float, g: float) -> float:
    """The score from both directions and the geography, rounded to 4 decimals."""
    high, low = (forward, backward) if forward >= backward else (backward, forward)
    return round(min(1.0, (MAIN_DIRECTION * high + OTHER_DIRECTION * low) * g), 4)
