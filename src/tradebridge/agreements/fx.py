"""Declared values in US dollars, at the yearly average rate of the signing year (a small table
in data/usd_rates.json with its source). A value in US dollars counts as itself. No rate for that
year or currency: no USD figure, rather than a guess from another year."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext_noop

RATES_FILE = Path(__file__).parent / "data" / "usd_rates.json"
CENT = Decimal("0.01")
# The "source" of data/usd_rates.json, marked for translation: pages show it through the
# `note` filter (core.templatetags.multilingual), in the reader's language.
SOURCE_NOTE = gettext_noop(
    "Approximate values after the World Bank series 'Official exchange rate (LCU per US$, "
    "period average)' (PA.NUS.FCRF), entered from memory without checking against the "
    "published series: ILLUSTRATIVE. Replace with the published figures before any official "
    "use."
)


@lru_cache(maxsize=1)
def table() -> dict:
    data = json.loads(RATES_FILE.read_text(encoding="utf-8"))
    data["rates"] = {
        currency: {int(year): Decimal(str(rate)) for year, rate in years.items()}
        for currency, years in data["rates"].items()
    }
    return data


def rate(currency: str, year: int | None) -> Decimal | None:
    """Units of `currency` per US dollar in `year`, if known; a value in US dollars needs none."""
    if currency == "USD":
        return Decimal(1)
    if not currency or year is None:
        return None
    return table()["rates"].get(currency, {}).get(year)


def to_usd(value: Decimal | None, currency: str, year: int | None) -> Decimal | None:
    per_usd = rate(currency, year)
    if value is None or not per_usd:
        return None
    return (Decimal(value) / per_usd).quantize(CENT, rounding=ROUND_HALF_UP)


def source() -> str:
    return table()["source"]


def is_illustrative() -> bool:
    return bool(table().get("is_illustrative"))
