"""``tradebridge extract-facts``: the spec's document on standard output or in a file, linked to
the registry, and files that are not text, empty or missing refused with a message, nothing
written."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

TRADEBRIDGE = Path(sys.executable).with_name("tradebridge")
ARTICLE = ("Hà Nội – Viêng Chăn\nChiều 3/7, Sở Công thương Hà Nội và Sở Công thương Viêng Chăn tổ "
           "chức hội nghị. Năm 2022, vốn đầu tư từ Việt Nam sang Lào đạt 180 triệu USD, tăng "
           "52,5% so với năm 2021; 13 biên bản ghi nhớ được ký.\n")


def _run(*args) -> dict:
    out = io.StringIO()
    call_command("extract_facts", *args, stdout=out)
    return json.loads(out.getvalue())


def test_facts_on_standard_output(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(unicodedata.normalize("NFD", ARTICLE), encoding="utf-8")
    doc = _run(str(path), "--published", "2023-07-04")
    assert doc["format"] == "tradebridge.facts/1" and doc["published"] == "2023-07-04"
    assert [(a["text"], a["value"], a["currency"]) for a in doc["amounts"]] == [
        ("180 triệu USD", 180_000_000, "USD")]
    assert [(p["text"], p["direction"]) for p in doc["percentages"]] == [("tăng 52,5%", "increase")]
    assert [(c["value"], c["unit"]) for c in doc["counts"]] == [(13, "biên bản ghi nhớ")]
    assert [d["normalized"] for d in doc["dates"]] == ["2023-07-03", "2022", "2021"]
    assert doc["countries"] == ["VNM", "LAO"]
    assert {p["ref"] for p in doc["places"]} == {"VN-HN", "LA-VT"}
    # The registry of the test database knows the Hanoi department (demo data).
    assert ("Sở Công thương Hà Nội", "hanoi-doit") in [
        (o["text"], o["ref"]) for o in doc["organisations"]]
    nfc = unicodedata.normalize("NFC", ARTICLE)
    for amount in doc["amounts"]:
        assert nfc[amount["start"]:amount["end"]] == amount["text"]


def test_output_file(tmp_path):
    path, out = tmp_path / "article.txt", tmp_path / "facts.json"
    path.write_text(ARTICLE, encoding="utf-8")
    call_command("extract_facts", str(path), "-o", str(out), stdout=io.StringIO())
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["published"] is None  # no date given, none in the first lines
    assert doc["dates"][0]["normalized"] is None  # "Chiều 3/7": no year to resolve it with


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (b"  \n\t\n", "the file is empty"),
    (b"PK\x03\x04\x00\x00binary", "not a text file"),
    ("Kim ngạch".encode("utf-16"), "not a text file"),
    ("Kim ngach \u0111at 5 t\u1ef7".encode("cp1258", errors="ignore") + b"\xf2\xf3", "not a UTF-8 text file"),
])
def test_files_that_are_not_articles_are_refused(tmp_path, content, message):
    path, out = tmp_path / "article.txt", tmp_path / "facts.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("extract_facts", str(path), "-o", str(out), stdout=io.StringIO())
    assert not out.exists()


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("extract_facts", str(tmp_path / "missing.txt"), stdout=io.StringIO())
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(CommandError, match="--published must be a date"):
        call_command("extract_facts", str(path), "--published", "4/1/2022", stdout=io.StringIO())


def test_console_script_exits_non_zero_with_a_message(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = subprocess.run([str(TRADEBRIDGE), "extract-facts", str(path)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0
    assert "the file is empty" in result.stderr
    assert result.stdout == ""
