"""Reference tables the chain definitions are checked and resolved against (no database needed):
the HS 2022 nomenclature (the catalog app's copy) and the UN HS 2022 → BEC Rev.4 correspondence
with the BEC categories' UNCTAD stage of processing (data/NOTICE.md).

Placement rule for a subheading split (``n:n``) over BEC categories of different stages: the
stage most of its categories have; a tie goes to the most upstream of them, in the order raw,
intermediate, capital, consumer.  Categories with no stage (51 passenger motor cars, 321 motor
spirit, 7 not elsewhere specified) do not vote; a subheading with only those has no stage.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
BEC_FILE = DATA_DIR / "hs2022-bec4.csv"
CATEGORIES_FILE = DATA_DIR / "bec4-categories.csv"
HS_FILE = Path(__file__).resolve().parents[1] / "catalog" / "data" / "harmonized-system-2022.csv"

# Upstream first: the order ties are broken in, and the order of the stages in a chain.
BEC_STAGES: tuple[str, ...] = ("raw", "intermediate", "capital", "consumer")


def _rows(path: Path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


@cache
def hs_nomenclature() -> dict[str, tuple[str, ...]]:
    """Every HS 2022 chapter, heading and subheading → the sorted HS6 subheadings under it."""
    subheadings = sorted(
        row["hscode"] for row in _rows(HS_FILE) if row["level"] == "6" and len(row["hscode"]) == 6
    )
    under: dict[str, list[str]] = defaultdict(list)
    for code in subheadings:
        under[code[:2]].append(code)
        under[code[:4]].append(code)
        under[code].append(code)
    # A heading or chapter with no subheading (none in HS 2022) still exists as a code.
    codes = {row["hscode"] for row in _rows(HS_FILE) if row["level"] in ("2", "4", "6")}
    return {code: tuple(under.get(code, ())) for code in codes}


@cache
def category_stages() -> dict[str, str]:
    """BEC Rev.4 category → stage of processing ("" for 51, 321, 7 and the group headings)."""
    return {row["bec4"]: row["stage_of_processing"] or "" for row in _rows(CATEGORIES_FILE)}


@cache
def bec_stages() -> dict[str, str]:
    """HS 2022 subheading → its BEC stage of processing under the placement rule above (only
    subheadings that have one)."""
    stages = category_stages()
    votes: dict[str, Counter] = defaultdict(Counter)
    for row in _rows(BEC_FILE):
        stage = stages.get(row["bec4"], "")
        if stage:
            votes[row["hs2022"]][stage] += 1
    placed = {}
    for code, counter in votes.items():
        most = max(counter.values())
        placed[code] = next(s for s in BEC_STAGES if counter.get(s) == most)
    return placed


def bec_stage_of(subheading: str) -> str:
    return bec_stages().get(subheading, "")
