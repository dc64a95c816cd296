"""`tradebridge recommend-file`: profiles JSON in, recommendations JSON out (standard output or
-o), malformed input refused with a message naming the organisation and field.  The command
needs no database; it is called through call_command and once as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

TEST_SET = Path(__file__).resolve().parents[1] / "data" / "recommend_testset.json"


def run_command(*args: str) -> str:
    out = StringIO()
    call_command("recommend_file", *args, stdout=out)
    return out.getvalue()


def test_writes_recommendations_to_standard_output():
    document = json.loads(run_command(str(TEST_SET)))
    assert document["format"] == "tradebridge.recommendations/1"
    organisations = json.loads(TEST_SET.read_text(encoding="utf-8"))["organizations"]
    recommendations = document["recommendations"]
    assert list(recommendations) == [o["id"] for o in organisations]  # input order
    for org_id, recs in recommendations.items():
        assert len(recs) <= 10
        assert org_id not in [r["id"] for r in recs]
        assert [r["score"] for r in recs] == sorted((r["score"] for r in recs), reverse=True)
        for rec in recs:
            assert set(rec) == {"id", "score", "reasons"} and 0 <= rec["score"] <= 1 and rec["reasons"]
    ginger = recommendations["la-khammouane-ginger"][0]
    assert ginger["id"] == "vn-hanoi-spice-processor"
    assert ginger["reasons"][0] == "offers ginger (HS 0910.11), which they need"


def test_top_and_output_file(tmp_path):
    target = tmp_path / "out.json"
    printed = run_command(str(TEST_SET), "--top", "2", "-o", str(target))
    assert printed == ""
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "tradebridge.recommendations/1"
    assert max(len(recs) for recs in document["recommendations"].values()) == 2
    assert not [p for p in tmp_path.iterdir() if p.name != "out.json"]  # no temporary file left
    run_command(str(TEST_SET), "--top", "1", "--output", str(target))  # replaced
    assert (
        max(len(r) for r in json.loads(target.read_text(encoding="utf-8"))["recommendations"].values()) == 1
    )


def malformed(tmp_path: Path) -> Path:
    document = json.loads(TEST_SET.read_text(encoding="utf-8"))
    document["organizations"][3]["offers"][0]["hs"] = "910.11"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_malformed_input_is_refused_naming_organisation_and_field(tmp_path):
    target = tmp_path / "out.json"
    with pytest.raises(CommandError) as error:
        run_command(str(malformed(tmp_path)), "-o", str(target))
    message = str(error.value)
    assert "organization 'la-oudomxay-tigergrass' (index 3)" in message
    assert "field 'offers[0].hs'" in message
    assert "'910.11' is not an HS code of 2, 4 or 6 digits" in message
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("missing.json",), "cannot read missing.json"),
        ((str(TEST_SET), "--glossary", "missing.csv"), "cannot read glossary missing.csv"),
        ((str(TEST_SET), "--top", "0"), "--top: expected a whole number of at least 1, got '0'"),
        ((str(TEST_SET), "--top", "many"), "--top: expected a whole number of at least 1, got 'many'"),
    ],
)
def test_other_problems_are_refused(args, words):
    with pytest.raises(CommandError, match=words):
        run_command(*args)
    with pytest.raises(CommandError, match="--top must be at least 1, got 0"):
        call_command("recommend_file", str(TEST_SET), top=0, stdout=StringIO())


def run_process(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tradebridge", "recommend-file", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


def test_as_a_process(tmp_path):
    done = run_process(str(TEST_SET), "--top", "3")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert max(len(recs) for recs in document["recommendations"].values()) == 3

    refused = run_process(str(malformed(tmp_path)))
    assert refused.returncode != 0
    assert "organization 'la-oudomxay-tigergrass' (index 3)" in refused.stderr
    assert "field 'offers[0].hs'" in refused.stderr
    assert refused.stdout == ""

    bad_top = run_process(str(TEST_SET), "--top", "0")
    assert bad_top.returncode != 0
    assert "--top" in bad_top.stderr
