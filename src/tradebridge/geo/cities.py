"""Main cities of the provinces (data/cities.csv), so that a place typed as a city name ("Côn
Minh") is shown in the reader's language; not a table: places only ever match them by name."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tradebridge.core.i18n import LocalizedNameMixin

CITIES_FILE = Path(__file__).resolve().parent / "data" / "cities.csv"


@dataclass(frozen=True)
class City(LocalizedNameMixin):
    province: str
    name_en: str
    name_vi: str
    name_lo: str
    name_zh_hans: str


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[City, ...]]:
    found: dict[str, list[City]] = {}
    with CITIES_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found.setdefault(row["province"], []).append(City(**row))
    return {code: tuple(cities) for code, cities in found.items()}


def cities_of(province_code: str) -> tuple[City, ...]:
    return _cities().get(province_code, ())
