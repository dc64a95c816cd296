"""Partner recommendations: who should trade with whom, from what each offers and needs.

Pure Python (no Django, no ORM).  A :class:`RecommendationEngine` resolves every offered and
needed product to HS codes, indexes the organisations by those codes, and for each
organisation finds the partners whose offers meet its needs and whose needs meet its offers.

Resolving products
------------------
An item's explicit ``hs`` (2, 4 or 6 digits) wins.  Otherwise its free text goes through the
:class:`~tradebridge.catalog.resolve.ProductResolver`: the best match is kept, with the other
matches within ``MARGIN`` of it when the text is genuinely ambiguous (``"silk"``: raw silk,
silk yarn, silk fabric), at most ``MAX_CODES_PER_ITEM``; matches scoring below ``MIN_MATCH``
(weak fuzzy guesses) are dropped.  Each code carries a confidence ``q``: 1 for explicit
codes and for resolver scores from 0.7 (exact names, or their words with the right accents),
0.9 for accent-free word matches, 0.75 for fuzzy ones.  Resolution is cached by text
with plain quantities masked (``300 tấn/năm`` and ``50 tấn/năm`` share an entry; numbers that
occur in glossary names, such as ``15-15-15`` or ``50cc``, are kept).

Score of partner B for organisation A
-------------------------------------
1. Product fit of a needed code ``c`` against the partner's codes: 1.0 same subheading;
   0.8 one side names the whole heading that holds the other (``3105`` ⊇ ``3105.20``);
   0.6 same heading; 0.4 one side names the whole chapter; 0.3 same chapter; times the
   confidences of both codes.  An item's fit ``s`` is its best code's fit.
2. One direction (what A offers that B needs, or what B offers that A needs), over the
   needing side's items: ``D = 1 − Π (1 − 0.85 s)`` — one exact item gives 0.85, two give
   0.98, one same-heading item 0.51, one same-chapter item 0.255.
3. Both directions: ``C = 0.75 max(D_ab, D_ba) + 0.25 min(D_ab, D_ba)`` — a two-way partner
   beats a one-way partner with the same product fit.
4. Geography: ``G = 0.75 + 0.10 [countries differ] + 0.10 [A's markets list B's country]
   + 0.05 [B's markets list A's country] − 0.05 [A lists markets, not B's country]``,
   so G lies in [0.70, 1.00].
5. ``score = C × G``, in [0, 1], rounded to 4 decimals; partners with no product fit are never
   recommended, nor is the organisation itself.  Ties go to the smaller id.

Reasons are short English phrases written from A's side ("they" is the partner), strongest
first, at most two per direction: ``offers ginger (HS 0910.11), which they need``, ``needs NPK
fertiliser (HS 3105.20), which they offer``, ``needs fertilizers (HS 3105), which covers the NPK
fertiliser (HS 3105.20) they offer``, then the border when there is one: ``across the border
(LAO → VNM)``, with ``, a market you want`` (A's markets), ``, a market they want`` (B's) or
``, markets you both want``.  Product names come from the
glossary's primary English name of the matched code, else the HS nomenclature's (shortened)
description, else the organisation's own text.

Scale
-----
Candidates come from inverted indexes of the offered and needed codes at subheading, heading
and chapter level, each posting list split by country: for each of A's codes the exact list is
read first and coarser lists only when it yields few candidates, at most ``POSTINGS_CAP``
postings per list (preferred countries first, then a window that starts at a place that
depends on A, so that popular lists do not send everyone to the same few organisations).  A
fourth index by (offered heading, needed heading) finds two-way partners directly.  The
candidates are ranked by the weights gathered on the way, and only the best ``top + 5`` get
the exact score above.  :meth:`RecommendationEngine.recommend_all` forks two worker processes
for large inputs (resolution and recommendation), one process otherwise.
"""

from __future__ import annotations

import csv
import gc
import multiprocessing
import os
import re
import sys
import unicodedata
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from operator import itemgetter
from pathlib import Path
from typing import Any

from tradebridge.catalog.resolve import GlossaryEntry, ProductResolver, load_glossary_csv, normalize_hs
from tradebridge.core.text import tokenize

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

DATA_DIR = Path(__file__).resolve().parents[1] / "catalog" / "data"
DEFAULT_GLOSSARY = DATA_DIR / "glossary.csv"
HS_NOMENCLATURE = DATA_DIR / "harmonized-system-2022.csv"
DEFAULT_TOP = 10

