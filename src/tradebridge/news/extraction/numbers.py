"""Numbers as Vietnamese news writes them: 5,34 · 1.280,6 · 1.000 · 8.11 (copied English style)
· scale words (nghìn, triệu, tỷ) · small number words (một … mười).

The rule for one separator: Vietnamese puts "." between thousands and "," before decimals.  A
lone "." followed by exactly three digits is a thousands separator (1.000 = 1000); followed by
any other number of digits it is a decimal point copied from English ("8.11 tỉ").  A lone ","
is a decimal comma, except in a whole count ("1,000 lao động").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Digits with optional separators; the longest match first so 1.280,6 is one number.
NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
NUMBER_RE = re.compile(NUMBER)

SCALES = {
    "nghìn tỷ": 10**12, "ngàn tỷ": 10**12, "nghìn tỉ": 10**12, "ngàn tỉ": 10**12,
    "nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9,
    "trăm": 100, "vạn": 10**4, "tr": 10**6, "million": 10**6, "billion": 10**9,
    "trillion": 10**12, "mn": 10**6, "bn": 10**9,
}
# Longest first; "tr" only as a whole word ("tr" of "trên" must not be a scale).  A capital may
# follow at once ("tỷUSD"): the lookahead is case-sensitive even inside IGNORECASE patterns.
SCALE = (r"(?:ngh[iì]n\s*t[ỷỉ]|ng[aà]n\s*t[ỷỉ]|ngh[iì]n|ng[aà]n|tri[ệe]u|t[ỷỉ]|tr[aă]m|vạn"
         r"|million|billion|trillion|mn|bn|tr(?=\.?\s*(?:đồng|USD|VND|\d|$)))(?-i:(?![a-zà-ỹ]))")
SCALE_RE = re.compile(SCALE, re.IGNORECASE)

WORDS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mươi": 10, "chục": 10,
}
# Number words that may stand for a count ("năm" is left out: it is also "year").
COUNT_WORDS = r"(?:một|hai|ba|bốn|sáu|bảy|bẩy|tám|chín|mười)"


class NumberError(ValueError):
    pass


def parse_number(text: str, *, whole: bool = False, scale_follows: bool = False) -> Decimal:
    """The value of one number as written (no scale word).  `whole`: the context wants a whole
    number (a count), so a lone comma before three digits separates thousands."""
    s = text.strip().replace(" ", "")
    if not s:
        raise NumberError("empty number")
    if s.lower() in WORDS:
        return Decimal(WORDS[s.lower()])
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal_mark = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        if s.count(decimal_mark) > 1:
            raise NumberError(f"two decimal marks in {text!r}")
        s = s.replace(thousands, "").replace(decimal_mark, ".")
    elif dots > 1 or commas > 1:
        s = s.replace(".", "").replace(",", "")
    elif dots == 1:
        head, tail = s.split(".")
        s = head + tail if len(tail) == 3 and not (scale_follows and head == "0") else s
    elif commas == 1:
        head, tail = s.split(",")
        s = head + tail if (whole and len(tail) == 3 and not scale_follows) else head + "." + tail
    try:
        return Decimal(s)
    except InvalidOperation as exc:
        raise NumberError(f"not a number: {text!r}") from exc


def scale_value(words: str) -> int:
    """The multiplier of a run of scale words ("nghìn tỷ" = 10**12, "tỷ" = 10**9)."""
    total = 1
    for match in SCALE_RE.finditer(words):
        key = re.sub(r"\s+", " ", match.group(0).lower())
        key = {"nghin": "nghìn", "ngan": "ngàn", "trieu": "triệu", "ty": "tỷ", "ti": "tỉ",
               "tram": "trăm", "trăm": "trăm"}.get(key, key)
        key = re.sub(r"^(ngh[iì]n|ng[aà]n)\s*t[ỷỉ]$", "nghìn tỷ", key)
        total *= SCALES.get(key, 1)
    return total


def to_number(value: Decimal) -> int | float:
    """JSON-friendly: a whole value as int, else float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def format_vietnamese(value: Decimal, decimals: int = 0) -> str:
    """Write `value` the Vietnamese way (1.280,6); the inverse of parse_number, for tests."""
    quantized = f"{abs(value):,.{decimals}f}"
    head, _, tail = quantized.partition(".")
    out = head.replace(",", ".") + ("," + tail if tail else "")
    return ("-" if value < 0 else "") + out
