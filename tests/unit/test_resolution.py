"""tradebridge.registry.dedupe: matching import rows against the registry (no database)."""

from __future__ import annotations

import random

import pytest
from django.utils import translation

from tradebridge.registry.dedupe import (
    Decision,
    Record,
    identifier_key,
    in_file_duplicates,
    linkage,
    name_key,
    phone_key,
    resolve_rows,
)
from tradebridge.registry.delegation import ImportRow

BAT_TRANG = Record(1, "Công ty TNHH Gốm Bát Tràng", names=["Bat Trang Ceramics Co., Ltd"], country="VNM",
                   province="VN-HN", identifiers={"vn_tax_code": "0101234567"}, phone="+84 24 3123 4567",
                   email_domain="battrang.vn", hs_codes={"691200"})
MINH_PHAT = Record(2, "Công ty Cổ phần Thương mại Minh Phát", country="VNM", province="VN-HN",
                   phone="+84 24 3999 8888")
YUNHAI = Record(3, "云南云海农产品有限公司", names=["Yunnan Yunhai Agricultural Products Co., Ltd"], country="CHN",
                province="CN-YN", identifiers={"cn_uscc": "91530100MA6K0XXX1A"})
LAO_COFFEE = Record(4, "ບໍລິສັດ ກາເຟ ດາວ ຈຳກັດ", names=["Dao Coffee Co., Ltd"], country="LAO", province="LA-CH",
                    phone="+856 20 5555 1234")
HOA_SEN = Record(5, "Công ty TNHH Hoa Sen", country="VNM", province="VN-DN")
TINY_REGISTRY = [BAT_TRANG, MINH_PHAT, YUNHAI, LAO_COFFEE, HOA_SEN]


pytestmark = pytest.mark.usefixtures("english_messages")  # messages compared with their msgids


def row(line: int, name: str, country: str, **fields) -> ImportRow:
    return ImportRow(line=line, name=name, country=country, **fields)


def decide(rows: list[ImportRow], records: list[Record] = TINY_REGISTRY, **kwargs) -> list[Decision]:
    return resolve_rows(records, rows, **kwargs)


# --- Keys --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Công ty TNHH Gốm Bát Tràng", "gom bat trang"),
        ("Gom Bat Trang Co., Ltd", "gom bat trang"),
        ("CÔNG TY CỔ PHẦN GỐM BÁT TRÀNG", "gom bat trang"),
        ("Công ty TNHH MTV Gốm Bát Tràng", "gom bat trang"),
        ("Gốm Bát Tràng JSC", "gom bat trang"),
        ("Gom Bat Trang Company Limited", "gom bat trang"),
        ("Gom Bat Trang Sole Co.,Ltd.", "gom bat trang"),
        ("Công ty CP Gốm Bát Tràng", "gom bat trang"),
        ("云南云海农产品有限公司", "云南云海农产品"),
        ("云南 云海 农产品 股份有限公司", "云南云海农产品"),
        ("云南云海农产品有限责任公司", "云南云海农产品"),
        ("ບໍລິສັດ ກາເຟ ດາວ ຈຳກັດ", "ກາເຟດາວ"),
        ("ບໍລິສັດກາເຟດາວຈໍາກັດຜູ້ດຽວ", "ກາເຟດາວ"),  # ໍ + າ typed for ຳ
        ("Cỏ Xanh Co.", "co xanh"),  # "Cỏ" is grass, not a legal form
        ("Tổng công ty Sông Đà", "tong song da"),  # a corporation, not its subsidiary "Công ty Sông Đà"
        ("Công ty TNHH", "cong ty tnhh"),  # nothing but a legal form: kept
        # Abbreviated legal forms are the same words as written out (issue 11).
        ("HTX Dệt lụa Tô Vang Hà Đông", "det lua to vang ha dong"),
        ("Hợp tác xã Dệt lụa Tô Vang Hà Đông", "det lua to vang ha dong"),
        ("CT TNHH Gốm Bát Tràng", "gom bat trang"),
        ("Cty CP Gốm Bát Tràng", "gom bat trang"),
        ("DNTN Gốm Bát Tràng", "gom bat trang"),
        ("ບ. ກາເຟ ດາວ", "ກາເຟດາວ"),
        ("云南云海农产品公司", "云南云海农产品"),
        ("CT Group", "ct group"),  # "CT" alone may be the name itself
    ],
)
def test_name_key(name, key):
    assert name_key(name) == key


