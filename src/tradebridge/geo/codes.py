"""Country and province codes from the shipped reference files (plain code, no database): what
the importers and the command-line tools check codes against before a database is loaded."""

from __future__ import annotations

import csv
from pathlib import Path

GEO_DATA = Path(__file__).resolve().parent / "data"
# Codes BACI and Comtrade use for entities outside ISO 3166 (Other Asia nes, former states).
EXTRA_CODES = frozenset({"S19", "ANT", "SCG", "YUG", "SUN", "CSK", "DDR", "XKX"})


def known_codes(*, provinces: bool = False, extra: bool = True) -> set[str]:
    """ISO3 codes of the project's country table (and ISO 3166-2 province codes).  ``extra``
    adds the codes outside ISO 3166 that Comtrade uses (``EXTRA_CODES``)."""
    codes = set(EXTRA_CODES) if extra else set()
    with (GEO_DATA / "country-codes.csv").open(encoding="utf-8-sig", newline="") as handle:
        codes.update(row["ISO3166-1-Alpha-3"] for row in csv.DictReader(handle) if row["ISO3166-1-Alpha-3"])
    if provinces:
        with (GEO_DATA / "provinces.csv").open(encoding="utf-8-sig", newline="") as handle:
            codes.update(row["code"] for row in csv.DictReader(handle) if row["code"])
    return codes
