"""The exact score of an organisation's candidate partners (see the package documentation for
the formula), over a built :class:`~tradebridge.registry.matching.index.PartnerIndex`."""

from __future__ import annotations

from operator import itemgetter

from tradebridge.registry.matching.fit import (
    GEO_WANTED_BY_THEM,
    Match,
    code_keys,
    combined,
    direction,
    probes,
)
from tradebridge.registry.matching.index import PartnerIndex

Scored = tuple[float, str, int, list[Match], list[Match]]  # (score, id, position, offered, needed)


def best_partners(index: PartnerIndex, position: int, top: int) -> list[Scored]:
    """The best ``top`` candidates of organisation ``position`` with their exact scores and
    matches (for the reasons), best first, ties to the smaller id.  Written out in one loop,
    with local names: it runs for every candidate."""
    ids, country_of, markets_of = index.ids, index.country, index.markets
    need_probes, offer_keys = index.need_probes, index.offer_keys
    my_needs, my_offers = need_probes[position], offer_keys[position]
    home = country_of[position]
    geo = index.geo(position)[0]
    scored = []
    my_offer_chapters, my_need_chapters = index.offer_chapters[position], index.need_chapters[position]
    offer_chapters, need_chapters = index.offer_chapters, index.need_chapters
    for other in index.candidates(position, top):
        if my_offer_chapters & need_chapters[other]:
            forward, offered = direction(need_probes[other], my_offers)
        else:
            forward, offered = 0.0, []
        if my_need_chapters & offer_chapters[other]:
            backward, needed = direction(my_needs, offer_keys[other])
        else:
            backward, needed = 0.0, []
        if not offered and not needed:
            continue
        there = country_of[other]
        g = geo[there]
        if home != there and home in markets_of[other]:
            g += GEO_WANTED_BY_THEM
        score = combined(forward, backward, g)
        if score > 0:
            scored.append((-score, ids[other], other, offered, needed))
    scored.sort(key=itemgetter(0, 1))
    return [(-neg, pid, other, offered, needed) for neg, pid, other, offered, needed in scored[:top]]


UNMATCHED_SCAN = 400  # postings read per key when looking for any partner of one product


def _any_partner(index: PartnerIndex, position: int, item, lists, fits) -> bool:
    """Whether some other organisation listed under the keys of ``item``'s codes fits it."""
    for code, _ in item:
        for key in (code, code[:4], code[:2]):
            postings = lists.get(key)
            if not postings:
                continue
            for _, ids in postings[1]:
                for other in ids[:UNMATCHED_SCAN]:
                    if other != position and fits(other):
                        return True
    return False


def unmatched(index: PartnerIndex, position: int) -> tuple[list[str], list[str]]:
    """(offer texts, need texts) of organisation ``position`` that no partner meets."""
    lonely_offers: list[str] = []
    for item, text in zip(index.offers[position], index.offer_texts[position], strict=True):
        keys = {key: conf for code, conf in item for key in code_keys(code)}
        if not _any_partner(index, position, item, index.need_lists,
                            lambda other, keys=keys: direction(index.need_probes[other], keys)[0] > 0):
            lonely_offers.append(text)
    lonely_needs: list[str] = []
    stated = index.stated_needs[position]
    for item, text in list(zip(index.needs[position], index.need_texts[position], strict=False))[:stated]:
        probed = (tuple((conf, *probes(code)) for code, conf in item),)
        if not _any_partner(index, position, item, index.offer_lists,
                            lambda other, probed=probed: direction(probed, index.offer_keys[other])[0] > 0):
            lonely_needs.append(text)
    return lonely_offers, lonely_needs

