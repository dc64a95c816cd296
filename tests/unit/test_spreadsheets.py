"""core.spreadsheets: text a spreadsheet would run as a formula is written as text."""

import io

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from tradebridge.core.spreadsheets import FORMULA_STARTS, csv_row, neutralise, workbook_bytes

ATTACK = '=HYPERLINK("http://evil.example","EN")'


def test_formula_text_is_quoted_and_numbers_are_not():
    assert neutralise(ATTACK) == "'" + ATTACK
    assert [neutralise(v) for v in ("+1", "-1", "@SUM(A1)", "\tx", "\rx")] == ["'+1", "'-1", "'@SUM(A1)", "'\tx",
                                                                                "'\rx"]
    assert neutralise(-5) == -5 and neutralise(2.5) == 2.5 and neutralise(None) is None
    assert neutralise("Cà phê = coffee") == "Cà phê = coffee"
    assert csv_row(["a", ATTACK, 3]) == ["a", "'" + ATTACK, 3]


def test_a_saved_workbook_holds_no_formula():
    book = Workbook()
    book.active.append(["title", ATTACK, 12, -3.5])
    book.create_sheet("second").append(["+cmd|' /C calc'!A0"])
    saved = load_workbook(io.BytesIO(workbook_bytes(book)))
    first = [c for c in saved.worksheets[0][1]]
    assert first[1].data_type == "s" and first[1].value == "'" + ATTACK
    assert first[2].value == 12 and first[3].value == -3.5
    assert saved.worksheets[1]["A1"].value == "'+cmd|' /C calc'!A0"


@given(st.text(max_size=40))
def test_no_text_leaves_neutralise_starting_with_a_formula_character(text):
    out = neutralise(text)
    assert not out.startswith(FORMULA_STARTS)
    assert out in (text, "'" + text)
