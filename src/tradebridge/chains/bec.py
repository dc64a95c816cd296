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


def _columns(path: Path, *names: str):
    """The values of columns ``names`` of each row (a plain reader: DictReader's dicts cost more
    than the file's reading)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        at = [header.index(name) for name in names]
        for row in rows:
            yield tuple(row[i] for i in at)


@cache
def hs_nomenclature() -> dict[str, tuple[str, ...]]:
    """Every HS 2022 chapter, heading and subheading → the sorted HS6 subheadings under it."""
    codes = {code for code, level in _columns(HS_FILE, "hscode", "level") if level in ("2", "4", "6")}
    subheadings = sorted(code for code in codes if len(code) == 6)
    under: dict[str, list[str]] = defaultdict(list)
    for code in subheadings:
        under[code[:2]].append(code)
        under[code[:4]].append(code)
        under[code].append(code)
    # A heading or chapter with no subheading (none in HS 2022) still exists as a code.
    return {code: tuple(under.get(code, ())) for code in codes}


@cache
def category_stages() -> dict[str, str]:
    """BEC Rev.4 category → stage of processing ("" for 51, 321, 7 and the group headings)."""
    return {bec4: stage or "" for bec4, stage in _columns(CATEGORIES_FILE, "bec4", "stage_of_processing")}


@cache
def bec_stages() -> dict[str, str]:
    """HS 2022 subheading → its BEC stage of processing under the placement rule above (only
    subheadings that have one)."""
    stages = category_stages()
    votes: dict[str, Counter] = defaultdict(Counter)
    for hs2022, bec4 in _columns(BEC_FILE, "hs2022", "bec4"):
        stage = stages.get(bec4, "")
        if stage:
            votes[hs2022][stage] += 1
    placed = {}
    for code, counter in votes.items():
        most = max(counter.values())
        placed[code] = next(s for s in BEC_STAGES if counter.get(s) == most)
    return placed


def bec_stage_of(subheading: str) -> str:
    return bec_stages().get(subheading, "")
