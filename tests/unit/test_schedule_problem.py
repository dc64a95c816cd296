"""The schedule-problem parser (spec/schedule.md): valid files load, bad ones are refused with a
message naming the entry; the baseline and the schedule document."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradebridge.events.scheduling.baseline import first_come_first_served
from tradebridge.events.scheduling.check import check_schedule
from tradebridge.events.scheduling.problem import (
    ProblemError,
    parse_meetings,
    parse_problem,
    parse_schedule,
)

from .schedule_strategies import problems

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "schedule_problem.json"


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_example_loads_in_time_order():
    problem = parse_problem(example())
    assert [s.id for s in problem.slots] == ["s01", "s02", "s03", "s04"]  # s04 is 03:00Z written at +07:00
    assert problem.venues["hangzhou"].tables == 0
    assert problem.participants["p002"].available == {"s01", "s02"}
    assert problem.participants["p004"].available is None and problem.available("p004") == {
        "s01",
        "s02",
        "s03",
        "s04",
    }
    assert problem.cap("p001") == 3 and problem.cap("p002") == 4
    assert problem.requests[1].weight == 1 and problem.requests[4].slots == {"s01", "s02"}
    assert problem.mode_of(problem.requests[0]) == ("table", "laocai")
    assert problem.mode_of(problem.requests[2]) == ("online", None)
    assert problem.allowed_slots(problem.requests[6]) == []  # p002 and p006 have no common slot


def broken(change) -> dict:
    data = example()
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other/1"), "format: expected 'tradebridge.schedule-problem/1'"),
        (lambda d: d.update(slots=[]), "slots: the event has no time slots"),
        (lambda d: d["slots"][1].update(id="s01"), "slots[1]: slot 's01' appears twice"),
        (lambda d: d["slots"][2].update(start="19/01/2021"), "slots[2]: 'start' is not an ISO 8601 instant"),
        (
            lambda d: d["slots"][2].update(start="2021-01-19T02:40:00"),
            "slots[2]: 'start' has no time-zone offset",
        ),
        (
            lambda d: d["slots"][0].update(end="2021-01-19T01:00:00Z"),
            "slots[0]: slot 's01' ends before it starts",
        ),
        (lambda d: d.update(venues=[]), "venues: the event has no venue"),
        (
            lambda d: d["venues"][1].update(tables=0, booths=0),
            "venues[1]: venue 'hangzhou' has no tables and no booths",
        ),
        (
            lambda d: d["venues"][0].update(tables=-1),
            "venues[0]: 'tables' must be a whole number of at least 0",
        ),
        (lambda d: d["venues"][0].update(tz="Mars/Olympus"), "venues[0]: unknown time zone 'Mars/Olympus'"),
        (lambda d: d["participants"][2].pop("venue"), "participants[2] ('p003'): is at no venue"),
        (
            lambda d: d["participants"][2].update(venue="hanoi"),
            "participants[2] ('p003'): venue 'hanoi' is not in venues",
        ),
        (
            lambda d: d["participants"][1].update(available=["s09"]),
            "participants[1] ('p002'): slot 's09' in 'available' is not in slots",
        ),
        (lambda d: d["participants"][1].update(id="p001"), "participants[1] ('p001'): appears twice"),
        (
            lambda d: d["participants"][0].update(max_meetings=-2),
            "participants[0] ('p001'): 'max_meetings' must be a whole number",
        ),
        (
            lambda d: d["requests"][5].update(b="p999"),
            "requests[5]: participant 'p999' is not in participants",
        ),
        (lambda d: d["requests"][3].update(b="p001"), "requests[3]: participant 'p001' cannot meet itself"),
        (
            lambda d: d["requests"][6].update(a="p003", b="p001"),
            "requests[6]: the pair 'p003'–'p001' is already requested in requests[1]",
        ),
        (
            lambda d: d["requests"][2].update(weight=-3),
            "requests[2]: 'weight' must be a whole number above 0, got -3",
        ),
        (
            lambda d: d["requests"][2].update(weight=0),
            "requests[2]: 'weight' must be a whole number above 0, got 0",
        ),
        (
            lambda d: d["requests"][2].update(weight="2"),
            "requests[2]: 'weight' must be a whole number above 0",
        ),
        (
            lambda d: d["requests"][4].update(slots=["s07"]),
            "requests[4]: slot 's07' in 'slots' is not in slots",
        ),
        (lambda d: d["requests"][4].update(slots=[]), "requests[4]: 'slots' is empty"),
        (lambda d: d.update(requests={"a": 1}), "requests: must be a list"),
        (lambda d: d["requests"].append("p1-p2"), "requests[7]: must be an object"),
    ],
)
def test_bad_problems_are_refused_naming_the_entry(change, message):
    with pytest.raises(ProblemError) as error:
        parse_problem(broken(change))
    assert message in str(error.value)


def test_not_an_object():
    with pytest.raises(ProblemError, match="must be a JSON object"):
        parse_problem([1, 2])


@settings(max_examples=60, deadline=None)
@given(problems())
def test_generated_problems_round_trip(data):
    problem = parse_problem(data)
    again = parse_problem(json.loads(json.dumps(data)))
    assert again == problem
    assert [s.id for s in problem.slots] == sorted((s.id for s in problem.slots), key=lambda i: int(i[1:]))
    assert len(problem.requests) == len(data["requests"])
    for request in problem.requests:
        for t in problem.allowed_slots(request):
            slot = problem.slots[t].id
            assert slot in problem.available(request.a) and slot in problem.available(request.b)


@settings(max_examples=60, deadline=None)
@given(problems(), st.data())
def test_one_wrong_entry_is_named(data, draw):
    data = copy.deepcopy(data)
    if data["requests"]:
        i = draw.draw(st.integers(0, len(data["requests"]) - 1))
        data["requests"][i]["a"] = "nobody"
        expected = f"requests[{i}]: participant 'nobody' is not in participants"
    else:
        i = draw.draw(st.integers(0, len(data["participants"]) - 1))
        data["participants"][i]["venue"] = "nowhere"
        expected = f"participants[{i}] ('p{i}'): venue 'nowhere' is not in venues"
    with pytest.raises(ProblemError) as error:
        parse_problem(data)
    assert expected in str(error.value)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_first_come_first_served_keeps_the_rules(data):
    problem = parse_problem(data)
    schedule = first_come_first_served(problem)
    assert check_schedule(problem, schedule) == []
    assert len(schedule.meetings) + len(schedule.unscheduled) == len(problem.requests)
    assert all(u.reason for u in schedule.unscheduled)
    document = schedule.to_json()
    assert parse_schedule(problem, json.loads(json.dumps(document))).meetings == schedule.meetings


def test_baseline_takes_the_earliest_slot_in_file_order():
    problem = parse_problem(example())
    schedule = first_come_first_served(problem)
    placed = {(m.a, m.b): m.slot for m in schedule.meetings}
    assert placed[("p001", "p002")] == "s01" and placed[("p001", "p003")] == "s02"
    reasons = {(u.a, u.b): u.reason for u in schedule.unscheduled}
    assert reasons[("p002", "p006")] == "no common free slot"


def test_check_names_each_broken_rule():
    problem = parse_problem(example())
    meetings = parse_meetings(
        problem,
        [
            {"a": "p001", "b": "p002", "slot": "s03"},  # p002 is not available in s03
            {"a": "p001", "b": "p003", "slot": "s03"},  # p001 twice in s03
            {"a": "p004", "b": "p002", "slot": "s01"},
            {"a": "p002", "b": "p004", "slot": "s02"},  # the same request twice
        ],
    )
    schedule = first_come_first_served(problem)
    schedule.meetings = meetings
    problems_found = "\n".join(check_schedule(problem, schedule))
    assert "rule 1: p002 is not available" in problems_found
    assert "rule 2: the request is already placed in meetings[2]" in problems_found
    assert "rule 3: p001 has 2 meetings in slot s03" in problems_found
    with pytest.raises(ProblemError, match="locked\\[0\\]: there is no request for the pair 'p004'–'p005'"):
        parse_meetings(problem, [{"a": "p004", "b": "p005", "slot": "s01"}], "locked")
