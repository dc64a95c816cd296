"""Checks for the multilingual product glossary (catalog/data/glossary.csv).

Plain csv + pytest; no Django needed.
"""

import csv
import re
import unicodedata
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parents[2] / "src/tradebridge/catalog/data"
GLOSSARY = DATA_DIR / "glossary.csv"
HS_FILE = DATA_DIR / "harmonized-system-2022.csv"

HEADER = ["hs", "en", "vi", "lo", "zh_hans"]
LANGS = HEADER[1:]
LAO = re.compile("[\u0e80-\u0eff]")
CJK = re.compile("[\u4e00-\u9fff]")


def _names(cell):
    return [name.strip() for name in cell.split("|")]


@pytest.fixture(scope="module")
def raw():
    with GLOSSARY.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.fixture(scope="module")
def rows(raw):
    return [dict(zip(raw[0], row, strict=True)) for row in raw[1:]]


@pytest.fixture(scope="module")
def by_hs(rows):
    return {row["hs"]: row for row in rows}


@pytest.fixture(scope="module")
def hs6_codes():
    with HS_FILE.open(encoding="utf-8", newline="") as fh:
        return {r["hscode"] for r in csv.DictReader(fh) if r["level"] == "6"}


def test_no_bom_and_exact_header(raw):
    assert not GLOSSARY.read_bytes().startswith(b"\xef\xbb\xbf")
    assert raw[0] == HEADER


def test_row_count_and_shape(raw):
    assert len(raw) - 1 >= 300
    for row in raw[1:]:
        assert len(row) == len(HEADER), row


def test_hs_codes_are_unique_level6_subheadings(rows, hs6_codes):
    codes = [row["hs"] for row in rows]
    assert len(codes) == len(set(codes)), "duplicate hs codes"
    for code in codes:
        assert re.fullmatch(r"\d{6}", code), code
        assert code in hs6_codes, f"{code} is not a level-6 code in the HS 2022 file"


def test_every_language_cell_has_names_and_no_empty_synonym(rows):
    for row in rows:
        for lang in LANGS:
            cell = row[lang]
            assert cell.strip(), (row["hs"], lang)
            names = _names(cell)
            assert names and all(names), (row["hs"], lang, cell)


def test_scripts(rows):
    for row in rows:
        assert LAO.search(row["lo"]), (row["hs"], row["lo"])
        assert CJK.search(row["zh_hans"]), (row["hs"], row["zh_hans"])


def test_vietnamese_is_nfc(rows):
    for row in rows:
        assert unicodedata.normalize("NFC", row["vi"]) == row["vi"], row["hs"]


def test_ginger(by_hs):
    ginger = by_hs["091011"]
    assert "ginger" in _names(ginger["en"])
    assert "gừng" in _names(ginger["vi"])
    assert "ຂີງ" in _names(ginger["lo"])
    assert "生姜" in _names(ginger["zh_hans"])


def test_cassava(by_hs):
    assert "sắn" in _names(by_hs["071410"]["vi"])


def test_no_umbrella_vietnamese_synonym(rows):
    for row in rows:
        assert "nông sản" not in [n.casefold() for n in _names(row["vi"])], row["hs"]
