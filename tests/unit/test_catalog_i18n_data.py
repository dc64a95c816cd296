"""Checks for the HS chapter/section translations and the sector list (catalog/data).

Plain csv + pytest; no Django needed.
"""

import csv
import re
import unicodedata
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parents[2] / "src/tradebridge/catalog/data"
HS_FILE = DATA_DIR / "harmonized-system-2022.csv"
SECTIONS_FILE = DATA_DIR / "hs-sections.csv"
CHAPTERS_I18N = DATA_DIR / "hs-chapters-i18n.csv"
SECTIONS_I18N = DATA_DIR / "hs-sections-i18n.csv"
SECTORS = DATA_DIR / "sectors.csv"

CHAPTERS_HEADER = ["code", "vi", "lo", "zh_hans"]
SECTIONS_HEADER = ["section", "vi", "lo", "zh_hans"]
SECTORS_HEADER = ["code", "name_en", "name_vi", "name_lo", "name_zh_hans", "hs_chapters"]

LAO = re.compile("[\u0e80-\u0eff]")
CJK = re.compile("[\u4e00-\u9fff]")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
GOODS_CHAPTERS = {f"{n:02d}" for n in range(1, 98)} - {"77"}


def _read(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _dicts(raw):
    return [dict(zip(raw[0], row, strict=True)) for row in raw[1:]]


def _chapters_of(row):
    cell = row["hs_chapters"].strip()
    return cell.split("|") if cell else []


@pytest.fixture(scope="module")
def hs_chapter_codes():
    with HS_FILE.open(encoding="utf-8", newline="") as fh:
        return [r["hscode"] for r in csv.DictReader(fh) if r["level"] == "2"]


@pytest.fixture(scope="module")
def hs_section_ids():
    # hs-sections.csv (upstream file) starts with a BOM
    with SECTIONS_FILE.open(encoding="utf-8-sig", newline="") as fh:
        return [r["section"] for r in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def chapters_raw():
    return _read(CHAPTERS_I18N)


@pytest.fixture(scope="module")
def sections_raw():
    return _read(SECTIONS_I18N)


@pytest.fixture(scope="module")
def sectors_raw():
    return _read(SECTORS)


@pytest.fixture(scope="module")
def sectors(sectors_raw):
    return _dicts(sectors_raw)


@pytest.mark.parametrize(
    ("path", "header"),
    [(CHAPTERS_I18N, CHAPTERS_HEADER), (SECTIONS_I18N, SECTIONS_HEADER), (SECTORS, SECTORS_HEADER)],
)
def test_no_bom_exact_header_and_shape(path, header):
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf"), path.name
    raw = _read(path)
    assert raw[0] == header, path.name
    for row in raw[1:]:
        assert len(row) == len(header), (path.name, row)


def test_chapters_match_hs_file(chapters_raw, hs_chapter_codes):
    assert len(hs_chapter_codes) == 97
    codes = [row[0] for row in chapters_raw[1:]]
    assert len(codes) == len(set(codes)), "duplicate chapter codes"
    for code in codes:
        assert re.fullmatch(r"\d{2}", code), code
    assert sorted(codes) == sorted(hs_chapter_codes)


def test_sections_match_hs_sections(sections_raw, hs_section_ids):
    ids = [row[0] for row in sections_raw[1:]]
    assert len(ids) == 21
    assert len(ids) == len(set(ids)), "duplicate sections"
    assert ids == hs_section_ids


@pytest.mark.parametrize("raw_fixture", ["chapters_raw", "sections_raw"])
def test_translation_cells(request, raw_fixture):
    rows = _dicts(request.getfixturevalue(raw_fixture))
    key = "code" if raw_fixture == "chapters_raw" else "section"
    for row in rows:
        for column, cell in row.items():
            assert cell.strip(), (row[key], column)
            assert cell == cell.strip(), (row[key], column, "stray whitespace")
        assert LAO.search(row["lo"]), (row[key], row["lo"])
        assert CJK.search(row["zh_hans"]), (row[key], row["zh_hans"])
        assert unicodedata.normalize("NFC", row["vi"]) == row["vi"], row[key]


def test_known_chapter_titles(chapters_raw):
    by_code = {row["code"]: row for row in _dicts(chapters_raw)}
    assert by_code["09"]["vi"] == "Cà phê, chè, chè Paragoay và các loại gia vị"
    assert by_code["09"]["zh_hans"] == "咖啡、茶、马黛茶及调味香料"
    assert "77" not in by_code


def test_sector_slugs_and_names(sectors):
    assert len(sectors) >= 18
    codes = [row["code"] for row in sectors]
    assert len(codes) == len(set(codes)), "duplicate sector slugs"
    for row in sectors:
        assert SLUG.fullmatch(row["code"]), row["code"]
        for column in SECTORS_HEADER[1:-1]:
            assert row[column].strip(), (row["code"], column)
        assert LAO.search(row["name_lo"]), row["code"]
        assert CJK.search(row["name_zh_hans"]), row["code"]
        assert unicodedata.normalize("NFC", row["name_vi"]) == row["name_vi"], row["code"]


def test_sector_chapters_are_valid(sectors, hs_chapter_codes):
    valid = set(hs_chapter_codes)
    for row in sectors:
        chapters = _chapters_of(row)
        assert len(chapters) == len(set(chapters)), (row["code"], "duplicate chapter")
        for chapter in chapters:
            assert chapter in valid, (row["code"], chapter)


def test_every_goods_chapter_has_a_sector(sectors, hs_chapter_codes):
    assert GOODS_CHAPTERS.issubset(hs_chapter_codes)
    covered = {chapter for row in sectors for chapter in _chapters_of(row)}
    missing = sorted(GOODS_CHAPTERS - covered)
    assert not missing, f"chapters in no sector: {missing}"


def test_service_sectors_have_no_chapters(sectors):
    by_code = {row["code"]: row for row in sectors}
    for code in ("logistics-services", "trade-distribution", "tourism-services"):
        assert code in by_code, code
        assert _chapters_of(by_code[code]) == [], code
