"""What bounds the objective: the problem as integer indexes, and a relaxation of it.

:class:`Instance` lists, per request, the slots that rule 1 and the venues allow and, per
participant, its requests and its reach (the most meetings it can have).  :class:`Relaxation`
chooses which requests to place without choosing slots, under each participant's reach and
each venue's tables and booths over the day (per slot, the fewer of the venue's booths and a
maximum flow of its people to partners elsewhere).  Every schedule is a solution of it, so its
optimum — and the optimum of its linear programme — is a proven upper bound on the objective.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ortools.graph.python import max_flow
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from .baseline import Occupancy
from .problem import Meeting, Problem, ProblemError

_sum = cp_model.LinearExpr.sum


class Instance:
    """Integer indexes of a problem: per request its feasible slots, per participant its requests."""

    def __init__(self, problem: Problem, locked: Iterable[Meeting]):
        self.problem = problem
        self.n_slots = len(problem.slots)
        self.slots: list[list[int]] = [problem.allowed_slots(r) for r in problem.requests]
        self.locked: dict[int, int] = {}
        occupancy = Occupancy(problem)
        for i, meeting in enumerate(locked):
            r = problem.request_index.get(meeting.pair)
            t = problem.slot_index.get(meeting.slot)
            if r is None or t is None:
                raise ProblemError(f"locked[{i}]: {meeting.a}–{meeting.b} in {meeting.slot} is not a request")
            if t not in self.slots[r]:
                raise ProblemError(
                    f"locked[{i}]: {meeting.a}–{meeting.b} cannot meet in {meeting.slot} (rule 1 or 4)"
                )
            if r in self.locked:
                raise ProblemError(f"locked[{i}]: {meeting.a}–{meeting.b} is locked twice")
            if not occupancy.room(problem.requests[r], t):
                raise ProblemError(
                    f"locked[{i}]: {meeting.a}–{meeting.b} in {meeting.slot} clashes with the meetings "
                    "locked before it (a participant busy or at its cap, or no table or booth left)"
                )
            occupancy.place(problem.requests[r], t)
            self.locked[r] = t
            self.slots[r] = [t]
        self.of: dict[str, list[int]] = defaultdict(list)
        for r, request in enumerate(problem.requests):
            if self.slots[r]:
                self.of[request.a].append(r)
                self.of[request.b].append(r)

    def reach(self, participant: str) -> int:
        """The most meetings a participant can have: its cap, and a matching of its requests to
        slots (Hall: many requests that share two slots still make two meetings at most)."""
        requests = self.of.get(participant, [])
        cap = min(self.problem.cap(participant), len(requests))
        if cap == 0:
            return 0
        union = {t for r in requests for t in self.slots[r]}
        if len(union) <= cap and len(requests) >= 4 * len(union):
            return len(union)  # a shortcut for popular participants: every slot is surely usable
        holder: dict[int, int] = {}  # slot -> request (Kuhn's augmenting paths)

        def augment(r: int, seen: set[int]) -> bool:
            for t in self.slots[r]:
                if t not in seen:
                    seen.add(t)
                    if t not in holder or augment(holder[t], seen):
                        holder[t] = r
                        return True
            return False

        size = 0
        for r in requests:
            if augment(r, set()):
                size += 1
                if size >= cap:
                    break
        return min(cap, size)


class Relaxation:
    """Which requests to place, ignoring which slot: each participant's reach, each venue's
    tables and booths over the day.  Every schedule is a solution, so its optimum (and the
    optimum of its linear programme) is a proven bound on the objective."""

    def __init__(self, instance: Instance):
        self.instance = instance
        problem = instance.problem
        self.ids = [r for r, slots in enumerate(instance.slots) if slots]
        self.weights = [problem.requests[r].weight for r in self.ids]
        self.rows: list[tuple[list[int], int]] = []
        for participant, requests in instance.of.items():
            reach = instance.reach(participant)
            if reach < len(requests):
                self.rows.append((requests, reach))
        tables: dict[str, list[int]] = defaultdict(list)
        booths: dict[str, list[int]] = defaultdict(list)
        for r in self.ids:
            request = problem.requests[r]
            mode, venue = problem.mode_of(request)
            if mode == "table":
                tables[venue].append(r)
            else:
                booths[problem.participants[request.a].venue].append(r)
                booths[problem.participants[request.b].venue].append(r)
        for venue, requests in tables.items():
            room = _table_room(instance, venue, requests)
            if room < len(requests):
                self.rows.append((requests, room))
        for venue, requests in booths.items():
            room = _booth_room(instance, venue, requests)
            if room < len(requests):
                self.rows.append((requests, room))

    def linear(self) -> tuple[int, dict[int, float]]:
        """The bound of the linear programme (GLOP; fast) and its values."""
        solver = pywraplp.Solver.CreateSolver("GLOP")
        y = {r: solver.NumVar(1.0 if r in self.instance.locked else 0.0, 1.0, "") for r in self.ids}
        for requests, room in self.rows:
            constraint = solver.Constraint(-solver.infinity(), room)
            for r in requests:
                constraint.SetCoefficient(y[r], 1)
        objective = solver.Objective()
        for r, weight in zip(self.ids, self.weights, strict=True):
            objective.SetCoefficient(y[r], weight)
        objective.SetMaximization()
        if solver.Solve() != pywraplp.Solver.OPTIMAL:
            return sum(self.weights), dict.fromkeys(self.ids, 1.0)
        return int(objective.Value() + 1e-6), {r: var.solution_value() for r, var in y.items()}

    def model(self, hint: Iterable[int] = ()) -> tuple[cp_model.CpModel, dict[int, cp_model.IntVar]]:
        model = cp_model.CpModel()
        y = {r: model.new_bool_var("") for r in self.ids}
        for requests, room in self.rows:
            model.add(_sum([y[r] for r in requests]) <= room)
        for r in self.instance.locked:
            model.add(y[r] == 1)
        model.maximize(cp_model.LinearExpr.weighted_sum([y[r] for r in self.ids], self.weights))
        chosen = set(hint)
        for r, var in y.items():
            model.add_hint(var, r in chosen)
        return model, y

    def integer_bound(self, solver: cp_model.CpSolver, hint: Iterable[int] = ()) -> int | None:
        """The bound of the integer programme (CP-SAT; tighter, slower), or None if none yet."""
        model, _y = self.model(hint)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return int(solver.best_objective_bound + 1e-6)


def _table_room(instance: Instance, venue: str, requests: list[int]) -> int:
    """Table meetings a venue can hold over the day: per slot, its tables or half the people
    there who could meet in that slot, whichever is fewer."""
    tables = instance.problem.venues[venue].tables
    people: dict[int, set[str]] = defaultdict(set)
    for r in requests:
        request = instance.problem.requests[r]
        for t in instance.slots[r]:
            people[t].update((request.a, request.b))
    return sum(min(tables, len(who) // 2) for who in people.values())


def _booth_room(instance: Instance, venue: str, requests: list[int]) -> int:
    """Online meetings a venue can hold over the day: per slot, the fewer of its booths and a
    maximum flow (its people -> their partners elsewhere -> the partners' venues' booths)."""
    problem = instance.problem
    by_slot: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for r in requests:
        request = problem.requests[r]
        if problem.participants[request.a].venue == venue:
            here, there = request.a, request.b
        else:
            here, there = request.b, request.a
        for t in instance.slots[r]:
            by_slot[t].append((here, there))
    booths = problem.venues[venue].booths
    room = 0
    for pairs in by_slot.values():
        flow = max_flow.SimpleMaxFlow()
        nodes: dict[tuple[str, str], int] = {}  # 0: source, 1: sink
        for here, there in pairs:
            tail = nodes.setdefault(("p", here), len(nodes) + 2)
            head = nodes.setdefault(("q", there), len(nodes) + 2)
            flow.add_arc_with_capacity(tail, head, 1)
        for (kind, name), index in list(nodes.items()):
            if kind == "p":
                flow.add_arc_with_capacity(0, index, 1)
            else:
                other = nodes.setdefault(("v", problem.participants[name].venue), len(nodes) + 2)
                flow.add_arc_with_capacity(index, other, 1)
        for (kind, name), index in nodes.items():
            if kind == "v":
                flow.add_arc_with_capacity(index, 1, problem.venues[name].booths)
        if flow.solve(0, 1) == flow.OPTIMAL:
            room += min(booths, flow.optimal_flow())
        else:
            room += booths
    return room
