import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.core.loading import DataFileError, checksum, parse_decimal, read_csv, require


def write(tmp_path, text: str, name="f.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_csv_strips_and_numbers_lines(tmp_path):
    path = write(tmp_path, "\ufeffa,b\n x ,y\n1,\n")
    assert list(read_csv(path, ["a", "b"])) == [(2, {"a": "x", "b": "y"}), (3, {"a": "1", "b": ""})]


def test_read_csv_names_missing_columns(tmp_path):
    path = write(tmp_path, "a\n1\n")
    with pytest.raises(DataFileError, match="f.csv: missing column"):
        list(read_csv(path, ["a", "b", "c"]))


def test_require_and_parse_decimal_name_line_and_field(tmp_path):
    path = tmp_path / "z.csv"
    with pytest.raises(DataFileError, match="z.csv, line 7: field 'name' is empty"):
        require(path, 7, {"name": ""}, "name")
    with pytest.raises(DataFileError, match="line 3: field 'lat' is not a number"):
        parse_decimal(path, 3, {"lat": "north"}, "lat", -90, 90)
    with pytest.raises(DataFileError, match="outside"):
        parse_decimal(path, 3, {"lat": "91"}, "lat", -90, 90)


def test_checksum_changes_with_content_and_refuses_missing(tmp_path):
    a = write(tmp_path, "x")
    first = checksum([a])
    a.write_text("y")
    assert checksum([a]) != first
    with pytest.raises(DataFileError, match="not found"):
        checksum([tmp_path / "missing.csv"])


@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                         blacklist_characters="\x00\r"),
                                   max_size=8), min_size=2, max_size=2), max_size=10))
def test_read_csv_round_trips_any_table(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["a", "b"])
    writer.writerows(rows)
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        parsed = [row for _line, row in read_csv(path, ["a", "b"])]
    expected = [{"a": a.strip(), "b": b.strip()} for a, b in rows]
    assert parsed == expected
