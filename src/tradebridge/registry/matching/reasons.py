"""Why a partner is recommended, in short English phrases written from the organisation's side
("they" is the partner), strongest first, at most two per direction: ``offers ginger (HS
0910.11), which they need``, ``needs NPK fertiliser (HS 3105.20), which they offer``, ``needs
fertilizers (HS 3105), which covers the NPK fertiliser (HS 3105.20) they offer``, then the
border when there is one: ``across the border (LAO → VNM)``, with ``, a market you want`` (the
organisation's markets), ``, a market they want`` (the partner's) or ``, markets you both
want``.  Product names come from the glossary's primary English name of the matched code, else
the HS nomenclature's (shortened) description, else the organisation's own text.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from operator import itemgetter

from tradebridge.registry.matching.fit import Match
from tradebridge.registry.matching.index import PartnerIndex
from tradebridge.registry.matching.products import DATA_DIR
from tradebridge.registry.matching.profiles import format_hs

HS_NOMENCLATURE = DATA_DIR / "harmonized-system-2022.csv"
MAX_REASONS_PER_DIRECTION = 2
WEAK_REASON = 0.5  # a further reason of a direction is shown when at least this share as strong
NAME_LENGTH = 48
MAX_CACHED_PHRASES = 500_000


def shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= NAME_LENGTH:
        return text
    cut = text[:NAME_LENGTH].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


@lru_cache(maxsize=1)
def nomenclature() -> dict[str, str]:
    """HS code → short English description (up to the first ``;``), for codes the glossary
    does not name and organisations did not describe."""
    names: dict[str, str] = {}
    try:
        with HS_NOMENCLATURE.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                text = row.get("description", "").split(";")[0].strip()
                if text:
                    names[row.get("hscode", "")] = shorten(text[0].lower() + text[1:])
    except OSError:  # the names are a nicety: reasons fall back to the organisations' texts
        return {}
    return names


def phrase(verb: str, their_verb: str, own: str, own_name: str, their: str, their_name: str) -> str:
    """One product reason: what the organisation ``verb``s, and how it meets the partner's."""
    mine = f"{verb} {own_name} (HS {format_hs(own)})"
    theirs = f"the {their_name} (HS {format_hs(their)}) they {their_verb}"
    if own == their:
        return f"{mine}, which they {their_verb}"
    if their.startswith(own):
        return f"{mine}, which covers {theirs}"
    if own.startswith(their):
        return f"{mine}, within {theirs}"
    if own[:4] == their[:4]:
        return f"{mine}, close to {theirs} (same heading {own[:4]})"
    return f"{mine}, related to {theirs} (same chapter {own[:2]})"


class Reasons:
    """Writes the reasons of recommendations over one built ``index``.  ``names`` are the
    glossary's English names by HS code; ``phrases`` a cache of product reasons named from codes
    only, which outlives the index (its keys hold no positions)."""

    def __init__(self, index: PartnerIndex, names: dict[str, str],
                 phrases: dict[tuple[str, str, str], str]):
        self.index = index
        self.names = names
        self.phrases = phrases  # (verb, offered, needed) → text
        self.routes: dict[tuple[int, int, bool, bool], str] = {}  # country indexes: this index's

    def __call__(self, a: int, b: int, offered: list[Match], needed: list[Match]) -> list[str]:
        """The reasons for recommending ``b`` to ``a``."""
        found = self._direction(a, b, offered, "offers") if offered else []
        if needed:
            found += self._direction(b, a, needed, "needs")
        found.sort(key=itemgetter(0), reverse=True)  # stable: "offers" first on ties
        reasons = [text for _, text in found]
        home, there = self.index.country[a], self.index.country[b]
        if home != there:
            reasons.append(self._route(a, b, home, there))
        return reasons

    def _route(self, a: int, b: int, home: int, there: int) -> str:
        markets = self.index.markets
        we_want, they_want = there in markets[a], home in markets[b]
        key = (home, there, we_want, they_want)
        route = self.routes.get(key)
        if route is None:
            names = self.index.country_names
            route = f"across the border ({names[home]} → {names[there]})"
            if we_want and they_want:
                route += ", markets you both want"
            elif we_want:
                route += ", a market you want"
            elif they_want:
                route += ", a market they want"
            self.routes[key] = route
        return route

    def code_name(self, code: str) -> str | None:
        """English name of ``code``: the glossary's, else the HS nomenclature's (reasons are in
        English, and an organisation's text may be Lao or Chinese)."""
        return self.names.get(code) or nomenclature().get(code)

    def _direction(self, supplier: int, buyer: int, matches: list[Match],
                   verb: str) -> list[tuple[float, str]]:
        """Reasons for what ``supplier`` offers that ``buyer`` needs (``matches``, from
        :func:`~tradebridge.registry.matching.fit.direction`); ``verb`` is what the organisation
        the reasons are written for does ("offers" when it is the supplier)."""
        if len(matches) > 1:
            matches = sorted(matches, key=itemgetter(0), reverse=True)
        reasons: list[tuple[float, str]] = []
        named: set[str] = set()  # each of the organisation's own products once
        strongest = matches[0][0]
        for fit, key, need, position in matches:
            if fit < WEAK_REASON * strongest:
                break  # "related to" noise next to a real match
            offer = self._offered_code(supplier, key)
            own = offer if verb == "offers" else need
            if own in named:
                continue
            named.add(own)
            text = self.phrases.get((verb, offer, need))
            if text is None:
                text = self._phrase(supplier, buyer, verb, offer, need, position)
            reasons.append((fit, text))
            if len(reasons) == MAX_REASONS_PER_DIRECTION:
                break
        return reasons

    def _phrase(self, supplier: int, buyer: int, verb: str, offer: str, need: str, position: int) -> str:
        offer_name = self.code_name(offer) or self._offer_text(supplier, offer)
        need_name = self.code_name(need) or shorten(self.index.need_texts[buyer][position]) or "goods"
        if verb == "offers":
            text = phrase("offers", "need", offer, offer_name, need, need_name)
        else:
            text = phrase("needs", "offer", need, need_name, offer, offer_name)
        if len(self.phrases) < MAX_CACHED_PHRASES and self.code_name(offer) and self.code_name(need):
            self.phrases[(verb, offer, need)] = text  # named from codes only
        return text

    def _offered_code(self, supplier: int, key: str) -> str:
        """The supplier's offered code behind one of its keys (see fit.code_keys)."""
        if len(key) == 6:
            return key
        if key[-1] == "*":
            return key[:-1]
        best_conf, best = -1.0, key
        for item in self.index.offers[supplier]:
            for code, conf in item:
                if code.startswith(key) and conf > best_conf:
                    best_conf, best = conf, code
        return best

    def _offer_text(self, index: int, code: str) -> str:
        """The organisation's own text for an offered ``code`` that has no English name."""
        for item, text in zip(self.index.offers[index], self.index.offer_texts[index], strict=True):
            if text.strip() and any(c == code for c, _ in item):
                return shorten(text)
        return "goods"
