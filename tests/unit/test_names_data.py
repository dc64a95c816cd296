"""Checks for the names files written for the resolver: the subheadings' names
(catalog/data/hs-subheadings-i18n.csv, each a 6-digit subheading of HS 2022, named once) and
the everyday names of traded goods (hs-everyday-names.csv, codes of 4 or 6 digits, several rows
per code).  In both, each language is in its own script (a few names were left out where
another file gives the same name to another code); no name is also given to a code off its
branch in another names file (it would make the resolver guess); and the names lead the
resolver to their branch (plain csv + the resolver, no database)."""

import csv
import re
from pathlib import Path

import pytest

from tradebridge.catalog.terms import EVERYDAY, HEADINGS, SUBHEADINGS, TERMS, TRADE_NAMES, load_terms
from tradebridge.registry.matching import ProductItem, RecommendationEngine

DATA_DIR = Path(__file__).resolve().parents[2] / "src/tradebridge/catalog/data"
LAO = re.compile("[\u0e80-\u0eff]")
CJK = re.compile("[\u4e00-\u9fff]")
COLUMNS = ("en", "vi", "lo", "zh_hans")


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


FILES = {"subheadings": SUBHEADINGS, "everyday": EVERYDAY}


@pytest.fixture(scope="module", params=list(FILES))
def rows(request):
    return _read(FILES[request.param])


@pytest.fixture(scope="module")
def hs_codes() -> dict[str, str]:
    return {row["hscode"]: row["level"] for row in _read(DATA_DIR / "harmonized-system-2022.csv")}


def _names(cell: str) -> list[str]:
    return [name.strip() for name in cell.split("|") if name.strip()]


def test_every_row_is_a_subheading_named_once(hs_codes):
    subheadings = {code for code, level in hs_codes.items() if level == "6"}
    codes = [row["hs"] for row in _read(SUBHEADINGS)]
    assert len(codes) == len(set(codes))
    assert set(codes) <= subheadings
    assert len(codes) >= 5000  # of 5,612: the residual "other" ones nobody types are left out


def test_every_everyday_name_is_of_a_real_heading_or_subheading(hs_codes):
    rows = _read(EVERYDAY)
    assert len(rows) >= 3000
    assert all(row["hs"] in hs_codes and len(row["hs"]) in (4, 6) for row in rows)
    assert all(row["source"] == "everyday trade name" for row in rows)


def test_names_in_their_scripts(rows):
    for row in rows:
        assert sum(bool(_names(row[column])) for column in ("en", "vi", "zh_hans")) >= 1, row["hs"]
        assert all(LAO.search(name) for name in _names(row["lo"])), row["hs"]
        # Chinese traders write some products by their Latin code alone (DDGS, LPG, PTFE).
        assert all(CJK.search(name) or name.isascii() for name in _names(row["zh_hans"])), row["hs"]
        assert not any(LAO.search(n) or CJK.search(n) for n in _names(row["vi"]) + _names(row["en"])), row["hs"]
        assert all(len(name) >= 2 for column in COLUMNS for name in _names(row[column])), row["hs"]
        assert row["source"].strip(), row["hs"]


def test_no_name_points_off_its_branch(rows):
    owners: dict[tuple[str, str], set[str]] = {}
    for path in (DATA_DIR / "glossary.csv", HEADINGS, TRADE_NAMES, TERMS, SUBHEADINGS, EVERYDAY):
        for row in _read(path):
            for column in COLUMNS:
                for name in _names(row.get(column) or ""):
                    owners.setdefault((column, " ".join(name.lower().split())), set()).add(row["hs"])
    for row in rows:
        for column in COLUMNS:
            for name in _names(row[column]):
                codes = owners[column, " ".join(name.lower().split())]
                off = {c for c in codes if not (c.startswith(row["hs"]) or row["hs"].startswith(c))}
                assert not off, (row["hs"], column, name, off)


@pytest.mark.parametrize("path", FILES.values())
def test_the_files_are_loaded_with_the_terms(path):
    assert {e.hs for e in load_terms(path)} <= {e.hs for e in load_terms()}


@pytest.fixture(scope="module")
def engine() -> RecommendationEngine:
    return RecommendationEngine.from_csv(workers=1)


@pytest.mark.parametrize("column", ["en", "vi", "zh_hans"])
def test_a_rows_first_name_leads_to_its_branch(rows, engine, column):
    # The first name resolves to the subheading or its heading: a glossary or trade name of the
    # same words may name the heading, hence the heading level and the floor.
    named = [row for row in rows if _names(row[column])]
    hits = 0
    for row in named:
        found = engine.resolve_item(ProductItem(_names(row[column])[0]))
        hits += bool(found) and found[0][0][:4] == row["hs"][:4]
    assert len(named) >= 0.95 * len(rows)
    assert hits / len(named) >= 0.9
