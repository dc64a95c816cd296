"""The forms' first values from a candidate's proposed fields (what the extraction found), in
the shape each form expects. Tolerant: a field the relations step left out or gave in another
shape is left empty for staff to fill; nothing here raises."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tradebridge.core.figures import check_qualifier
from tradebridge.core.text import fold

# The qualifiers of the facts format (spec/facts.md) as the trade records store them.
QUALIFIERS = {"approximately": "approximately", "more than": "more_than", "nearly": "nearly",
              "at least": "at_least", "forecast": "expected", "target": "expected",
              "estimated": "estimated", "less than": ""}
# The relations step's kinds of event first, then words of a title.
EVENT_KINDS = {"trade_fair": "fair", "forum": "conference", "mission": "trade_mission",
               "meeting": "bilateral_talks", "conference": "conference",
               "hội nghị": "conference", "hội thảo": "conference",
               "diễn đàn": "conference", "trade_mission": "trade_mission", "đoàn": "trade_mission",
               "fair": "fair", "hội chợ": "fair", "triển lãm": "fair", "bilateral_talks": "bilateral_talks",
               "hội đàm": "bilateral_talks", "làm việc": "bilateral_talks", "study_tour": "study_tour",
               "khảo sát": "study_tour"}
AGREEMENT_CATEGORIES = ("raw_materials", "production_consumption", "investment", "linkage_chain",
                        "logistics", "labour", "training", "trade_promotion", "other")


def qualifier(value: Any) -> str:
    text = str(value or "").strip().lower()
    if text in QUALIFIERS:
        return QUALIFIERS[text]
    try:
        return check_qualifier(text)
    except ValueError:
        return ""


def _date(text: str, end: bool) -> dt.date | None:
    """One end of an ISO day, month, quarter or year ("2024-Q1" ends on 31 March)."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})|-Q([1-4]))?", text)
        if not match:
            return None
        year = int(match.group(1))
        if match.group(2):
            first_month = last_month = int(match.group(2))
        elif match.group(3):
            last_month = 3 * int(match.group(3))
            first_month = last_month - 2
        else:
            first_month, last_month = 1, 12
        if not end:
            return dt.date(year, first_month, 1)
        following = dt.date(year + (last_month == 12), last_month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    except ValueError:
        return None


def date_range(value: Any) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of a normalised date or interval ("2023-01-11/2023-01-12", "2017/2019")."""
    if isinstance(value, dict):
        value = value.get("normalized") or value.get("value")
    if isinstance(value, dt.date):
        return value, value
    text = str(value or "")
    first, _, last = text.partition("/")
    return _date(first, end=False), _date(last or first, end=True)


def day_range(value: Any) -> tuple[dt.date | None, dt.date | None]:
    """Like date_range, for days only: a month or a year is no event's date (None, None)."""
    text = str(value.get("normalized") if isinstance(value, dict) else value or "")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:/\d{4}-\d{2}-\d{2})?", text):
        return None, None
    return date_range(text)


def year_of(value: Any) -> int | None:
    if isinstance(value, int):
        return value
    match = re.match(r"\s*(\d{4})", str(value or ""))
    return int(match.group(1)) if match else None


def number(value: Any) -> Any:
    if isinstance(value, dict):
        value = value.get("value")
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def texts(value: Any) -> list[str]:
    """A list of names or refs from a string, a list of strings or a list of {text, ref}."""
    if value in (None, ""):
        return []
    items = value if isinstance(value, list | tuple) else [value]
    out = []
    for item in items:
        if isinstance(item, dict):
            out.extend(str(v) for v in (item.get("ref"), item.get("text"), item.get("name")) if v)
        else:
            out.append(str(item))
    return out


def match_organizations(values: Any, queryset, facts: dict | None = None) -> list[str]:
    """Slugs of the organisations of `queryset` named by slug or by any of their names; names
    the extraction linked to the registry (`facts`' organisations with a ref) count by slug."""
    refs = {o.get("text"): o.get("ref") for o in (facts or {}).get("organisations") or [] if o.get("ref")}
    wanted = [refs.get(name, name) for name in texts(values)]
    if not wanted:
        return []
    by_slug = set(queryset.filter(slug__in=wanted).values_list("slug", flat=True))
    folded = {fold(w) for w in wanted}
    found = list(by_slug)
    for slug, *names in queryset.values_list("slug", "name", "name_vi", "name_en"):
        if slug not in by_slug and any(n and fold(n) in folded for n in names):
            found.append(slug)
    return found


def event_kind(value: Any) -> str:
    if value in EVENT_KINDS:
        return EVENT_KINDS[value]
    text = fold(str(value or ""))
    for word, kind in EVENT_KINDS.items():
        if fold(word) in text:
            return kind
    return "conference"


def categories(value: Any) -> list[str]:
    return [c for c in texts(value) if c in AGREEMENT_CATEGORIES]


# The relations step's categories are kinds of document ("MOU", "contract").
AGREEMENT_KINDS = {"mou": "mou", "agreement": "cooperation", "contract": "contract", "minutes": "minutes"}


def agreement_kind(value: Any) -> str:
    found = [AGREEMENT_KINDS[c.lower()] for c in texts(value) if c.lower() in AGREEMENT_KINDS]
    return found[0] if found else "mou"
