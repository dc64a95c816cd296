"""Hypothesis strategies for meeting-schedule problems (spec/schedule.md), shared by the tests."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from tradebridge.events.scheduling.check import check_schedule, count_breaks
from tradebridge.events.scheduling.problem import Problem, Schedule

TZS = ["Asia/Ho_Chi_Minh", "Asia/Shanghai", "Asia/Vientiane"]


@st.composite
def problems(draw, max_slots: int = 4, max_participants: int = 6, max_requests: int = 8) -> dict:
    """A valid problem document: a few slots, venues, participants and requests."""
    n_slots = draw(st.integers(1, max_slots))
    slot_ids = [f"s{i}" for i in range(n_slots)]
    slots = [
        {"id": s, "start": f"2021-01-19T0{i}:00:00Z", "end": f"2021-01-19T0{i}:20:00+00:00"}
        for i, s in enumerate(slot_ids)
    ]
    slots = draw(st.permutations(slots))  # file order need not be time order
    venues = []
    for i in range(draw(st.integers(1, 3))):
        tables, booths = draw(st.integers(0, 2)), draw(st.integers(0, 2))
        if tables == booths == 0:
            tables = 1
        venues.append({"id": f"v{i}", "tz": draw(st.sampled_from(TZS)), "tables": tables, "booths": booths})
    participants = []
    for i in range(draw(st.integers(2, max_participants))):
        entry = {"id": f"p{i}", "venue": draw(st.sampled_from([v["id"] for v in venues]))}
        if draw(st.booleans()):
            entry["available"] = draw(st.lists(st.sampled_from(slot_ids), unique=True))
        if draw(st.booleans()):
            entry["max_meetings"] = draw(st.integers(0, 3))
        participants.append(entry)
    ids = [p["id"] for p in participants]
    pairs = list(itertools.combinations(ids, 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=max_requests))
    requests = []
    for a, b in chosen:
        request = {"a": a, "b": b} if draw(st.booleans()) else {"a": b, "b": a}
        if draw(st.booleans()):
            request["weight"] = draw(st.integers(1, 3))
        if draw(st.integers(0, 3)) == 0:
            request["slots"] = draw(st.lists(st.sampled_from(slot_ids), unique=True, min_size=1))
        requests.append(request)
    return {
        "format": "tradebridge.schedule-problem/1",
        "slots": slots,
        "venues": venues,
        "participants": participants,
        "requests": requests,
    }


def brute_force(problem: Problem) -> tuple[int, int]:
    """The best objective and, among the schedules that reach it, the fewest breaks."""
    options = [[None, *(problem.slots[t].id for t in problem.allowed_slots(r))] for r in problem.requests]
    best = (0, 0)
    for choice in itertools.product(*options):
        meetings = [
            problem.meeting(request, slot)
            for request, slot in zip(problem.requests, choice, strict=True)
            if slot
        ]
        objective = sum(r.weight for r, slot in zip(problem.requests, choice, strict=True) if slot)
        if objective < best[0]:
            continue
        breaks = count_breaks(problem, meetings)
        schedule = Schedule(meetings, objective=objective, breaks=breaks)
        if check_schedule(problem, schedule):
            continue
        if (objective, -breaks) > (best[0], -best[1]):
            best = (objective, breaks)
    return best


def brute_force_lateness(problem: Problem) -> int:
    """Among the schedules with the best objective, the fewest breaks and then the fewest breaks of
    one participant, the smallest sum of slot indexes (the earliest schedule)."""
    from tradebridge.events.scheduling.check import breaks_per_participant

    options = [[None, *problem.allowed_slots(r)] for r in problem.requests]
    best = None
    for choice in itertools.product(*options):
        meetings = [problem.meeting(request, problem.slots[t].id)
                    for request, t in zip(problem.requests, choice, strict=True) if t is not None]
        objective = sum(r.weight for r, t in zip(problem.requests, choice, strict=True) if t is not None)
        counts = breaks_per_participant(problem, meetings)
        schedule = Schedule(meetings, objective=objective, breaks=sum(counts.values()))
        if check_schedule(problem, schedule):
            continue
        key = (-objective, sum(counts.values()), max(counts.values(), default=0),
               sum(t for t in choice if t is not None))
        if best is None or key < best:
            best = key
    return best[3]
