"""`tradebridge schedule-file`: a problem JSON in, a schedule JSON out (standard output or -o);
a malformed or impossible problem is refused with a message naming the entry, and nothing is
written.  The command needs no database; it runs through call_command and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tradebridge.events.scheduling.check import check_schedule
from tradebridge.events.scheduling.problem import parse_problem, parse_schedule

PROBLEM = Path(__file__).resolve().parents[1] / "data" / "schedule_problem.json"
TRADEBRIDGE = Path(sys.executable).with_name("tradebridge")


def run_command(*args: str) -> str:
    out = StringIO()
    call_command("schedule_file", *args, "--workers", "1", stdout=out)
    return out.getvalue()


def test_writes_the_schedule_to_standard_output():
    document = json.loads(run_command(str(PROBLEM), "--time-limit", "5"))
    assert document["format"] == "tradebridge.schedule/1"
    assert {"meetings", "unscheduled", "objective", "bound", "breaks", "seconds"} <= set(document)
    assert document["objective"] == document["bound"] == 8
    for meeting in document["meetings"]:
        assert {"a", "b", "slot", "mode"} <= set(meeting)
        assert (meeting["mode"] == "table") == ("venue" in meeting)
    assert {(u["a"], u["b"]) for u in document["unscheduled"]} == {("p001", "p005"), ("p002", "p006")}
    assert all(u["reason"] for u in document["unscheduled"])
    problem = parse_problem(json.loads(PROBLEM.read_text(encoding="utf-8")))
    assert check_schedule(problem, parse_schedule(problem, document)) == []


def test_output_file_check_previous_and_lock(tmp_path):
    target = tmp_path / "out.json"
    assert run_command(str(PROBLEM), "-o", str(target)) == ""
    first = json.loads(target.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left
    assert "keeps rules 1–4 (5 meetings)" in run_command(str(PROBLEM), "--check", str(target))
    again = json.loads(run_command(str(PROBLEM), "--previous", str(target)))
    assert again["moved"] == 0 and again["objective"] == first["objective"]
    lock = tmp_path / "lock.json"
    lock.write_text(json.dumps([{"a": "p004", "b": "p001", "slot": "s01"}]), encoding="utf-8")
    locked = json.loads(run_command(str(PROBLEM), "--lock", str(lock)))
    assert {"a": "p001", "b": "p004", "slot": "s01", "mode": "online"} in locked["meetings"]


def test_check_reports_broken_rules(tmp_path):
    target = tmp_path / "bad-schedule.json"
    target.write_text(
        json.dumps(
            {
                "format": "tradebridge.schedule/1",
                "meetings": [{"a": "p001", "b": "p002", "slot": "s03", "mode": "table", "venue": "laocai"}],
                "objective": 2,
                "breaks": 0,
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="rule 1: p002 is not available"):
        run_command(str(PROBLEM), "--check", str(target))


def malformed(tmp_path: Path, change) -> Path:
    document = json.loads(PROBLEM.read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda d: d["requests"][5].update(b="p999"),
            "requests[5]: participant 'p999' is not in participants",
        ),
        (lambda d: d.update(slots=[]), "slots: the event has no time slots"),
        (
            lambda d: d["venues"][0].update(tables=0, booths=0),
            "venues[0]: venue 'laocai' has no tables and no booths",
        ),
        (lambda d: d["participants"][3].pop("venue"), "participants[3] ('p004'): is at no venue"),
        (
            lambda d: d["requests"][2].update(weight=-1),
            "requests[2]: 'weight' must be a whole number above 0",
        ),
    ],
)
def test_bad_problems_are_refused_and_nothing_is_written(tmp_path, change, words):
    target = tmp_path / "out.json"
    with pytest.raises(CommandError) as error:
        run_command(str(malformed(tmp_path, change)), "-o", str(target))
    assert words in str(error.value) and "bad.json" in str(error.value)
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("missing.json",), "cannot read problem missing.json"),
        ((str(PROBLEM), "--time-limit", "0"), "--time-limit: expected a number of seconds above 0, got '0'"),
    ],
)
def test_other_problems_are_refused(tmp_path, args, words):
    with pytest.raises(CommandError, match=words):
        run_command(*args)
    (tmp_path / "text.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not a JSON file"):
        run_command(str(tmp_path / "text.json"))


def test_as_a_process(tmp_path):
    target = tmp_path / "out.json"
    done = subprocess.run(
        [
            str(TRADEBRIDGE),
            "schedule-file",
            str(PROBLEM),
            "-o",
            str(target),
            "--time-limit",
            "5",
            "--workers",
            "1",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["objective"] == 8

    bad = malformed(tmp_path, lambda d: d["requests"][3].update(b="p001"))
    refused = subprocess.run(
        [str(TRADEBRIDGE), "schedule-file", str(bad), "-o", str(tmp_path / "never.json")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert refused.returncode != 0
    assert "requests[3]: participant 'p001' cannot meet itself" in refused.stderr
    assert not (tmp_path / "never.json").exists()
