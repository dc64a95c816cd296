"""Offered and needed products as HS codes, for the matching engine (pure Python).

An item's explicit ``hs`` (2, 4 or 6 digits) wins, except that a chapter gives way to the codes
its text surely names in that chapter.  Otherwise its free text goes through the
:class:`~tradebridge.catalog.resolve.ProductResolver`: the best match is kept, with the other
matches within ``MARGIN`` of it when the text is genuinely ambiguous (``"silk"``: raw silk,
silk yarn, silk fabric), at most ``MAX_CODES_PER_ITEM``; matches scoring below ``MIN_MATCH``
(weak fuzzy guesses) are dropped.  Each code carries a confidence ``q``: 1 for explicit
codes and for resolver scores from 0.7 (exact names, or their words with the right accents),
0.9 for accent-free word matches, 0.75 for fuzzy ones.  Resolution is cached by text
with plain quantities masked (``300 tấn/năm`` and ``50 tấn/năm`` share an entry; numbers that
occur in glossary names, such as ``15-15-15`` or ``50cc``, are kept).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from tradebridge.catalog.resolve import (
    GlossaryEntry,
    HSMatch,
    ProductResolver,
    load_glossary_csv,
    normalize_hs,
)
from tradebridge.catalog.terms import load_terms
from tradebridge.core.text import tokenize
from tradebridge.registry.matching.profiles import Item, ProductItem, Profile
from tradebridge.registry.matching.workers import fork_pool, shared

DATA_DIR = Path(__file__).resolve().parents[2] / "catalog" / "data"
DEFAULT_GLOSSARY = DATA_DIR / "glossary.csv"

RESOLVE_LIMIT = 5
MIN_MATCH = 0.4  # below: a weak fuzzy guess, ignored
MARGIN = 0.02  # matches this close to the best one are kept too (ambiguous text)
MAX_CODES_PER_ITEM = 3
LISTED_MATCH = 0.8  # a listed part's own match: most of its words, with their accents
SURE_MATCH = 0.7  # resolver scores from here on: exact, folded, or words with their accents
PARALLEL_MIN_TEXTS = 4_000  # distinct texts from which resolution is shared among workers

_DIGIT = re.compile(r"[0-9]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W_]+")
# A number that is a word of its own, not glued to Latin letters or digits ("50cc", "ST25");
# Lao and Chinese neighbours are other words ("每月20吨").
_LATIN_ALNUM = r"0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_STANDALONE_NUMBER = re.compile(rf"(?<![{_LATIN_ALNUM}])[0-9]+(?![{_LATIN_ALNUM}])")
# An HS code written inside a text (0910.11, 091011): such texts are never masked.
_CODE_LIKE = re.compile(r"[0-9]{4}\.[0-9]{2}|(?<![0-9])[0-9]{6}(?![0-9])")


# What separates the products of a list: clause marks (not "/": "40/50" is a size), and within
# a clause "、", "và", "ແລະ", "和", "及", "and".
_LIST_CLAUSE = re.compile(r"[,;，；\n]+")
_LIST_WORD = re.compile(r"、|\s+(?:và|va|and|&)\s+|\s*(?:ແລະ|和|及)\s*", re.IGNORECASE)


@lru_cache(maxsize=1)
def default_entries() -> tuple[GlossaryEntry, ...]:
    """The glossary's names and the packaged extra terms (catalog/data/terms.csv)."""
    return (*load_glossary_csv(DEFAULT_GLOSSARY), *load_terms())


def _confidence(score: float) -> float:
    """Confidence in a resolved code: words matched with their accents (or better) are sure;
    accent-free matches a little less; fuzzy guesses less again."""
    if score >= SURE_MATCH:
        return 1.0
    return 0.9 if score > 0.5 else 0.75


