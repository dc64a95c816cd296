"""Why a partner is recommended, in short phrases in the active language written from the organisation's side
("they" is the partner), strongest first, at most two per direction: ``offers ginger (HS
0910.11), which they need``, ``needs NPK fertiliser (HS 3105.20), which they offer``, ``needs
fertilizers (HS 3105), which covers the NPK fertiliser (HS 3105.20) they offer``, then the
border when there is one: ``across the border (LAO → VNM)``, with ``, a market you want`` (the
organisation's markets), ``, a market they want`` (the partner's) or ``, markets you both
want``.  Every sentence comes from a translated template (:mod:`tradebridge.core.pure_i18n`:
English without Django).  Product names come from the glossary's primary name of the matched
code in the active language, else its chapter's name in that language, else the glossary's
English name, the HS nomenclature's (shortened) description, or the organisation's own text.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from operator import itemgetter

from tradebridge.core.pure_i18n import active_language, gettext_noop, translate
from tradebridge.registry.matching.fit import Match
from tradebridge.registry.matching.index import PartnerIndex
from tradebridge.registry.matching.products import DATA_DIR
from tradebridge.registry.matching.profiles import format_hs

HS_NOMENCLATURE = DATA_DIR / "harmonized-system-2022.csv"
HS_CHAPTER_NAMES = DATA_DIR / "hs-chapters-i18n.csv"
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


# The organisation's side ("offers"/"needs") and the partner's ("they need"/"they offer").
OWN = {"offers": gettext_noop("offers %(product)s (HS %(code)s)"),
       "needs": gettext_noop("needs %(product)s (HS %(code)s)")}
THEIRS = {"offers": gettext_noop("the %(product)s (HS %(code)s) they need"),
          "needs": gettext_noop("the %(product)s (HS %(code)s) they offer")}
SAME = {"offers": gettext_noop("%(mine)s, which they need"),
        "needs": gettext_noop("%(mine)s, which they offer")}
# Input–output links (matching.links): the buyer makes something the supplier's product goes into.
INPUT_OF = gettext_noop(
    "offers %(input)s (HS %(input_code)s), an input of the %(output)s (HS %(output_code)s) they make")
MAKES = gettext_noop(
    "makes %(output)s (HS %(output_code)s), which uses the %(input)s (HS %(input_code)s) they offer")
COVERS = gettext_noop("%(mine)s, which covers %(theirs)s")
WITHIN = gettext_noop("%(mine)s, within %(theirs)s")
SAME_HEADING = gettext_noop("%(mine)s, close to %(theirs)s (same heading %(heading)s)")
ROUTES = {
    (False, False): gettext_noop("across the border (%(home)s → %(there)s)"),
    (True, True): gettext_noop("across the border (%(home)s → %(there)s), markets you both want"),
    (True, False): gettext_noop("across the border (%(home)s → %(there)s), a market you want"),
    (False, True): gettext_noop("across the border (%(home)s → %(there)s), a market they want"),
}
GOODS = gettext_noop("goods")


@lru_cache(maxsize=1)
def chapter_names() -> dict[tuple[str, str], str]:
    """(language, HS chapter) → the chapter's name in that language (vi, lo, zh-hans)."""
    names: dict[tuple[str, str], str] = {}
    try:
        with HS_CHAPTER_NAMES.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                for column, text in row.items():
                    if column != "code" and text and text.strip():
                        names[(column.replace("_", "-"), row["code"])] = text.strip()
    except OSError:
        return {}
    return names


def phrase(verb: str, own: str, own_name: str, their: str, their_name: str) -> str:
    """One product reason: what the organisation ``verb``s ("offers"/"needs"), and how it
    meets the partner's, in the active language."""
    mine = translate(OWN[verb]) % {"product": own_name, "code": format_hs(own)}
    theirs = translate(THEIRS[verb]) % {"product": their_name, "code": format_hs(their)}
    if own == their:
        return translate(SAME[verb]) % {"mine": mine}
    if their.startswith(own):
        return translate(COVERS) % {"mine": mine, "theirs": theirs}
    if own.startswith(their):
        return translate(WITHIN) % {"mine": mine, "theirs": theirs}
    # Otherwise the same heading: fit.probes knows no other product fit.
    return translate(SAME_HEADING) % {"mine": mine, "theirs": theirs, "heading": own[:4]}


