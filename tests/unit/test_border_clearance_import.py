"""The import of clearance figures: random valid files import exactly; random corruptions are
refused with their line and column and change nothing; caps; replacing; Excel."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tradebridge.border.clearance import (
    ALL_GOODS,
    ClearanceRefused,
    ImportFileError,
    do_import_clearance_file,
)
from tradebridge.border.clearance_files import COLUMNS, Limits, _Seen, check_file
from tradebridge.border.models import ClearanceFigure, ClearanceImport, ClearanceMonthly, Gate
from tradebridge.geo.models import Zone

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
CODES = ("bg-laocai-hekou", "bg-boten-mohan")
HYPOTHESIS = settings(max_examples=25, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def gates(db):
    ClearanceFigure.objects.all().delete()  # the demo's figures out of the way
    ClearanceMonthly.objects.all().delete()
    return [Gate.objects.get_or_create(zone=Zone.objects.get(code=code), defaults={"level": "international"})[0]
            for code in CODES]


def _csv(rows, header=COLUMNS, delimiter=",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _start_text(period: str, day: dt.date) -> str:
    return {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}[period]


def _start_date(period: str, day: dt.date) -> dt.date:
    return {"day": day, "month": day.replace(day=1), "year": day.replace(month=1, day=1)}[period]


row_strategy = st.tuples(
    st.sampled_from(CODES), st.sampled_from(("day", "month", "year")),
    st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.sampled_from(("export", "import", "transit")), st.sampled_from(("value_usd", "tonnes", "vehicles", "containers")),
    st.sampled_from(("", "08", "85", "fruit", "rare-earths")),
    st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False, allow_infinity=False),
)


def _unique(rows):
    """Rows with distinct keys (the key as the store sees it, the period start made its first day)."""
    seen, kept = set(), []
    for code, period, day, direction, measure, product, value in rows:
        key = (code, period, _start_date(period, day), direction, measure, product)
        if key not in seen:
            seen.add(key)
            kept.append((code, period, day, direction, measure, product, value))
    return kept


def _file_rows(rows):
    return [[code, period, _start_text(period, day), direction, measure, product, str(value)]
            for code, period, day, direction, measure, product, value in rows]


def _store_state():
    return (ClearanceFigure.objects.count(), ClearanceImport.objects.count(), ClearanceMonthly.objects.count(),
            sorted(ClearanceFigure.objects.values_list("id", "value")))


@HYPOTHESIS
@given(rows=st.lists(row_strategy, min_size=1, max_size=40).map(_unique), delimiter=st.sampled_from(",;\t"))
def test_random_valid_files_import_exactly(gates, rows, delimiter):
    with transaction.atomic():
        outcome = do_import_clearance_file(_csv(_file_rows(rows), delimiter=delimiter), "figures.csv")
        stored = set(ClearanceFigure.objects.values_list(
            "gate__zone__code", "period", "period_start", "direction", "measure", "product", "value"))
        expected = {(code, period, _start_date(period, day), direction, measure, product, value)
                    for code, period, day, direction, measure, product, value in rows}
        assert stored == expected
        assert (outcome.rows, outcome.new, outcome.replaced) == (len(rows), len(rows), 0)
        # Each month's sum: its month figure where there is one, else the sum of its days.
        for code, period, day, direction, measure, product, _value in rows:
            if period != "day":
                continue
            same_month = [r for r in rows if r[:2] == (code, "month") and r[3:6] == (direction, measure, product)
                          and (r[2].year, r[2].month) == (day.year, day.month)]
            days = [r[6] for r in rows if r[:2] == (code, "day") and r[3:6] == (direction, measure, product)
                    and (r[2].year, r[2].month) == (day.year, day.month)]
            monthly = ClearanceMonthly.objects.get(gate__zone__code=code, measure=measure, direction=direction,
                                                   product=product, year=day.year, month=day.month)
            wanted = same_month[0][6] if same_month else sum(days)
            assert monthly.value == pytest.approx(float(wanted))
        transaction.set_rollback(True)


CORRUPTIONS = {
    "gate": ["bg-nowhere", "", "BG LAO CAI"],
    "period": ["week", "", "daily"],
    "period_start": ["2024-13-01", "01/02/2024", "", "2024-02-30"],
    "direction": ["both", "", "exports"],
    "measure": ["usd", "", "kg"],
    "product": ["0", "100", "fruit & veg", "8.1"],
    "value": ["-1", "abc", "", "1,5", "12.345", "NaN", "1e20"],
}


@HYPOTHESIS
@given(rows=st.lists(row_strategy, min_size=1, max_size=20).map(_unique), data=st.data())
def test_random_corruptions_are_refused_by_line_and_column_and_change_nothing(gates, rows, data):
    do_import_clearance_file(_csv([["bg-laocai-hekou", "year", "2010", "export", "tonnes", "", "5"]]), "seed.csv")
    before = _store_state()
    file_rows = _file_rows(rows)
    index = data.draw(st.integers(0, len(file_rows) - 1), label="row")
    column = data.draw(st.sampled_from(sorted(CORRUPTIONS)), label="column")
    bad = data.draw(st.sampled_from(CORRUPTIONS[column]), label="value")
    file_rows[index][COLUMNS.index(column)] = bad
    with pytest.raises(ClearanceRefused) as refused:
        do_import_clearance_file(_csv(file_rows), "figures.csv")
    assert (index + 2, column) in {(e.line, e.column) for e in refused.value.line_errors}
    assert all(str(e).startswith(f"line {e.line}, column {e.column}: ") for e in refused.value.line_errors)
    assert _store_state() == before


def test_a_repeated_key_is_refused_on_its_second_line(gates):
    rows = [["bg-laocai-hekou", "month", "2024-03", "export", "tonnes", "08", "10"],
            ["bg-laocai-hekou", "month", "2024-03-01", "export", "tonnes", "8", "11"]]
    with pytest.raises(ClearanceRefused) as refused:
        do_import_clearance_file(_csv(rows), "figures.csv")
    assert [(e.line, e.column) for e in refused.value.line_errors] == [(3, "period_start")]
    assert not ClearanceFigure.objects.exists()


def test_reimporting_the_same_keys_replaces_the_values_and_says_how_many(gates):
    rows = [["bg-laocai-hekou", "month", f"2024-{m:02d}", "export", "value_usd", "08", "100"] for m in (1, 2, 3)]
    do_import_clearance_file(_csv(rows), "first.csv")
    rows[0][-1], rows[1][-1] = "250.50", "300"
    rows.append(["bg-laocai-hekou", "month", "2024-04", "export", "value_usd", "08", "7"])
    assert do_import_clearance_file(_csv(rows), "again.csv", dry_run=True).replaced == 3
    outcome = do_import_clearance_file(_csv(rows), "again.csv")
    assert (outcome.rows, outcome.new, outcome.replaced) == (4, 1, 3)
    values = dict(ClearanceFigure.objects.values_list("period_start__month", "value"))
    assert values == {1: Decimal("250.50"), 2: Decimal("300"), 3: Decimal("100"), 4: Decimal("7")}
    assert ClearanceMonthly.objects.get(gate=gates[0], product="08", year=2024, month=1).value == 250.5
    assert ClearanceMonthly.objects.get(gate=gates[0], product=ALL_GOODS, year=2024, month=1).value == 250.5


def test_caps_on_size_rows_and_cells_are_checked(gates):
    row = ["bg-laocai-hekou", "day", "2024-01-01", "export", "tonnes", "", "1"]
    with pytest.raises(ImportFileError, match="larger than"):
        check_file(_csv([row]), "big.csv", Limits(max_bytes=50))
    many = [[*row[:2], (dt.date(2024, 1, 1) + dt.timedelta(days=n)).isoformat(), *row[3:]] for n in range(6)]
    with pytest.raises(ImportFileError, match="more than 5 rows"):
        check_file(_csv(many), "many.csv", Limits(max_rows=5))
    report = check_file(_csv([[*row[:5], "x" * 65, "1"]]), "long.csv")
    assert [(e.line, e.column) for e in report.errors] == [(2, "product")]


def test_file_level_problems_are_named(gates):
    with pytest.raises(ImportFileError, match="lacks the columns value"):
        check_file(_csv([], header=COLUMNS[:-1]), "short.csv")
    with pytest.raises(ImportFileError, match="no figures"):
        check_file(_csv([]), "empty.csv")
    with pytest.raises(ImportFileError, match="not accepted"):
        check_file(b"gate", "figures.txt")


def test_excel_workbooks_import_like_csv(gates):
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    sheet.append(["bg-boten-mohan", "month", "2023-07", "import", "containers", 8, 12])
    sheet.append(["bg-boten-mohan", "day", dt.date(2023, 7, 2), "import", "containers", None, 3.5])
    out = io.BytesIO()
    book.save(out)
    outcome = do_import_clearance_file(out.getvalue(), "figures.xlsx")
    assert outcome.rows == 2
    assert set(ClearanceFigure.objects.values_list("product", "value")) == {("08", Decimal("12")),
                                                                            ("", Decimal("3.5"))}


def test_the_key_bitmaps_remember_keys_across_far_dates():
    from tradebridge.border.clearance_files import CheckedRow

    seen = _Seen()
    early = CheckedRow(1, "day", dt.date(1990, 1, 1), "export", "tonnes", "", Decimal(1))
    late = CheckedRow(1, "day", dt.date(2090, 1, 1), "export", "tonnes", "", Decimal(1))
    middle = CheckedRow(1, "day", dt.date(2040, 6, 1), "export", "tonnes", "", Decimal(1))
    assert seen.add(middle) and seen.add(early) and seen.add(late)
    assert not seen.add(early) and not seen.add(late) and not seen.add(middle)
    assert (1, "day", dt.date(1990, 1, 1), "export", "tonnes", "") in seen
    assert (1, "day", dt.date(1990, 1, 2), "export", "tonnes", "") not in seen