def test_identifier_and_phone_keys():
    assert identifier_key("0101234567-001") == "0101234567001"
    assert identifier_key(" 91530100ma6k0xxx1a ") == "91530100MA6K0XXX1A"
    assert phone_key("+84 24 3123 4567") == phone_key("024 3123 4567") == "431234567"  # the last nine digits
    assert phone_key("12345") == ""


# --- Exact keys --------------------------------------------------------------------------------


def test_exact_identifier_is_same_even_with_another_name():
    [decision] = decide([row(7, "Bat Trang Pottery Export", "VNM", identifier="0101234567")])
    assert decision.kind == "same" and decision.record_id == 1 and decision.probability == 1.0
    assert decision.reasons[0] == "same identifier 0101234567"
    assert "although the name differs" in decision.reasons[1]


def test_identifier_of_another_country_does_not_match():
    [decision] = decide([row(2, "Bat Trang", "LAO", identifier="0101234567")])
    assert decision.kind == "new"


def test_other_legal_form_without_diacritics_in_the_same_province_is_same():
    [decision] = decide([row(2, "Gom Bat Trang Co., Ltd", "VNM", province="VN-HN")])
    assert decision == Decision(2, "same", 1, 1.0, ["same name once legal forms and diacritics are removed",
                                                    "same country and province"])


def test_english_name_of_the_record_is_matched_too():
    [decision] = decide([row(2, "BAT TRANG CERAMICS JSC", "VNM", province="VN-HN")])
    assert (decision.kind, decision.record_id) == ("same", 1)


def test_same_name_in_another_province_is_for_review():
    [decision] = decide([row(2, "Gom Bat Trang Co., Ltd", "VNM", province="VN-DN")])
    assert (decision.kind, decision.record_id) == ("possible_duplicate", 1)
    assert "same name once legal forms and diacritics are removed" in decision.reasons
    assert "different province" in decision.reasons


def test_conflicting_exact_keys_are_for_review():
    records = [*TINY_REGISTRY, Record(6, "Gốm Bát Tràng Mới", country="VNM", province="VN-HN",
                                      identifiers={"vn_tax_code": "0109999999"})]
    by_id_and_name = decide([row(2, "Công ty Gốm Bát Tràng", "VNM", province="VN-HN", identifier="0109999999")],
                            records)
    assert by_id_and_name[0].kind == "possible_duplicate" and by_id_and_name[0].record_id == 6
    assert "but the name and province are those of record 1" in by_id_and_name[0].reasons
    other_identifier = decide([row(2, "Gốm Bát Tràng", "VNM", province="VN-HN", identifier="0107777777")])
    assert other_identifier[0].kind == "possible_duplicate"
    assert "but the identifiers differ" in other_identifier[0].reasons
    twins = [*TINY_REGISTRY, Record(7, "Gom Bat Trang JSC", country="VNM", province="VN-HN")]
    [decision] = decide([row(2, "Gốm Bát Tràng", "VNM", province="VN-HN")], twins)
    assert decision.kind == "possible_duplicate"
    assert decision.reasons[-1] == "other registry records have this name here too: 7"


def test_reasons_follow_the_active_language():
    """Reasons are built in the importer's language (the catalogues translate the msgids)."""
    with translation.override("zh-hans"):
        [by_identifier] = decide([row(7, "Bat Trang Pottery Export", "VNM", identifier="0101234567")])
        [by_name] = decide([row(2, "Gom Bat Trang Co., Ltd", "VNM", province="VN-DN")])
    assert by_identifier.reasons[0] == "标识码相同：0101234567"
    assert by_name.reasons[:1] == ["去除公司类型字样和变音符号后名称相同"] and "省份不同" in by_name.reasons