class Reasons:
    """Writes the reasons of recommendations over one built ``index``, in the active language.
    ``names`` are the glossary's primary names by language and HS code (``names["en"]["091011"]``);
    ``phrases`` a cache of product reasons named from codes only, which outlives the index (its
    keys hold no positions)."""

    def __init__(self, index: PartnerIndex, names: dict[str, dict[str, str]],
                 phrases: dict[tuple[str, str, str, str], str]):
        self.index = index
        self.names = names
        self.phrases = phrases  # (language, verb, offered, needed) → text
        self.routes: dict[tuple, str] = {}  # country indexes: this index's

    def __call__(self, a: int, b: int, offered: list[Match], needed: list[Match]) -> list[str]:
        """The reasons for recommending ``b`` to ``a``."""
        language = active_language()
        found = self._direction(a, b, offered, "offers", language) if offered else []
        if needed:
            found += self._direction(b, a, needed, "needs", language)
        found.sort(key=itemgetter(0), reverse=True)  # stable: "offers" first on ties
        reasons = [text for _, text in found]
        home, there = self.index.country[a], self.index.country[b]
        if home != there:
            reasons.append(self._route(a, b, home, there, language))
        return reasons

    def _route(self, a: int, b: int, home: int, there: int, language: str) -> str:
        markets = self.index.markets
        we_want, they_want = there in markets[a], home in markets[b]
        key = (language, home, there, we_want, they_want)
        route = self.routes.get(key)
        if route is None:
            names = self.index.country_names
            route = translate(ROUTES[(we_want, they_want)]) % {"home": names[home], "there": names[there]}
            self.routes[key] = route
        return route

    def code_name(self, code: str, language: str = "en") -> str | None:
        """Name of ``code`` in ``language``: the glossary's, else its chapter's in that language;
        else (and in English) the glossary's English name or the HS nomenclature's (an
        organisation's own text may be in any language)."""
        if language != "en":
            own = self.names.get(language, {}).get(code) or chapter_names().get((language, code[:2]))
            if own:
                return own
        return self.names.get("en", {}).get(code) or nomenclature().get(code)

    def _direction(self, supplier: int, buyer: int, matches: list[Match],
                   verb: str, language: str) -> list[tuple[float, str]]:
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
            stated = self.index.stated_needs[buyer]
            if position >= stated:
                output, _ = self.index.implied_from[buyer][position - stated]
                reasons.append((fit, self._link_phrase(supplier, buyer, verb, offer, output, language)))
                if len(reasons) == MAX_REASONS_PER_DIRECTION:
                    break
                continue
            text = self.phrases.get((language, verb, offer, need))
            if text is None:
                text = self._phrase(supplier, buyer, verb, offer, need, position, language)
            reasons.append((fit, text))
            if len(reasons) == MAX_REASONS_PER_DIRECTION:
                break
        return reasons

    def _phrase(self, supplier: int, buyer: int, verb: str, offer: str, need: str, position: int,
                language: str) -> str:
        offer_named, need_named = self.code_name(offer, language), self.code_name(need, language)
        offer_name = offer_named or self._offer_text(supplier, offer)
        need_name = need_named or shorten(self.index.need_texts[buyer][position]) or translate(GOODS)
        if verb == "offers":
            text = phrase("offers", offer, offer_name, need, need_name)
        else:
            text = phrase("needs", need, need_name, offer, offer_name)
        if len(self.phrases) < MAX_CACHED_PHRASES and offer_named and need_named:
            self.phrases[(language, verb, offer, need)] = text  # named from codes only
        return text

    def _link_phrase(self, supplier: int, buyer: int, verb: str, offer: str, output: str,
                     language: str) -> str:
        """An input–output reason: ``supplier`` offers ``offer``, which goes into the ``output``
        that ``buyer`` offers."""
        values = {
            "input": self.code_name(offer, language) or self._offer_text(supplier, offer),
            "input_code": format_hs(offer),
            "output": self.code_name(output, language) or self._offer_text(buyer, output),
            "output_code": format_hs(output),
        }
        return translate(INPUT_OF if verb == "offers" else MAKES) % values

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
        """The organisation's own text for an offered ``code`` that has no name."""
        for item, text in zip(self.index.offers[index], self.index.offer_texts[index], strict=True):
            if text.strip() and any(c == code for c, _ in item):
                return shorten(text)
        return translate(GOODS)
