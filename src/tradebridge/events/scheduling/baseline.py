"""First come, first served: requests in file order, each in its earliest feasible slot.

The yardstick of the benchmark, and the bookkeeping (:class:`Occupancy`) that the solver's warm
start and the reasons for unscheduled requests share.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from .check import breaks_per_participant, count_breaks
from .problem import Meeting, Problem, Request, Schedule, Unscheduled


class Occupancy:
    """Who meets when, and how many tables and booths each venue has left in each slot."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.busy: dict[str, set[int]] = {p: set() for p in problem.participants}
        self.tables = {v.id: [v.tables] * len(problem.slots) for v in problem.venues.values()}
        self.booths = {v.id: [v.booths] * len(problem.slots) for v in problem.venues.values()}

    def room(self, request: Request, t: int) -> bool:
        """Whether rules 3 and 4 leave room for ``request`` in slot ``t`` (rule 1 is the caller's)."""
        a, b = request.a, request.b
        if t in self.busy[a] or t in self.busy[b]:
            return False
        if len(self.busy[a]) >= self.problem.cap(a) or len(self.busy[b]) >= self.problem.cap(b):
            return False
        venue_a, venue_b = self.problem.participants[a].venue, self.problem.participants[b].venue
        if venue_a == venue_b:
            return self.tables[venue_a][t] > 0
        return self.booths[venue_a][t] > 0 and self.booths[venue_b][t] > 0

    def place(self, request: Request, t: int) -> None:
        self.busy[request.a].add(t)
        self.busy[request.b].add(t)
        participants = self.problem.participants
        venue_a, venue_b = participants[request.a].venue, participants[request.b].venue
        if venue_a == venue_b:
            self.tables[venue_a][t] -= 1
        else:
            self.booths[venue_a][t] -= 1
            self.booths[venue_b][t] -= 1

    def why_not(self, request: Request) -> str:
        """Why ``request`` cannot be added to the meetings placed so far."""
        problem = self.problem
        slots = problem.allowed_slots(request)
        if not slots:
            mode, venue = problem.mode_of(request)
            for who in (request.a, request.b):
                if problem.cap(who) == 0:
                    return f"{who} takes no meetings"
            if mode == "table" and problem.venues[venue].tables == 0:
                return f"{venue} has no tables"
            for who in (request.a, request.b):
                if mode == "online" and problem.venues[problem.participants[who].venue].booths == 0:
                    return f"{problem.participants[who].venue} has no booths"
            if request.slots is not None:
                return "no common free slot among the slots the request allows"
            return "no common free slot"
        for who in (request.a, request.b):
            if len(self.busy[who]) >= problem.cap(who):
                return f"{who} already has its maximum of {problem.cap(who)} meetings"
        if all(t in self.busy[request.a] or t in self.busy[request.b] for t in slots):
            return "every common free slot is taken by other meetings"
        mode, _venue = problem.mode_of(request)
        room = "table" if mode == "table" else "booth"
        return f"no {room} free in the common free slots that are not taken by other meetings"


def assemble(problem: Problem, placed: Iterable[tuple[int, int]], *, bound: int, seconds: float) -> Schedule:
    """A :class:`Schedule` from (request index, slot index) pairs, with reasons for the rest."""
    occupancy = Occupancy(problem)
    meetings: list[Meeting] = []
    done = set()
    for r, t in sorted(placed, key=lambda rt: (rt[1], rt[0])):
        request = problem.requests[r]
        occupancy.place(request, t)
        meetings.append(problem.meeting(request, problem.slots[t].id))
        done.add(r)
    unscheduled = [
        Unscheduled(request.a, request.b, occupancy.why_not(request))
        for r, request in enumerate(problem.requests)
        if r not in done
    ]
    objective = sum(problem.requests[r].weight for r in done)
    per_participant = breaks_per_participant(problem, meetings)
    return Schedule(
        meetings,
        unscheduled,
        objective=objective,
        bound=max(bound, objective),
        breaks=sum(per_participant.values()),
        seconds=seconds,
        max_breaks=max(per_participant.values(), default=0),
        optimal=objective >= bound,
    )


def first_come_first_served(problem: Problem) -> Schedule:
    started = time.perf_counter()
    occupancy = Occupancy(problem)
    placed = []
    for r, request in enumerate(problem.requests):
        for t in problem.allowed_slots(request):
            if occupancy.room(request, t):
                occupancy.place(request, t)
                placed.append((r, t))
                break
    total = sum(request.weight for request in problem.requests)
    return assemble(problem, placed, bound=total, seconds=time.perf_counter() - started)


__all__ = ["Occupancy", "assemble", "count_breaks", "first_come_first_served"]
