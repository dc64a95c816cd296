"""The index of the matching engine: every organisation's products as HS codes and keys, and
inverted indexes to find likely partners without comparing everyone with everyone.

Candidates come from inverted indexes of the offered and needed codes at subheading, heading
and chapter level, each posting list split by country: for each of an organisation's codes the
exact list is read first and coarser lists only when it yields few candidates, at most
``POSTINGS_CAP`` postings per list (preferred countries first, then a window that starts at a
place that depends on the organisation, so that popular lists do not send everyone to the same
few organisations).  A fourth index by (offered heading, needed heading) finds two-way partners
directly.  The candidates are ranked by the weights gathered on the way; only the best
``top + EXTRA_CANDIDATES`` get the exact score (:mod:`~tradebridge.registry.matching.scoring`).
"""

from __future__ import annotations

import zlib
from array import array
from collections import defaultdict
from collections.abc import Sequence
from functools import partial

from tradebridge.registry.matching.fit import (
    CHAPTER_COVERS,
    EXACT,
    HEADING_COVERS,
    SAME_CHAPTER,
    SAME_HEADING,
    ProbeItem,
    chapter_bits,
    code_keys,
    geo_factors,
    probes,
)
from tradebridge.registry.matching.links import implied_needs
from tradebridge.registry.matching.products import ProductCodes
from tradebridge.registry.matching.profiles import Item, Profile

POSTINGS_CAP = 28  # postings read per (code, level) list
TWO_WAY_CAP = 20  # postings read per (offered heading, needed heading) list
ENOUGH_CANDIDATES = 12  # a code whose finer lists gave this many is not looked up coarser
MAX_SEARCHED_CODES = 24  # codes per side (offers, needs) searched for candidates
MAX_TWO_WAY_HEADINGS = 8  # headings per side paired in the two-way index
TWO_WAY_WEIGHT = 1.2  # head start of a two-way candidate in the ranking of candidates
EXTRA_CANDIDATES = 5  # candidates scored exactly beyond ``top``

Postings = tuple[int, list[tuple[int, array]]]  # (total, [(country, organisation ids), ...])
Keys = tuple[tuple[str, float], ...]  # (key, confidence) pairs of one item
ItemInfo = tuple[ProbeItem, Keys, int]  # an item's probes, keys and chapters as bits


def _postings(by_country: list[array]) -> Postings:
    """A posting list from its ids by country: the non-empty ones, largest first."""
    ordered = sorted(((c, ids) for c, ids in enumerate(by_country) if ids), key=lambda b: -len(b[1]))
    return sum(len(ids) for _, ids in ordered), ordered


def _window(ids: array, rotation: int, room: int) -> array:
    """At most ``room`` ids: all of them, or a run starting at ``rotation`` (wrapping)."""
    size = len(ids)
    if size <= room:
        return ids
    start = rotation % size
    chunk = ids[start : start + room]
    if len(chunk) < room:
        chunk += ids[: room - len(chunk)]
    return chunk


def _two_way_headings(keys: Sequence[str] | dict[str, float], scale: int) -> list[int]:
    """The first headings among ``keys`` as numbers (times ``scale``), for the two-way index."""
    return [int(k) * scale for k in keys if len(k) == 4][:MAX_TWO_WAY_HEADINGS]


class _ItemInfos:
    """Per distinct item: its probes for scoring, its (key, confidence) pairs and its chapters
    as bits.  Items are shared through the resolution caches, which keep them alive, so their
    ids are stable keys (hashing the tuples would cost more)."""

    def __init__(self) -> None:
        self._found: dict[int, ItemInfo] = {}
        self._interned: dict[str, str] = {}

    def __call__(self, item: Item) -> ItemInfo:
        found = self._found.get(id(item))
        if found is None:
            interned = self._interned
            probed = tuple((conf, *probes(code)) for code, conf in item)
            pairs = tuple((interned.setdefault(key, key), conf)
                          for code, conf in item for key in code_keys(code))
            found = self._found[id(item)] = (probed, pairs, chapter_bits(code[:2] for code, _ in item))
        return found