# Resolution of free text.
RESOLVE_LIMIT = 5
MIN_MATCH = 0.4  # below: a weak fuzzy guess, ignored
MARGIN = 0.02  # matches this close to the best one are kept too (ambiguous text)
MAX_CODES_PER_ITEM = 3
SURE_MATCH = 0.7  # resolver scores from here on: exact, folded, or words with their accents

# Product fit (see the module docstring).
EXACT, HEADING_COVERS, SAME_HEADING, CHAPTER_COVERS, SAME_CHAPTER = 1.0, 0.8, 0.6, 0.4, 0.3
ITEM_WEIGHT = 0.85
MAIN_DIRECTION, OTHER_DIRECTION = 0.75, 0.25
GEO_BASE, GEO_CROSS, GEO_WANTED, GEO_WANTED_BY_THEM, GEO_UNWANTED = 0.75, 0.10, 0.10, 0.05, 0.05

# Candidate search.
POSTINGS_CAP = 28  # postings read per (code, level) list
TWO_WAY_CAP = 20  # postings read per (offered heading, needed heading) list
ENOUGH_CANDIDATES = 12  # a code whose finer lists gave this many is not looked up coarser
MAX_SEARCHED_CODES = 24  # codes per side (offers, needs) searched for candidates
MAX_TWO_WAY_HEADINGS = 8  # headings per side paired in the two-way index
TWO_WAY_WEIGHT = 1.2  # head start of a two-way candidate in the ranking of candidates
EXTRA_CANDIDATES = 5  # candidates scored exactly beyond ``top``
MAX_REASONS_PER_DIRECTION = 2
WEAK_REASON = 0.5  # a further reason of a direction is shown when at least this share as strong
NAME_LENGTH = 48

# Parallelism: fork this many workers when the input is at least this large.
WORKERS = 2
PARALLEL_MIN_PROFILES = 20_000
PARALLEL_MIN_TEXTS = 4_000
CHUNK = 1_000

Code = tuple[str, float]  # (HS code of 2, 4 or 6 digits, confidence in (0, 1])
Item = tuple[Code, ...]  # the codes of one offered or needed product
# An item as scoring reads it: (confidence, chapter, probes) per code (see _probes).
ProbeItem = tuple[tuple[float, str, tuple[tuple[str, float], ...]], ...]


@dataclass(slots=True)
class ProductItem:
    """One offered or needed product: free ``text`` and, when known, an ``hs`` code."""

    text: str
    hs: str | None = None


@dataclass(slots=True)
class Profile:
    """An organisation as the engine sees it; ``country`` and ``markets`` are ISO alpha-3."""

    id: str
    name: str = ""
    country: str = ""
    province: str | None = None
    kind: str | None = None
    sectors: list[str] = field(default_factory=list)
    offers: list[ProductItem] = field(default_factory=list)
    needs: list[ProductItem] = field(default_factory=list)
    markets: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Recommendation:
    """Partner ``id`` with ``score`` in [0, 1] and English ``reasons``."""

    id: str
    score: float
    reasons: list[str]


def format_hs(code: str) -> str:
    """``091011`` → ``0910.11``; headings and chapters as they are."""
    return f"{code[:4]}.{code[4:]}" if len(code) == 6 else code


# ---------------------------------------------------------------------------------------------
# Product fit


def _confidence(score: float) -> float:
    """Confidence in a resolved code: words matched with their accents (or better) are sure;
    accent-free matches a little less; fuzzy guesses less again."""
    if score >= SURE_MATCH:
        return 1.0
    return 0.9 if score > 0.5 else 0.75


def _code_keys(code: str) -> tuple[str, ...]:
    """Index keys of a code: the subheading itself (6 digits), its heading (4) and chapter (2);
    a code given as a whole heading or chapter also gets that key with a ``*``."""
    if len(code) == 6:
        return code, code[:4], code[:2]
    if len(code) == 4:
        return code + "*", code, code[:2]
    return code + "*", code


@lru_cache(maxsize=8192)
def _probes(code: str) -> tuple[str, tuple[tuple[str, float], ...]]:
    """How to look ``code`` up in a partner's key map: its chapter (no fit at all without it),
    then (key, weight) pairs from the best fit down; the first key present gives the fit."""
    chapter = code[:2]
    coarse = ((chapter + "*", CHAPTER_COVERS), (chapter, SAME_CHAPTER))
    if len(code) == 6:
        heading = code[:4]
        return chapter, ((code, EXACT), (heading + "*", HEADING_COVERS), (heading, SAME_HEADING), *coarse)
    if len(code) == 4:
        return chapter, ((code, HEADING_COVERS), *coarse)
    return chapter, ((chapter, CHAPTER_COVERS),)


