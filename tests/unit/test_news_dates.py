"""Dates in Vietnamese news: day before month (never swapped), relative dates resolved against
the publication date, quarters, months, periods and intervals (property tests and examples)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradebridge.news.extraction import extract_facts

DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))


def _dates(text, published=None):
    return extract_facts(text, published=published, registry={})["dates"]


@settings(deadline=None)  # the first call builds the place tables
@given(DATES, st.sampled_from(["ngày {d}/{m}/{y}", "ngày {d}-{m}-{y}", "ngày {d}.{m}.{y}",
                               "ngày {d} tháng {m} năm {y}", "ngày {dd}/{mm}/{y}"]))
def test_day_and_month_are_never_swapped(date, form):
    text = "Hội nghị diễn ra " + form.format(d=date.day, m=date.month, y=date.year,
                                             dd=f"{date.day:02d}", mm=f"{date.month:02d}") + "."
    [found] = _dates(text)
    assert found["normalized"] == date.isoformat(), text
    assert found["kind"] == "date"


@settings(deadline=None)  # the first call builds the place tables
@given(DATES, st.integers(min_value=-150, max_value=150))
def test_a_day_without_a_year_takes_the_nearest_year_to_publication(date, offset):
    published = date + dt.timedelta(days=offset)
    [found] = _dates(f"Chiều {date.day}/{date.month}, hai bên đã hội đàm.", published)
    assert found["normalized"] == date.isoformat()


@settings(deadline=None)  # the first call builds the place tables
@given(st.integers(min_value=1990, max_value=2060), st.integers(min_value=1, max_value=4))
def test_quarters(year, quarter):
    roman = ["I", "II", "III", "IV"][quarter - 1]
    [found] = _dates(f"Trong quý {roman}/{year}, kim ngạch tăng.")
    assert (found["normalized"], found["kind"]) == (f"{year}-Q{quarter}", "quarter")


@pytest.mark.parametrize(("text", "published", "normalized", "kind"), [
    ("ngày 4/1/2022", None, "2022-01-04", "date"),
    ("từ ngày 11/1 -12/1/2023", None, "2023-01-11/2023-01-12", "range"),
    ("từ ngày 20-24/4", dt.date(2023, 4, 25), "2023-04-20/2023-04-24", "range"),
    ("từ 24 - 28/9/2024", None, "2024-09-24/2024-09-28", "range"),
    ("6 tháng đầu năm 2024", None, "2024-01/2024-06", "period"),
    ("6 tháng đầu năm", dt.date(2024, 7, 10), "2024-01/2024-06", "period"),
    ("03 tháng cuối năm", dt.date(2023, 10, 15), "2023-10/2023-12", "period"),
    ("nửa đầu năm 2024", None, "2024-01/2024-06", "period"),
    ("giai đoạn 2017 - 2019", None, "2017/2019", "period"),
    ("từ năm 2016 đến năm 2023", None, "2016/2023", "range"),
    ("quý I năm nay", dt.date(2024, 1, 15), "2024-Q1", "quarter"),
    ("tháng 4/2023", None, "2023-04", "month"),
    ("Tháng 4 vừa qua", dt.date(2023, 7, 4), "2023-04", "month"),
    ("năm ngoái", dt.date(2023, 1, 12), "2022", "year"),
    ("năm ngoái", None, None, "year"),
    ("sáng nay", dt.date(2023, 1, 12), "2023-01-12", "date"),
    ("8h30 ngày 14/11/2023", None, "2023-11-14T08:30", "datetime"),
    ("năm 2022", None, "2022", "year"),
])
def test_expressions(text, published, normalized, kind):
    [found] = _dates(f"Theo báo cáo, {text}, kim ngạch tăng.", published)
    assert (found["normalized"], found["kind"]) == (normalized, kind)


def test_year_before_a_year_of_the_same_sentence():
    found = _dates("Năm 2023, kim ngạch giảm 3,4% so với năm trước.", dt.date(2024, 8, 23))
    assert [f["normalized"] for f in found] == ["2023", "2022"]


def test_a_dateline_stands_in_for_the_publication_date():
    facts = extract_facts("Lào Cai, 15/1/2024 - Năm ngoái kim ngạch tăng.", registry={})
    assert facts["published"] == "2024-01-15"
    assert [d["normalized"] for d in facts["dates"]] == ["2024-01-15", "2023"]


def test_not_dates():
    found = _dates("Công viên 29/3 đón 1/3 số khách; 2.000 tấn; thứ Hai (4/1).", dt.date(2021, 1, 3))
    assert [(f["text"], f["normalized"]) for f in found] == [("(4/1)", "2021-01-04")]
