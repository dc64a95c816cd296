"""Every reason the scheduler gives for a request it leaves out reads as a sentence organisers
understand (events.runs.reason_text), with participants and venues named."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import given, settings

from tradebridge.events.runs import reason_text
from tradebridge.events.scheduling.baseline import Occupancy, first_come_first_served
from tradebridge.events.scheduling.problem import parse_problem

from .schedule_strategies import problems

SLOTS = [{"id": f"s{i}", "start": f"2027-05-10T0{i}:00:00Z", "end": f"2027-05-10T0{i}:20:00Z"}
         for i in (1, 2)]


def problem(*, tables=1, booths=1, a=None, b=None, c=None, request=None, b_venue="v1"):
    return parse_problem({
        "format": "tradebridge.schedule-problem/1", "slots": SLOTS,
        "venues": [{"id": "v1", "tz": "Asia/Vientiane", "tables": tables, "booths": booths},
                   {"id": "v2", "tz": "Asia/Shanghai", "tables": 0, "booths": 1}],
        "participants": [{"id": "pa", "venue": "v1", **(a or {})}, {"id": "pb", "venue": b_venue, **(b or {})},
                         {"id": "pc", "venue": "v1", **(c or {})}],
        "requests": [{"a": "pa", "b": "pb", **(request or {})}, {"a": "pa", "b": "pc"}],
    })


def why(p, placed=()):
    occupancy = Occupancy(p)
    for r, t in placed:
        occupancy.place(p.requests[r], t)
    return occupancy.why_not(p.requests[0])


def _table_full():
    # One table; pc and a fourth pair hold it while pa and pb are both free.
    p = parse_problem({
        "format": "tradebridge.schedule-problem/1", "slots": SLOTS[:1],
        "venues": [{"id": "v1", "tz": "Asia/Vientiane", "tables": 1, "booths": 0}],
        "participants": [{"id": i, "venue": "v1"} for i in ("pa", "pb", "pc", "pd")],
        "requests": [{"a": "pa", "b": "pb"}, {"a": "pc", "b": "pd"}]})
    return why(p, [(1, 0)])


def _booth_full():
    p = parse_problem({
        "format": "tradebridge.schedule-problem/1", "slots": SLOTS[:1],
        "venues": [{"id": "v1", "tz": "Asia/Vientiane", "tables": 0, "booths": 1},
                   {"id": "v2", "tz": "Asia/Shanghai", "tables": 0, "booths": 2}],
        "participants": [{"id": "pa", "venue": "v1"}, {"id": "pb", "venue": "v2"},
                         {"id": "pc", "venue": "v1"}, {"id": "pd", "venue": "v2"}],
        "requests": [{"a": "pa", "b": "pb"}, {"a": "pc", "b": "pd"}]})
    return why(p, [(1, 0)])


CASES = [  # each branch of Occupancy.why_not -> what organisers read
    (lambda: why(problem(a={"max_meetings": 0})), "A takes no meetings at this event (its limit is 0)."),
    (lambda: why(problem(tables=0)), "Venue v1 has no tables for meetings in person."),
    (lambda: why(problem(booths=0, b_venue="v2")), "Venue v1 has no booths for online meetings."),
    (lambda: why(problem(a={"available": ["s1"]}, b={"available": ["s2"]}, request={"slots": ["s1"]})),
     "The two are never free at the same time among the times allowed for this meeting."),
    (lambda: why(problem(a={"available": ["s1"]}, b={"available": ["s2"]})),
     "The two are never free at the same time."),
    (lambda: why(problem(a={"max_meetings": 1}), [(1, 0)]), "A already has its maximum of 1 meeting."),
    (lambda: why(problem(a={"available": ["s1"]}), [(1, 0)]),
     "Whenever both are free, one of them already has another meeting."),
    (lambda: _table_full(), "No table is free at the times when both are free."),
    (lambda: _booth_full(), "No booth for online meetings is free at the times when both are free."),
]


def names(pid: str) -> str:
    return {"pa": "A", "pb": "B", "pc": "C", "pd": "D"}[pid]


@pytest.mark.parametrize(("reason", "text"), CASES)
def test_each_reason_of_the_solver_reads_as_a_sentence(reason, text):
    with translation.override("en"):
        assert reason_text(reason(), names, lambda code: f"Venue {code}") == text


def test_reasons_are_translated():
    with translation.override("zh-hans"):
        assert reason_text("no common free slot") != "The two are never free at the same time."


def test_an_unknown_reason_is_not_passed_through():
    assert reason_text("something new") is None


@settings(max_examples=60, deadline=None)
@given(problems())
def test_every_reason_the_baseline_gives_is_known(data):
    for unplaced in first_come_first_served(parse_problem(data)).unscheduled:
        assert reason_text(unplaced.reason) is not None, unplaced.reason