Postings = tuple[int, list[tuple[int, array]]]  # (total, [(country, organisation ids), ...])


def _postings(by_country: list[array]) -> Postings:
    """A posting list from its ids by country: the non-empty ones, largest first."""
    ordered = sorted(((c, ids) for c, ids in enumerate(by_country) if ids), key=lambda b: -len(b[1]))
    return sum(len(ids) for _, ids in ordered), ordered


def _phrase(verb: str, their_verb: str, own: str, own_name: str, their: str, their_name: str) -> str:
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


def _chapter_bits(keys: Iterable[str]) -> int:
    """The chapters among ``keys`` as the bits of a number: one AND tells if two sets meet."""
    return sum(1 << int(key) for key in keys if len(key) == 2)


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


Match = tuple[float, str, str, int]  # (fit, the supplier's key, the needed code, needed item)


def _direction(items: Sequence[ProbeItem], keys: Mapping[str, float]) -> tuple[float, list[Match]]:
    """How well a supplier with offer ``keys`` meets the needed ``items``: 1 − Π(1 − 0.85 s),
    and the best match of each item that has one (for the reasons)."""
    miss = 1.0
    matches: list[Match] = []
    get = keys.get
    for position, item in enumerate(items):
        best: Match | None = None
        for conf, chapter, probes in item:
            if chapter in keys:  # most codes of most partners miss here
                for key, weight in probes:
                    partner_conf = get(key)
                    if partner_conf is not None:
                        fit = weight * partner_conf * conf
                        if best is None or fit > best[0]:
                            best = (fit, key, probes[0][0], position)  # the first probe: the code
                        break
        if best is not None:
            miss *= 1.0 - ITEM_WEIGHT * best[0]
            matches.append(best)
    return 1.0 - miss, matches


# ---------------------------------------------------------------------------------------------
# Glossary-derived helpers


@lru_cache(maxsize=1)
def _default_entries() -> tuple[GlossaryEntry, ...]:
    return tuple(load_glossary_csv(DEFAULT_GLOSSARY))


@lru_cache(maxsize=1)
def _nomenclature() -> dict[str, str]:
    """HS code → short English description (up to the first ``;``), for codes the glossary
    does not name and organisations did not describe."""
    names: dict[str, str] = {}
    try:
        with HS_NOMENCLATURE.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                text = row.get("description", "").split(";")[0].strip()
                if text:
                    names[row.get("hscode", "")] = _shorten(text[0].lower() + text[1:])
    except OSError:  # the names are a nicety: reasons fall back to the organisations' texts
        return {}
    return names


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= NAME_LENGTH:
        return text
    cut = text[:NAME_LENGTH].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


_DIGIT = re.compile(r"[0-9]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W_]+")
# A number that is a word of its own, not glued to Latin letters or digits ("50cc", "ST25");
# Lao and Chinese neighbours are other words ("每月20吨").
_LATIN_ALNUM = r"0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_STANDALONE_NUMBER = re.compile(rf"(?<![{_LATIN_ALNUM}])[0-9]+(?![{_LATIN_ALNUM}])")
# An HS code written inside a text (0910.11, 091011): such texts are never masked.
_CODE_LIKE = re.compile(r"[0-9]{4}\.[0-9]{2}|(?<![0-9])[0-9]{6}(?![0-9])")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building millions of small acyclic objects would
    otherwise trigger full collections over the whole heap again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# ---------------------------------------------------------------------------------------------
# Worker processes (fork): the engine is inherited, only work and results travel.

_WORKER_ENGINE: RecommendationEngine | None = None


def _resolve_chunk(texts: list[str]) -> list[Item]:
    assert _WORKER_ENGINE is not None
    return [_WORKER_ENGINE._resolve_text(text) for text in texts]


def _recommend_chunk(task: tuple[int, int, int, Callable[[str, list[Recommendation]], Any] | None]) -> list:
    start, stop, top, render = task
    engine = _WORKER_ENGINE
    assert engine is not None
    render = render or _as_tuples
    return [render(engine._ids[index], engine._recommend_index(index, top)) for index in range(start, stop)]


