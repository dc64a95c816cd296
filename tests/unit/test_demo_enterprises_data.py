"""Checks for the illustrative demo enterprises (bootstrap/data/demo_enterprises.json).

Plain json + csv + pytest; no database.  The file is loaded by ``tradebridge.bootstrap.demo``; these
tests keep it loadable (known kinds, sizes, sectors, provinces, units and HS codes), visibly
illustrative (markers in every name, ``.example`` addresses, no identifiers) and useful for the demo
(enough enterprises per country, each with a cross-border counterpart).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tradebridge.bootstrap import demo_data

SRC = Path(__file__).resolve().parents[2] / "src/tradebridge"
DEMO_FILE = SRC / "bootstrap/data/demo_enterprises.json"
PROVINCES = SRC / "geo/data/provinces.csv"
GLOSSARY = SRC / "catalog/data/glossary.csv"
SECTORS = SRC / "catalog/data/sectors.csv"

COUNTRIES = ("VNM", "LAO", "CHN")
MIN_ENTRIES = 66
MIN_PER_COUNTRY = 20
KINDS = {"enterprise", "cooperative", "association"}
SIZES = {"micro", "small", "medium", "large"}
UNITS = {"t", "kg", "pieces", "m", "m2", "m3", "containers", "sets", "l"}
KEYS = {
    "slug", "kind", "country", "province", "name", "name_en", "name_vi", "name_lo", "name_zh_hans",
    "size", "sectors", "certifications", "description", "website", "contact_email", "contact_phone",
    "offers", "needs",
}
ITEM_KEYS = {"text", "hs", "quantity", "unit", "markets"}
# Name field -> the marker that labels the record as illustrative in that language.
MARKERS = {
    "name_vi": "(minh họa)",
    "name_en": "(illustrative)",
    "name_lo": "(ຕົວຢ່າງ)",
    "name_zh_hans": "（示例）",
}
# Country -> (name field in its own language, glossary column of that language, phone prefix).
OWN = {
    "VNM": ("name_vi", "vi", "+84 "),
    "LAO": ("name_lo", "lo", "+856 "),
    "CHN": ("name_zh_hans", "zh_hans", "+86 "),
}
SLUG = re.compile(r"^demo-[a-z0-9]+(?:-[a-z0-9]+)*$")
HS6 = re.compile(r"^[0-9]{6}$")
EMAIL = re.compile(r"^[a-z0-9._-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)*)$")
PHONE = re.compile(r"^\+[0-9]{2,3}(?: [0-9]{2,4}){2,4}$")
LAO_SCRIPT = re.compile("[\u0e80-\u0eff]")
HAN_SCRIPT = re.compile("[\u4e00-\u9fff]")
# Anything that looks like a registration or tax number: a long run of digits.
LONG_NUMBER = re.compile(r"[0-9]{9,}")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def provinces() -> dict[str, set[str]]:
    by_country: dict[str, set[str]] = defaultdict(set)
    for row in _read_csv(PROVINCES):
        by_country[row["country"]].add(row["code"])
    return by_country


@pytest.fixture(scope="module")
def glossary() -> list[dict[str, str]]:
    return _read_csv(GLOSSARY)


@pytest.fixture(scope="module")
def glossary_codes(glossary) -> set[str]:
    return {row["hs"] for row in glossary}


@pytest.fixture(scope="module")
def sector_codes() -> set[str]:
    return {row["code"] for row in _read_csv(SECTORS)}


def _items(entry: dict):
    for key in ("offers", "needs"):
        for item in entry[key]:
            yield key, item


def _where(entry: dict, item: dict | None = None) -> str:
    return f"{entry.get('slug')}: {item['text']!r}" if item else str(entry.get("slug"))


def test_file_is_utf8_json_without_bom():
    raw = DEMO_FILE.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    json.loads(raw.decode("utf-8"))


def test_enough_entries(entries):
    assert len(entries) >= MIN_ENTRIES


def test_entry_shape(entries):
    for entry in entries:
        assert isinstance(entry, dict), entry
        assert set(entry) == KEYS, (_where(entry), sorted(set(entry) ^ KEYS))
        assert isinstance(entry["sectors"], list)
        assert isinstance(entry["certifications"], list)
        assert all(isinstance(c, str) and c for c in entry["certifications"]), _where(entry)
        assert entry["description"].strip(), _where(entry)


def test_slugs_unique_and_prefixed(entries):
    slugs = [entry["slug"] for entry in entries]
    duplicates = [slug for slug, count in Counter(slugs).items() if count > 1]
    assert not duplicates
    for slug in slugs:
        assert SLUG.match(slug), slug
        assert len(slug) <= 80, slug


def test_slugs_leave_the_hand_written_organisations_alone(entries):
    # demo_data's organisations carry their own items; a clash would overwrite them on load.
    taken = set(demo_data.ORGANIZATIONS) | set(demo_data.DEMO_ORGANIZATIONS)
    assert not taken & {entry["slug"] for entry in entries}


def test_names_unique(entries):
    for field in ("name", *MARKERS):
        names = [entry[field] for entry in entries]
        duplicates = [name for name, count in Counter(names).items() if count > 1]
        assert not duplicates, (field, duplicates)


def test_kinds_sizes_and_sectors(entries, sector_codes):
    for entry in entries:
        assert entry["kind"] in KINDS, _where(entry)
        assert entry["size"] in SIZES, _where(entry)
        assert entry["sectors"], _where(entry)
        assert len(set(entry["sectors"])) == len(entry["sectors"]), _where(entry)
        unknown = set(entry["sectors"]) - sector_codes
        assert not unknown, (_where(entry), unknown)


def test_country_and_province(entries, provinces):
    for entry in entries:
        assert entry["country"] in COUNTRIES, _where(entry)
        assert entry["province"] in provinces[entry["country"]], _where(entry)


def test_at_least_twenty_per_country(entries):
    counts = Counter(entry["country"] for entry in entries)
    for country in COUNTRIES:
        assert counts[country] >= MIN_PER_COUNTRY, counts


def test_every_name_is_marked_illustrative(entries):
    for entry in entries:
        for field, marker in MARKERS.items():
            value = entry[field]
            assert value.strip() and len(value) <= 255, (_where(entry), field)
            assert value.endswith(marker), (_where(entry), field, value)
        own_field = OWN[entry["country"]][0]
        assert entry["name"] == entry[own_field], _where(entry)


def test_names_and_descriptions_in_own_language(entries):
    for entry in entries:
        for text in (entry["name"], entry["description"]):
            if entry["country"] == "LAO":
                assert LAO_SCRIPT.search(text), (_where(entry), text)
            elif entry["country"] == "CHN":
                assert HAN_SCRIPT.search(text), (_where(entry), text)
            else:
                assert not LAO_SCRIPT.search(text) and not HAN_SCRIPT.search(text), (_where(entry), text)
        assert LAO_SCRIPT.search(entry["name_lo"]), _where(entry)
        assert HAN_SCRIPT.search(entry["name_zh_hans"]), _where(entry)


def test_contacts_are_fictional(entries):
    for entry in entries:
        match = EMAIL.match(entry["contact_email"])
        assert match, _where(entry)
        assert match.group(1).endswith(".example"), _where(entry)
        if entry["website"]:
            parts = urlsplit(entry["website"])
            assert parts.scheme == "https", _where(entry)
            assert (parts.hostname or "").endswith(".example"), _where(entry)
        phone = entry["contact_phone"]
        assert PHONE.match(phone) and len(phone) <= 40, (_where(entry), phone)
        assert phone.startswith(OWN[entry["country"]][2]), (_where(entry), phone)


def test_no_identifiers(entries):
    for entry in entries:
        for key in ("name", *MARKERS, "description", "website", "contact_email"):
            assert not LONG_NUMBER.search(entry[key]), (_where(entry), key)
        for _key, item in _items(entry):
            assert not LONG_NUMBER.search(item["text"]), _where(entry, item)


def test_offers_and_needs(entries, glossary_codes):
    for entry in entries:
        assert 1 <= len(entry["offers"]) <= 4, _where(entry)
        assert 1 <= len(entry["needs"]) <= 4, _where(entry)
        for _key, item in _items(entry):
            assert set(item) == ITEM_KEYS, _where(entry, item)
            assert item["text"].strip() and len(item["text"]) <= 300, _where(entry, item)
            hs = item["hs"]
            if hs is not None:
                assert isinstance(hs, str) and HS6.match(hs), _where(entry, item)
                assert hs in glossary_codes, _where(entry, item)
            quantity = item["quantity"]
            assert isinstance(quantity, int | float) and not isinstance(quantity, bool), _where(entry, item)
            amount = Decimal(str(quantity))
            assert 0 < amount < Decimal("1e12"), _where(entry, item)
            assert amount == amount.quantize(Decimal("0.01")), _where(entry, item)
            assert item["unit"] in UNITS, _where(entry, item)
            markets = item["markets"]
            assert markets and len(set(markets)) == len(markets), _where(entry, item)
            assert set(markets) <= set(COUNTRIES), _where(entry, item)
            assert entry["country"] not in markets, _where(entry, item)


def _term_in(term: str, text: str, latin: bool) -> bool:
    if latin:
        return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None
    return term in text


def test_unresolved_items_name_a_glossary_product(entries, glossary):
    """Items without a code get one from their text, so the text must name a glossary product in the
    enterprise's language (or in English)."""
    terms: dict[str, set[str]] = defaultdict(set)
    for row in glossary:
        for column in ("en", "vi", "lo", "zh_hans"):
            terms[column].update(t.strip() for t in row[column].split("|") if t.strip())
    for entry in entries:
        column = OWN[entry["country"]][1]
        for _key, item in _items(entry):
            if item["hs"] is not None:
                continue
            text = item["text"]
            found = any(_term_in(term, text, latin=column == "vi") for term in terms[column]) or any(
                _term_in(term, text, latin=True) for term in terms["en"]
            )
            assert found, _where(entry, item)


def test_every_enterprise_has_a_cross_border_counterpart(entries):
    """Some offer of it meets a need abroad, or some need of it meets an offer abroad, by HS chapter."""
    chapters: dict[tuple[str, str], set[str]] = defaultdict(set)  # (direction, chapter) -> countries
    for entry in entries:
        for key, item in _items(entry):
            if item["hs"]:
                chapters[(key, item["hs"][:2])].add(entry["country"])
    opposite = {"offers": "needs", "needs": "offers"}
    lonely = []
    for entry in entries:
        found = any(
            chapters[(opposite[key], item["hs"][:2])] - {entry["country"]}
            for key, item in _items(entry)
            if item["hs"]
        )
        if not found:
            lonely.append(entry["slug"])
    assert not lonely