# --- The model (tiny registry: fixed m and u) --------------------------------------------------


def test_different_company_is_new():
    [decision] = decide([row(2, "Công ty TNHH Nông sản Sao Mai", "VNM", province="VN-HN")])
    assert decision.kind == "new"


def test_swapped_word_order_is_for_review_with_a_reason():
    [decision] = decide([row(2, "Minh Phát Thương mại JSC", "VNM", province="VN-HN")])
    assert (decision.kind, decision.record_id) == ("possible_duplicate", 2)
    assert "same words in another order" in decision.reasons
    assert "same province" in decision.reasons


def test_swapped_words_with_the_same_phone():
    [decision] = decide([row(2, "Thuong mai Minh Phat", "VNM", province="VN-HN", phones=("02439998888",))])
    assert decision.record_id == 2 and decision.kind == "same"  # exact name key, same country and province
    [swapped] = decide([row(3, "Minh Phat Trading", "VNM", phones=("+84 24 3999 8888",))])
    assert (swapped.kind, swapped.record_id) == ("possible_duplicate", 2)
    assert "same phone number" in swapped.reasons


def test_typo_in_the_same_province_is_for_review():
    [decision] = decide([row(2, "Gốm Bát Trangg", "VNM", province="VN-HN")])
    assert (decision.kind, decision.record_id) == ("possible_duplicate", 1)
    assert "name differs by one letter" in decision.reasons


def test_chinese_names():
    decisions = decide([
        row(2, "云南云海农产品有限责任公司", "CHN", province="CN-YN"),  # another legal form
        row(3, "云南云海农产品有限公司", "CHN"),  # no province: the model, exact name
        row(4, "云海农产品（云南）有限公司", "CHN", province="CN-YN"),  # the province moved to the end
        row(5, "广西南宁星河贸易有限公司", "CHN", province="CN-GX"),
    ])
    assert [(d.kind, d.record_id) for d in decisions] == [
        ("same", 3), ("same", 3), ("possible_duplicate", 3), ("new", None)
    ]
    assert "same words in another order" in decisions[2].reasons


def test_chinese_one_character_apart_is_for_review():
    [decision] = decide([row(2, "云南云河农产品有限公司", "CHN", province="CN-YN")])
    assert (decision.kind, decision.record_id) == ("possible_duplicate", 3)
    assert "name differs by one letter" in decision.reasons


def test_lao_names():
    decisions = decide([
        row(2, "ບໍລິສັດກາເຟດາວຈໍາກັດຜູ້ດຽວ", "LAO", province="LA-CH"),
        row(3, "ບໍລິສັດ ດາວກາເຟ ຈຳກັດ", "LAO", province="LA-CH", phones=("020 5555 1234",)),
        row(4, "Dao Coffee Sole Co., Ltd", "LAO", province="LA-CH"),
        row(5, "ບໍລິສັດ ສີສະຫວັນ ຂົນສົ່ງ ຈຳກັດ", "LAO", province="LA-VT"),
    ])
    assert [(d.kind, d.record_id) for d in decisions[:3]] == [("same", 4), ("possible_duplicate", 4), ("same", 4)]
    assert "same words in another order" in decisions[1].reasons
    assert decisions[3].kind == "new"


def test_decisions_follow_the_rows_and_an_empty_registry_makes_all_new():
    rows = [row(9, "A", "VNM"), row(3, "B", "LAO")]
    assert [d.row_line for d in decide(rows)] == [9, 3]
    assert [(d.kind, d.record_id) for d in resolve_rows([], rows)] == [("new", None), ("new", None)]
    assert resolve_rows(TINY_REGISTRY, []) == []


def test_thresholds_are_parameters():
    rows = [row(2, "Gốm Bát Trangg", "VNM", province="VN-HN")]
    [strict] = decide(rows, review_threshold=0.999999, same_threshold=0.9999999)
    assert strict.kind == "new" and strict.record_id == 1
    with pytest.raises(ValueError):
        decide(rows, review_threshold=0.9, same_threshold=0.5)


