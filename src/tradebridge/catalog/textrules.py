"""What in a product text is not a product (pure Python; product names beyond the glossary are
in :mod:`tradebridge.catalog.terms`).

* :class:`TextRules` reads ``data/non-products.csv`` and ``data/machines.csv``: delivery terms
  (``giao tại cửa khẩu …``: the rest of the clause is a place, never a product), purposes
  (``bao PP đựng xi măng``: the rest of the clause is what the product serves), trade verbs,
  quantities, grades and modifiers (``ເຄັມ``, salted) that never make a match on their own, and
  the words that make a text a machine (``máy``, ``ຈັກ``, ``机``, ``machine``): a machine for X
  is a machine of the heading that processes X (``data/machines.csv``), not X.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from tradebridge.core.text import HAN, LAO, Token, tokenize_detailed

DATA_DIR = Path(__file__).resolve().parent / "data"
NON_PRODUCTS = DATA_DIR / "non-products.csv"
MACHINES = DATA_DIR / "machines.csv"
# Clause boundaries: a delivery term's place ends at one.
# "、" lists the things of one clause ("用于软糖、酸奶": a purpose's whole list), so it ends none.
_CLAUSE = re.compile(r"[,;，；/()（）\n]+")

# Machine words, by folded token; Vietnamese ``may`` only with its accent or before a word that
# is not ``mac`` (``may mặc``: garments); Lao ``ເຄື່ອງ`` ("thing") only before a process verb.
_MACHINE_WORDS = frozenset({
    "machine", "machines", "machinery", "equipment", "roaster", "roasters",
    "ຈັກ", "ເຄື່ອງຈັກ", "机", "机器", "设备", "机械", "机组", "生产线",
})
# "dây chuyền" alone is also a necklace ("dây chuyền bạc 925"): a line only for a process.
_MACHINE_SEQUENCES = (
    ("thiet", "bi"), ("production", "line"),
    *(("day", "chuyen", *step) for step in (
        ("san", "xuat"), ("che", "bien"), ("dong", "goi"), ("lap", "rap"), ("tu", "dong"),
        ("cong", "nghe"), ("say",), ("xay",), ("nghien",), ("ep",), ("may",), ("thiet", "bi"))),
)
_LAO_PROCESS_VERBS = frozenset({
    "ຂົ້ວ", "ເລື່ອຍ", "ສີ", "ສູບ", "ປັ່ນ", "ບົດ", "ຕັດ", "ອົບ", "ສາວ", "ຫຍິບ", "ທໍ", "ຕຳ",
    "ປອກ", "ຂູດ", "ອັດ", "ຟັກ", "ນວດ", "ໄຖ", "ເກັບກ່ຽວ", "ຫັ່ນ", "ບັນຈຸ", "ຜະລິດ", "ແປຮູບ",
})


# Token flags of TextRules.scan; a trade verb ("cần mua", "ຕ້ອງການ", "求购") is ignored like a
# quantity, and also says where the product named comes (after it, not the buyer's name before).
WORD, MODIFIER, IGNORED, TRADE = 0, 1, 2, 3
# Kinds whose phrase ends the product part of its clause: a delivery term is followed by a place,
# a purpose ("đựng xi măng", "for shoe uppers", "ສຳລັບ…") by what the product serves, not by it.
CUTTING = frozenset({"delivery", "purpose"})


def _named(earlier: Sequence[int], this: Sequence[int]) -> bool:
    """Whether a product word (not a quantity, trade word or grade) comes before: in an earlier
    clause or earlier in this one.  A purpose serves a product named before it."""
    return any(flag <= MODIFIER for flag in earlier) or any(flag <= MODIFIER for flag in this)


def _opening_need(tokens: Sequence[Token], flags: list[int]) -> None:
    """A Vietnamese ad typed without diacritics that opens with "can" opens with "cần" (need):
    "can hat SAP", "can goi hut am", not "cân" (scales).  One syllable alone is no phrase of
    non-products.csv (it has too many senses), but at the head of a plain text it has one."""
    if (len(tokens) > 1 and tokens[0].folded == "can" and flags[0] == WORD
            and not any(t.has_diacritics for t in tokens)):
        flags[0] = TRADE


def clauses(text: str) -> list[str]:
    return [part for part in _CLAUSE.split(text) if part.strip()]


def _phrase_tokens(phrase: str) -> tuple[Token, ...]:
    return tuple(tokenize_detailed(phrase))


class TextRules:
    """Non-product words and machine words of product texts (see the module documentation)."""

    def __init__(self, non_products: str | os.PathLike[str] = NON_PRODUCTS,
                 machines: str | os.PathLike[str] = MACHINES):
        self.phrases: dict[tuple[str, ...], list[tuple[tuple[Token, ...], str]]] = {}
        self.longest = 1
        with open(non_products, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                tokens = _phrase_tokens(row["phrase"])
                if tokens:
                    key = tuple(t.folded for t in tokens)
                    self.phrases.setdefault(key, []).append((tokens, row["kind"].strip()))
                    self.longest = max(self.longest, len(key))
        self.machine_for: dict[str, str] = {}
        with open(machines, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                self.machine_for[row["product"].strip()] = row["machine"].strip()

    def _phrase_kind(self, tokens: Sequence[Token]) -> str | None:
        """The kind of the non-product phrase ``tokens`` spell, if any.  A phrase typed without
        diacritics matches an accented one only when it has several words (``cua khau``): one
        unaccented Vietnamese syllable has too many senses (``ban`` is ``bán`` or ``bàn``)."""
        for phrase, kind in self.phrases.get(tuple(t.folded for t in tokens), ()):
            ok = True
            for q, p in zip(tokens, phrase, strict=True):
                if q.accented == p.accented:
                    continue
                if q.has_diacritics or len(phrase) == 1:
                    ok = False
                    break
            if ok:
                return kind
        return None

    def scan(self, text: str) -> tuple[list[Token], list[int], bool]:
        """The tokens of ``text`` that may name a product; for each a flag: ``WORD``, ``MODIFIER``
        (``ເຄັມ``, salted: it counts, but never makes a match on its own), ``IGNORED`` or ``TRADE``
        (quantities, trade verbs, grades: no match, and no weight in a match's coverage); and
        whether a delivery term was cut: it drops itself and the rest of its clause (a place)."""
        cut_any = False
        kept: list[Token] = []
        flags_all: list[int] = []
        for clause in clauses(text):
            tokens = tokenize_detailed(clause)
            flags = [IGNORED if t.folded.isdigit() else WORD for t in tokens]
            cut = len(tokens)
            for i, size, kind in self._phrases(tokens):
                if kind in CUTTING and (kind != "purpose" or _named(flags_all, flags[:i])):
                    cut = i
                    break
                if kind in CUTTING:
                    flags[i : i + size] = [IGNORED] * size  # "Cho thuê …": no product yet
                else:
                    flag = MODIFIER if kind == "modifier" else TRADE if kind == "request" else IGNORED
                    flags[i : i + size] = [flag] * size
            kept.extend(tokens[:cut])
            flags_all.extend(flags[:cut])
            cut_any = cut_any or cut != len(tokens)
        _opening_need(kept, flags_all)
        return kept, flags_all, cut_any

    def _phrases(self, tokens: Sequence[Token]):
        """(start, size, kind) of each non-product phrase of ``tokens``, longest first, left to
        right."""
        i = 0
        while i < len(tokens):
            for size in range(min(self.longest, len(tokens) - i), 0, -1):
                kind = self._phrase_kind(tokens[i : i + size])
                if kind is not None:
                    yield i, size, kind
                    i += size - 1
                    break
            i += 1

    def ends_products(self, text: str) -> bool:
        """Whether ``text`` holds a purpose or a delivery term, wherever it stands: what follows
        it in its clause is what the product serves, or a place."""
        return any(kind in CUTTING for clause in clauses(text)
                   for _, _, kind in self._phrases(tokenize_detailed(clause)))

    def machine_marker(self, tokens: Sequence[Token]) -> bool:
        """Whether the text names a machine (``máy xay``, ``ເຄື່ອງຂົ້ວ``, ``烘焙机``)."""
        folded = [t.folded for t in tokens]
        # In a text typed with diacritics, "may" without them is "may", to sew ("Nhận may gia
        # công áo sơ mi": garment work), never "máy".
        accented = any(t.has_diacritics for t in tokens)
        for i, token in enumerate(tokens):
            word = token.folded
            if word in _MACHINE_WORDS:
                return True
            if token.script == HAN and len(word) > 1 and word[-1] == "机" and word[-2:] != "飞机":
                return True
            if word == "may" and i and folded[i - 1] == "nha":
                continue  # nhà máy: a factory, not a machine
            if word == "may" and i + 1 < len(tokens):
                if token.has_diacritics:
                    if token.accented == "may\u0301":
                        return True
                elif not accented and folded[i + 1] not in {"mac", "do", "man"}:
                    return True
            if (token.script == LAO and word == "ເຄື່ອງ" and i + 1 < len(tokens)
                    and folded[i + 1] in _LAO_PROCESS_VERBS):
                return True
        return any(tuple(folded[i : i + len(s)]) == s for s in _MACHINE_SEQUENCES
                   for i in range(len(folded) - len(s) + 1))

    def is_machine_term(self, term: str) -> bool:
        tokens = tokenize_detailed(term)
        return self.machine_marker(tokens) or any(t.folded in {"may", "ຈັກ", "ເຄື່ອງ"} for t in tokens)

    def machine_code(self, product: str) -> str:
        """The heading of machines that process ``product`` (an HS code); chapter 84 else."""
        for size in (6, 4, 2):
            found = self.machine_for.get(product[:size])
            if found:
                return found
        return "84"


@lru_cache(maxsize=1)
def default_rules() -> TextRules:
    return TextRules()
