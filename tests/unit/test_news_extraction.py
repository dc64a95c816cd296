"""The examples of spec/facts.md, offsets into the NFC text, linking to the reference data and
the registry, and the candidate records built from the facts."""

from __future__ import annotations

import datetime as dt
import unicodedata

from tradebridge.news.extraction import FORMAT, extract_facts
from tradebridge.news.extraction.orgs import org_key
from tradebridge.news.relations import propose_records

SPEC = ("Năm 2022, kim ngạch xuất khẩu của Hà Nội sang Lào ước đạt 200 triệu USD, tăng 20% so "
        "với năm 2021. Hai bên đã ký 12 biên bản ghi nhớ ngày 4/1/2022 tại Lào Cai.")


def _facts(text, **kwargs):
    kwargs.setdefault("registry", {})
    return extract_facts(text, **kwargs)


def test_the_spec_sentence():
    facts = _facts(SPEC, published=dt.date(2023, 1, 12))
    assert facts["format"] == FORMAT and facts["published"] == "2023-01-12"
    [amount] = facts["amounts"]
    assert amount | {"start": 0, "end": 0} == {
        "text": "ước đạt 200 triệu USD", "start": 0, "end": 0, "value": 200_000_000,
        "currency": "USD", "qualifier": "estimated", "measure": "kim ngạch xuất khẩu"}
    [percentage] = facts["percentages"]
    assert (percentage["text"], percentage["value"], percentage["direction"]) == (
        "tăng 20%", 20.0, "increase")
    [count] = facts["counts"]
    assert (count["text"], count["value"], count["unit"]) == (
        "12 biên bản ghi nhớ", 12, "biên bản ghi nhớ")
    assert [(d["text"], d["normalized"], d["kind"]) for d in facts["dates"]] == [
        ("Năm 2022", "2022", "year"), ("năm 2021", "2021", "year"),
        ("ngày 4/1/2022", "2022-01-04", "date")]
    assert facts["countries"] == ["VNM", "LAO"]
    assert [(p["text"], p["ref"]) for p in facts["places"]] == [("Hà Nội", "VN-HN"),
                                                                 ("Lào Cai", "VN-02")]
    for kind in ("amounts", "percentages", "counts", "dates", "places"):
        for fact in facts[kind]:
            assert SPEC[fact["start"]:fact["end"]] == fact["text"]


def test_offsets_are_into_the_nfc_text():
    nfd = unicodedata.normalize("NFD", "Xuất khẩu tăng 28,3% trong quý I/2024.")
    facts = _facts(nfd)
    nfc = unicodedata.normalize("NFC", nfd)
    [percentage] = facts["percentages"]
    assert nfc[percentage["start"]:percentage["end"]] == "tăng 28,3%"
    [date] = facts["dates"]
    assert nfc[date["start"]:date["end"]] == "quý I/2024"


def test_copy_paste_text():
    text = ("VỐN ĐẦU TƯ\nẢnh: Lễ ký kết. (Ảnh: TTXVN)\nVốn đăng ký xấp xỉ5,34 tỷUSD, chiếm tỷ trọng "
            "14,8%; nhập khẩu\nđạt 3,03 tỷ USD,\u00a0giảm 1,5%.")
    facts = _facts(text)
    assert [a["text"] for a in facts["amounts"]] == ["xấp xỉ5,34 tỷUSD", "3,03 tỷ USD"]
    assert [(p["value"], p["direction"]) for p in facts["percentages"]] == [
        (14.8, "share"), (1.5, "decrease")]


def test_counts_and_ordinals():
    facts = _facts("Có hơn 1.000 lao động, 450 gian hàng, một biên bản ghi nhớ; đứng thứ 3; "
                   "hai bên và hai nước; thứ Hai (4/1).")
    assert [(c["text"], c["value"], c["unit"]) for c in facts["counts"]] == [
        ("hơn 1.000 lao động", 1000, "lao động"), ("450 gian hàng", 450, "gian hàng"),
        ("một biên bản ghi nhớ", 1, "biên bản ghi nhớ"), ("thứ 3", 3, "ordinal")]


def test_places_zones_and_countries():
    facts = _facts("Qua cửa khẩu Lào Cai – Hà Khẩu sang Vân Nam (Trung Quốc); ông Dương Đức Huy; "
                   "TP.HCM và Thanh Hoá.")
    assert facts["countries"] == ["VNM", "CHN"]
    assert [(p["text"], p["ref"]) for p in facts["places"]] == [
        ("Lào Cai – Hà Khẩu", "bg-laocai-hekou"), ("Vân Nam", "CN-YN"), ("TP.HCM", "VN-SG"),
        ("Thanh Hoá", "VN-21")]


def test_organisations_link_to_the_registry():
    registry = {org_key("Sở Công Thương Hà Nội"): "hanoi-doit",
                org_key("Sở Lao động – Thương binh và Xã hội Hà Nội"): "hanoi-dolisa"}
    facts = _facts("Chiều 3/7, Sở Công thương Hà Nội và Sở LĐTB&XH Hà Nội phối hợp tổ chức.",
                   registry=registry)
    assert [(o["text"], o["ref"]) for o in facts["organisations"]] == [
        ("Sở Công thương Hà Nội", "hanoi-doit"), ("Sở LĐTB&XH Hà Nội", "hanoi-dolisa")]


def test_records_from_the_spec_sentence():
    facts = _facts(SPEC, published=dt.date(2023, 1, 12))
    records = propose_records(SPEC, facts)
    trade = next(r for r in records if r["kind"] == "trade_figure")
    assert trade["fields"] == {
        "reporter": "VN-HN", "partner": "LAO", "flow": "export", "product": None,
        "period": "2022", "year": 2022, "value": 200_000_000, "currency": "USD",
        "qualifier": "estimated", "growth_pct": 20.0}
    assert SPEC[trade["start"]:trade["end"]] == trade["sentence"]
    agreement = next(r for r in records if r["kind"] == "agreements")
    assert agreement["fields"]["count"] == 12
    assert agreement["fields"]["date"] == "2022-01-04"
    assert agreement["fields"]["categories"] == ["MOU"]


def test_records_of_each_kind():
    text = ("Năm 2022, vốn đầu tư từ Việt Nam sang Lào đạt 180 triệu USD. "
            "Sáng 19/1, tại thành phố Lào Cai đã diễn ra Hội nghị quốc tế ngành hàng xuất khẩu với "
            "138 doanh nghiệp. Giai đoạn 2017 - 2019, tỉnh Lào Cai có hơn 1.000 lao động sang làm "
            "việc tại tỉnh Vân Nam, Trung Quốc.")
    records = propose_records(text, _facts(text, published=dt.date(2021, 1, 19)))
    by_kind = {r["kind"]: r["fields"] for r in records}
    assert by_kind["investment"] | {} == {
        "direction": "outbound", "investor_country": "VNM", "host_country": "LAO", "projects": None,
        "capital": 180_000_000, "currency": "USD", "period": "2022"}
    assert by_kind["event"]["kind"] == "conference"
    assert (by_kind["event"]["date"], by_kind["event"]["place_ref"], by_kind["event"]["attendance"]) == (
        "2021-01-19", "VN-02", 138)
    assert by_kind["labour"] == {"country": "CHN", "workers": 1000, "programme": None,
                                 "period": "2017/2019"}