def test_free_mail_domains_are_not_evidence():
    records = [Record(1, "Công ty An Phú", country="VNM", email_domain="gmail.com")]
    [decision] = resolve_rows(records, [row(2, "Công ty Bình Minh", "VNM", emails=("binhminh@gmail.com",))])
    assert decision.kind == "new"


def test_tiny_registry_uses_the_fixed_model(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("no training below min_training_records")

    monkeypatch.setattr(linkage, "_estimate_u", fail)
    monkeypatch.setattr(linkage, "_train_m", fail)
    [decision] = decide([row(2, "Gốm Bát Trangg", "VNM", province="VN-HN")])
    assert decision.kind == "possible_duplicate"


# --- The model (trained) -----------------------------------------------------------------------

SYLLABLE_TEXT = ("Minh Phát Hoàng Long An Thịnh Việt Tân Phú Đức Hưng Thành Công Bình Hải Sơn Hà Nam Bắc Trung "
                 "Quang Huy Khang Lộc Tài Vinh Hòa Bảo Ngọc Kim Thái Hồng Lan Mai Cúc Trúc Tùng Dũng")
SYLLABLES = SYLLABLE_TEXT.split()
INDUSTRIES = ("Thương mại", "Nông sản", "Gốm sứ", "Cà phê", "Thủy sản", "Vận tải", "Dệt may", "Chè")


def generated_registry(size: int, seed: int = 3) -> list[Record]:
    rng = random.Random(seed)
    records, seen = [], set()
    while len(records) < size:
        name = f"Công ty TNHH {rng.choice(INDUSTRIES)} {' '.join(rng.sample(SYLLABLES, 2))}"
        province = f"VN-{rng.randrange(1, 10):02d}"
        if (name_key(name), province) in seen:
            continue
        seen.add((name_key(name), province))
        records.append(Record(len(records) + 1, name, country="VNM", province=province,
                              phone=f"+84 9{rng.randrange(10**8):08d}", hs_codes={rng.choice(["0901", "0902", "6912"])}))
    return records


def test_trained_model_on_a_small_registry(monkeypatch):
    records = generated_registry(300)
    calls = []
    for name in ("_estimate_u", "_train_m"):
        original = getattr(linkage, name)
        monkeypatch.setattr(linkage, name, lambda *a, _o=original, _n=name, **k: calls.append(_n) or _o(*a, **k))
    target = records[10]
    typo = target.name.replace("TNHH", "CP")[:-1] + target.name[-1] * 2
    rows = [
        row(2, typo, "VNM", province=target.province, phones=(target.phone,)),
        row(3, "Công ty TNHH Xuất khẩu Zeta Omega", "VNM", province="VN-01"),
        row(4, target.name.upper(), "VNM", province=target.province),
    ]
    decisions = resolve_rows(records, rows)
    assert calls == ["_estimate_u", "_train_m"]
    assert (decisions[0].kind, decisions[0].record_id) in {("possible_duplicate", 11), ("same", 11)}
    assert "same phone number" in decisions[0].reasons
    assert decisions[1].kind == "new"
    assert (decisions[2].kind, decisions[2].record_id) == ("same", 11)


# --- Duplicates inside one file ------------------------------------------------------------------


def test_rows_of_one_company_in_one_file_are_found():
    rows = [
        row(2, "Hợp tác xã Dệt lụa Tô Vang", "VNM", emails=("tovang@example.vn",)),
        row(3, "HTX Det lua To Vang", "VNM"),  # no accents, abbreviated legal form
        row(4, "Dệt lụa Tô Vang Hà Đông", "VNM", emails=("TOVANG@example.vn",)),  # same address
        row(5, "Gốm Bát Tràng", "VNM", identifier="0101234567"),
        row(6, "Bat Trang Pottery", "VNM", identifier="0101-234567"),
        row(7, "Dệt lụa Tô Vang", "LAO"),  # another country
        row(8, "Minh Phát", "VNM", emails=("tovang@example.vn",)),  # shared address, other name
    ]
    found = in_file_duplicates(rows)
    assert {line: first for line, (first, _why) in found.items()} == {3: 2, 4: 2, 6: 5}
    assert "line 2" in found[3][1]
