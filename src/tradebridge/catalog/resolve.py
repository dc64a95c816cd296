"""Free product text (Vietnamese, Lao, Simplified Chinese, English) to HS codes via a glossary.

Pure Python (no Django).  A :class:`ProductResolver` is built once from glossary entries and
answers :meth:`ProductResolver.resolve` from precomputed indexes:

======== ===== ==============================================================================
kind     score when
======== ===== ==============================================================================
code     1.0   the text is (or contains) an HS code
exact    1.0   the whole text equals a term (case-insensitive, accent-sensitive)
folded   0.95  the whole text equals a term once folded (``gung`` → ``gừng``)
words    .51–  a term's words appear as whole words in the text, or the text's words in a
         .89   term; 0.70–0.89 when the accented forms match, 0.51–0.69 when only folded ones
fuzzy    ≤ 0.5 nothing above matched and a Latin-script term is close (typos: ``gingr``)
======== ===== ==============================================================================

A query word typed with Vietnamese diacritics only matches a term word with the same diacritics
(``nông sản`` never finds ``sắn``, cassava); words typed without diacritics match on their
folded form (``san`` finds ``sắn``, below accent-exact matches).
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from tradebridge.catalog.resolve_rules import RuleMatching
from tradebridge.catalog.textrules import IGNORED, TRADE, TextRules, default_rules
from tradebridge.core.text import HAN, LAO, LATIN, Token, fold, normalize_text, tokenize_detailed

__all__ = [
    "LANGUAGES",
    "GlossaryEntry",
    "GlossaryError",
    "HSMatch",
    "ProductResolver",
    "load_glossary_csv",
    "normalize_hs",
]

LANGUAGES = ("vi", "lo", "zh-hans", "en")
# CSV column → language code.
COLUMNS = {"en": "en", "vi": "vi", "lo": "lo", "zh_hans": "zh-hans"}
MAX_TERM_LENGTH = 200  # GlossaryTerm.term's max_length

KINDS = ("code", "exact", "folded", "words", "fuzzy")
_KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}
_LANG_RANK = {lang: rank for rank, lang in enumerate(("en", "vi", "lo", "zh-hans", ""))}

GLOSS_SCORE = 0.9  # a name glossed in Latin letters: above any words match, below a whole text
CONTAINED_GAP = 0.001  # below a longer name found at the same place
HEAD_GAP = 0.025  # below a longer Vietnamese or Lao name it begins: beyond products.MARGIN
HEAD_BONUS = 0.03  # above products.MARGIN: the head of a Chinese compound decides
FUZZY_CUTOFF = 85  # token_set_ratio, 0–100
FUZZY_MIN_LENGTH = 4  # shortest text (folded, Latin words only) worth a fuzzy search
# Single words are corrected on their own only from this length and when typed without
# diacritics: a one-letter change turns one Vietnamese syllable into another.
FUZZY_WORD_LENGTH = 5
FUZZY_MAX_WORDS = 8

_GLOSS = re.compile(r"[(（]([^()（）]{2,60})[)）]")
_HS6 = re.compile(r"[0-9]{6}")
_HS_SEPARATORS = re.compile(r"[.\s]+")
_HS_SHAPE = re.compile(r"[0-9]{2}|[0-9]{4}|[0-9]{6}")
# An HS code inside a longer text: 0910.11 (optionally with a national suffix, 0910.11.00)
# or six digits in a row, not part of a longer number.
_EMBEDDED_HS = re.compile(
    r"(?<![0-9])(?<![0-9][.,])"
    r"(?:([0-9]{4})\.([0-9]{2})(?:\.[0-9]{2,4})?|([0-9]{6}))"
    r"(?![0-9])(?![.,][0-9])"
)


class GlossaryError(ValueError):
    """A malformed glossary file; ``line`` is the 1-based line of the offending row."""

    def __init__(self, line: int, reason: str, path: str | os.PathLike[str] | None = None):
        self.line = line
        self.reason = reason
        self.path = path
        where = f"{Path(path).name}, line {line}" if path is not None else f"line {line}"
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class GlossaryEntry:
    """One product name: ``term`` in language ``lang`` for HS subheading ``hs``."""

    hs: str
    lang: str
    term: str
    primary: bool = False

    def __post_init__(self) -> None:
        if not _HS_SHAPE.fullmatch(self.hs):  # glossary.csv: 6; terms.csv: 2, 4 or 6
            raise ValueError(f"glossary HS code must be 2, 4 or 6 digits, got {self.hs!r}")
        if self.lang not in LANGUAGES:
            raise ValueError(f"unknown glossary language {self.lang!r} (one of {LANGUAGES})")
        if not self.term.strip():
            raise ValueError(f"empty glossary term for {self.hs} ({self.lang})")


@dataclass(frozen=True)
class HSMatch:
    """A resolution of product text: ``hs`` with ``score`` in (0, 1], the matching ``term``
    and its ``lang`` (for kind ``"code"``: the code itself and ``""``)."""

    hs: str
    score: float
    term: str
    lang: str
    kind: str


def normalize_hs(code: str) -> str:
    """``"0910.11"``, ``"0910 11"``, ``"091011"`` → ``"091011"``; ``"0910"``, ``"09"`` kept.

    Dots and whitespace are removed (fullwidth digits are accepted); what remains must be 2, 4
    or 6 digits, otherwise :class:`ValueError` naming the input (``"910.11"``, with its
    leading zero lost, is 5 digits).
    """
    if not isinstance(code, str):
        raise ValueError(f"HS code must be a string, got {code!r}")
    digits = _HS_SEPARATORS.sub("", unicodedata.normalize("NFKC", code))
    if not _HS_SHAPE.fullmatch(digits):
        raise ValueError(
            f"invalid HS code {code!r}: expected 2, 4 or 6 digits, such as 09, 0910 or 0910.11"
        )
    return digits


# Words that an English name's other number would make out of common ad words ("goods" → "good
# quality"): no variant for these.
_NO_NUMBER_VARIANT = frozenset({"good", "goods", "new", "news", "mean", "means", "sale", "sales", "use",
                                "uses", "price", "prices", "order", "orders", "offer", "offers", "need"})


def other_number(term: str) -> str | None:
    """An English name with its last word in the other number ("tarpaulins" → "tarpaulin",
    "battery" → "batteries"), or None where that would be a guess (short words, acronyms,
    "-ss", "-us", "-is")."""
    head, _, last = term.rpartition(" ")
    lower = last.lower()
    if len(last) < 4 or not (last.isascii() and last.isalpha()) or not last.islower():
        return None
    if lower.endswith(("ss", "us", "is")) or lower in _NO_NUMBER_VARIANT:
        return None
    if lower.endswith("ies"):
        other = last[:-3] + "y"
    elif lower.endswith(("ches", "shes", "xes")):
        other = last[:-2]
    elif lower.endswith("s"):
        other = last[:-1]
    elif lower.endswith("y") and lower[-2] not in "aeiou":
        other = last[:-1] + "ies"
    elif lower.endswith(("ch", "sh", "x")):
        other = last + "es"
    else:
        other = last + "s"
    return f"{head} {other}" if head else other


def _with_number_variants(entries: Iterable[GlossaryEntry]) -> Iterable[GlossaryEntry]:
    """The entries, each English one followed by its other number: names are written in either
    ("tarpaulins"), texts in both ("PE tarpaulin 150 gsm")."""
    for entry in entries:
        yield entry
        if entry.lang == "en":
            other = other_number(entry.term)
            if other:
                yield GlossaryEntry(hs=entry.hs, lang="en", term=other, primary=False)


def _clean_term(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def load_glossary_csv(path: str | os.PathLike[str]) -> list[GlossaryEntry]:
    """Read a glossary CSV with header ``hs,en,vi,lo,zh_hans`` (any column order).

    Each language cell holds ``|``-separated names, the first one primary.  Raises
    :class:`GlossaryError` with the line number on a bad header, an HS code that is not 6
    digits, a duplicate HS code, an empty cell or name, or a wrong number of cells.
    """
    entries: list[GlossaryEntry] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise GlossaryError(1, "empty file: expected header hs,en,vi,lo,zh_hans", path)
        columns = [name.strip().lower() for name in header]
        expected = {"hs", *COLUMNS}
        if len(columns) != len(expected) or set(columns) != expected:
            raise GlossaryError(
                reader.line_num,
                f"bad header {','.join(header)!r}: expected hs,en,vi,lo,zh_hans",
                path,
            )
        seen: dict[str, int] = {}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise GlossaryError(line, f"expected {len(columns)} cells, got {len(row)}", path)
            cells = dict(zip(columns, row, strict=True))
            raw_hs = cells["hs"].strip()
            if not raw_hs:
                raise GlossaryError(line, "empty hs cell", path)
            hs = _HS_SEPARATORS.sub("", raw_hs)
            if not _HS6.fullmatch(hs):
                hint = " (leading zero lost?)" if re.fullmatch(r"[0-9]{5}", hs) else ""
                raise GlossaryError(line, f"hs {raw_hs!r} is not a 6-digit code{hint}", path)
            if hs in seen:
                raise GlossaryError(line, f"duplicate hs {hs} (first on line {seen[hs]})", path)
            seen[hs] = line
            for column, lang in COLUMNS.items():
                cell = cells[column].strip()
                if not cell:
                    raise GlossaryError(line, f"empty {column} cell for {hs}", path)
                names: list[str] = []
                for name in cell.split("|"):
                    name = _clean_term(name)
                    if not name:
                        raise GlossaryError(line, f"empty name in {column} cell {cell!r}", path)
                    if len(name) > MAX_TERM_LENGTH:
                        raise GlossaryError(
                            line, f"{column} name longer than {MAX_TERM_LENGTH} characters", path
                        )
                    if name not in names:
                        names.append(name)
                entries.extend(
                    GlossaryEntry(hs=hs, lang=lang, term=name, primary=i == 0)
                    for i, name in enumerate(names)
                )
    return entries


@dataclass(frozen=True)
class _Term:
    entry: GlossaryEntry
    tokens: tuple[Token, ...]
    folded: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded", tuple(t.folded for t in self.tokens))


def _accents_agree(query: Sequence[Token], term: Sequence[Token]) -> tuple[bool, bool]:
    """For aligned tokens with equal folded forms: (allowed, accent-exact).

    A query word typed with diacritics must carry the same diacritics as the term word; one
    typed without matches on its folded form (allowed, not accent-exact).
    """
    exact = True
    for q, t in zip(query, term, strict=True):
        if q.accented == t.accented:
            continue
        if q.has_diacritics:
            return False, False
        exact = False
    return True, exact


LAO_WORD = 3.0  # letters of a Lao syllable, about


def _weight(token: Token) -> float:
    """A word's weight in a match's coverage.  Lao words count by their letters: the segmenter
    cuts a transliteration into single letters ("ບ ຣ ອ ກ ໂຄ ລີ", broccoli), which would otherwise
    outweigh a real name."""
    return len(token.folded) / LAO_WORD if token.script == LAO else 1.0


def _words_score(matched: int, query_len: int, term_len: int, exact: bool, primary: bool) -> float:
    coverage = matched / max(query_len, term_len)
    score = 0.70 + 0.18 * coverage if exact else 0.51 + 0.17 * coverage
    return round(score + (0.01 if primary else 0.0), 4)


def _longest_first(spans: list, terms: list) -> list:
    """A name inside a longer name found at the same place says less: "vàng mã" (joss paper)
    is not "vàng" (gold), whatever a glossary entry's primary mark adds to the shorter one.  In
    Vietnamese and Lao, whose compounds start with their head, a name that begins a longer one
    is not even an alternative reading of the text (it falls below the engine's margin); in a
    Chinese compound it is the material or kind ("花岗岩荒料": granite, in blocks), and stays."""
    result = []
    for tid, score, start, end in spans:
        cap = score
        for other, other_score, a, b in spans:
            if a <= start and end <= b and b - a > end - start:
                head_first = a == start and terms[other].entry.lang in ("vi", "lo")
                cap = min(cap, other_score - (HEAD_GAP if head_first else CONTAINED_GAP))
        result.append((tid, cap, start, end))
    return result


class _Best:
    """The best candidate per HS code."""

    def __init__(self) -> None:
        self.by_hs: dict[str, tuple[tuple, HSMatch]] = {}

    def offer(self, match: HSMatch, primary: bool) -> None:
        key = (match.score, -_KIND_RANK[match.kind], primary, -_LANG_RANK.get(match.lang, 9))
        current = self.by_hs.get(match.hs)
        if current is None or key > current[0]:
            self.by_hs[match.hs] = (key, match)

    def __bool__(self) -> bool:
        return bool(self.by_hs)

    def ranked(self, limit: int) -> list[HSMatch]:
        matches = [match for _, match in self.by_hs.values()]
        # On a tie the narrower code names the product more precisely (the glossary's "gừng",
        # 0910.11, before the heading's, 09.10).
        matches.sort(key=lambda m: (-m.score, _KIND_RANK[m.kind], -len(m.hs), m.hs))
        return matches[:limit]


class ProductResolver(RuleMatching):
    """Resolve free product text to HS codes through glossary entries.

    Building tokenises every term once (Lao and Chinese terms load their segmenters) and
    indexes them by accent-sensitive text, folded text, token sequence and every contiguous
    token sub-sequence; :meth:`resolve` then costs a few dictionary look-ups per query word.
    """

    def __init__(self, entries: Iterable[GlossaryEntry], rules: TextRules | None = None):
        self.rules = default_rules() if rules is None else rules
        self._terms: list[_Term] = []
        # Lao and Chinese terms as strings, for character n-gram look-ups in compounds.
        self._compact: dict[str, list[int]] = {}
        self._hs: set[str] = set()
        self._exact: dict[str, list[int]] = {}
        self._folded: dict[str, list[int]] = {}
        self._by_tokens: dict[tuple[str, ...], list[int]] = {}
        self._by_ngram: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        fuzzy: dict[str, list[int]] = {}
        vocabulary: dict[str, list[int]] = {}
        seen: set[tuple[str, str, str]] = set()
        words: dict[str, set[str]] = {"vi": set(), "en": set()}
        for entry in _with_number_variants(entries):
            key = (entry.hs, entry.lang, entry.term)
            if key in seen:
                continue
            seen.add(key)
            tid = len(self._terms)
            term = _Term(entry, tuple(tokenize_detailed(entry.term)))
            self._terms.append(term)
            self._hs.add(entry.hs)
            self._exact.setdefault(normalize_text(entry.term), []).append(tid)
            self._folded.setdefault(fold(entry.term), []).append(tid)
            if not term.folded:
                continue
            self._by_tokens.setdefault(term.folded, []).append(tid)
            size = len(term.folded)
            for start in range(size):
                for end in range(start + 1, size + 1):
                    if end - start < size:  # the whole sequence is in _by_tokens
                        postings = self._by_ngram.setdefault(term.folded[start:end], [])
                        postings.append((tid, start))
            if all(t.script in (LAO, HAN) for t in term.tokens):
                self._compact.setdefault("".join(term.folded), []).append(tid)
            if entry.lang in ("vi", "en"):
                words[entry.lang].update(term.folded)
            if all(t.script == LATIN for t in term.tokens):
                fuzzy.setdefault(" ".join(term.folded), []).append(tid)
                for word in set(term.folded):
                    vocabulary.setdefault(word, []).append(tid)
        # Words of one of the two Latin-script languages only: their votes tell a Vietnamese
        # text typed without diacritics from an English one.
        self._only = {"vi": frozenset(words["vi"] - words["en"]), "en": frozenset(words["en"] - words["vi"])}
        self._lengths = sorted({len(t) for t in self._by_tokens})
        self._max_len = self._lengths[-1] if self._lengths else 0
        self._fuzzy_choices = list(fuzzy)
        self._fuzzy_terms = [fuzzy[choice] for choice in self._fuzzy_choices]
        self._vocabulary = list(vocabulary)
        self._vocabulary_terms = [vocabulary[word] for word in self._vocabulary]

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str]) -> ProductResolver:
        return cls(load_glossary_csv(path))

    def __len__(self) -> int:
        return len(self._terms)

    @property
    def hs_codes(self) -> frozenset[str]:
        return frozenset(self._hs)

    def resolve_best(self, text: str) -> HSMatch | None:
        matches = self.resolve(text, limit=1)
        return matches[0] if matches else None

    def resolve(self, text: str, limit: int = 5) -> list[HSMatch]:
        """Up to ``limit`` HS codes for ``text``, best first, one (its best match) per code."""
        if limit <= 0 or not text or not text.strip():
            return []
        try:
            code = normalize_hs(text)
        except ValueError:
            code = None
        if code is not None:
            if len(code) == 6 and code not in self._hs:
                return []
            return [HSMatch(code, 1.0, code, "", "code")]

        best = _Best()
        rest = self._match_codes(text, best)
        self._match_gloss(rest, best)
        tokens, flags, cut = self.rules.scan(rest) if rest.strip() else ([], [], False)
        # A glossary name typed whole is one, whatever its words (even "thức ăn cho chó mèo",
        # whose "cho" would otherwise end the product part).
        if tokens and (not cut or normalize_text(rest) in self._exact):
            self._match_whole(rest, tokens, best)
        if tokens and not all(flags):
            self._match_words(tokens, best, flags)
            self._match_compounds(tokens, flags, best)
            if not best:  # typos among the words that may name a product (not "cần", "giao")
                self._match_fuzzy([t for t, f in zip(tokens, flags, strict=True) if f < IGNORED], best)
        ranked = best.ranked(limit)
        if ranked and self.rules.machine_marker(tokens):
            ranked = self._as_machines(ranked, limit)
        return ranked

    def _match_gloss(self, text: str, best: _Best) -> None:
        """A Lao or Chinese text that glosses its product in Latin letters, "ນັ່ງຮ້ານເຫຼັກ
        (scaffolding)", "ໂຊດາໄຟ (NaOH)": a gloss that is a name, whole, names the product in the
        writer's own words, above any match of the words around it (not above a whole-text one)."""
        if "(" not in text and "（" not in text:
            return
        for gloss in _GLOSS.findall(text):
            gloss = gloss.strip()
            if not gloss or len(gloss) == len(text.strip()):
                continue
            if not any(t.script in (LAO, HAN) for t in tokenize_detailed(text.replace(gloss, " "))):
                continue
            tokens = tokenize_detailed(gloss)
            if not tokens or any(t.script != LATIN for t in tokens):
                continue
            named = _Best()
            self._match_whole(gloss, tokens, named)
            for match in named.ranked(3):
                best.offer(replace(match, score=GLOSS_SCORE, kind="words"), True)

    def _offer(self, tid: int, score: float, kind: str, best: _Best) -> None:
        entry = self._terms[tid].entry
        best.offer(HSMatch(entry.hs, score, entry.term, entry.lang, kind), entry.primary)

    def _match_codes(self, text: str, best: _Best) -> str:
        """Offer the glossary's codes written inside ``text``; return the text without them."""
        if not any(ch.isdigit() for ch in text):
            return text
        plain = unicodedata.normalize("NFKC", text)
        pieces: list[str] = []
        position = 0
        for found in _EMBEDDED_HS.finditer(plain):
            code = found.group(3) or found.group(1) + found.group(2)
            if code in self._hs:
                best.offer(HSMatch(code, 1.0, code, "", "code"), True)
                pieces.append(plain[position : found.start()])
                position = found.end()
        if not pieces:
            return text
        pieces.append(plain[position:])
        return " ".join(pieces)

    def _match_whole(self, text: str, tokens: list[Token], best: _Best) -> None:
        exact = self._exact.get(normalize_text(text), ())
        for tid in exact:
            self._offer(tid, 1.0, "exact", best)
        for tid in self._folded.get(fold(text), ()):
            if tid in exact:
                continue
            term_tokens = self._terms[tid].tokens
            if len(term_tokens) == len(tokens):
                allowed, _ = _accents_agree(tokens, term_tokens)
            else:  # tokenised differently; trust folding only for text without diacritics
                allowed = not any(t.has_diacritics for t in tokens)
            if allowed:
                self._offer(tid, 0.95, "folded", best)

    def _match_words(self, tokens: list[Token], best: _Best, flags: Sequence[int] = ()) -> None:
        folded = tuple(t.folded for t in tokens)
        blocked = [bool(f) for f in flags] or [False] * len(folded)
        weight = [_weight(t) for t in tokens]
        # Quantities, trade verbs and grades weigh nothing in a match's coverage.
        size = sum(w for i, w in enumerate(weight) if not (flags and flags[i] >= IGNORED))
        count = len(folded)
        # A text typed without any diacritics cannot tell "cam" (orange) from "cám" (bran): its
        # Vietnamese matches all count as folded ones, so the longer match wins ("cam gao") ...
        plain = not any(t.has_diacritics for t in tokens)
        # ... and in such a Vietnamese text a Latin-script term of another language is no surer
        # ("Lac nhan" is lạc nhân, shelled peanuts, not lac; "xe dap" is not DAP fertiliser).
        vietnamese = self._vietnamese(folded)
        plain_vi = plain and vietnamese

        def sure(term: _Term, exact: bool) -> bool:
            lang = term.entry.lang
            return exact and not ((plain and lang == "vi") or (plain_vi and lang != "vi"))

        han = [i for i, t in enumerate(tokens) if t.script == HAN and not (flags and flags[i] >= IGNORED)]
        first_han, last_han = (han[0], han[-1] + 1) if han else (-1, -1)
        # Terms whose words appear, contiguous and whole, in the text (not only non-product
        # words: "ເຄັມ", salted, is not salt).
        spans: list[tuple[int, float, int, int]] = []  # term, score, first word, last word + 1
        for start in range(count):
            for length in self._lengths:
                if length > count - start:
                    break
                if all(blocked[start : start + length]):
                    continue
                # A Chinese compound's head comes last ("茶叶包装纸箱": cartons, not tea).
                head = HEAD_BONUS if start + length == last_han and start > first_han else 0.0
                for tid in self._by_tokens.get(folded[start : start + length], ()):
                    term = self._terms[tid]
                    allowed, exact = _accents_agree(tokens[start : start + length], term.tokens)
                    if allowed:
                        matched = sum(weight[start : start + length])
                        score = _words_score(matched, size, matched, sure(term, exact), term.entry.primary)
                        spans.append((tid, score + head, start, start + length))
        # The product of "X cần mua Y" is Y: the head is sought after the first trade verb.
        after = next((i + 1 for i, f in enumerate(flags) if f == TRADE), 0)
        lao = sum(1 for t in tokens if t.script == LAO) > len(tokens) / 2
        lang = "lo" if lao else "vi" if vietnamese else None
        for tid, score, _start, _end in _longest_first(self._head_first(spans, lang, after), self._terms):
            self._offer(tid, min(score, 0.89), "words", best)
        # Terms containing all the text's words (a shorter query: "ginger" → "fresh ginger").
        if count <= self._max_len:
            for tid, start in self._by_ngram.get(folded, ()):
                term = self._terms[tid]
                allowed, exact = _accents_agree(tokens, term.tokens[start : start + count])
                if allowed:
                    typed, whole = sum(weight), sum(_weight(t) for t in term.tokens)
                    score = _words_score(typed, typed, whole, sure(term, exact), term.entry.primary)
                    self._offer(tid, score, "words", best)

    def _head_first(self, spans: list, lang: str | None, after: int) -> list:
        """Vietnamese and Lao noun phrases put the head first ("chậu rửa inox": a sink, not
        stainless steel; "ປ້ຳສູບນ້ຳໄຟຟ້າ": a pump, not electricity): the first product of the
        text's language ``lang``, when another follows it, gets the bonus a Chinese head gets."""
        heads = [span for span in spans if self._terms[span[0]].entry.lang == lang]
        heads = [span for span in heads if span[2] >= after] or heads
        if not heads:
            return spans
        first = min(span[2] for span in heads)
        end = max(span[3] for span in heads if span[2] == first)
        if not any(span[2] >= end for span in spans):
            return spans
        return [(tid, score + HEAD_BONUS if start == first and self._terms[tid].entry.lang == lang else score,
                 start, stop) for tid, score, start, stop in spans]

    def _vietnamese(self, folded: Sequence[str]) -> bool:
        """Whether more of the words are Vietnamese-only than English-only (accents aside)."""
        vi = sum(1 for word in folded if word in self._only["vi"])
        return vi > sum(1 for word in folded if word in self._only["en"])

    def _match_fuzzy(self, tokens: list[Token], best: _Best) -> None:
        """Latin-script typos: the whole text against whole terms (token_set_ratio), and failing
        that each longer word against the glossary's words (ratio), at lower scores."""
        words = [t for t in tokens if t.script == LATIN and not t.folded.isdigit()]
        query = " ".join(t.folded for t in words)
        if len(query) < FUZZY_MIN_LENGTH or not self._fuzzy_choices:
            return
        accented: dict[str, set[str]] = {}
        for t in words:
            if t.has_diacritics:
                accented.setdefault(t.folded, set()).add(t.accented)

        def conflicts(tid: int) -> bool:
            # A word typed with diacritics is not matched by a differently accented one
            # ("nông sản" is not "sắn"), here either.
            return any(
                t.folded in accented and t.accented not in accented[t.folded]
                for t in self._terms[tid].tokens
            )

        found = process.extract(
            query,
            self._fuzzy_choices,
            scorer=fuzz.token_set_ratio,
            score_cutoff=FUZZY_CUTOFF,
            limit=None,
        )
        for _, ratio, index in found:
            for tid in self._fuzzy_terms[index]:
                if not conflicts(tid):
                    self._offer(tid, round(0.5 * ratio / 100, 4), "fuzzy", best)
        if best:
            return
        distinct = dict.fromkeys(
            t.folded for t in words if len(t.folded) >= FUZZY_WORD_LENGTH and not t.has_diacritics
        )
        for word in list(distinct)[:FUZZY_MAX_WORDS]:
            found = process.extract(
                word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5
            )
            for similar, ratio, index in found:
                if similar == word:  # not a typo: the whole-word match refused its accents
                    continue
                for tid in self._vocabulary_terms[index]:
                    if conflicts(tid):
                        continue
                    coverage = 0.5 + 0.5 / len(self._terms[tid].folded)
                    self._offer(tid, round(0.45 * ratio / 100 * coverage, 4), "fuzzy", best)
