"""Checks for the names of every HS 2022 heading (catalog/data/hs-headings-i18n.csv): each
heading once, named in the four languages in their own scripts, never by a generic word alone;
and each heading's names lead the resolver to that heading (plain csv + the resolver, no
database)."""

import csv
import re
from pathlib import Path

import pytest

from tradebridge.catalog.terms import HEADINGS, load_terms
from tradebridge.registry.matching import ProductItem, RecommendationEngine

DATA_DIR = Path(__file__).resolve().parents[2] / "src/tradebridge/catalog/data"
LAO = re.compile("[\u0e80-\u0eff]")
CJK = re.compile("[\u4e00-\u9fff]")
GENERIC = {"other", "others", "parts", "products", "goods", "khác", "bộ phận", "sản phẩm",
           "hàng hoá", "hàng hóa", "máy", "其他", "零件", "产品", "机器", "ອື່ນໆ", "ສິນຄ້າ"}


@pytest.fixture(scope="module")
def rows():
    with HEADINGS.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _headings() -> list[str]:
    with (DATA_DIR / "harmonized-system-2022.csv").open(encoding="utf-8-sig", newline="") as handle:
        # 9999 ("commodities not specified according to kind") is a statistical code, no heading.
        return [row["hscode"] for row in csv.DictReader(handle) if row["level"] == "4" and row["hscode"] != "9999"]


def _names(cell: str) -> list[str]:
    return [name.strip() for name in cell.split("|")]


def test_every_heading_is_named_once(rows):
    codes = [row["hs"] for row in rows]
    assert sorted(codes) == sorted(_headings())
    assert len(codes) == len(set(codes)) == 1228


def test_every_heading_has_names_in_the_four_languages_in_their_scripts(rows):
    for row in rows:
        for column in ("en", "vi", "lo", "zh_hans"):
            names = _names(row[column])
            assert names and all(names), (row["hs"], column)
            assert not GENERIC & {name.lower() for name in names}, (row["hs"], column)
        assert all(LAO.search(name) for name in _names(row["lo"])), row["hs"]
        assert all(CJK.search(name) for name in _names(row["zh_hans"])), row["hs"]
        assert not any(LAO.search(n) or CJK.search(n) for n in _names(row["vi"]) + _names(row["en"]))
        assert row["source"].strip(), row["hs"]


def test_the_headings_are_loaded_with_the_terms():
    assert {e.hs for e in load_terms(HEADINGS)} <= {e.hs for e in load_terms()}
    assert len({e.hs for e in load_terms(HEADINGS)}) == 1228


@pytest.fixture(scope="module")
def engine() -> RecommendationEngine:
    return RecommendationEngine.from_csv(workers=1)


@pytest.mark.parametrize("column", ["vi", "lo", "zh_hans"])
def test_a_headings_first_name_leads_to_its_heading(rows, engine, column):
    # The first name of each heading resolves on the heading's branch: the other names and the
    # glossary's may take precedence for a few shared words, hence the floor.
    hits = 0
    for row in rows:
        found = engine.resolve_item(ProductItem(_names(row[column])[0]))
        hits += bool(found) and found[0][0][:4] == row["hs"]
    assert hits / len(rows) >= 0.9
