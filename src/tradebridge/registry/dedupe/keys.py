"""Normalised keys of names, identifiers, phone numbers, e-mail domains, provinces and HS codes:
what two spellings of one organisation have in common."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from tradebridge.core.text import fold, normalize_text

# Legal forms, folded (no diacritics, lower case, punctuation as spaces).  Phrases are removed
# wherever they stand; the short ambiguous words only at the end of the name, and only when
# typed without diacritics ("Co" is a legal form, "Cỏ" the Vietnamese for grass).
_LEGAL_PHRASES = (
    # Vietnamese ("tổng công ty", a corporation, keeps its "tong": its subsidiaries are "công ty")
    "cong ty trach nhiem huu han", "trach nhiem huu han", "cong ty co phan", "cong ty cp", "cty cp",
    "co phan", "cong ty", "cty", "ctcp", "tnhh", "hai thanh vien tro len", "2 thanh vien tro len",
    "mot thanh vien", "1 thanh vien", "mtv", "1tv", "doanh nghiep tu nhan", "dntn",
    # cooperatives (HTX) and the short "CT" for "công ty" before another legal word
    "hop tac xa", "htx", "ct tnhh", "ct cp", "ct co phan", "ct trach nhiem huu han",
    # English
    "limited liability company", "company limited", "joint stock company", "public company",
    "sole company", "one member", "single member", "joint stock", "co ltd", "pte ltd", "llc",
    "ltd", "limited", "jsc", "jsco", "corporation", "corp", "inc", "incorporated", "plc",
    "company",
    # Lao: "ບ." is the written abbreviation of ບໍລິສັດ (company), a word of its own
    "ບ",
)
_LEGAL_END_WORDS = frozenset({"co", "cp", "sole"})
# Lao and Chinese are written without spaces between words: their legal forms are removed as
# substrings, longest first ("分公司", a branch, keeps its 分 and so stays apart from the company).
_LAO_LEGAL = ("ວິສາຫະກິດສ່ວນບຸກຄົນ", "ບໍລິສັດ", "ຈຳກັດຜູ້ດຽວ", "ຈຳກັດ", "ຜູ້ດຽວ", "ມະຫາຊົນ")
_HAN_LEGAL = ("股份有限公司", "有限责任公司", "有限公司", "股份公司", "公司")

# First word → the phrases it starts, longest first.
_PHRASES_BY_FIRST_WORD: dict[str, list[tuple[str, ...]]] = defaultdict(list)
for _phrase in sorted((tuple(p.split()) for p in _LEGAL_PHRASES), key=len, reverse=True):
    _PHRASES_BY_FIRST_WORD[_phrase[0]].append(_phrase)
_LAO_VARIANTS = (("\u0eab\u0e99", "\u0edc"), ("\u0eab\u0ea1", "\u0edd"), ("\u0ecd\u0eb2", "\u0eb3"))
_DENSE = r"\u0e80-\u0eff\u3400-\u9fff\uf900-\ufaff"  # Lao and Han: no spaces between words
_SPACE_IN_DENSE = re.compile(rf"(?<=[{_DENSE}]) (?=[{_DENSE}])")
DENSE_RUN = re.compile(rf"[{_DENSE}]+")
_NOT_WORD = re.compile(r"[^\w\u0300-\u036f\u0e80-\u0eff]+")  # punctuation and symbols


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    return fold(word)


def _words(text: str) -> list[tuple[str, str]]:
    """``(folded, accented)`` words of ``text``: lower case, Lao variants unified, punctuation
    as separators; the folded form also without diacritics."""
    accented = normalize_text(text)
    for typed, canonical in _LAO_VARIANTS:
        accented = accented.replace(typed, canonical)
    words = _NOT_WORD.sub(" ", accented.replace("_", " ")).split()
    return [(folded, word) for word in words if (folded := _fold_word(word))]


def _strip_legal_words(words: list[tuple[str, str]]) -> list[str]:
    folded = [f for f, _ in words]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        for phrase in _PHRASES_BY_FIRST_WORD.get(folded[i], ()):
            if tuple(folded[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            out.append(words[i])
            i += 1
    while len(out) > 1 and out[-1][0] in _LEGAL_END_WORDS and out[-1][0] == out[-1][1]:
        out.pop()
    return [f for f, _ in out]


@lru_cache(maxsize=1 << 17)
def name_key(name: str) -> str:
    """The normalised name: folded (case and Vietnamese diacritics removed), punctuation
    dropped, legal forms removed in the four languages, no spaces inside Lao or Chinese.

    >>> name_key("Công ty TNHH Gốm Bát Tràng") == name_key("Gom Bat Trang Co., Ltd") == "gom bat trang"
    True
    >>> name_key("HTX Dệt lụa Tô Vang") == name_key("Hợp tác xã Dệt lụa Tô Vang") == "det lua to vang"
    True

    A name that is nothing but a legal form keeps its words (``"Công ty TNHH"`` → ``"cong ty tnhh"``).
    """
    words = _words(name)
    text = " ".join(_strip_legal_words(words))
    for legal in _LAO_LEGAL:
        text = text.replace(legal, " ")
    for legal in _HAN_LEGAL:
        text = text.replace(legal, " ")
    text = _SPACE_IN_DENSE.sub("", " ".join(text.split()))
    return text or _SPACE_IN_DENSE.sub("", " ".join(f for f, _ in words))


def name_tokens(key: str) -> list[str]:
    """Words of a name key; Lao and Chinese runs give their character bigrams (their word
    segmentation is unreliable on names, and a bigram survives a changed character nearby)."""
    if key.isascii():
        return sorted(set(key.split()))
    tokens: list[str] = []
    for word in key.split():
        if not DENSE_RUN.search(word):
            tokens.append(word)
            continue
        for part in re.split(rf"([{_DENSE}]+)", word):
            if not part:
                continue
            if DENSE_RUN.fullmatch(part):
                tokens.extend(part[i : i + 2] for i in range(max(1, len(part) - 1)))
            else:
                tokens.append(part)
    return sorted(set(tokens))


def order_free(key: str) -> str:
    """The name key with its words sorted; Lao and Chinese, written without spaces, contribute
    their characters (so ``广州光星贸易`` and ``光星贸易广州`` agree)."""
    parts: list[str] = []
    for word in key.split():
        parts.extend(word if DENSE_RUN.fullmatch(word) else (word,))
    return " ".join(sorted(parts))


def identifier_key(value: str) -> str:
    """An identifier reduced to upper-case letters and digits (``0100109106-001`` →
    ``0100109106001``)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", value).upper() if ch.isalnum())


