"""Benchmark: entity resolution of a delegation list against a large registry (no database).

Run: .venv/bin/python bench/resolution.py [--records 50000] [--rows 5000] [--seed 7]

Generates (seeded) a registry of organisations of Vietnam, Laos and China, named in Vietnamese,
Lao, Chinese and English, and an import list in which a known share of rows are duplicates of
registry records: other legal forms, missing diacritics, typos (a letter dropped, doubled or
swapped, a diacritic lost; in Chinese another character), swapped word order (as each language
does it), English names, missing or moved province, sometimes the identifier; the rest are new,
many of them near misses (a registry name with one word changed).  The import is written as a
CSV and read back through the parser, then resolved with :func:`resolve_rows`.

Prints the time of each step; the precision and recall of the automatic ``same`` decisions and
of ``same`` ∪ ``possible_duplicate`` (a row counts as found only with the right record); the
size of the review queue; and the outcome per kind of variation.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass

from tradebridge.core.text import fold
from tradebridge.registry.dedupe import Record, name_key, resolve_rows
from tradebridge.registry.delegation import ImportRow, parse_delegation_list

_VN_SYLLABLE_TEXT = (
    "Minh Phát Hoàng Long An Thịnh Việt Tân Phú Đức Hưng Thành Công Bình Hải Sơn Hà Nam Bắc Trung "
    "Đông Tây Quang Huy Khang Lộc Tài Vinh Hòa Bảo Ngọc Kim Thái Hồng Lan Mai Cúc Trúc Tùng Dũng "
    "Cường Phong Vũ Lâm Thủy Hương Sen Sao Đại Gia Nhật Quốc Thiên Trường Xuân Thu Hạ Anh Tuấn Tú "
    "Hạnh Phúc Lợi Nguyên Khôi Khoa Đạt Tiến Hiệp Hợp Lực Mạnh Nghĩa Nhân Trí Tín Thắng Lợi Hậu "
    "Giang Hồ Núi Biển Đồng Sông Châu Ân Vạn Thuận Hiền Yên Sáng Tươi Xanh Đỏ Vàng Bạc Ngân Kiên "
    "Định Tâm Chí Thanh Hiếu Hiển Quý Sang Trọng Uy Vĩnh Phước Duy Luân Toàn Cầu Mỹ Lệ Diệp Liên"
)
VN_SYLLABLES = tuple(_VN_SYLLABLE_TEXT.split())
VN_INDUSTRIES = (
    ("Thương mại", "Trading"), ("Thương mại và Dịch vụ", "Trading and Services"),
    ("Xuất nhập khẩu", "Import Export"), ("Nông sản", "Agricultural Products"),
    ("Thực phẩm", "Food"), ("Gốm sứ", "Ceramics"), ("Dệt may", "Textile"),
    ("Chế biến Gỗ", "Wood Processing"), ("Cà phê", "Coffee"), ("Thủy sản", "Seafood"),
    ("Vận tải", "Transport"), ("Đầu tư", "Investment"), ("Sản xuất", "Manufacturing"),
    ("Dược liệu", "Herbal Medicine"), ("Chè", "Tea"), ("Cao su", "Rubber"),
)
VN_LEGAL = ("Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Công ty CP", "Doanh nghiệp tư nhân")
EN_LEGAL = ("Co., Ltd", "Company Limited", "JSC", "Joint Stock Company", "Co., Ltd.", "Sole Co., Ltd")
LAO_WORDS = (
    ("ສີ", "Si"), ("ສະຫວັນ", "Savanh"), ("ຄຳ", "Kham"), ("ແສງ", "Saeng"), ("ດາວ", "Dao"),
    ("ພູ", "Phou"), ("ນາ", "Na"), ("ໄຊ", "Xay"), ("ທອງ", "Thong"), ("ມະນີ", "Many"),
    ("ວົງ", "Vong"), ("ສຸກ", "Souk"), ("ພອນ", "Phone"), ("ຈັນ", "Chanh"), ("ບຸນ", "Boun"),
    ("ມີ", "Mee"), ("ໄຊຍະ", "Xaiya"), ("ສົມ", "Som"), ("ເພັດ", "Phet"), ("ແກ້ວ", "Keo"),
    ("ລາດ", "Lath"), ("ອຸດົມ", "Oudom"), ("ສັກ", "Sack"), ("ດີ", "Dee"), ("ຂອງ", "Khong"),
    ("ເມືອງ", "Meuang"), ("ຫຼວງ", "Luang"), ("ນ້ຳ", "Nam"), ("ພະ", "Pha"), ("ສາຍ", "Sai"),
    ("ວັນ", "Vanh"), ("ທິບ", "Thip"), ("ອາລຸນ", "Aloun"), ("ປະເສີດ", "Prasert"), ("ລັດ", "Lat"),
)
LAO_INDUSTRIES = (
    ("ກາເຟ", "Coffee"), ("ກະສິກຳ", "Agriculture"), ("ການຄ້າ", "Trading"), ("ຂົນສົ່ງ", "Logistics"),
    ("ນຳເຂົ້າສົ່ງອອກ", "Import Export"), ("ໄມ້", "Wood"), ("ຫັດຖະກຳ", "Handicraft"), ("ຢາງພາລາ", "Rubber"),
)
LAO_LEGAL = (("ບໍລິສັດ", "ຈຳກັດ"), ("ບໍລິສັດ", "ຈຳກັດຜູ້ດຽວ"), ("ບໍລິສັດ", "ມະຫາຊົນ"))
HAN_CHARS = (
    ("星", "Xing"), ("河", "He"), ("云", "Yun"), ("海", "Hai"), ("金", "Jin"), ("华", "Hua"),
    ("盛", "Sheng"), ("达", "Da"), ("鑫", "Xin"), ("源", "Yuan"), ("龙", "Long"), ("凤", "Feng"),
    ("东", "Dong"), ("南", "Nan"), ("瑞", "Rui"), ("祥", "Xiang"), ("福", "Fu"), ("泰", "Tai"),
    ("恒", "Heng"), ("通", "Tong"), ("宏", "Hong"), ("信", "Xin"), ("远", "Yuan"), ("丰", "Feng"),
    ("嘉", "Jia"), ("兴", "Xing"), ("安", "An"), ("康", "Kang"), ("德", "De"), ("顺", "Shun"),
    ("天", "Tian"), ("地", "Di"), ("绿", "Lv"), ("青", "Qing"), ("山", "Shan"), ("林", "Lin"),
    ("明", "Ming"), ("光", "Guang"), ("宇", "Yu"), ("博", "Bo"), ("汇", "Hui"), ("联", "Lian"),
    ("佳", "Jia"), ("美", "Mei"), ("新", "Xin"), ("和", "He"), ("永", "Yong"), ("昌", "Chang"),
)
CN_CITIES = {
    "CN-YN": (("昆明", "Kunming"), ("河口", "Hekou"), ("景洪", "Jinghong"), ("玉溪", "Yuxi")),
    "CN-GX": (("南宁", "Nanning"), ("凭祥", "Pingxiang"), ("东兴", "Dongxing"), ("桂林", "Guilin")),
    "CN-GD": (("广州", "Guangzhou"), ("深圳", "Shenzhen"), ("东莞", "Dongguan")),
    "CN-SC": (("成都", "Chengdu"),), "CN-ZJ": (("杭州", "Hangzhou"), ("义乌", "Yiwu")),
    "CN-FJ": (("厦门", "Xiamen"),), "CN-SH": (("上海", "Shanghai"),),
}
CN_INDUSTRIES = (
    ("贸易", "Trading"), ("农产品", "Agricultural Products"), ("进出口贸易", "Import and Export"),
    ("食品", "Food"), ("物流", "Logistics"), ("科技", "Technology"), ("橡胶", "Rubber"),
    ("茶业", "Tea"), ("水果", "Fruit"),
)
CN_LEGAL = ("有限公司", "有限责任公司", "股份有限公司")
HS_HEADINGS = [f"{c:02d}{h:02d}" for c in (7, 8, 9, 10, 12, 20, 40, 44, 52, 61, 69, 94) for h in range(1, 8)]
PROVINCES = {
    "VNM": [f"VN-{n:02d}" for n in range(1, 64)],
    "LAO": [f"LA-{n:02d}" for n in range(1, 19)],
    "CHN": list(CN_CITIES),
}
COUNTRY_TEXT = {
    "VNM": ("Việt Nam", "VN", "Vietnam"), "LAO": ("Lào", "LA", "ລາວ"), "CHN": ("中国", "CN", "China"),
}


@dataclass
class Org:
    """A generated organisation: its names as parts, so that variants can be made."""

    id: int
    country: str
    province: str
    brand: list[str]  # words (Vietnamese syllables, Lao words, Han characters)
    brand_en: list[str]
    industry: int
    legal: int
    city: int  # Chinese names start with their city
    name: str
    name_en: str
    identifier: str
    phone: str
    domain: str
    hs: set[str]


def _compose(country: str, province: str, brand: list[str], industry: int, legal: int, city: int = 0) -> str:
    if country == "VNM":
        words = [VN_LEGAL[legal % len(VN_LEGAL)]]
        if industry >= 0:
            words.append(VN_INDUSTRIES[industry][0])
        return " ".join([*words, *brand])
    if country == "LAO":
        prefix, suffix = LAO_LEGAL[legal % len(LAO_LEGAL)]
        middle = "".join(brand) + (LAO_INDUSTRIES[industry][0] if industry >= 0 else "")
        return f"{prefix} {middle} {suffix}"
    prefix = CN_CITIES[province][city % len(CN_CITIES[province])][0]
    return prefix + "".join(brand) + CN_INDUSTRIES[max(industry, 0)][0] + CN_LEGAL[legal % len(CN_LEGAL)]


def _compose_en(org: Org, rng: random.Random) -> str:
    if org.country == "VNM":
        industry = VN_INDUSTRIES[org.industry][1] if org.industry >= 0 else ""
        words = [*org.brand_en, industry]
    elif org.country == "LAO":
        words = ["".join(org.brand_en), LAO_INDUSTRIES[org.industry][1] if org.industry >= 0 else ""]
    else:
        city = CN_CITIES[org.province][org.city % len(CN_CITIES[org.province])][1]
        words = [city, "".join(org.brand_en), CN_INDUSTRIES[max(org.industry, 0)][1]]
    return " ".join(w for w in words if w) + " " + rng.choice(EN_LEGAL)


def _brand(country: str, rng: random.Random) -> tuple[list[str], list[str]]:
    if country == "VNM":
        words = rng.sample(VN_SYLLABLES, rng.choice((2, 2, 2, 3)))
        return words, [fold(w).title() for w in words]
    if country == "LAO":
        pairs = rng.sample(LAO_WORDS, rng.choice((2, 2, 3)))
    else:
        pairs = rng.sample(HAN_CHARS, rng.choice((2, 2, 3)))
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _industry(country: str, rng: random.Random) -> int:
    count = {"VNM": len(VN_INDUSTRIES), "LAO": len(LAO_INDUSTRIES), "CHN": len(CN_INDUSTRIES)}[country]
    return rng.randrange(count) if rng.random() < 0.75 else -1


def _identifier(country: str, rng: random.Random) -> str:
    if country == "VNM":
        return "0" + "".join(rng.choices("0123456789", k=9))
    if country == "CHN":
        return "91" + "".join(rng.choices("0123456789ABCDEFGHJKLMNPQRTUWXY", k=16))
    return "".join(rng.choices("0123456789", k=9))


def _phone(country: str, rng: random.Random) -> str:
    code = {"VNM": "+84", "LAO": "+856", "CHN": "+86"}[country]
    return code + "".join(rng.choices("0123456789", k=9))


class World:
    """The registry and the import, with the truth."""

    def __init__(self, records: int, rows: int, seed: int, duplicate_share: float = 0.3) -> None:
        self.rng = random.Random(seed)
        # (country, name key) → id of the organisation that has it (-1: a new one of the import),
        # so that no generated name, and no variant of one, is another organisation's.
        self.owner: dict[tuple[str, str], int] = {}
        self.orgs: list[Org] = []
        weights = {"VNM": 0.44, "LAO": 0.2, "CHN": 0.36}
        for country, weight in weights.items():
            for _ in range(round(records * weight)):
                self.orgs.append(self._new_org(country, org_id=len(self.orgs) + 1))
        self.rows: list[ImportRow] = []
        self.truth: list[int | None] = []
        self.variation: list[str] = []
        duplicates = round(rows * duplicate_share)
        for line, org in enumerate(self.rng.sample(self.orgs, duplicates), start=2):
            kind, row = self._duplicate(org, line)
            self.rows.append(row)
            self.truth.append(org.id)
            self.variation.append(kind)
        by_country = {c: [o for o in self.orgs if o.country == c] for c in weights}
        for line in range(duplicates + 2, rows + 2):
            country = self.rng.choices(list(weights), weights=list(weights.values()))[0]
            near_miss = None
            if self.rng.random() < 0.4:
                near_miss = self._near_miss(self.rng.choice(by_country[country]))
            org = near_miss or self._new_org(country)
            self.variation.append("near miss (new)" if near_miss else "new")
            self.rows.append(self._as_row(org, line, org.name, org.province, with_identifier=0.3))
            self.truth.append(None)
        order = list(range(len(self.rows)))
        self.rng.shuffle(order)
        self.rows = [self.rows[i] for i in order]
        self.truth = [self.truth[i] for i in order]
        self.variation = [self.variation[i] for i in order]

    def _free(self, country: str, *names: str) -> bool:
        return all((country, name_key(n)) not in self.owner for n in names if n)

    def _claim(self, org: Org) -> None:
        for name in (org.name, org.name_en):
            if name:
                self.owner[org.country, name_key(name)] = org.id

    def _new_org(self, country: str, org_id: int = -1) -> Org:
        """A company whose names are not yet taken; registry records get an ``org_id``."""
        rng = self.rng
        while True:
            province = rng.choice(PROVINCES[country])
            brand, brand_en = _brand(country, rng)
            org = Org(
                id=org_id, country=country, province=province, brand=brand, brand_en=brand_en,
                industry=_industry(country, rng), legal=rng.randrange(6), city=rng.randrange(4), name="",
                name_en="", identifier=_identifier(country, rng) if rng.random() < 0.6 else "",
                phone=_phone(country, rng) if rng.random() < 0.7 else "",
                domain=f"{''.join(brand_en).lower()}{rng.randrange(100)}.{country[:2].lower()}"
                if rng.random() < 0.5 else "",
                hs=set(rng.sample(HS_HEADINGS, rng.randint(1, 3))),
            )
            org.name = _compose(country, province, brand, org.industry, org.legal, org.city)
            if rng.random() < (0.4 if country == "VNM" else 0.5):
                org.name_en = _compose_en(org, rng)
            if self._free(country, org.name, org.name_en):
                self._claim(org)
                return org

    def _near_miss(self, org: Org) -> Org | None:
        """A different company whose name differs from ``org``'s by one word (None if every
        try was taken)."""
        rng = self.rng
        for _ in range(50):
            brand = list(org.brand)
            brand[rng.randrange(len(brand))] = _brand(org.country, rng)[0][0]
            name = _compose(org.country, org.province, brand, org.industry, rng.randrange(6), org.city)
            if self._free(org.country, name):
                province = org.province if rng.random() < 0.6 else rng.choice(PROVINCES[org.country])
                identifier = _identifier(org.country, rng) if rng.random() < 0.6 else ""
                phone = _phone(org.country, rng) if rng.random() < 0.7 else ""
                other = Org(-1, org.country, province, brand, list(org.brand_en), org.industry, org.legal,
                            org.city, name, "", identifier, phone, "", set(rng.sample(HS_HEADINGS, 2)))
                self._claim(other)
                return other
        return None

    def _duplicate(self, org: Org, line: int) -> tuple[str, ImportRow]:
        """A row for ``org`` as another agency might have typed it."""
        rng = self.rng
        for _ in range(20):
            kind = rng.choices(
                ("other legal form", "identifier", "typo", "swapped words", "no diacritics, no province",
                 "english name", "moved province"),
                weights=(20, 12, 22, 14, 12, 12, 8),
            )[0]
            name, province, with_identifier = self._variant(org, kind)
            if kind == "identifier" and not with_identifier:
                kind = "typo"  # the organisation has no identifier to give
            owner = self.owner.get((org.country, name_key(name)))
            if owner in (None, org.id):  # not another organisation's name
                break
        if owner not in (None, org.id):
            kind, name, province, with_identifier = "other legal form", org.name, org.province, 0.0
        return kind, self._as_row(org, line, name, province, with_identifier=with_identifier, duplicate=True)

    def _variant(self, org: Org, kind: str) -> tuple[str, str, float]:
        rng = self.rng
        province, with_identifier = org.province, 0.0
        brand = list(org.brand)
        legal = (org.legal + rng.randrange(1, 5)) % 6
        if kind == "identifier":  # the identifier, and a name with a typo
            with_identifier = 1.0
        if kind in ("typo", "identifier"):
            position = rng.randrange(len(brand))
            brand[position] = _typo(brand[position], rng)
        if kind == "swapped words" and org.country == "VNM":
            brand.reverse()
        name = _compose(org.country, org.province, brand, org.industry, legal, org.city)
        if kind == "swapped words":
            name = _swapped(org, brand, legal, rng)
        if kind == "no diacritics, no province":
            name, province = fold(name), ""
        if kind == "english name":
            name = org.name_en or fold(name)
        if kind == "moved province":
            province = rng.choice([p for p in PROVINCES[org.country] if p != org.province])
        if kind == "other legal form" and rng.random() < 0.5:
            name = fold(name)
        return name, province, with_identifier if org.identifier else 0.0

    def _as_row(self, org: Org, line: int, name: str, province: str, *, with_identifier: float,
                duplicate: bool = False) -> ImportRow:
        rng = self.rng
        phones: tuple[str, ...] = ()
        if org.phone and rng.random() < (0.5 if duplicate else 0.7):
            phones = (org.phone if rng.random() < 0.5 else "0" + org.phone[-9:],)
        elif rng.random() < 0.3:
            phones = (_phone(org.country, rng),)
        email = ""
        if org.domain and rng.random() < 0.4:
            email = f"info@{org.domain}"
        elif rng.random() < 0.3:
            email = f"{fold(org.brand_en[0]).lower()}{rng.randrange(1000)}@gmail.com"
        hs = sorted(org.hs if rng.random() < 0.6 else set(rng.sample(HS_HEADINGS, 2)))
        identifier = org.identifier if org.identifier and rng.random() < with_identifier else ""
        return ImportRow(line=line, name=name, country=org.country, province=province, identifier=identifier,
                         phones=phones, emails=(email,) if email else (), hs_codes=tuple(hs))

    def registry(self) -> list[Record]:
        return [
            Record(id=o.id, name=o.name, names=[o.name_en] if o.name_en else [], country=o.country,
                   province=o.province, identifiers={"id": o.identifier} if o.identifier else {},
                   phone=o.phone, email_domain=o.domain, hs_codes=set(o.hs))
            for o in self.orgs
        ]


def _swapped(org: Org, brand: list[str], legal: int, rng: random.Random) -> str:
    """The name with its words in another order, as each language does it: Vietnamese brand
    syllables reversed and the legal form in English at the end; Lao industry before the brand;
    Chinese city after the brand, in brackets (昆明星河贸易 → 星河贸易（昆明）)."""
    if org.country == "VNM":
        industry = f" {VN_INDUSTRIES[org.industry][0]}" if org.industry >= 0 else ""
        return f"{' '.join(brand)}{industry} {rng.choice(EN_LEGAL)}"
    if org.country == "LAO":
        prefix, suffix = LAO_LEGAL[legal % len(LAO_LEGAL)]
        industry = LAO_INDUSTRIES[org.industry][0] + " " if org.industry >= 0 else ""
        return f"{prefix} {industry}{''.join(brand)} {suffix}"
    city = CN_CITIES[org.province][org.city % len(CN_CITIES[org.province])][0]
    industry = CN_INDUSTRIES[max(org.industry, 0)][0]
    return f"{''.join(brand)}{industry}（{city}）{CN_LEGAL[legal % len(CN_LEGAL)]}"


def _typo(word: str, rng: random.Random) -> str:
    """One edit in a word: a dropped, doubled or swapped letter, or a lost diacritic."""
    if len(word) == 1:  # a Han character: a homophone typed instead
        return rng.choice([c for c, _ in HAN_CHARS if c != word])
    choice = rng.randrange(4)
    i = rng.randrange(len(word))
    if choice == 0 and len(word) > 2:
        return word[:i] + word[i + 1 :]
    if choice == 1:
        return word[:i] + word[i] + word[i:]
    if choice == 2 and len(word) > 2 and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    decomposed = unicodedata.normalize("NFD", word)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped) if stripped != decomposed else word + word[-1]


def _as_csv(rows: list[ImportRow], rng: random.Random) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["STT", "Tên doanh nghiệp", "Quốc gia", "Tỉnh", "Mã số thuế", "Điện thoại", "Email",
                     "Mã HS"])
    for number, row in enumerate(rows, start=1):
        country = rng.choice(COUNTRY_TEXT[row.country])
        writer.writerow([number, row.name, country, row.province, row.identifier, "; ".join(row.phones),
                         "; ".join(row.emails), "; ".join(row.hs_codes)])
    return out.getvalue().encode("utf-8-sig")


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.4f} ({numerator}/{denominator})" if denominator else "n/a (0/0)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    started = time.perf_counter()
    world = World(args.records, args.rows, args.seed)
    records = world.registry()
    print(f"generated {len(records):,} registry records "
          f"({', '.join(f'{c} {n:,}' for c, n in sorted(Counter(r.country for r in records).items()))}) "
          f"and {len(world.rows):,} import rows ({sum(t is not None for t in world.truth):,} duplicates) "
          f"in {time.perf_counter() - started:.1f} s")

    data = _as_csv(world.rows, world.rng)
    started = time.perf_counter()
    preview = parse_delegation_list(data, "delegation.csv")
    parse_time = time.perf_counter() - started
    assert preview.committable, preview.errors[:5]
    print(f"parse CSV ({len(data) / 1024:.0f} KiB): {parse_time:.2f} s, {len(preview.rows):,} rows")

    started, cpu = time.perf_counter(), time.process_time()
    decisions = resolve_rows(records, preview.rows)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"resolve: {elapsed:.1f} s wall, {cpu:.1f} s CPU (all threads)")

    kinds = Counter(d.kind for d in decisions)
    same_ok = sum(d.kind == "same" and d.record_id == t for d, t in zip(decisions, world.truth, strict=True))
    flagged = [(d, t) for d, t in zip(decisions, world.truth, strict=True) if d.kind != "new"]
    flagged_ok = sum(d.record_id == t for d, t in flagged if t is not None)
    duplicates = sum(t is not None for t in world.truth)
    print(f"decisions: {dict(kinds)}")
    print(f"automatic 'same': precision {_ratio(same_ok, kinds['same'])}, "
          f"recall {_ratio(same_ok, duplicates)}")
    print(f"'same' + 'possible_duplicate': precision {_ratio(flagged_ok, len(flagged))}, "
          f"recall {_ratio(flagged_ok, duplicates)}")
    queue = kinds["possible_duplicate"]
    print(f"review queue: {queue:,} rows = {queue / len(decisions):.1%} of the import")
    by_variation: dict[str, Counter[str]] = {}
    for decision, truth, variation in zip(decisions, world.truth, world.variation, strict=True):
        right = decision.kind == "new" if truth is None else decision.record_id == truth
        outcome = f"{decision.kind}{'' if right or decision.kind == 'new' else ' (wrong record)'}"
        by_variation.setdefault(variation, Counter())[outcome] += 1
    for variation, outcomes in sorted(by_variation.items()):
        print(f"  {variation:28} " + ", ".join(f"{k} {n}" for k, n in sorted(outcomes.items())))


if __name__ == "__main__":
    main()
