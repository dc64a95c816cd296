"""Checks on the reviewed geo reference files (plain csv, no Django)."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pycountry
import pytest

DATA_DIR = Path(__file__).resolve().parents[2] / "src/tradebridge/geo/data"

PROVINCE_HEADER = ["code", "country", "name_en", "name_vi", "name_lo", "name_zh_hans", "lat", "lon"]
ZONE_HEADER = [
    "code", "kind", "country", "province", "name_en", "name_vi", "name_lo", "name_zh_hans",
    "lat", "lon", "partner_country", "partner_province", "partner_name_en",
]
# The loader (geo/loaders.py) requires the zh_hans column as well.
COUNTRY_NAMES_HEADER = ["alpha3", "vi", "lo", "zh_hans"]

NAME_FIELDS = ("name_en", "name_vi", "name_lo", "name_zh_hans")
ZONE_KINDS = {"border_gate", "border_economic_zone", "special_economic_zone", "industrial_park"}
ALPHA3_BY_ALPHA2 = {"VN": "VNM", "LA": "LAO", "CN": "CHN"}
REQUIRED_GATES = [
    "Lao Cai – Hekou",
    "Huu Nghi – Youyiguan",
    "Mong Cai – Dongxing",
    "Cau Treo – Nam Phao",
    "Lao Bao – Densavanh",
    "Na Meo – Nam Soi",
    "Tay Trang – Sop Hun",
    "Bo Y – Phou Keua",
]
COORDINATE = re.compile(r"-?\d{1,3}\.\d{4}")


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    raw = (DATA_DIR / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name} starts with a BOM"
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def provinces() -> list[dict[str, str]]:
    header, rows = read("provinces.csv")
    assert header == PROVINCE_HEADER
    return rows


@pytest.fixture(scope="module")
def zones() -> list[dict[str, str]]:
    header, rows = read("zones.csv")
    assert header == ZONE_HEADER
    return rows


@pytest.fixture(scope="module")
def country_names() -> list[dict[str, str]]:
    header, rows = read("country_names.csv")
    assert header == COUNTRY_NAMES_HEADER
    return rows


def has_lao(text: str) -> bool:
    return any("\u0e80" <= ch <= "\u0eff" for ch in text)


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def check_names(row: dict[str, str], where: str, vi: str, lo: str, zh: str) -> None:
    assert row[vi] == unicodedata.normalize("NFC", row[vi]), f"{where}: {vi} is not NFC"
    assert has_lao(row[lo]), f"{where}: {lo} {row[lo]!r} has no Lao script"
    assert has_cjk(row[zh]), f"{where}: {zh} {row[zh]!r} has no CJK characters"


def check_coordinates(row: dict[str, str], where: str) -> None:
    for field, low, high in (("lat", 8, 54), ("lon", 73, 135)):
        raw = row[field]
        assert COORDINATE.fullmatch(raw), f"{where}: {field} {raw!r} is not 4-decimal degrees"
        assert low <= float(raw) <= high, f"{where}: {field} {raw} outside [{low}, {high}]"


def test_headers(provinces, zones, country_names):
    # The fixtures assert the exact headers; this makes the check an explicit test.
    assert provinces and zones and country_names


def test_province_codes_match_pycountry(provinces):
    codes = [row["code"] for row in provinces]
    assert len(codes) == len(set(codes)), "duplicate province codes"
    for alpha2 in ALPHA3_BY_ALPHA2:
        expected = {s.code for s in pycountry.subdivisions.get(country_code=alpha2)}
        actual = {c for c in codes if c.startswith(f"{alpha2}-")}
        assert actual == expected, f"{alpha2}: {sorted(actual ^ expected)}"
    assert all(c[:2] in ALPHA3_BY_ALPHA2 for c in codes)


def test_province_rows(provinces):
    for row in provinces:
        where = f"provinces.csv {row['code']}"
        assert row["country"] == ALPHA3_BY_ALPHA2[row["code"][:2]], where
        for field in NAME_FIELDS:
            assert row[field].strip(), f"{where}: {field} is empty"
        check_names(row, where, "name_vi", "name_lo", "name_zh_hans")
        check_coordinates(row, where)


def test_known_province_names(provinces):
    by_code = {row["code"]: row for row in provinces}
    assert by_code["VN-HN"]["name_vi"] == "Hà Nội"
    assert by_code["VN-02"]["name_vi"] == "Lào Cai"
    assert "万象" in by_code["LA-VT"]["name_zh_hans"]


def test_zone_rows(zones, provinces):
    province_codes = {row["code"] for row in provinces}
    codes = [row["code"] for row in zones]
    assert len(codes) == len(set(codes)), "duplicate zone codes"
    assert len(zones) >= 30
    for row in zones:
        where = f"zones.csv {row['code']}"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["code"]), f"{where}: bad slug"
        assert row["kind"] in ZONE_KINDS, f"{where}: kind {row['kind']!r}"
        assert row["province"] in province_codes, f"{where}: province {row['province']!r}"
        assert row["country"] == ALPHA3_BY_ALPHA2[row["province"][:2]], where
        for field in NAME_FIELDS:
            assert row[field].strip(), f"{where}: {field} is empty"
        check_names(row, where, "name_vi", "name_lo", "name_zh_hans")
        check_coordinates(row, where)
        if row["partner_province"]:
            assert row["partner_province"] in province_codes, f"{where}: partner province"
            assert row["partner_country"] == ALPHA3_BY_ALPHA2[row["partner_province"][:2]], where
        if row["kind"] == "border_gate":
            assert row["partner_country"] and row["partner_province"], f"{where}: no partner"
            assert row["partner_name_en"].strip(), f"{where}: no partner name"
            assert row["partner_country"] != row["country"], where


def test_required_border_gates(zones):
    gates = {row["name_en"] for row in zones if row["kind"] == "border_gate"}
    missing = [name for name in REQUIRED_GATES if name not in gates]
    assert not missing, f"missing border gates: {missing}"


def test_country_names(country_names):
    with (DATA_DIR / "country-codes.csv").open(encoding="utf-8-sig", newline="") as handle:
        valid = {row["ISO3166-1-Alpha-3"] for row in csv.DictReader(handle)} - {""}
    codes = [row["alpha3"] for row in country_names]
    assert set(codes) == valid  # every country and territory, so that no list falls back to English
    assert len(codes) == len(set(codes)), "duplicate alpha3 codes"
    for row in country_names:
        where = f"country_names.csv {row['alpha3']}"
        assert row["alpha3"] in valid, f"{where}: unknown alpha3"
        for field in ("vi", "lo", "zh_hans"):
            assert row[field].strip(), f"{where}: {field} is empty"
        check_names(row, where, "vi", "lo", "zh_hans")
    for required in ("VNM", "LAO", "CHN", "KHM", "THA", "MMR", "TWN", "HKG", "MAC", "USA"):
        assert required in codes, f"{required} missing from country_names.csv"
