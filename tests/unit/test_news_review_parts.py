"""The review's plain parts, with fixed facts: highlighting by kind, the forms' first values
from proposed fields, the source line every accepted record carries, and the text hash that
finds a duplicate article."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from types import SimpleNamespace

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.geo.models import Country
from tradebridge.news import highlight, prefill
from tradebridge.news.records import source_text
from tradebridge.news.services import jsonable, text_hash
from tradebridge.registry.models import Organization

TEXT = "Năm 2022, xuất khẩu ước đạt 200 triệu USD, tăng 20%."


def test_segments_cover_the_text_and_skip_overlapping_or_out_of_range_facts():
    def at(part: str) -> dict:
        return {"start": TEXT.index(part), "end": TEXT.index(part) + len(part)}

    facts = {
        "dates": [{**at("Năm 2022"), "normalized": "2022"}],
        "amounts": [{**at("ước đạt 200 triệu USD"), "value": 200000000, "currency": "USD",
                     "qualifier": "estimated"}],
        "counts": [{**at("200 triệu"), "value": 200, "unit": "triệu"}],  # inside the amount
        "percentages": [{**at("tăng 20%"), "value": 20.0, "direction": "increase"},
                        {"start": 50, "end": 500, "value": 1.0}],  # beyond the text
    }
    with translation.override("en"):
        pieces = highlight.segments(TEXT, facts)
        assert "".join(p["text"] for p in pieces) == TEXT
        marked = [(p["kind"], p["text"], str(p["title"])) for p in pieces if p["kind"]]
    assert marked == [("dates", "Năm 2022", "2022"),
                      ("amounts", "ước đạt 200 triệu USD", "200000000 USD estimated"),
                      ("percentages", "tăng 20%", "20.0 % increase")]
    # The tooltip's words follow the reader's language, not the extraction's English codes.
    with translation.override("zh-hans"):
        titles = [p["title"] for p in highlight.segments(TEXT, facts) if p["kind"]]
    assert titles == ["2022", "200000000 USD 估计", "20.0 % 增长"]
    assert [item["kind"] for item in highlight.legend()] == list(highlight.KINDS)
    assert highlight.segments(TEXT, {}) == [{"text": TEXT, "kind": None}]


def test_dates_and_intervals_become_first_and_last_days():
    assert prefill.date_range("2023-01-11/2023-01-12") == (dt.date(2023, 1, 11), dt.date(2023, 1, 12))
    assert prefill.date_range("2024-Q1") == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert prefill.date_range("2024-01/2024-06") == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    assert prefill.date_range("2017/2019") == (dt.date(2017, 1, 1), dt.date(2019, 12, 31))
    assert prefill.date_range("2024-12") == (dt.date(2024, 12, 1), dt.date(2024, 12, 31))
    assert prefill.date_range(None) == (None, None)
    assert prefill.date_range("2023-02-30") == (None, None)
    assert prefill.day_range("2023") == (None, None)  # a year is no event's date
    assert prefill.day_range("2022-01-04") == (dt.date(2022, 1, 4), dt.date(2022, 1, 4))


def test_qualifiers_kinds_and_numbers_from_the_relations_step():
    assert [prefill.qualifier(q) for q in ("more than", "forecast", "estimated", "less than", None, "bogus")] == [
        "more_than", "expected", "estimated", "", "", ""]
    assert prefill.qualifier("at_least") == "at_least"
    assert [prefill.event_kind(k) for k in ("trade_fair", "mission", "meeting", "forum")] == [
        "fair", "trade_mission", "bilateral_talks", "conference"]
    assert prefill.event_kind("Hội chợ triển lãm thương mại") == "fair"
    assert prefill.agreement_kind(["MOU", "agreement"]) == "mou"
    assert prefill.agreement_kind(["contract"]) == "contract"
    assert prefill.number({"value": 1000}) == 1000 and prefill.number(True) is None
    assert prefill.year_of("2024-Q1") == 2024 and prefill.year_of(None) is None
    assert prefill.texts([{"text": "Sở Công Thương", "ref": "hanoi-doit"}, "Bộ Công Thương"]) == [
        "hanoi-doit", "Sở Công Thương", "Bộ Công Thương"]


def test_the_source_line_keeps_address_and_date_and_shortens_the_quote():
    article = SimpleNamespace(url="https://example.vn/a", title="", published=dt.date(2023, 4, 24))
    assert source_text(article, "Một câu\n ngắn.") == "https://example.vn/a (2023-04-24): “Một câu ngắn.”"
    short = source_text(article, "x" * 500, limit=80)
    assert len(short) == 80 and short.startswith("https://example.vn/a (2023-04-24): “x") and short.endswith("…”")


def test_jsonable_keeps_records_by_their_key():
    data = {"on": dt.date(2024, 1, 2), "country": Country(alpha3="LAO"), "value": Decimal("1.5"),
            "parties": [Organization(slug="hanoi-doit"), Organization(slug="vientiane-doic")]}
    assert jsonable(data) == {"on": "2024-01-02", "country": "LAO", "value": 1.5,
                              "parties": ["hanoi-doit", "vientiane-doic"]}


@given(st.text(alphabet="aăâeêoôơuưdđAĂÂĐ \n\u0301\u0300\u0323", min_size=1, max_size=60))
def test_the_same_text_in_nfd_or_with_other_whitespace_has_the_same_hash(text):
    copy = unicodedata.normalize("NFD", text).replace(" ", "  ").replace("\n", "\r\n")
    assert text_hash(copy) == text_hash(text)
