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
