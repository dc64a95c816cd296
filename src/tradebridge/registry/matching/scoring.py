"""The exact score of an organisation's candidate partners (see the package documentation for
the formula), over a built :class:`~tradebridge.registry.matching.index.PartnerIndex`."""

from __future__ import annotations

from operator import itemgetter

from tradebridge.registry.matching.fit import GEO_WANTED_BY_THEM, Match, combined, direction
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
