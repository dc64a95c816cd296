"""The CP-SAT scheduler: every schedule keeps rules 1–4, the objective is the best possible on
problems small enough to enumerate, breaks are fewest among the best schedules, locked meetings
stay, and a re-run after a change moves few meetings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

from tradebridge.events.scheduling.baseline import first_come_first_served
from tradebridge.events.scheduling.check import check_schedule
from tradebridge.events.scheduling.problem import ProblemError, parse_meetings, parse_problem
from tradebridge.events.scheduling.solver import solve

from .schedule_strategies import brute_force, brute_force_lateness, problems

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "schedule_problem.json"


def run(problem, **options):
    return solve(problem, time_limit=10, workers=1, seed=0, **options)


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@settings(max_examples=40, deadline=None)
@given(problems(max_slots=5, max_participants=8, max_requests=14))
def test_every_schedule_keeps_rules_1_to_4(data):
    problem = parse_problem(data)
    schedule = run(problem)
    assert check_schedule(problem, schedule) == []
    assert schedule.objective <= schedule.bound
    assert schedule.objective >= first_come_first_served(problem).objective
    assert len(schedule.meetings) + len(schedule.unscheduled) == len(problem.requests)


@settings(max_examples=40, deadline=None)
@given(problems(max_slots=3, max_participants=5, max_requests=6))
def test_objective_and_breaks_equal_brute_force_on_tiny_problems(data):
    problem = parse_problem(data)
    schedule = run(problem)
    best, fewest_breaks = brute_force(problem)
    assert schedule.objective == best == schedule.bound  # proven optimal
    assert schedule.breaks == fewest_breaks


@settings(max_examples=30, deadline=None)
@given(problems(max_slots=4, max_participants=5, max_requests=5))
def test_among_the_best_schedules_meetings_take_the_earliest_slots(data):
    problem = parse_problem(data)
    schedule = run(problem)
    lateness = sum(problem.slot_index[m.slot] for m in schedule.meetings)
    assert lateness == brute_force_lateness(problem)


def test_a_free_morning_is_used_before_the_afternoon():
    # Two pairs, each free all day: nothing is lost by meeting in the first slot.
    data = {
        "format": "tradebridge.schedule-problem/1",
        "slots": [{"id": f"s{i}", "start": f"2021-01-19T0{i}:00:00Z", "end": f"2021-01-19T0{i}:20:00Z"}
                  for i in range(8)],
        "venues": [{"id": "laocai", "tz": "Asia/Ho_Chi_Minh", "tables": 1, "booths": 0}],
        "participants": [{"id": f"p{i}", "venue": "laocai"} for i in range(4)],
        "requests": [{"a": "p0", "b": "p1"}, {"a": "p2", "b": "p3"}, {"a": "p0", "b": "p2"}],
    }
    problem = parse_problem(data)
    schedule = run(problem)
    assert sorted(problem.slot_index[m.slot] for m in schedule.meetings) == [0, 1, 2]


def test_all_requests_placed_with_fewest_breaks():
    # p1 meets five partners in six slots: all six requests fit, in few ways.
    data = {
        "format": "tradebridge.schedule-problem/1",
        "slots": [
            {"id": f"s{i}", "start": f"2021-01-19T0{i}:00:00Z", "end": f"2021-01-19T0{i}:20:00Z"}
            for i in range(6)
        ],
        "venues": [{"id": "laocai", "tz": "Asia/Ho_Chi_Minh", "tables": 3, "booths": 0}],
        "participants": [
            {"id": "p1", "venue": "laocai"},
            {"id": "p2", "venue": "laocai", "available": ["s0", "s5"]},
            {"id": "p3", "venue": "laocai", "available": ["s0", "s1", "s4"]},
            {"id": "p4", "venue": "laocai", "available": ["s2", "s3"]},
            {"id": "p5", "venue": "laocai", "available": ["s1", "s3", "s5"]},
            {"id": "p6", "venue": "laocai", "available": ["s0", "s4"]},
        ],
        "requests": [{"a": "p1", "b": f"p{i}"} for i in range(2, 7)] + [{"a": "p4", "b": "p5"}],
    }
    problem = parse_problem(data)
    schedule = run(problem)
    assert check_schedule(problem, schedule) == []
    assert schedule.objective == 6 == schedule.bound and not schedule.unscheduled
    assert schedule.breaks == brute_force(problem)[1]
    assert first_come_first_served(problem).objective < 6  # earliest slots first leave one out


def test_example_is_solved_to_optimality():
    problem = parse_problem(example())
    schedule = run(problem)
    assert (schedule.objective, schedule.bound) == brute_force(problem)[:1] * 2
    assert schedule.breaks == brute_force(problem)[1]
    assert {(u.a, u.b) for u in schedule.unscheduled} == {("p001", "p005"), ("p002", "p006")}


def test_locked_meetings_stay_where_they_are():
    problem = parse_problem(example())
    free = run(problem)
    locked = parse_meetings(problem, [{"a": "p001", "b": "p004", "slot": "s01"}], "locked")
    schedule = run(problem, locked=locked)
    assert check_schedule(problem, schedule) == []
    assert locked[0] in schedule.meetings
    assert schedule.objective <= free.objective  # a lock may cost, never gain


def test_impossible_locks_are_refused():
    problem = parse_problem(example())
    with pytest.raises(ProblemError, match="locked\\[0\\]: p002–p006 cannot meet in s01"):
        run(problem, locked=parse_meetings(problem, [{"a": "p002", "b": "p006", "slot": "s01"}]))
    clash = parse_meetings(
        problem,
        [
            {"a": "p001", "b": "p002", "slot": "s01"},
            {"a": "p001", "b": "p003", "slot": "s02"},
            {"a": "p001", "b": "p004", "slot": "s03"},
            {"a": "p001", "b": "p005", "slot": "s03"},
        ],
    )
    with pytest.raises(
        ProblemError, match="locked\\[3\\]: p001–p005 in s03 clashes with the meetings locked before"
    ):
        run(problem, locked=clash)


def test_reoptimisation_after_a_late_acceptance_and_a_cancellation_moves_few():
    data = example()
    problem = parse_problem(data)
    first = run(problem)
    # A late acceptance: p003 and p004 will meet too.
    data["requests"].append({"a": "p003", "b": "p004"})
    later = parse_problem(data)
    again = run(later, previous=first)
    assert check_schedule(later, again) == []
    assert again.objective == brute_force(later)[0]
    kept = set(first.meetings) & set(again.meetings)
    assert again.moved == len(first.meetings) - len(kept)
    assert again.moved <= 1
    # A cancellation: p001 and p004 no longer meet; the others stay where they were.
    data["requests"] = [r for r in data["requests"] if {r["a"], r["b"]} != {"p001", "p004"}]
    cancelled = parse_problem(data)
    third = run(cancelled, previous=again)
    assert check_schedule(cancelled, third) == []
    assert third.moved == 0
    survivors = [m for m in again.meetings if m.pair != frozenset(("p001", "p004"))]
    assert set(survivors) <= set(third.meetings)
    assert third.objective == brute_force(cancelled)[0]


def test_progress_is_reported():
    calls = []
    run(parse_problem(example()), progress=lambda fraction, message: calls.append((fraction, message)))
    assert calls[0][0] == 0.0 and calls[-1][0] == 1.0
    assert all(0.0 <= fraction <= 1.0 for fraction, _ in calls)
    assert calls[-1][1].startswith("done: ")


def test_an_event_without_requests_gets_an_empty_schedule():
    data = example()
    data["requests"] = []
    schedule = run(parse_problem(data))
    assert (schedule.meetings, schedule.unscheduled, schedule.objective, schedule.bound) == ([], [], 0, 0)
    assert schedule.to_json()["breaks"] == 0
