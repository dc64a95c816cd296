"""Amounts of money, percentages and counts, found by rules over the working copy."""

from __future__ import annotations

import re
from decimal import Decimal

import tradebridge.news.extraction.lexicon as lexicon
from tradebridge.news.extraction.numbers import (
    COUNT_WORDS,
    NUMBER,
    SCALE,
    NumberError,
    parse_number,
    scale_value,
    to_number,
)
from tradebridge.news.extraction.text import clause_start

FLAGS = re.IGNORECASE
# Start of a figure: a qualifier right before it (spaces optional: "xấp xỉ5,34"), or no letter,
# digit or separator right before the number ("COVID-19", "12/1" are not figures).
_LEAD = (rf"(?:(?<![\w])(?P<qual>{lexicon.QUALIFIER})(?:\s+(?:đạt|sẽ đạt|là|ở mức|tới))?\s*"
         r"|(?<![\w.,/]))")
AMOUNT_RE = re.compile(
    _LEAD + rf"(?P<num>{NUMBER})(?:\s*(?P<scale>(?:{SCALE})(?:\s*(?:{SCALE}))?))?"
    rf"(?:\s*(?P<num2>{NUMBER})\s*(?P<scale2>{SCALE}))?"
    rf"(?:\s*(?P<cur>{lexicon.CURRENCY}))?", FLAGS)
PERCENT_RE = re.compile(
    rf"(?:(?<![\w])(?P<dir>{lexicon.DIRECTION})(?:\s*{lexicon.LINKERS})*\s*"
    rf"|(?<![\w])(?P<qual>{lexicon.QUALIFIER})\s*|(?<![\w.,/]))"
    rf"(?P<num>{NUMBER})\s*(?:%|phần\s*trăm(?![a-zà-ỹ]))", FLAGS)
COUNT_RE = re.compile(
    _LEAD + rf"(?P<num>{NUMBER})(?:\s*(?P<scale>{SCALE}))?\s*(?P<unit>{lexicon.COUNT_UNIT})"
    r"(?![a-zà-ỹ])", FLAGS)
WORD_COUNT_RE = re.compile(
    rf"(?<![\w])(?P<num>{COUNT_WORDS})\s+(?P<unit>{lexicon.WORD_COUNT_UNITS})(?![a-zà-ỹ])", FLAGS)
ORDINAL_RE = re.compile(
    r"(?<![\w])(?:thứ)\s+(?P<num>\d{1,3}|nhất|nhì|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)(?![\w])",
    FLAGS)
