"""Dates, months, quarters, years and intervals, resolved against the publication date.

Vietnamese writes day before month ("4/1/2022" is 4 January); a day and month without a year
take the publication year, moved by one when that puts the date more than half a year away.
Patterns run longest first and each claims its span, so "từ ngày 20-24/4" is one range and
not two dates.
"""

from __future__ import annotations

import datetime as dt
import re

F = re.IGNORECASE
_D = r"(?P<{}>\d{{1,2}})"
_TRIGGER = (r"(?:(?:rạng\s+)?(?:sáng|chiều|tối|trưa|đêm)(?:\s+(?:ngày|hôm))?|ngày|hôm|từ(?:\s+ngày)?"
            r"|đến(?:\s+ngày)?|tới(?:\s+ngày)?|vào(?:\s+ngày)?|trước(?:\s+ngày)?"
            r"|sau(?:\s+ngày)?|hạn|thứ\s+(?:\d|hai|ba|tư|năm|sáu|bảy)\s*,?|chủ\s+nhật\s*,?)")
_SEP = r"\s*[/.-]\s*"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
                 "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12}
_RELATIVE_YEAR = {"nay": 0, "này": 0, "ngoái": -1, "trước": -1, "qua": -1, "tới": 1, "sau": 1,
                  "kế tiếp": 1}
_RELATIVE_DAY = {"hôm nay": 0, "sáng nay": 0, "chiều nay": 0, "tối nay": 0, "trưa nay": 0,
                 "hôm qua": -1, "sáng qua": -1, "chiều qua": -1, "tối qua": -1, "ngày mai": 1,
                 "sáng mai": 1, "hôm kia": -2}
# Not a year: a four-digit number followed by a scale, currency, percentage or counted noun.
_NOT_YEAR_AFTER = (r"(?!\s*(?:%|phần\s*trăm|tỷ|tỉ|triệu|nghìn|ngàn|USD|đồng|VND|tấn|người|lao\s+động"
                   r"|doanh\s+nghiệp|dự\s+án|lượt|xe|ha|km|m2|m3|container|kg|gian\s+hàng|tờ)"
                   r"(?![a-zà-ỹ]))")
_Y = r"(?P<{}>(?:19|20)\d{{2}})"


def _p(pattern: str) -> re.Pattern:
    return re.compile(pattern, F)


