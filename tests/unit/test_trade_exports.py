"""CSV and Excel downloads of the trade tables, and the number formats of the pages."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from tradebridge.trade import exports
from tradebridge.trade.exports import PCT, RATIO, USD, Column, Table
from tradebridge.trade.templatetags import trade_format


def _table() -> Table:
    return Table(
        "groups",
        "Hà Nội → ລາວ",
        [
            Column("group", "nhóm hàng"),
            Column("value", "value (USD)", USD),
            Column("share", "share", PCT),
            Column("rca", "RCA", RATIO),
        ],
        [
            {"group": "khoáng sản", "value": 29_600_000.0, "share": 0.148, "rca": 1.23456},
            {"group": "ແຮ່ທາດ 矿产", "value": None, "share": None, "rca": None},
        ],
        ["Source: Chinhphu.vn 2023"],
    )


def test_csv_has_bom_header_values_and_notes():
    content = exports.to_csv(_table())
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["nhóm hàng", "value (USD)", "share", "RCA"]
    assert rows[1] == ["khoáng sản", "29600000.0", "0.148", "1.23456"]
    assert rows[2] == ["ແຮ່ທາດ 矿产", "", "", ""]
    assert rows[-1] == ["Source: Chinhphu.vn 2023"]


def test_xlsx_has_title_typed_numbers_and_formats():
    workbook = load_workbook(io.BytesIO(exports.to_xlsx(_table())))
    sheet = workbook.active
    assert sheet["A1"].value == "Hà Nội → ລາວ"
    assert [c.value for c in sheet[2]] == ["nhóm hàng", "value (USD)", "share", "RCA"]
    assert sheet["B3"].value == 29_600_000.0 and sheet["B3"].number_format == "#,##0"
    assert sheet["C3"].value == pytest.approx(0.148) and sheet["C3"].number_format == "0.0%"
    assert sheet["A4"].value == "ແຮ່ທາດ 矿产"
    assert sheet["A6"].value == "Source: Chinhphu.vn 2023"


def test_dashboard_tables_carry_the_synthetic_note():
    data = {
        "reporter": "VNM",
        "partner": "LAO",
        "year": None,
        "synthetic": True,
        "synthetic_years": [2022, 2023],
        "totals": [
            {
                "year": 2023,
                "exports": 1.0,
                "imports": 2.0,
                "total": 3.0,
                "balance": -1.0,
                "exports_growth": None,
                "imports_growth": None,
            }
        ],
    }
    tables = exports.dashboard_tables(data, {"VNM": "Viet Nam", "LAO": "Laos"})
    assert list(tables) == ["totals"]
    assert "2022, 2023" in tables["totals"].notes[0]
    assert "Viet Nam" in tables["totals"].title
    assert b"2022, 2023" in exports.to_csv(tables["totals"])


@pytest.mark.parametrize(
    ("language", "expected_usd", "expected_pct"),
    [
        ("en", "1,280.5", "+20.0 %"),
        ("vi", "1.280,5", "+20,0 %"),
    ],
)
def test_numbers_follow_the_language(language, expected_usd, expected_pct):
    with translation.override(language):
        assert expected_usd in trade_format.musd(1_280_500_000)
        assert trade_format.signed_pct(0.2) == expected_pct
    assert trade_format.musd(None) == "—"


def test_cell_formats_by_column_kind():
    row = {"year": 2023, "value": 200_000_000.0, "growth": -0.05, "share": 0.148}
    with translation.override("en"):
        assert trade_format.cell(row, Column("year", "year", exports.INT)) == "2023"
        assert "200.0" in trade_format.cell(row, Column("value", "v", USD))
        assert trade_format.cell(row, Column("growth", "g", PCT)) == "-5.0 %"
        assert trade_format.cell(row, Column("share", "s", PCT)) == "14.8 %"


@pytest.mark.parametrize(("value", "english", "vietnamese"), [
    (6_172_000, "6.172 M USD", "6,172 triệu USD"),   # stated to the thousand dollars: kept
    (4_340_000, "4.34 M USD", "4,34 triệu USD"),
    (10_500_000, "10.5 M USD", "10,5 triệu USD"),
    (211e6 / 1.126, "187.4 M USD", "187,4 triệu USD"),  # a derived value keeps the usual digits
    (1_234_567.891, "1.23 M USD", "1,23 triệu USD"),
])
def test_musd_keeps_the_digits_a_source_states(value, english, vietnamese):
    for language, expected in (("en", english), ("vi", vietnamese)):
        with translation.override(language):
            assert trade_format.musd(value) == expected


@pytest.mark.parametrize(("language", "more_than", "estimated"), [
    ("vi", "trên 6.090,0 triệu USD", "ước đạt 200,0 triệu USD"),
    ("en", "more than 6,090.0 M USD", "estimated 200.0 M USD"),
    ("zh-hans", "超过", "估计"),
])
def test_stated_text_says_the_qualifier_in_each_language(language, more_than, estimated):
    from tradebridge.core.figures import derived_note
    from tradebridge.trade.pages import stated_text

    with translation.override(language):
        assert more_than in stated_text(6.09e9, "more_than")
        assert estimated in stated_text(200e6, "estimated")
        derived = stated_text(200e6 / 1.2, "estimated", derived=True)
        assert derived.endswith(f"({derived_note()})") and estimated.split(" ")[0] in derived


def test_combined_qualifier_of_a_sum():
    from tradebridge.trade.pages import combined_qualifier

    assert combined_qualifier(["", ""]) == ""
    assert combined_qualifier(["more_than", ""]) == "more_than"
    assert combined_qualifier(["more_than", "nearly"]) == "approximately"
    assert combined_qualifier(["estimated", "more_than", ""]) == "estimated"


def _row(kind, capital, *, projects=None, contributions=None, qualifier="", direction="Lào → Hà Nội"):
    return {"direction": direction, "year": 2023, "kind": kind, "projects": projects,
            "contributions": contributions, "capital_usd": capital, "qualifier": qualifier, "archived": False}


def test_investment_totals_never_add_contributions_into_projects():
    from tradebridge.trade.pages import investment_totals

    parts = [_row("new_projects", 4.34e6, projects=5), _row("contributions", 6.172e6, contributions=4)]
    with translation.override("en"):
        [summed] = investment_totals(parts)
        assert (summed["projects"], summed["contributions"]) == (5, 4)
        assert summed["capital_usd"] == pytest.approx(10.512e6) and summed["derived"] is True
        assert "derived" in summed["stated"]
        [stated] = investment_totals([*parts, _row("total", 10.5e6)])
        assert (stated["projects"], stated["contributions"], stated["capital_usd"]) == (5, 4, 10.5e6)
        assert stated["derived"] is False and stated["stated"] == "10.5 M USD"
        [more] = investment_totals([_row("total", 2e6, projects=7, qualifier="more_than")])
        assert (more["projects"], more["stated"]) == (7, "more than 2.00 M USD")