class PartnerIndex:
    """The organisations of ``profiles`` by position, their codes and keys, and the posting
    lists that find their likely partners (:meth:`candidates`)."""

    def __init__(self, profiles: Sequence[Profile], products: ProductCodes):
        self.ids = [p.id for p in profiles]
        self.positions = {pid: i for i, pid in enumerate(self.ids)}
        if len(self.positions) != len(self.ids):
            raise ValueError("organisation ids must be unique")
        self.country_names: list[str] = []
        self._country_numbers: dict[str, int] = {}
        for profile in profiles:  # countries first: posting lists are split by country
            self._country_number(profile.country)
        self.country = array("i")
        self.markets: list[frozenset[int]] = []  # country indexes
        self.offers: list[tuple[Item, ...]] = []  # per organisation: its items' codes
        self.needs: list[tuple[Item, ...]] = []
        self.need_probes: list[tuple[ProbeItem, ...]] = []  # the needs, ready for scoring
        self.offer_texts: list[tuple[str, ...]] = []  # the items' texts, for reasons
        self.need_texts: list[tuple[str, ...]] = []
        # Needs implied by input–output links (matching.links) follow the stated ones: how many
        # were stated, and for each implied one the offered output code and the offer's position.
        self.stated_needs = array("i")
        self.implied_from: list[tuple[tuple[str, int], ...]] = []
        self.offer_keys: list[dict[str, float]] = []  # key (see fit.code_keys) → best confidence
        self.need_keys: list[dict[str, float]] = []
        # Chapters as bits: a direction whose chapters do not meet is skipped without scoring.
        self.offer_chapters: list[int] = []
        self.need_chapters: list[int] = []
        self._fill(profiles, products)
        self._geo_cache: dict[tuple[int, frozenset[int]], tuple[list[float], dict]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def _country_number(self, code: str) -> int:
        number = self._country_numbers.get(code)
        if number is None:
            number = self._country_numbers[code] = len(self.country_names)
            self.country_names.append(code)
        return number

    def _fill(self, profiles: Sequence[Profile], products: ProductCodes) -> None:
        country_count = len(self.country_names)

        def by_country() -> list[array]:
            return [array("i") for _ in range(country_count)]

        offer_lists: defaultdict[str, list[array]] = defaultdict(by_country)
        need_lists: defaultdict[str, list[array]] = defaultdict(by_country)
        two_way: defaultdict[int, array] = defaultdict(partial(array, "i"))
        info = _ItemInfos()
        no_markets: frozenset[int] = frozenset()
        for index, profile in enumerate(profiles):
            country = self._country_number(profile.country)
            self.country.append(country)
            self.markets.append(
                frozenset(map(self._country_number, profile.markets)) if profile.markets else no_markets
            )
            offers, offer_texts = products.resolved(profile.offers)
            needs, need_texts = products.resolved(profile.needs)
            self.stated_needs.append(len(needs))
            implied = implied_needs(offers, needs) if offers else ()
            if implied:
                needs += tuple(item for item, _, _ in implied)
                need_texts += tuple(offer_texts[position] for _, _, position in implied)
                self.implied_from.append(tuple((code, position) for _, code, position in implied))
            else:
                self.implied_from.append(())
            self.offers.append(offers)
            self.needs.append(needs)
            self.offer_texts.append(offer_texts)
            self.need_texts.append(need_texts)
            offer_keys, _, offer_chapters = _index_side(offers, offer_lists, index, country, info)
            need_keys, need_probes, need_chapters = _index_side(needs, need_lists, index, country, info)
            self.offer_keys.append(offer_keys)
            self.need_keys.append(need_keys)
            self.need_probes.append(need_probes)
            self.offer_chapters.append(offer_chapters)
            self.need_chapters.append(need_chapters)
            # Two-way index: (offered heading, needed heading) as one number, headings chosen
            # as candidates() chooses them.
            if offer_keys and need_keys:
                needed = _two_way_headings(need_keys, 1)
                for heading in _two_way_headings(offer_keys, 10_000):
                    for other in needed:
                        two_way[heading + other].append(index)
        # Posting lists as (total, [(country, ids), ...] largest first), empty countries left out.
        self.offer_lists = {k: _postings(v) for k, v in offer_lists.items()}
        self.need_lists = {k: _postings(v) for k, v in need_lists.items()}
        self.two_way = dict(two_way)

    def geo(self, index: int) -> tuple[list[float], dict[int, list[tuple[int, array]]]]:
        """What depends only on the organisation's country and markets, shared by all that have
        the same: G by partner country, and the posting lists' buckets in its order of countries
        (by list: sorting them for every organisation would cost more than reading them)."""
        home, markets = self.country[index], self.markets[index]
        cached = self._geo_cache.get((home, markets))
        if cached is None:
            factors = geo_factors(home, markets, len(self.country_names))
            cached = self._geo_cache[(home, markets)] = (factors, {})
        return cached

    def candidates(self, index: int, top: int) -> list[int]:
        """Likely partners of ``index``, best first, from the posting lists (bounded work)."""
        geo, orders = self.geo(index)
        rotation = zlib.crc32(self.ids[index].encode())
        scores: dict[int, float] = {}
        get = scores.get

        def read(postings: Postings, weight: float) -> int:
            total, buckets = postings
            if total > POSTINGS_CAP and len(buckets) > 1:  # not all read: preferred countries first
                ordered = orders.get(id(postings))
                if ordered is None:
                    ordered = orders[id(postings)] = sorted(buckets, key=lambda bucket: -geo[bucket[0]])
                buckets = ordered
            taken = 0
            for country, ids in buckets:
                room = POSTINGS_CAP - taken
                if room <= 0:
                    break
                w = weight * geo[country]
                if len(ids) > room:
                    ids = _window(ids, rotation, room)
                taken += len(ids)
                for other in ids:
                    scores[other] = get(other, 0.0) + w
            return taken

        for items, lists in ((self.needs[index], self.offer_lists), (self.offers[index], self.need_lists)):
            _search_codes(items, lists, read)
        # Two-way partners: they offer a heading we need and need a heading we offer.
        offer_keys, need_keys = self.offer_keys[index], self.need_keys[index]
        if offer_keys and need_keys:
            offered = _two_way_headings(offer_keys, 1)
            countries = self.country
            for heading in _two_way_headings(need_keys, 10_000):
                for other in offered:
                    ids = self.two_way.get(heading + other)
                    if ids:
                        for partner in _window(ids, rotation, TWO_WAY_CAP):
                            scores[partner] = get(partner, 0.0) + TWO_WAY_WEIGHT * geo[countries[partner]]
        scores.pop(index, None)
        wanted = top + EXTRA_CANDIDATES
        if len(scores) <= wanted:
            return list(scores)
        return sorted(scores, key=get, reverse=True)[:wanted]


def _index_side(
    items: tuple[Item, ...], lists: defaultdict[str, list[array]], index: int, country: int, info: _ItemInfos
) -> tuple[dict[str, float], tuple[ProbeItem, ...], int]:
    """List organisation ``index`` under the keys of its offered (or needed) ``items``; return
    its key map (key → best confidence), the items' probes and their chapters as bits."""
    keys: dict[str, float] = {}
    get = keys.get
    probed = []
    chapters = 0
    for item in items:
        item_probes, pairs, item_chapters = info(item)
        probed.append(item_probes)
        chapters |= item_chapters
        for key, conf in pairs:
            if conf > get(key, 0.0):
                keys[key] = conf
    for key in keys:
        if key[-1] != "*":  # "0910*" keys are looked up in partners' maps, never listed
            lists[key][country].append(index)
    return keys, tuple(probed), chapters


def _search_codes(items: tuple[Item, ...], lists: dict[str, Postings], read) -> None:
    """Read the posting lists of the codes of ``items``, exact level first, coarser levels only
    while few candidates were found.  An organisation listing hundreds of products is searched
    by its first ones only."""
    codes = [code for item in items for code in item][:MAX_SEARCHED_CODES]
    for code, conf in codes:
        found = 0
        if len(code) == 6:
            postings = lists.get(code)
            if postings:
                found = read(postings, EXACT * conf)
        if found < ENOUGH_CANDIDATES and len(code) >= 4:
            postings = lists.get(code[:4])
            if postings:
                weight = HEADING_COVERS if len(code) == 4 else SAME_HEADING
                found += read(postings, weight * conf)
        if found < ENOUGH_CANDIDATES:
            postings = lists.get(code[:2])
            if postings:
                read(postings, (CHAPTER_COVERS if len(code) == 2 else SAME_CHAPTER) * conf)