def _numbered_names(entries: Iterable[GlossaryEntry]) -> dict[str, list[tuple[str, ...]]]:
    """Number → the other words of each glossary name holding it, folded and as written (lower
    case), to be compared with the lower-case text: no folding of every text."""
    numbered: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        if not _DIGIT.search(entry.term):
            continue
        folded_words = tokenize(entry.term)
        written_words = _WORD.findall(unicodedata.normalize("NFC", entry.term).lower())
        for number in {w for w in folded_words if w.isdigit()}:
            variants = numbered.setdefault(number, [])
            for words in (folded_words, written_words):
                variants.append(tuple(w for w in words if w != number))
    return numbered


def _resolve_chunk(texts: list[str]) -> list[Item]:
    """In a worker: the codes of each text (see ProductCodes.resolve_all)."""
    codes = shared()
    return [codes.resolve_text(text) for text in texts]


class ProductCodes:
    """Resolve products to weighted HS codes, with caches by code, by text and by masked text."""

    def __init__(self, resolver: ProductResolver, entries: Iterable[GlossaryEntry], *, workers: int = 1):
        self.resolver = resolver
        self.workers = workers
        # A number that is a word of a glossary name ("xe tải trên 20 tấn") is kept in a cache
        # key when the text has the name's other words too; other numbers are quantities, masked.
        self._numbered_names = _numbered_names(entries)
        self._mask = next(str(n) for n in range(7, 10_000) if str(n) not in self._numbered_names)
        # Resolution caches: explicit code → codes, text → codes, masked text → codes.
        self._by_code: dict[str, Item] = {}
        self._by_text: dict[str, Item] = {}
        self._by_key: dict[str, Item] = {}
        self._by_part: dict[str, tuple[HSMatch | None, bool]] = {}  # listed part → best match, cut

    def cache_key(self, text: str) -> str:
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

    def resolve_text(self, key: str) -> Item:
        matches = [m for m in self.resolver.resolve(key, limit=RESOLVE_LIMIT) if m.score >= MIN_MATCH]
        if not matches:
            return ()
        best = matches[0].score
        kept = [m for m in matches if best - m.score <= MARGIN]
        # A code that holds another kept one says less ("steel rebar": 72, 7214, 7214.20).
        codes = [m.hs for m in kept]
        kept = [m for m in kept if not any(c != m.hs and c.startswith(m.hs) for c in codes)]
        found = [(sys.intern(m.hs), _confidence(m.score)) for m in kept[:MAX_CODES_PER_ITEM]]
        return tuple(self._listed(key, found))

    def _listed(self, text: str, found: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """A text that lists several products ("cúc nhựa 4 lỗ, chỉ may polyester 40/2", "ໄມ້ຂີດ
        ແລະ ໄຟແຊັກ"): each part that names a product surely on its own adds its code, after the
        whole text's, up to ``MAX_CODES_PER_ITEM``.  Parts that name one only weakly (a finish,
        "đánh bóng gương", is no mirror) add nothing, nor do the parts of a clause after its
        purpose or delivery term ("用于软糖、酸奶": what gelatin serves, not a product)."""
        clauses = [c for c in _LIST_CLAUSE.split(text) if c.strip()]
        if len(found) >= MAX_CODES_PER_ITEM or (len(clauses) < 2 and not _LIST_WORD.search(text)):
            return found
        for clause in clauses:
            for part in _LIST_WORD.split(clause):
                part = part.strip()
                if not part:
                    continue
                known = self._by_part.get(part)
                if known is None:  # parts repeat across texts far more than whole texts do
                    rules = self.resolver.rules
                    cut = rules.ends_products(part)
                    # A part that starts with its purpose ("用于软糖") names what is served.
                    served = cut and not rules.scan(part)[2]
                    known = self._by_part[part] = (None if served else self.resolver.resolve_best(part), cut)
                match, cut = known
                if self._adds(match, found):
                    found.append((sys.intern(match.hs), _confidence(match.score)))
                    if len(found) >= MAX_CODES_PER_ITEM:
                        return found
                if cut:
                    break  # the rest of the clause is what the product serves, or a place
        return found

    @staticmethod
    def _adds(match: HSMatch | None, found: list[tuple[str, float]]) -> bool:
        if match is None or match.score < LISTED_MATCH or match.kind == "code":
            return False  # a number alone ("40/50" is a size, not chapter 50) names no product
        return not any(match.hs.startswith(code) or code.startswith(match.hs) for code, _ in found)

    def resolve_item(self, item: ProductItem) -> Item:
        """The HS codes of one product, with their confidences (cached by code and by text)."""
        if item.hs:
            codes = self._explicit(item.hs)
            if codes and len(codes[0][0]) == 2 and item.text:
                # A chapter says little ("10" for Job's tears, "15" for castor oil): the text
                # names the product when it surely names one in that chapter.
                chapter = codes[0][0]
                narrower = tuple((code, q) for code, q in self._text_codes(item.text)
                                 if code.startswith(chapter) and len(code) > 2 and q >= 0.9)
                return narrower or codes
            if codes:
                return codes
        return self._text_codes(item.text)

    def _explicit(self, hs: str) -> Item:
        codes = self._by_code.get(hs)
        if codes is None:
            try:
                codes = ((sys.intern(normalize_hs(hs)), 1.0),)
            except ValueError:
                codes = ()  # validated input never gets here: a bad code counts as absent
            self._by_code[hs] = codes
        return codes

    def _code_stands(self, item: ProductItem) -> bool:
        """Whether the item's explicit code alone gives its codes: not when it is only a chapter
        (its text may narrow it) or not a code at all."""
        codes = self._explicit(item.hs) if item.hs else ()
        return bool(codes) and len(codes[0][0]) > 2

    def _text_codes(self, text: str) -> Item:
        codes = self._by_text.get(text)
        if codes is None:
            if not text or text.isspace():
                return ()
            key = self.cache_key(text)
            codes = self._by_key.get(key)
            if codes is None:
                codes = self._by_key[key] = self.resolve_text(key)
            self._by_text[text] = codes
        return codes

    def resolve_all(self, profiles: Sequence[Profile]) -> None:
        """Resolve every distinct free text once, in worker processes when there are many."""
        pending = self._pending(profiles)
        keys = list(pending)
        resolved: list[Item] | None = None
        if self.workers > 1 and len(keys) >= PARALLEL_MIN_TEXTS:
            with fork_pool(self, self.workers) as pool:
                if pool is not None:
                    size = max(200, len(keys) // (self.workers * 8))
                    chunks = [keys[i : i + size] for i in range(0, len(keys), size)]
                    resolved = [codes for chunk in pool.imap(_resolve_chunk, chunks) for codes in chunk]
        if resolved is None:
            resolved = [self.resolve_text(key) for key in keys]
        by_key, by_text = self._by_key, self._by_text
        for key, codes in zip(keys, resolved, strict=True):
            by_key[key] = codes
            for text in pending[key]:
                by_text[text] = codes

    def _pending(self, profiles: Sequence[Profile]) -> dict[str, list[str]]:
        """Cache key → the texts that have it, for the texts no cache answers yet (the others
        are filled in on the way)."""
        pending: dict[str, list[str]] = {}
        waiting: set[str] = set()  # the texts in ``pending``
        by_text, by_key = self._by_text, self._by_key
        for profile in profiles:
            for items in (profile.offers, profile.needs):
                for item in items:
                    text = item.text
                    if (text in by_text or text in waiting or not text or text.isspace()
                            or self._code_stands(item)):
                        continue
                    key = self.cache_key(text)
                    codes = by_key.get(key)
                    if codes is not None:
                        by_text[text] = codes
                    else:
                        pending.setdefault(key, []).append(text)
                        waiting.add(text)
        return pending

    def resolved(self, items: Iterable[ProductItem]) -> tuple[tuple[Item, ...], tuple[str, ...]]:
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
