"""Countries, provinces and zones named in an article, linked to the geo app's reference data.

The tables are read from the geo app's data files (the same ones `load-reference` loads), so
linking needs no database; `Gazetteer` can also be built by hand in tests.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import tradebridge.geo

DATA_DIR = Path(tradebridge.geo.__file__).resolve().parent / "data"

# Names the data files do not hold: short forms, old spellings, transcriptions.
COUNTRY_ALIASES = {
    "Mỹ": "USA", "Hoa Kỳ": "USA", "Nhật": "JPN", "Úc": "AUS", "Ốt-xtrây-li-a": "AUS",
    "Xin-ga-po": "SGP", "Xinh-ga-po": "SGP", "Cam-pu-chia": "KHM", "Mi-an-ma": "MMR",
    "Ma-lai-xi-a": "MYS", "In-đô-nê-xi-a": "IDN", "Phi-líp-pin": "PHL", "Liên bang Nga": "RUS",
    "CHDCND Lào": "LAO", "Lào": "LAO", "Việt Nam": "VNM", "Viet Nam": "VNM", "Vietnam": "VNM",
    "Laos": "LAO", "Lao PDR": "LAO", "China": "CHN", "Cambodia": "KHM", "Thailand": "THA",
    "Vương quốc Anh": "GBR", "nước Anh": "GBR",
}
# Two countries in one word: "Việt - Trung", "Trung - Việt", "Việt - Lào".
PAIR = re.compile(r"(?<![\w])(Việt|Trung|Lào|Lào|Nhật|Hàn|Thái)\s*-\s*(Việt|Trung|Lào|Nhật|Hàn|Thái)"
                  r"(?![\w])")
_PAIR_CODES = {"Việt": "VNM", "Trung": "CHN", "Lào": "LAO", "Nhật": "JPN", "Hàn": "KOR",
               "Thái": "THA"}
PROVINCE_ALIASES = {
    "Hanoi": "VN-HN", "TP.HCM": "VN-SG", "TP. HCM": "VN-SG", "TPHCM": "VN-SG", "TP HCM": "VN-SG",
    "Hồ Chí Minh": "VN-SG", "Sài Gòn": "VN-SG", "Huế": "VN-26", "Thừa Thiên - Huế": "VN-26",
    "Bà Rịa - Vũng Tàu": "VN-43", "Vientiane": "LA-VT", "Luang Prabang": "LA-LP",
    "Luông Prabang": "LA-LP", "Chăm-pa-xắc": "LA-CH", "Chăm Pa Xắc": "LA-CH", "Champassak": "LA-CH",
    "Xa-va-na-khẹt": "LA-SV", "Xavannakhet": "LA-SV", "Khăm Muộn": "LA-KH", "Bô Kẹo": "LA-BK",
    "Bò Kẹo": "LA-BK", "U Đôm Xay": "LA-OU", "Udomxay": "LA-OU", "Phông Sả Lỳ": "LA-PH",
    "Xay-nha-bu-ly": "LA-XA", "Xay Nhạ Bu Ly": "LA-XA", "Sayaboury": "LA-XA", "Sê Công": "LA-XE",
    "Sa La Van": "LA-SL", "Xa La Van": "LA-SL", "A-tô-pư": "LA-AT", "Át-tạ-pư": "LA-AT",
    "Bô-ly-khăm-xay": "LA-BL", "Bolikhamsai": "LA-BL", "Xiêng Khoảng": "LA-XI", "Hủa Phăn": "LA-HO",
    "Luổng Nặm Thà": "LA-LM", "Quảng Tây": "CN-GX", "Vân Nam": "CN-YN",
}
_TONE_PAIRS = [("óa", "oá"), ("òa", "oà"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"),
               ("óe", "oé"), ("òe", "oè"), ("ủe", "uẻ"), ("úy", "uý"), ("ùy", "uỳ"), ("ủy", "uỷ"),
               ("ũy", "uỹ"), ("ụy", "uỵ")]


def tone_variants(name: str) -> set[str]:
    """The name with both placements of the tone mark on oa/oe/uy ("Hóa" and "Hoá")."""
    out = {name}
    for new, old in _TONE_PAIRS:
        out |= {n.replace(new, old) for n in out} | {n.replace(old, new) for n in out}
    return out


@dataclass
class Gazetteer:
    """name → (kind, ref, country) with kind "country", "province", "zone" or "city"."""
    names: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    _keys: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    _regex: re.Pattern | None = None

    def add(self, name: str, kind: str, ref: str | None, country: str | None) -> None:
        name = name.strip().replace("\u2013", "-").replace("\u2014", "-")
        if len(name) < 2:
            return
        for variant in tone_variants(name) | {name.upper()} if len(name) > 3 else {name}:
            self.names.setdefault(variant, (kind, ref, country))
            self._keys.setdefault(_key(variant), (kind, ref, country))
        self._regex = None

    @property
    def regex(self) -> re.Pattern:
        """All names as one trie-shaped pattern (far faster than a flat alternation); spaces
        match any run of spaces, dashes any spacing around them."""
        if self._regex is None:
            self._regex = re.compile(rf"(?<![\w])(?:{_trie_pattern(self.names)})(?![\w])")
        return self._regex

    def lookup(self, name: str):
        return self._keys.get(_key(name))


def _atoms(name: str) -> list[str]:
    out = []
    for part in re.split(r"(\s*-\s*|\s+)", name):
        if not part:
            continue
        if part.strip() == "-":
            out.append(r"\s*-\s*")
        elif part.isspace():
            out.append(r"\s+")
        else:
            out.extend(re.escape(c) for c in part)
    return out


def _trie_pattern(names) -> str:
    trie: dict = {}
    for name in names:
        node = trie
        for atom in _atoms(name):
            node = node.setdefault(atom, {})
        node[""] = {}  # a name ends here

    def render(node) -> str:
        ends = "" in node
        branches = [atom + render(child) for atom, child in node.items() if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Longest first: try the longer names, fall back to the name that ends here.
        return f"(?:{body})?" if ends else body

    return render(trie)


def _key(name: str) -> str:
    return re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", name))


def _rows(name: str):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


@lru_cache(maxsize=1)
def reference_gazetteer() -> Gazetteer:
    g = Gazetteer()
    # Zones first, then countries before provinces: "Hồng Kông" is the territory HKG.
    for row in _rows("zones.csv"):
        g.add(row["name_vi"], "zone", row["code"], row["country"])
    for row in _rows("country_names.csv"):
        for column in ("vi", "lo", "zh_hans"):
            g.add(row[column], "country", row["alpha3"], row["alpha3"])
    for name, code in COUNTRY_ALIASES.items():
        g.add(name, "country", code, code)
    for row in _rows("provinces.csv"):
        for column in ("name_vi", "name_lo", "name_zh_hans"):
            g.add(row[column], "province", row["code"], row["country"])
        if row["name_en"].isascii() and row["country"] == "LAO":
            g.add(row["name_en"], "province", row["code"], row["country"])
        if row["name_vi"].startswith("Thành phố "):
            g.add(row["name_vi"][len("Thành phố "):], "province", row["code"], row["country"])
    for name, code in PROVINCE_ALIASES.items():
        g.add(name, "province", code, code[:2].replace("VN", "VNM").replace("LA", "LAO")
              .replace("CN", "CHN"))
    for row in _rows("cities.csv"):
        g.add(row["name_vi"], "city", None, None)
    return g


def find_places(text: str, work: str, gazetteer: Gazetteer,
                mentions: list | None = None) -> tuple[list[str], list[dict]]:
    """(countries mentioned, in order of first mention; places with their refs).  The spans of
    every name found, countries included, are added to `mentions` when it is given."""
    countries: list[str] = []
    places: list[dict] = []

    def note(code):
        if code and code not in countries:
            countries.append(code)

    for m in PAIR.finditer(work):
        note(_PAIR_CODES[m.group(1)])
        note(_PAIR_CODES[m.group(2)])
    for m in gazetteer.regex.finditer(work):
        entry = gazetteer.lookup(m.group(0))
        if entry is None:
            continue
        kind, ref, country = entry
        if mentions is not None:
            mentions.append({"start": m.start(), "end": m.end()})
        if kind == "country":
            if m.group(0) in _GIVEN_NAMES and _in_name(work, m.start(), m.end()):
                continue  # "Dương Đức Huy": Đức is a given name here, not Germany
            note(ref)
            continue
        if country and kind != "city":
            note(country)
        places.append({"text": text[m.start():m.end()], "start": m.start(), "end": m.end(),
                       "ref": ref})
    return countries, places


# Country names that are also given names ("Dương Đức Huy", "Nguyễn Thị Nga").
_GIVEN_NAMES = {"Đức", "Nga", "Mỹ", "Nhật", "Pháp", "Anh", "Ý", "Séc", "Áo", "Bỉ", "Úc"}
_WORD_BEFORE = re.compile(r"(\w+)\s+$")
_WORD_AFTER = re.compile(r"\s+(\w)")
_COUNTRY_WORDS = re.compile(r"(?:Cộng\s+hòa|Vương\s+quốc|Liên\s+bang|Nhà\s+nước|Chính\s+phủ"
                            r"|Đại\s+sứ\s+quán|Thủ\s+tướng|Tổng\s+thống)\s+$")


def _in_name(work: str, start: int, end: int) -> bool:
    """A one-word country name inside a run of capitalised words (a person's name)."""
    before = work[max(0, start - 30):start]
    if _COUNTRY_WORDS.search(before):
        return False
    word_before = _WORD_BEFORE.search(before)
    word_after = _WORD_AFTER.match(work, end)
    return bool(word_before and word_before.group(1)[0].isupper()
                or word_after and word_after.group(1).isupper())
