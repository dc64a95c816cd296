"""Declared values in US dollars, at the yearly average rate of the signing year (a small table
in data/usd_rates.json with its source). No rate for that year or currency: no USD figure,
rather than a guess from another year."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

RATES_FILE = Path(__file__).parent / "data" / "usd_rates.json"
CENT = Decimal("0.01")


@lru_cache(maxsize=1)
def table() -> dict:
    data = json.loads(RATES_FILE.read_text(encoding="utf-8"))
    data["rates"] = {
        currency: {int(year): Decimal(str(rate)) for year, rate in years.items()}
        for currency, years in data["rates"].items()
    }
    return data


def rate(currency: str, year: int | None) -> Decimal | None:
    """Units of `currency` per US dollar in `year`, if known."""
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