PATTERNS = [
    ("iso", _p(r"(?<![\d])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d])")),
    ("datetime", _p(r"(?<![\w])(?P<hh>\d{1,2})\s*(?:h|giờ|:)\s*(?P<mm>\d{2})?(?:\s*phút)?"
                    r"\s*(?:\(|,)?\s*(?:(?:sáng|chiều|tối|trưa)\s+)?(?:(?:ngày|hôm)\s*)?"
                    + _D.format("d") + _SEP + _D.format("m") + rf"(?:{_SEP}{_Y.format('y')})?"
                    r"(?![\d/])")),
    ("range_days", _p(rf"(?:(?<![\w]){_TRIGGER}\s*)?(?<![\d/.]){_D.format('d1')}\s*(?:-|–|đến|tới|và)"
                      rf"\s*(?:ngày\s*)?{_D.format('d2')}{_SEP}{_D.format('m')}"
                      rf"(?:{_SEP}{_Y.format('y')})?(?![\d/])")),
    ("range_dates", _p(rf"(?:(?<![\w]){_TRIGGER}\s*)?(?<![\d/.]){_D.format('d1')}{_SEP}"
                       rf"{_D.format('m1')}(?:{_SEP}{_Y.format('y1')})?\s*(?:-|–|đến|tới)\s*"
                       rf"(?:(?:ngày|hết\s+ngày)\s*)?{_D.format('d2')}{_SEP}{_D.format('m2')}"
                       rf"(?:{_SEP}{_Y.format('y')})?(?![\d/])")),
    ("date_words", _p(rf"(?:(?<![\w])(?:{_TRIGGER})\s+)?(?<![\d]){_D.format('d')}\s+tháng\s+"
                      rf"{_D.format('m')}(?:\s*(?:năm|,|/)\s*{_Y.format('y')})?(?![\d])")),
    ("date_full", _p(rf"(?:(?<![\w]){_TRIGGER}\s*)?(?<![\d/.,]){_D.format('d')}(?P<s>[/.-])\s*"
                     rf"{_D.format('m')}\s*(?P=s)\s*{_Y.format('y')}(?![\d])")),
    ("date_short", _p(rf"(?<![\w])(?P<t>{_TRIGGER})\s*{_D.format('d')}\s*[/.]\s*{_D.format('m')}"
                      r"(?![\d/]|[.,]\d)")),
    ("date_paren", _p(r"\(\s*" + _D.format("d") + r"\s*/\s*" + _D.format("m") + r"\s*\)")),
    ("relative_day", _p(r"(?<![\w])(?P<rel>" + "|".join(_RELATIVE_DAY) + r")(?![\w])")),
    ("quarter", _p(r"(?<![\w])quý\s+(?P<q>IV|III|II|I|[1-4])(?![\w])(?:\s*(?:/|-|năm)\s*"
                   r"(?:(?P<y>(?:19|20)\d{2})|(?P<rel>nay|ngoái|trước|tới|sau))(?![\d]))?")),
    ("months_of_year", _p(r"(?<![\w])(?P<n>\d{1,2}|ba|sáu|chín|mười một|mười hai)\s+tháng\s+"
                          r"(?P<part>đầu|cuối)?\s*(?:năm|của\s+năm)\s*(?:(?P<y>(?:19|20)\d{2})"
                          r"|(?P<rel>nay|ngoái|trước|tới))?(?![\w])")),
    ("half_year", _p(r"(?<![\w])(?:nửa|sáu tháng)\s+(?P<part>đầu|cuối)\s+năm\s*(?:(?P<y>(?:19|20)"
                     r"\d{2})|(?P<rel>nay|ngoái|trước|tới))?(?![\w])")),
    ("month_range", _p(r"(?<![\w])(?:từ\s+)?tháng\s+(?P<m1>\d{1,2})\s*(?:-|đến|tới)\s*(?:tháng\s+)?"
                       r"(?P<m2>\d{1,2})\s*(?:/|năm)\s*(?P<y>(?:19|20)\d{2})(?![\d])")),
    ("month", _p(r"(?<![\w])tháng\s+(?P<m>\d{1,2})(?:\s*(?:/|-|năm)\s*(?:(?P<y>(?:19|20)\d{2})"
                 r"|(?P<rel>nay|ngoái|trước|tới))(?![\d]))?(?![\d/])(?P<past>\s+(?:vừa\s+qua|"
                 r"qua|trước))?")),
    ("month_year", _p(r"(?<![\w/.,])(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])")),
    ("year_range", _p(r"(?:(?<![\w])(?P<lead>giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ|từ\s+năm|từ|niên\s+vụ|"
                      r"trong\s+các\s+năm|các\s+năm|năm)\s+)?(?<![\d.,/])(?P<y1>(?:19|20)\d{2})"
                      r"\s*(?:-|–|đến|tới)\s*(?:năm\s+)?(?P<y2>(?:19|20)\d{2})(?![\d])")),
    ("relative_month", _p(r"(?<![\w])tháng\s+(?P<rel>trước|sau|tới|này|này)(?![\w])")),
    ("relative_year", _p(r"(?<![\w])(?:(?P<kind>cùng\s+kỳ)\s+)?năm\s+(?P<rel>nay|ngoái|trước|tới"
                         r"|sau|kế\s+tiếp)(?![\w])")),
    ("year", _p(r"(?:(?<![\w])(?:năm|niên\s+khóa|mùa|đầu\s+năm|cuối\s+năm)\s+)?(?<![\d.,/\-])"
                r"(?P<y>(?:19|20)\d{2})(?![\d]|[.,/]\d)" + _NOT_YEAR_AFTER)),
]


