"""Vietnamese numbers: any number written the Vietnamese way parses to its value (property
tests), the one-separator rules, scale words and amounts in text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradebridge.news.extraction import extract_facts
from tradebridge.news.extraction.numbers import NumberError, format_vietnamese, parse_number


@given(st.integers(min_value=0, max_value=10**15))
def test_whole_numbers_written_the_vietnamese_way_parse_to_their_value(n):
    assert parse_number(format_vietnamese(Decimal(n))) == n


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=3))
def test_decimals_written_the_vietnamese_way_parse_to_their_value(n, places):
    value = Decimal(n).scaleb(-places)
    written = format_vietnamese(value, places)
    assert parse_number(written) == value, written


@settings(deadline=None)  # the first call builds the place tables
@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(
    [("nghìn", 10**3), ("triệu", 10**6), ("tỷ", 10**9), ("tỉ", 10**9)]),
    st.integers(min_value=0, max_value=2), st.sampled_from(["USD", "đồng", "kíp", "nhân dân tệ"]))
def test_amounts_with_scale_words_keep_their_value(n, scale, places, currency):
    value = Decimal(n).scaleb(-places)
    text = f"Kim ngạch đạt {format_vietnamese(value, places)} {scale[0]} {currency}."
    amounts = extract_facts(text, registry={})["amounts"]
    assert len(amounts) == 1, text
    assert Decimal(str(amounts[0]["value"])) == value * scale[1]


@pytest.mark.parametrize(("written", "whole", "value"), [
    ("5,34", False, Decimal("5.34")),
    ("1.280,6", False, Decimal("1280.6")),
    ("1.000", False, Decimal(1000)),
    ("8.11", False, Decimal("8.11")),        # a decimal point copied from English
    ("1,234,567", False, Decimal(1234567)),  # English thousands
    ("1,234.5", False, Decimal("1234.5")),
    ("6,172", False, Decimal("6.172")),      # a lone comma: decimal
    ("1,000", True, Decimal(1000)),          # … except in a whole count
    ("hai", False, Decimal(2)),
])
def test_one_separator_rules(written, whole, value):
    assert parse_number(written, whole=whole) == value


def test_two_decimal_marks_are_refused():
    with pytest.raises(NumberError):
        parse_number("1,2.3,4")


@pytest.mark.parametrize(("text", "value", "currency", "qualifier"), [
    ("vốn đăng ký xấp xỉ5,34 tỷUSD", 5_340_000_000, "USD", "approximately"),
    ("kim ngạch ước đạt 200 triệu USD", 200_000_000, "USD", "estimated"),
    ("giá trị trên 8.11 tỉ USD", 8_110_000_000, "USD", "more than"),
    ("thu ngân sách gần 1.280,6 tỷ đồng", 1_280_600_000_000, "VND", "nearly"),
    ("nộp ngân sách khoảng 95 tỷ kíp", 95_000_000_000, "LAK", "approximately"),
    ("đạt 120,5 tỷ NDT", 120_500_000_000, "CNY", None),
    ("dự kiến đạt 2,6 tỷ USD", 2_600_000_000, "USD", "forecast"),
    ("phấn đấu đạt 20 tỷ USD", 20_000_000_000, "USD", "target"),
    ("dưới 5 triệu USD", 5_000_000, "USD", "less than"),
    ("ít nhất 3 triệu euro", 3_000_000, "EUR", "at least"),
    ("kim ngạch xuất khẩu đạt 1.280,6 triệu", 1_280_600_000, "USD", None),  # no currency: USD
    ("giá bình quân 1.336 USD/tấn", 1336, "USD", None),
])
def test_amounts(text, value, currency, qualifier):
    [amount] = extract_facts(text, registry={})["amounts"]
    assert (amount["value"], amount["currency"], amount["qualifier"]) == (value, currency, qualifier)
    assert text[amount["start"]:amount["end"]] == amount["text"]


def test_a_range_gives_both_ends():
    amounts = extract_facts("kiều hối khoảng 800 - 900 triệu USD", registry={})["amounts"]
    assert [a["value"] for a in amounts] == [800_000_000, 900_000_000]


def test_quantities_that_are_not_money_are_not_amounts():
    facts = extract_facts("Xuất khẩu 1,37 triệu tấn cao su; 2 triệu lượt khách; COVID-19.", registry={})
    assert facts["amounts"] == []
