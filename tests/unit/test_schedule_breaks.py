"""The breaks phase (events/scheduling/breaks.py, breaks_sat.py): it keeps every placed meeting,
every lock and every per-request slot, never adds breaks, and reaches the fewest possible."""

from __future__ import annotations

import itertools
import time

from hypothesis import given, settings

from tradebridge.events.scheduling import breaks as breaks_module
from tradebridge.events.scheduling import breaks_sat
from tradebridge.events.scheduling import solver as solver_module
from tradebridge.events.scheduling.baseline import assemble
from tradebridge.events.scheduling.breaks import data_of, fewer_breaks, key
from tradebridge.events.scheduling.check import check_schedule
from tradebridge.events.scheduling.problem import parse_meetings, parse_problem
from tradebridge.events.scheduling.relaxation import Instance
from tradebridge.events.scheduling.solver import solve, warm_start

from .schedule_strategies import problems


def _fewest(instance, placed: dict[int, int]) -> tuple[int, int]:
    """Brute force: the best (total, most) breaks of these meetings over every slot choice."""
    problem, requests = instance.problem, sorted(placed)
    best = None
    for choice in itertools.product(*(instance.slots[r] for r in requests)):
        trial = dict(zip(requests, choice, strict=True))
        if check_schedule(problem, assemble(problem, trial.items(), bound=0, seconds=0)):
            continue
        best = min(best or key(problem, trial), key(problem, trial))
    return best


@settings(max_examples=25, deadline=None)
@given(problems(max_slots=5, max_participants=5, max_requests=6))
def test_breaks_never_increase_and_reach_the_fewest_for_the_placed_meetings(data):
    problem = parse_problem(data)
    instance = Instance(problem, [])
    placed = warm_start(instance, set())
    found, proven = fewer_breaks(instance, placed, deadline=time.perf_counter() + 5, workers=1)
    assert set(found) == set(placed)  # no meeting lost, none added
    assert check_schedule(problem, assemble(problem, found.items(), bound=0, seconds=0)) == []
    assert key(problem, found) <= key(problem, placed)
    if placed:
        assert proven
        assert key(problem, found) == _fewest(instance, placed)


def _slots(n: int) -> list[dict]:
    # s0–s2 in the morning, s3–s5 in the afternoon after a lunch pause that is not a slot.
    hours = [1, 2, 3, 6, 7, 8]
    return [
        {"id": f"s{i}", "start": f"2022-03-01T0{hours[i]}:00:00Z", "end": f"2022-03-01T0{hours[i]}:30:00Z"}
        for i in range(n)
    ]


LOCKED_EVENT = {
    "format": "tradebridge.schedule-problem/1",
    "slots": _slots(6),
    "venues": [{"id": "fair", "tz": "Asia/Vientiane", "tables": 1, "booths": 0}],
    "participants": [{"id": f"p{i}", "venue": "fair"} for i in range(4)],
    "requests": [
        {"a": "p0", "b": "p1", "slots": ["s3", "s4", "s5"]},  # an afternoon meeting
        {"a": "p0", "b": "p2"},
        {"a": "p0", "b": "p3"},
        {"a": "p1", "b": "p2"},
    ],
}
# One table: one meeting a slot.  p0–p2 is locked in s1 and p0–p1 is in the afternoon, so p0 has
# no break only with p0–p3 in s2 and p0–p1 in s3, and then p1–p2 breaks p1's day or p2's: the
# fewest breaks are 1 (p0–p3 in s0, p1–p2 in s2, p0–p1 in s3, say), the most of one person 1.


def test_a_lock_and_an_afternoon_request_are_kept_and_the_fewest_breaks_reached():
    problem = parse_problem(LOCKED_EVENT)
    locked = parse_meetings(problem, [{"a": "p0", "b": "p2", "slot": "s1"}], "locked")
    schedule = solve(problem, time_limit=10, locked=locked, workers=1, seed=0)
    assert check_schedule(problem, schedule) == []
    slot_of = {m.pair: m.slot for m in schedule.meetings}
    assert len(slot_of) == 4  # every request placed
    assert slot_of[frozenset(("p0", "p2"))] == "s1"
    assert slot_of[frozenset(("p0", "p1"))] in {"s3", "s4", "s5"}
    assert (schedule.breaks, schedule.max_breaks) == (1, 1)


def _bad_schedule(problem) -> tuple[dict[int, int], dict[tuple[str, str], int]]:
    """LOCKED_EVENT's meetings in slots that give 3 breaks, and each pair's request index."""
    index = {m: problem.request_index[frozenset(m)] for m in (("p0", "p1"), ("p0", "p2"), ("p0", "p3"), ("p1", "p2"))}
    return {index["p0", "p1"]: 5, index["p0", "p2"]: 1, index["p0", "p3"]: 3, index["p1", "p2"]: 0}, index


def test_the_sat_search_moves_a_bad_schedule_to_the_proven_fewest_breaks():
    problem = parse_problem(LOCKED_EVENT)
    locked = parse_meetings(problem, [{"a": "p0", "b": "p2", "slot": "s1"}], "locked")
    instance = Instance(problem, locked)
    bad, index = _bad_schedule(problem)
    assert key(problem, bad) == (3, 2)  # p0: s1, s3, s5; p1: s0, s5
    for workers in (1, 2):  # the downward search alone, and with the upward one beside it
        found, proven = fewer_breaks(instance, bad, deadline=time.perf_counter() + 10, workers=workers)
        assert proven and key(problem, found) == (1, 1)
        assert found[index["p0", "p2"]] == 1 and found[index["p0", "p1"]] >= 3