def phone_key(phone: str) -> str:
    """The last nine digits of a phone number: the country code and the trunk 0 vary between
    lists (``+84 24 3123 4567`` and ``024 3123 4567`` agree)."""
    digits = re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", phone))
    return digits[-9:] if len(digits) >= 6 else ""


# Shared mailboxes say nothing about who owns them.
FREE_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.com.vn", "hotmail.com", "outlook.com",
    "live.com", "icloud.com", "qq.com", "163.com", "126.com", "sina.com", "sohu.com", "aliyun.com",
    "foxmail.com", "yeah.net", "139.com",
})


def email_domain(value: str) -> str:
    domain = value.rpartition("@")[2].strip().lower()
    return "" if domain in FREE_MAIL_DOMAINS else domain


_PROVINCE_WORDS = frozenset({"tinh", "thanh", "pho", "tp", "province", "city", "municipality"})


@lru_cache(maxsize=4096)
def province_key(value: str | None) -> str:
    if not value:
        return ""
    words = [f for f, _ in _words(value) if f not in _PROVINCE_WORDS]
    key = "".join(words)
    for suffix in ("省", "市", "自治区"):
        key = key.removesuffix(suffix)
    return key.removeprefix("ແຂວງ").removeprefix("ນະຄອນຫຼວງ") or "".join(f for f, _ in _words(value))


def headings(codes: Iterable[str]) -> list[str]:
    """HS codes as 4-digit headings (a 2-digit chapter stays as it is)."""
    return sorted({code[:4] for code in codes if code})