_WEEKDAY_AFTER = re.compile(r"\s*[,(]?\s*(?:ngày\s*)?\d{1,2}\s*[/.-]\s*\d{1,2}", FLAGS)
_ORDINAL_WORDS = {"nhất": 1, "nhì": 2, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6,
                  "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
# After a scaled number with no currency: nouns that make it a quantity, not money.
_NOT_MONEY = re.compile(
    r"\s*(?:tấn|kg|lít|m3|m2|ha|km|người|lượt|dân|con|chiếc|cây|liều|khách|lao|hộ|"
    r"doanh|sản|tờ|xe|container|thùng|bao|đơn|hồ|phương|hành|du|trẻ|học|cán|công|thuê|"
    r"cổ\s*phiếu|cổ\s*phần|TEU|kWh|MW|thuê\s*bao|đầu\s*(?:người|việc)|việc)(?![a-zà-ỹ])",
    FLAGS)
_MONEY_CONTEXT = re.compile(
    r"kim ngạch|vốn|trị giá|giá trị|doanh thu|ngân sách|đầu tư|xuất khẩu|nhập khẩu|thương mại"
    r"|tài trợ|viện trợ|doanh số|FDI|ODA", FLAGS)


def _span_text(text, start, end):
    return text[start:end]


def find_amounts(text: str, work: str) -> list[dict]:
    out = []
    last_currency = None
    for m in AMOUNT_RE.finditer(work):
        scale, cur = m.group("scale"), m.group("cur")
        if not scale and not cur:
            continue
        if not cur:
            before = work[clause_start(work, m.start(), 160):m.start()]
            if not _MONEY_CONTEXT.search(before) or _NOT_MONEY.match(work, m.end()):
                continue
        try:
            value = parse_number(m.group("num"), scale_follows=bool(scale)) * (
                scale_value(scale) if scale else 1)
            if m.group("num2"):
                value += parse_number(m.group("num2"), scale_follows=True) * scale_value(
                    m.group("scale2"))
        except NumberError:
            continue
        currency = lexicon.currency_code(cur) if cur else None
        if currency:
            last_currency = currency
        else:
            currency = last_currency or _first_currency(work) or "USD"
        end = m.end() if cur else (m.end("scale2") if m.group("scale2") else m.end("scale"))
        start = m.start("qual") if m.group("qual") else m.start("num")
        out.append({
            "text": text[start:end], "start": start, "end": end, "value": to_number(value),
            "currency": currency, "qualifier": lexicon.qualifier_of(m.group("qual")),
            "measure": _measure(work, start),
        })
    out += _range_lows(text, work, out)
    out.sort(key=lambda a: a["start"])
    return out


# The low end of a range ("800 - 900 triệu USD") takes the scale and currency of the high end.
RANGE_LOW_RE = re.compile(
    rf"(?<![\w.,/])(?P<num>{NUMBER})\s*(?:-|đến|tới)\s*(?={NUMBER}\s*(?P<scale>{SCALE})?\s*"
    rf"(?P<cur>{lexicon.CURRENCY}))", FLAGS)


def _range_lows(text: str, work: str, amounts: list[dict]) -> list[dict]:
    out = []
    for m in RANGE_LOW_RE.finditer(work):
        high = next((a for a in amounts if a["start"] >= m.end() - 1
                     and a["start"] <= m.end() + 1), None)
        if high is None:
            continue
        try:
            value = parse_number(m.group("num"), scale_follows=bool(m.group("scale"))) * (
                scale_value(m.group("scale")) if m.group("scale") else 1)
        except NumberError:
            continue
        out.append({"text": text[m.start():m.end("num")], "start": m.start(), "end": m.end("num"),
                    "value": to_number(value), "currency": high["currency"],
                    "qualifier": high["qualifier"], "measure": high["measure"]})
    return out


def _first_currency(work: str) -> str | None:
    m = re.search(r"\d\s*(?:" + SCALE + r")?\s*(" + lexicon.CURRENCY + ")", work, FLAGS)
    return lexicon.currency_code(m.group(1)) if m else None


def _measure(work: str, start: int) -> str | None:
    floor = clause_start(work, start, 160)
    found = None
    for m in lexicon.MEASURE_RE.finditer(work, floor, start):
        found = m.group(1)
    if found is None:  # the measure may sit before a comma: "Năm 2022, vốn đầu tư … đạt"
        window = work[max(0, start - 120):start]
        hits = list(lexicon.MEASURE_RE.finditer(window))
        if hits and not re.search(r"[.;]\s", window[hits[-1].end():]):
            found = hits[-1].group(1)
    return re.sub(r"\s+", " ", found) if found else None


def find_percentages(text: str, work: str) -> list[dict]:
    out = []
    for m in PERCENT_RE.finditer(work):
        try:
            value = parse_number(m.group("num"))
        except NumberError:
            continue
        if m.group("dir"):
            start, direction = m.start("dir"), lexicon.direction_of(m.group("dir"))
        else:
            start = m.start("qual") if m.group("qual") else m.start("num")
            direction = _direction_around(work, m.start("num"), m.end())
            if direction == "level" and out and _LIST_BETWEEN.fullmatch(work, out[-1]["end"], start):
                direction = out[-1]["direction"]  # "chiếm 32,5%), khai khoáng (18%)": same kind
        out.append({"text": text[start:m.end()], "start": start, "end": m.end(),
                    "value": float(value), "direction": direction})
    return out


# Between two percentages of one list: punctuation and a few words naming the next item.
_LIST_BETWEEN = re.compile(r"\)?\s*[,;]\s*[^\d%.;:]{1,40}?\(\s*|\)?\s*[,;]\s*[^\d%.;:()]{1,30}?\s")
_DIRECTION_RE = re.compile(rf"(?<![\w])({lexicon.DIRECTION})(?![a-zà-ỹ])", FLAGS)
_SHARE_AFTER = re.compile(
    r"\s*(?:của\s+)?(?:tổng|số|lao động|người|doanh nghiệp|dân|diện tích|vốn|cổ phần|thị phần"
    r"|kim ngạch|sản lượng|giá trị|hàng|lượng)(?![a-zà-ỹ])", FLAGS)


def _direction_around(work: str, start: int, end: int) -> str:
    floor = clause_start(work, start, 80)
    hits = list(_DIRECTION_RE.finditer(work, floor, start))
    if hits:
        return lexicon.direction_of(hits[-1].group(1))
    if _SHARE_AFTER.match(work, end):
        return "share"
    return "level"


def find_counts(text: str, work: str) -> list[dict]:
    out = []
    for m in COUNT_RE.finditer(work):
        try:
            value = parse_number(m.group("num"), whole=True)
            if m.group("scale"):
                value *= scale_value(m.group("scale"))
        except NumberError:
            continue
        if value != value.to_integral_value():
            continue
        start = m.start("qual") if m.group("qual") else m.start("num")
        if m.group("unit").lower() == "nước" and re.search(r"giữa\s+$", work[max(0, start - 8):start]):
            continue  # "giữa 2 nước": the two sides, not a number of countries
        out.append(_count(text, start, m.end(), value, m.group("unit")))
    for m in WORD_COUNT_RE.finditer(work):
        value = Decimal(_ORDINAL_WORDS.get(m.group("num").lower(), 0) or
                        parse_number(m.group("num")))
        out.append(_count(text, m.start(), m.end(), value, m.group("unit")))
    for m in ORDINAL_RE.finditer(work):
        word = text[m.start("num"):m.end("num")]
        if word[:1].isupper() or _WEEKDAY_AFTER.match(work, m.end()):
            continue  # "thứ Hai", "thứ 2 (4/1)": a weekday, not a rank
        value = int(word) if word.isdigit() else _ORDINAL_WORDS[word.lower()]
        out.append({"text": text[m.start():m.end()], "start": m.start(), "end": m.end(),
                    "value": value, "unit": "ordinal"})
    return out


def _count(text, start, end, value, unit):
    unit = re.sub(r"\s+", " ", unit)
    return {"text": text[start:end], "start": start, "end": end, "value": int(value),
            "unit": unit if unit in ("MOU", "MoU") else unit.lower()}