def test_the_lower_bound_counts_the_breaks_that_availability_forces():
    data = dict(LOCKED_EVENT, participants=[
        {"id": "p0", "venue": "fair", "available": ["s0", "s1", "s3", "s4"]},  # s2 off: a gap
        *({"id": f"p{i}", "venue": "fair"} for i in range(1, 4)),
    ], requests=[{"a": "p0", "b": f"p{i}"} for i in (1, 2, 3)])
    data["venues"] = [{"id": "fair", "tz": "Asia/Vientiane", "tables": 3, "booths": 0}]
    problem = parse_problem(data)
    instance = Instance(problem, [])
    placed = warm_start(instance, set())
    assert len(placed) == 3
    # p0 meets three times in runs of two slots (s0–s1, s3–s4): one break at least, and one is enough.
    assert breaks_sat.lower_bound(data_of(instance, placed)) == 1
    found, proven = fewer_breaks(instance, placed, deadline=time.perf_counter() + 10, workers=2)
    assert proven and key(problem, found) == (1, 1)


class _Pipe:
    """The parent's end of a child's pipe, in-process: what the search sends, in order."""

    def __init__(self):
        self.sent = []

    def send(self, message):
        self.sent.append(message)


@settings(max_examples=25, deadline=None)
@given(problems(max_slots=5, max_participants=5, max_requests=6))
def test_the_upward_search_reaches_the_fewest_breaks_and_proves_them(data):
    # The search from the lower bound up (one run per participant, then the cores of "no break
    # at all"), in-process: its last schedule is valid, keeps every meeting and is the fewest.
    problem = parse_problem(data)
    instance = Instance(problem, [])
    placed = warm_start(instance, set())
    if not placed:
        return
    pipe = _Pipe()
    breaks_sat._search(data_of(instance, placed), placed, pipe, upward=True)
    stage, found, proven = pipe.sent[-1]
    assert (stage, proven) == ("most", True)
    assert set(found) == set(placed)
    assert check_schedule(problem, assemble(problem, found.items(), bound=0, seconds=0)) == []
    assert key(problem, found) == _fewest(instance, placed)


def test_one_break_is_found_by_trying_each_person_of_the_core(monkeypatch):
    # LOCKED_EVENT: "no break" is impossible; one break, of p1 or p2, is the fewest.  The upward
    # search finds the core of "no break" and then tries its people one at a time.
    problem = parse_problem(LOCKED_EVENT)
    instance = Instance(problem, parse_meetings(problem, [{"a": "p0", "b": "p2", "slot": "s1"}], "locked"))
    placed, _index = _bad_schedule(problem)  # 3 breaks
    tried = []
    one_break = breaks_sat._one_break
    monkeypatch.setattr(breaks_sat, "_one_break", lambda *args: tried.append(args[2]) or one_break(*args))
    pipe = _Pipe()
    breaks_sat._search(data_of(instance, placed), placed, pipe, upward=True)
    assert len(tried) == 1 and tried[0]  # called once, with a core
    stage, found, proven = next(message for message in pipe.sent if message[0] == "total")
    assert (stage, proven, key(problem, found)) == ("total", True, (1, 1))


def test_the_solver_reports_the_breaks_proven():
    # Every request placed and the SAT phase proves the fewest breaks: the schedule says so (the
    # CP-SAT pass after it only moves meetings earlier, briefly, at the same breaks).
    problem = parse_problem(LOCKED_EVENT)
    locked = parse_meetings(problem, [{"a": "p0", "b": "p2", "slot": "s1"}], "locked")
    schedule = solve(problem, time_limit=20, locked=locked, workers=2, seed=0)
    assert schedule.breaks_proven and schedule.optimal
    assert (schedule.breaks, schedule.max_breaks) == (1, 1)


def test_large_events_get_the_sat_phase_too(monkeypatch):
    # An event over LARGE goes the decomposition's way (lns.py); its breaks still go to SAT when
    # the encoding fits, and come out proven fewest, with the lock and the afternoon kept.
    monkeypatch.setattr(solver_module, "LARGE", 0)
    problem = parse_problem(LOCKED_EVENT)
    locked = parse_meetings(problem, [{"a": "p0", "b": "p2", "slot": "s1"}], "locked")
    schedule = solve(problem, time_limit=20, locked=locked, workers=2, seed=0)
    assert check_schedule(problem, schedule) == []
    slot_of = {m.pair: m.slot for m in schedule.meetings}
    assert len(slot_of) == 4
    assert slot_of[frozenset(("p0", "p2"))] == "s1"
    assert slot_of[frozenset(("p0", "p1"))] in {"s3", "s4", "s5"}
    assert schedule.breaks_proven
    assert (schedule.breaks, schedule.max_breaks) == (1, 1)


def test_large_events_skip_the_sat_phase_when_it_would_not_fit(monkeypatch):
    monkeypatch.setattr(solver_module, "LARGE", 0)
    monkeypatch.setattr(breaks_module, "SAT_CHOICES", 0)
    problem = parse_problem(LOCKED_EVENT)
    locked = parse_meetings(problem, [{"a": "p0", "b": "p2", "slot": "s1"}], "locked")
    schedule = solve(problem, time_limit=3, locked=locked, workers=2, seed=0)
    assert check_schedule(problem, schedule) == []
    assert len(schedule.meetings) == 4
    assert not schedule.breaks_proven  # the decomposition alone proves nothing