def _as_tuples(org_id: str, recs: list[Recommendation]) -> tuple[str, list[tuple[str, float, list[str]]]]:
    """Recommendations as plain tuples: several times cheaper to send between processes."""
    return org_id, [(r.id, r.score, r.reasons) for r in recs]


def _from_tuples(entry: tuple[str, list[tuple[str, float, list[str]]]]) -> tuple[str, list[Recommendation]]:
    org_id, recs = entry
    return org_id, [Recommendation(*rec) for rec in recs]


@contextmanager
def _fork_pool(engine: RecommendationEngine, workers: int) -> Iterator[Any]:
    """A pool of forked workers sharing ``engine`` (None where fork is not available).  The
    workers freeze what they inherit, so that their collections never walk the index."""
    global _WORKER_ENGINE
    if "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    _WORKER_ENGINE = engine
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=gc.freeze) as pool:
            yield pool
    finally:
        _WORKER_ENGINE = None


# ---------------------------------------------------------------------------------------------
# The engine


class RecommendationEngine:
    """Recommend trade partners among a set of organisation profiles.

    ``engine = RecommendationEngine(resolver)``; ``engine.build(profiles)`` indexes them (or
    :meth:`recommend_all` does); :meth:`recommend_for` then answers one organisation in about
    a millisecond.  ``entries`` are the glossary entries the resolver was built from (default:
    the packaged glossary); they give the English product names of the reasons.
    """

    def __init__(
        self,
        resolver: ProductResolver,
        entries: Iterable[GlossaryEntry] | None = None,
        *,
        workers: int | None = None,
    ):
        self.resolver = resolver
        entries = _default_entries() if entries is None else tuple(entries)
        self._names = {e.hs: e.term for e in entries if e.lang == "en" and e.primary}
        # A number that is a word of a glossary name ("xe tải trên 20 tấn") is kept in a cache
        # key when the text has the name's other words too; other numbers are quantities, masked.
        # Each such name is kept as its other words, folded and as written (lower case), to be
        # compared with the lower-case text: no folding of every text.
        self._numbered_names: dict[str, list[tuple[str, ...]]] = {}
        for entry in entries:
            if not _DIGIT.search(entry.term):
                continue
            folded_words = tokenize(entry.term)
            written_words = _WORD.findall(unicodedata.normalize("NFC", entry.term).lower())
            for number in {w for w in folded_words if w.isdigit()}:
                variants = self._numbered_names.setdefault(number, [])
                for words in (folded_words, written_words):
                    variants.append(tuple(w for w in words if w != number))
        self._mask = next(str(n) for n in range(7, 10_000) if str(n) not in self._numbered_names)
        self.workers = max(1, min(WORKERS, os.cpu_count() or 1) if workers is None else workers)
        # Resolution caches: explicit code → codes, text → codes, masked text → codes.
        self._by_code: dict[str, Item] = {}
        self._by_text: dict[str, Item] = {}
        self._by_key: dict[str, Item] = {}
        self._phrase_cache: dict[tuple[str, str, str], str] = {}  # (verb, offered, needed) → text
        self._profiles: list[Profile] = []
        self._ids: list[str] = []
        self._positions: dict[str, int] = {}

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str] = DEFAULT_GLOSSARY, **kwargs: Any) -> RecommendationEngine:
        entries = load_glossary_csv(path)
        return cls(ProductResolver(entries), entries, **kwargs)

    # -- resolution ---------------------------------------------------------------------------

    def _cache_key(self, text: str) -> str:
        """``text`` with its quantities masked, so that texts differing only in them share a
        resolution: numbers standing alone (not part of a word such as ``50cc``), unless a
        glossary name holds the number and the text holds the name's other words too.  Texts
        holding an HS code, or no letter, are kept as they are."""
        text = " ".join(text.split())
        if not _DIGIT.search(text) or _CODE_LIKE.search(text) or not _LETTER.search(text):
            return text
        lower: str | None = None

        def replace(match: re.Match[str]) -> str:
            nonlocal lower
            names = self._numbered_names.get(match[0])
            if names:
                if lower is None:
                    lower = unicodedata.normalize("NFC", text).lower()
                if any(all(word in lower for word in words) for words in names):
                    return match[0]
            return self._mask

        return _STANDALONE_NUMBER.sub(replace, text)

    def _resolve_text(self, key: str) -> Item:
        matches = [m for m in self.resolver.resolve(key, limit=RESOLVE_LIMIT) if m.score >= MIN_MATCH]
        if not matches:
            return ()
        best = matches[0].score
        kept = [m for m in matches if best - m.score <= MARGIN][:MAX_CODES_PER_ITEM]
        return tuple((sys.intern(m.hs), _confidence(m.score)) for m in kept)

    def resolve_item(self, item: ProductItem) -> Item:
        """The HS codes of one product, with their confidences (cached by code and by text)."""
        if item.hs:
            codes = self._by_code.get(item.hs)
            if codes is None:
                try:
                    codes = ((sys.intern(normalize_hs(item.hs)), 1.0),)
                except ValueError:
                    codes = ()  # validated input never gets here: a bad code counts as absent
                self._by_code[item.hs] = codes
            if codes:
                return codes
        text = item.text
        codes = self._by_text.get(text)
        if codes is None:
            if not text or text.isspace():
                return ()
            key = self._cache_key(text)
            codes = self._by_key.get(key)
            if codes is None:
                codes = self._by_key[key] = self._resolve_text(key)
            self._by_text[text] = codes
        return codes

    def _resolve_all(self, profiles: Sequence[Profile]) -> None:
        """Resolve every distinct free text once, in worker processes when there are many."""
        pending: dict[str, list[str]] = {}  # cache key → the texts that have it
        waiting: set[str] = set()  # the texts in ``pending``
        by_text, by_key = self._by_text, self._by_key
        for profile in profiles:
            for items in (profile.offers, profile.needs):
                for item in items:
                    text = item.text
                    if item.hs or text in by_text or text in waiting or not text or text.isspace():
                        continue
                    key = self._cache_key(text)
                    codes = by_key.get(key)
                    if codes is not None:
                        by_text[text] = codes
                    else:
                        pending.setdefault(key, []).append(text)
                        waiting.add(text)
        keys = list(pending)
        resolved: list[Item] | None = None
        if self.workers > 1 and len(keys) >= PARALLEL_MIN_TEXTS:
            with _fork_pool(self, self.workers) as pool:
                if pool is not None:
                    size = max(200, len(keys) // (self.workers * 8))
                    chunks = [keys[i : i + size] for i in range(0, len(keys), size)]
                    resolved = [codes for chunk in pool.imap(_resolve_chunk, chunks) for codes in chunk]
        if resolved is None:
            resolved = [self._resolve_text(key) for key in keys]
        for key, codes in zip(keys, resolved, strict=True):
            by_key[key] = codes
            for text in pending[key]:
                by_text[text] = codes

    # -- index --------------------------------------------------------------------------------

    def _resolved(self, items: Iterable[ProductItem]) -> tuple[tuple[Item, ...], tuple[str, ...]]:
        """The codes of the items that resolve, and their texts."""
        by_text = self._by_text
        codes_list: list[Item] = []
        texts: list[str] = []
        for item in items:
            codes = None if item.hs else by_text.get(item.text)  # the common case, inlined
            if codes is None:
                codes = self.resolve_item(item)
            if codes:
                codes_list.append(codes)
                texts.append(item.text)
        return tuple(codes_list), tuple(texts)

    def build(self, profiles: Sequence[Profile]) -> None:
        """Resolve and index ``profiles`` (ids must be unique)."""
        with gc_paused():
            self._build(profiles)

    def _build(self, profiles: Sequence[Profile]) -> None:
        self._resolve_all(profiles)
        self._profiles = list(profiles)
        self._ids = [p.id for p in profiles]
        self._positions = {pid: i for i, pid in enumerate(self._ids)}
        if len(self._positions) != len(self._ids):
            raise ValueError("organisation ids must be unique")
        countries: dict[str, int] = {}
        self._country_names: list[str] = []
        no_markets: frozenset[int] = frozenset()

        def country_index(code: str) -> int:
            index = countries.get(code)
            if index is None:
                index = countries[code] = len(self._country_names)
                self._country_names.append(code)
            return index

        self._country = country_of = array("i")
        self._markets = markets_of = []  # frozensets of country indexes
        self._offers = offers_of = []  # per organisation: its items' codes (Item)
        self._needs = needs_of = []
        self._need_probes = need_probes_of = []  # the needs, ready for scoring (ProbeItem)
        self._offer_texts = offer_texts_of = []  # the items' texts, for reasons
        self._need_texts = need_texts_of = []
        self._offer_keys = offer_keys_of = []  # key (see _code_keys) → best confidence
        self._need_keys = need_keys_of = []
        # Chapters as bits: a direction whose chapters do not meet is skipped without scoring.
        self._offer_chapters = offer_chapters_of = []
        self._need_chapters = need_chapters_of = []
        for profile in self._profiles:  # countries first: posting lists are split by country
            country_index(profile.country)
        country_count = len(self._country_names)

        def by_country() -> list[array]:
            return [array("i") for _ in range(country_count)]

        offer_lists: defaultdict[str, list[array]] = defaultdict(by_country)
        need_lists: defaultdict[str, list[array]] = defaultdict(by_country)
        two_way: defaultdict[int, array] = defaultdict(partial(array, "i"))
        # Per distinct item (items are shared through the resolution caches, which keep them
        # alive, so their ids are stable keys; hashing the tuples would cost more): its probes
        # for scoring, its (key, confidence) pairs and its chapters as bits.
        item_info: dict[int, tuple[ProbeItem, tuple[tuple[str, float], ...], int]] = {}
        interned: dict[str, str] = {}

        def info(item: Item) -> tuple[ProbeItem, tuple[tuple[str, float], ...], int]:
            found = item_info.get(id(item))
            if found is None:
                probes = tuple((conf, *_probes(code)) for code, conf in item)
                pairs = tuple(
                    (interned.setdefault(key, key), conf) for code, conf in item for key in _code_keys(code)
                )
                chapters = _chapter_bits(code[:2] for code, _ in item)
                found = item_info[id(item)] = (probes, pairs, chapters)
            return found

        def index_side(
            items: tuple[Item, ...], lists: defaultdict[str, list[array]], index: int, country: int
        ):
            keys: dict[str, float] = {}
            get = keys.get
            probes = []
            chapters = 0
            for item in items:
                probed, pairs, item_chapters = info(item)
                probes.append(probed)
                chapters |= item_chapters
                for key, conf in pairs:
                    if conf > get(key, 0.0):
                        keys[key] = conf
            for key in keys:
                if key[-1] != "*":  # "0910*" keys are looked up in partners' maps, never listed
                    lists[key][country].append(index)
            return keys, tuple(probes), chapters

        for index, profile in enumerate(self._profiles):
            country = countries[profile.country]
            country_of.append(country)
            markets_of.append(
                frozenset(map(country_index, profile.markets)) if profile.markets else no_markets
            )
            offers, offer_texts = self._resolved(profile.offers)
            needs, need_texts = self._resolved(profile.needs)
            offers_of.append(offers)
            needs_of.append(needs)
            offer_texts_of.append(offer_texts)
            need_texts_of.append(need_texts)
            offer_keys, _, offer_chapters = index_side(offers, offer_lists, index, country)
            need_keys, need_probes, need_chapters = index_side(needs, need_lists, index, country)
            offer_keys_of.append(offer_keys)
            need_keys_of.append(need_keys)
            need_probes_of.append(need_probes)
            offer_chapters_of.append(offer_chapters)
            need_chapters_of.append(need_chapters)
            # Two-way index: (offered heading, needed heading) as one number, headings chosen
            # as _candidates chooses them.
            if offer_keys and need_keys:
                needed = [int(k) for k in need_keys if len(k) == 4][:MAX_TWO_WAY_HEADINGS]
                for heading in [int(k) * 10_000 for k in offer_keys if len(k) == 4][:MAX_TWO_WAY_HEADINGS]:
                    for other in needed:
                        two_way[heading + other].append(index)
        # Posting lists as (total, [(country, ids), ...] largest first), empty countries left out.
        self._offer_lists = {k: _postings(v) for k, v in offer_lists.items()}
        self._need_lists = {k: _postings(v) for k, v in need_lists.items()}
        self._two_way = dict(two_way)
        self._geo_cache: dict[tuple[int, frozenset[int]], tuple[list[float], dict]] = {}
        self._route_cache: dict[tuple[int, int, bool, bool], str] = {}  # country indexes: per build

    def __len__(self) -> int:
        return len(self._ids)

    # -- scoring ------------------------------------------------------------------------------

    def _geo_factors(self, index: int) -> list[float]:
        """For organisation ``index``: G (without the partner's own markets) by partner country."""
        return self._geo(index)[0]

    def _geo(self, index: int) -> tuple[list[float], dict[int, list[tuple[int, array]]]]:
        """What depends only on the organisation's country and markets, shared by all that have
        the same: G by partner country, and the posting lists' buckets in its order of countries
        (by list: sorting them for every organisation would cost more than reading them)."""
        home, markets = self._country[index], self._markets[index]
        cached = self._geo_cache.get((home, markets))
        if cached is None:
            factors = []
            for country in range(len(self._country_names)):
                g = GEO_BASE + (GEO_CROSS if country != home else 0.0)
                if markets:
                    g += GEO_WANTED if country in markets else -GEO_UNWANTED
                factors.append(g)
            cached = self._geo_cache[(home, markets)] = (factors, {})
        return cached

    def _candidates(self, index: int, top: int) -> list[int]:
        """Likely partners of ``index``, best first, from the posting lists (bounded work)."""
        geo, orders = self._geo(index)
        rotation = zlib.crc32(self._ids[index].encode())
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

        searches = ((self._needs[index], self._offer_lists), (self._offers[index], self._need_lists))
        for items, lists in searches:
            # An organisation listing hundreds of products is searched by its first ones only.
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
        # Two-way partners: they offer a heading we need and need a heading we offer.
        offer_keys, need_keys = self._offer_keys[index], self._need_keys[index]
        if offer_keys and need_keys:
            offered = [int(k) for k in offer_keys if len(k) == 4][:MAX_TWO_WAY_HEADINGS]
            needed = [int(k) * 10_000 for k in need_keys if len(k) == 4][:MAX_TWO_WAY_HEADINGS]
            countries = self._country
            for heading in needed:
                for other in offered:
                    ids = self._two_way.get(heading + other)
                    if ids:
                        for partner in _window(ids, rotation, TWO_WAY_CAP):
                            scores[partner] = get(partner, 0.0) + TWO_WAY_WEIGHT * geo[countries[partner]]
        scores.pop(index, None)
        wanted = top + EXTRA_CANDIDATES
        if len(scores) <= wanted:
            return list(scores)
        return sorted(scores, key=get, reverse=True)[:wanted]

    def _recommend_index(self, index: int, top: int) -> list[Recommendation]:
        """The exact score (module docstring) of each candidate, the best ``top`` with reasons.
        Written out in one loop, with local names: it runs for every candidate."""
        ids, country_of, markets_of = self._ids, self._country, self._markets
        need_probes, offer_keys = self._need_probes, self._offer_keys
        my_needs, my_offers = need_probes[index], offer_keys[index]
        home = country_of[index]
        geo = self._geo_factors(index)
        scored = []
        my_offer_chapters, my_need_chapters = self._offer_chapters[index], self._need_chapters[index]
        offer_chapters, need_chapters = self._offer_chapters, self._need_chapters
        for other in self._candidates(index, top):
            if my_offer_chapters & need_chapters[other]:
                forward, offered = _direction(need_probes[other], my_offers)
            else:
                forward, offered = 0.0, []
            if my_need_chapters & offer_chapters[other]:
                backward, needed = _direction(my_needs, offer_keys[other])
            else:
                backward, needed = 0.0, []
            if not offered and not needed:
                continue
            there = country_of[other]
            g = geo[there]
            if home != there and home in markets_of[other]:
                g += GEO_WANTED_BY_THEM
            high, low = (forward, backward) if forward >= backward else (backward, forward)
            score = round(min(1.0, (MAIN_DIRECTION * high + OTHER_DIRECTION * low) * g), 4)
            if score > 0:
                scored.append((-score, ids[other], other, offered, needed))
        scored.sort(key=itemgetter(0, 1))
        return [
            Recommendation(pid, -neg, self._reasons(index, other, offered, needed))
            for neg, pid, other, offered, needed in scored[:top]
        ]

    # -- reasons ------------------------------------------------------------------------------

    def _code_name(self, code: str) -> str | None:
        """English name of ``code``: the glossary's, else the HS nomenclature's (reasons are in
        English, and an organisation's text may be Lao or Chinese)."""
        return self._names.get(code) or _nomenclature().get(code)

    def _direction_reasons(
        self, supplier: int, buyer: int, matches: list[Match], verb: str
    ) -> list[tuple[float, str]]:
        """Reasons for what ``supplier`` offers that ``buyer`` needs (``matches``, from
        :func:`_direction`); ``verb`` is what the organisation the reasons are written for does
        ("offers" when it is the supplier)."""
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
            text = self._phrase_cache.get((verb, offer, need))
            if text is None:
                offer_name = self._code_name(offer) or self._offer_text(supplier, offer)
                need_name = self._code_name(need) or _shorten(self._need_texts[buyer][position]) or "goods"
                if verb == "offers":
                    text = _phrase("offers", "need", offer, offer_name, need, need_name)
                else:
                    text = _phrase("needs", "offer", need, need_name, offer, offer_name)
                if len(self._phrase_cache) < 500_000 and self._code_name(offer) and self._code_name(need):
                    self._phrase_cache[(verb, offer, need)] = text  # named from codes only
            reasons.append((fit, text))
            if len(reasons) == MAX_REASONS_PER_DIRECTION:
                break
        return reasons

    def _offered_code(self, supplier: int, key: str) -> str:
        """The supplier's offered code behind one of its keys (see _code_keys)."""
        if len(key) == 6:
            return key
        if key[-1] == "*":
            return key[:-1]
        best_conf, best = -1.0, key
        for item in self._offers[supplier]:
            for code, conf in item:
                if code.startswith(key) and conf > best_conf:
                    best_conf, best = conf, code
        return best

    def _offer_text(self, index: int, code: str) -> str:
        """The organisation's own text for an offered ``code`` that has no English name."""
        for item, text in zip(self._offers[index], self._offer_texts[index], strict=True):
            if text.strip() and any(c == code for c, _ in item):
                return _shorten(text)
        return "goods"

    def _reasons(self, a: int, b: int, offered: list[Match], needed: list[Match]) -> list[str]:
        found = self._direction_reasons(a, b, offered, "offers") if offered else []
        if needed:
            found += self._direction_reasons(b, a, needed, "needs")
        found.sort(key=itemgetter(0), reverse=True)  # stable: "offers" first on ties
        reasons = [text for _, text in found]
        home, there = self._country[a], self._country[b]
        if home != there:
            we_want, they_want = there in self._markets[a], home in self._markets[b]
            key = (home, there, we_want, they_want)
            route = self._route_cache.get(key)
            if route is None:
                names = self._country_names
                route = f"across the border ({names[home]} → {names[there]})"
                if we_want and they_want:
                    route += ", markets you both want"
                elif we_want:
                    route += ", a market you want"
                elif they_want:
                    route += ", a market they want"
                self._route_cache[key] = route
            reasons.append(route)
        return reasons

    # -- public API ---------------------------------------------------------------------------

    def recommend_for(self, profile_id: str, top: int = DEFAULT_TOP) -> list[Recommendation]:
        """The best ``top`` partners of one organisation of the built index, best first."""
        if top < 1:
            raise ValueError("top must be at least 1")
        try:
            index = self._positions[profile_id]
        except KeyError:
            raise KeyError(f"unknown organisation {profile_id!r}") from None
        return self._recommend_index(index, top)

    def iter_recommendations(
        self,
        top: int = DEFAULT_TOP,
        render: Callable[[str, list[Recommendation]], Any] | None = None,
    ) -> Iterator[Any]:
        """``(id, recommendations)`` for every organisation of the built index, in input order
        (or ``render(id, recommendations)``, computed in the workers when they are used: a
        module-level function, so that it can be sent to them)."""
        if top < 1:
            raise ValueError("top must be at least 1")
        total = len(self._ids)
        if self.workers > 1 and total >= PARALLEL_MIN_PROFILES:
            with _fork_pool(self, self.workers) as pool:
                if pool is not None:
                    tasks = [(i, min(i + CHUNK, total), top, render) for i in range(0, total, CHUNK)]
                    for chunk in pool.imap(_recommend_chunk, tasks):
                        yield from chunk if render else map(_from_tuples, chunk)
                    return
        for index in range(total):
            recs = self._recommend_index(index, top)
            yield render(self._ids[index], recs) if render else (self._ids[index], recs)

    def recommend_all(
        self, profiles: Sequence[Profile] | None = None, top: int = DEFAULT_TOP
    ) -> dict[str, list[Recommendation]]:
        """Recommendations for every organisation (building the index from ``profiles`` first
        when given), keyed by id in input order."""
        if profiles is not None:
            self.build(profiles)
        with gc_paused():  # a million small objects arriving: no collections meanwhile
            return dict(self.iter_recommendations(top))