def _valid(y, m, d) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except (ValueError, TypeError):
        return None


def _near_year(published: dt.date | None, m: int, d: int = 1) -> int | None:
    """The year of a day and month written without one: the publication year, or the one
    next to it when that is closer (an article of 2 January about "28/12")."""
    if published is None:
        return None
    best = None
    for y in (published.year, published.year - 1, published.year + 1):
        date = _valid(y, m, d)
        if date and (best is None or abs((date - published).days) < abs((_valid(best, m, d)
                                                                         - published).days)):
            best = y
    return best


def _int(g):
    return int(g) if g else None


def _rel_year(published, rel):
    if published is None or rel is None:
        return None
    return published.year + _RELATIVE_YEAR.get(re.sub(r"\s+", " ", rel.lower()), 0)


def _day(y, m, d):
    date = _valid(y, m, d) if y else None
    return date.isoformat() if date else None


def normalize(name: str, g: dict, published: dt.date | None) -> tuple[str | None, str] | None:
    """(normalized, kind) of one match, or None when it is not a date after all."""
    if name == "iso":
        date = _valid(int(g["y"]), int(g["m"]), int(g["d"]))
        return (date.isoformat(), "date") if date else None
    if name in ("date_full", "date_short", "date_paren", "date_words", "datetime"):
        d, m = int(g["d"]), int(g["m"])
        if not (1 <= d <= 31 and 1 <= m <= 12):
            return None
        y = _int(g.get("y")) or _near_year(published, m, d)
        if y and not _valid(y, m, d):
            return None
        if name == "datetime":
            hh, mm = int(g["hh"]), int(g.get("mm") or 0)
            if hh > 23 or mm > 59:
                return None
            return (f"{_day(y, m, d)}T{hh:02d}:{mm:02d}" if y else None), "datetime"
        return _day(y, m, d), "date"
    if name == "range_days":
        d1, d2, m = int(g["d1"]), int(g["d2"]), int(g["m"])
        if not (1 <= d1 < d2 <= 31 and 1 <= m <= 12):
            return None
        y = _int(g.get("y")) or _near_year(published, m, d1)
        return (f"{_day(y, m, d1)}/{_day(y, m, d2)}" if y else None), "range"
    if name == "range_dates":
        d1, m1, d2, m2 = int(g["d1"]), int(g["m1"]), int(g["d2"]), int(g["m2"])
        if not (1 <= d1 <= 31 and 1 <= d2 <= 31 and 1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None
        y2 = _int(g.get("y")) or _near_year(published, m2, d2)
        y1 = _int(g.get("y1")) or (y2 - 1 if y2 and (m1, d1) > (m2, d2) else y2)
        return (f"{_day(y1, m1, d1)}/{_day(y2, m2, d2)}" if y1 and y2 else None), "range"
    if name == "relative_day":
        if published is None:
            return None, "date"
        return (published + dt.timedelta(days=_RELATIVE_DAY[g["rel"].lower()])).isoformat(), "date"
    if name == "quarter":
        q = _ROMAN.get(g["q"].upper())
        y = _int(g.get("y")) or _rel_year(published, g.get("rel")) or (
            published.year if published else None)
        return (f"{y}-Q{q}" if y else None), "quarter"
    if name in ("months_of_year", "half_year"):
        n = 6 if name == "half_year" else (int(g["n"]) if g["n"].isdigit()
                                           else _NUMBER_WORDS[g["n"].lower()])
        if not 1 <= n <= 12:
            return None
        y = _int(g.get("y")) or _rel_year(published, g.get("rel")) or (
            published.year if published else None)
        first, last = (13 - n, 12) if (g.get("part") or "").lower() == "cuối" else (1, n)
        return (f"{y}-{first:02d}/{y}-{last:02d}" if y else None), "period"
    if name == "month_range":
        m1, m2, y = int(g["m1"]), int(g["m2"]), int(g["y"])
        if not 1 <= m1 < m2 <= 12:
            return None
        return f"{y}-{m1:02d}/{y}-{m2:02d}", "range"
    if name in ("month", "month_year"):
        m = int(g["m"])
        if not 1 <= m <= 12:
            return None
        y = _int(g.get("y")) or _rel_year(published, g.get("rel"))
        if y is None and published is not None:
            y = published.year - 1 if g.get("past") and m > published.month else published.year
        return (f"{y}-{m:02d}" if y else None), "month"
    if name == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if not y1 < y2 <= y1 + 50:
            return None
        lead = (g.get("lead") or "").lower()
        return f"{y1}/{y2}", ("range" if lead.startswith("từ") else "period")
    if name == "relative_year":
        y = _rel_year(published, g["rel"])
        return (str(y) if y else None), "year"
    if name == "relative_month":
        if published is None:
            return None, "month"
        step = {"trước": -1, "sau": 1, "tới": 1}.get(g["rel"].lower(), 0)
        return _shift_month(published.year, published.month, step), "month"
    if name == "year":
        return g["y"], "year"
    return None


def _shift_month(year: int, month: int, step: int) -> str:
    index = year * 12 + month - 1 + step
    return f"{index // 12}-{index % 12 + 1:02d}"


_BEFORE_WORDS = re.compile(r"(?:tháng|năm)\s+trước$", F)


def _relative_to_sentence(work: str, facts: list[dict]) -> None:
    """"năm trước", "tháng trước" after a year or month in the same sentence are the one
    before it ("năm 2023 … giảm 3,4% so với năm trước": 2022), not before publication."""
    for i, fact in enumerate(facts):
        if not _BEFORE_WORDS.search(work[fact["start"]:fact["end"]]):
            continue
        for earlier in reversed(facts[:i]):
            between = work[earlier["end"]:fact["start"]]
            if re.search(r"[.!?]\s|\n", between):
                break
            value = earlier["normalized"] or ""
            if fact["kind"] == "year" and earlier["kind"] == "year" and value.isdigit():
                fact["normalized"] = str(int(value) - 1)
                break
            if fact["kind"] == "month" and earlier["kind"] == "month" and len(value) == 7:
                fact["normalized"] = _shift_month(int(value[:4]), int(value[5:]), -1)
                break


def find_dates(text: str, work: str, published: dt.date | None) -> list[dict]:
    claimed: list[tuple[int, int]] = []
    out = []
    for name, pattern in PATTERNS:
        for m in pattern.finditer(work):
            start, end = m.span()
            if start == end or any(start < b and a < end for a, b in claimed):
                continue
            if name == "relative_year" and re.search(r"(?:những|các|nhiều|mấy)\s+$",
                                                     work[max(0, start - 8):start], F):
                continue  # "những năm qua": a stretch of time, not a year
            result = normalize(name, m.groupdict(), published)
            if result is None:
                continue
            claimed.append((start, end))
            out.append({"text": text[start:end], "start": start, "end": end,
                        "normalized": result[0], "kind": result[1]})
    out.sort(key=lambda f: f["start"])
    _relative_to_sentence(work, out)
    return out


_HEADER_DATE = re.compile(
    r"(?<![\d])(?:(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})|(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})"
    r"\s*[/.-]\s*(?P<y2>(?:19|20)\d{2}))(?![\d])")


def header_date(work: str, lines: int = 3) -> dt.date | None:
    """A full date in the first lines (a dateline), to stand in for the publication date."""
    head = "\n".join(work.lstrip().splitlines()[:lines])
    for m in _HEADER_DATE.finditer(head):
        if m.group("y"):
            date = _valid(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        else:
            date = _valid(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
        if date:
            return date
    return None
