"""The meeting scheduler: OR-Tools CP-SAT, lexicographic aims, a proven bound, a warm start.

``solve`` works in phases, each keeping what the phase before it achieved:

1. the objective (rule 5, the sum of the weights of the placed requests), maximal.  The bound
   comes first: the linear programme of :class:`~.relaxation.Relaxation` (GLOP, about a second
   for 25,000 requests, and tight on skewed events).  A greedy warm start follows, placing the
   requests that the relaxation chooses first.  Then two searches run side by side, one per
   core: the main thread improves the schedule by decomposition (:mod:`.lns`: exact CP-SAT
   steps on a few participants or one slot at a time), while a second CP-SAT solve works on the
   whole model (events up to ``LARGE`` variables: its bound may be tighter and it may prove
   optimality) or on the relaxation as an integer programme (larger events: a tighter bound);
2. with a previous schedule (re-optimisation after a cancellation or a late acceptance): the
   number of its meetings moved or dropped, minimal;
3. breaks (rule 6): their sum, then the most breaks any one participant has (fairness): first
   by SAT on the placed meetings (:mod:`.breaks`, on large events where its encoding fits),
   then on the whole CP-SAT model where it is small enough (which may also swap requests of
   the same weight), else by decomposition; below them, with the same weight as a tie-break
   only, earlier slots (the sum of the placed meetings' slot indexes), so that meetings do not
   drift to the end of the day when the morning costs nothing.  When every request is placed
   and SAT proves the breaks fewest, that tie-break alone is left: it gets a few seconds at
   most (``TIE_BREAK``), and the schedule says ``breaks_proven``.
"""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable

from ortools.sat.python import cp_model

from .baseline import Occupancy, assemble
from .breaks import fewer_breaks, fewer_breaks_large
from .check import breaks_per_participant
from .lns import improve
from .problem import Meeting, Problem, ProblemError, Schedule
from .relaxation import Instance, Relaxation

Progress = Callable[[float, str], None]
_sum = cp_model.LinearExpr.sum
LARGE = 15_000  # variables: beyond this the objective is sought by decomposition (lns.py)
# Of the time left for breaks, the SAT search's (breaks.py), the rest CP-SAT's: nearly all where
# every request that can meet is placed (CP-SAT has nothing to swap in), else half (on the
# generated events, where many are left out, swapping requests of the same weight counts).
SAT_SHARE = {True: 0.95, False: 0.5}
# Of the time limit, the most that the lateness tie-break may take once the breaks are proven.
TIE_BREAK = 0.05


def _solver(time_limit: float, workers: int, seed: int, *, size: int = 0) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if workers == 1:
        # One worker: the strongest single line of search here is the one with every cut.
        solver.parameters.linearization_level = 2
    if size > LARGE:
        # CP-SAT's presolve of a model this size would eat the whole time limit.
        solver.parameters.max_presolve_iterations = 1
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
    return solver


def warm_start(instance: Instance, first: set[int], prefer: dict[int, int] | None = None) -> dict[int, int]:
    """A greedy schedule (request -> slot): the locked meetings, then those of ``prefer`` (a
    previous schedule) where they still fit, then the relaxation's choice ``first``, then the rest,
    heaviest and most constrained first; each in the free slot next to the most meetings of its
    two participants, so as to leave few breaks."""
    problem = instance.problem
    occupancy = Occupancy(problem)
    placed: dict[int, int] = {}
    for r, t in instance.locked.items():
        occupancy.place(problem.requests[r], t)
        placed[r] = t
    for r, t in (prefer or {}).items():
        if r not in placed and t in instance.slots[r] and occupancy.room(problem.requests[r], t):
            occupancy.place(problem.requests[r], t)
            placed[r] = t
    order = sorted(
        (r for r, slots in enumerate(instance.slots) if slots and r not in placed),
        key=lambda r: (r not in first, -problem.requests[r].weight, len(instance.slots[r]), r),
    )
    for r in order:
        request = problem.requests[r]
        best, best_score = None, None
        for t in instance.slots[r]:
            if occupancy.room(request, t):
                near = sum(
                    (t - 1 in occupancy.busy[who]) + (t + 1 in occupancy.busy[who])
                    for who in (request.a, request.b)
                )
                score = (-near, t)
                if best_score is None or score < best_score:
                    best, best_score = t, score
        if best is not None:
            occupancy.place(request, best)
            placed[r] = best
    return placed


class _Model:
    """The CP-SAT model: x[r, t] says that request r meets in slot t."""

    def __init__(self, instance: Instance):
        self.instance = instance
        problem = instance.problem
        self.model = model = cp_model.CpModel()
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        per_request: dict[int, list] = defaultdict(list)
        per_person_slot: dict[tuple[str, int], list] = defaultdict(list)
        tables: dict[tuple[str, int], list] = defaultdict(list)
        booths: dict[tuple[str, int], list] = defaultdict(list)
        for r, slots in enumerate(instance.slots):
            request = problem.requests[r]
            mode, venue = problem.mode_of(request)
            venue_a, venue_b = problem.participants[request.a].venue, problem.participants[request.b].venue
            for t in slots:
                var = self.x[r, t] = model.new_bool_var(f"x{r}_{t}")
                per_request[r].append(var)
                per_person_slot[request.a, t].append(var)
                per_person_slot[request.b, t].append(var)
                if mode == "table":
                    tables[venue, t].append(var)
                else:
                    booths[venue_a, t].append(var)
                    booths[venue_b, t].append(var)
        for r, variables in per_request.items():
            if r in instance.locked:
                model.add(variables[0] == 1)
            elif len(variables) > 1:
                model.add_at_most_one(variables)
        self.busy: dict[str, dict[int, list]] = defaultdict(dict)
        for (who, t), variables in per_person_slot.items():
            self.busy[who][t] = variables
            if len(variables) > 1:
                model.add_at_most_one(variables)
        for who, by_slot in self.busy.items():
            reach = instance.reach(who)
            if reach < len(by_slot):
                model.add(_sum([v for variables in by_slot.values() for v in variables]) <= reach)
        for groups, size in ((tables, "tables"), (booths, "booths")):
            for (venue, _t), variables in groups.items():
                room = getattr(problem.venues[venue], size)
                if room < len(variables):
                    model.add(_sum(variables) <= room)
        self.objective = cp_model.LinearExpr.weighted_sum(
            list(self.x.values()), [problem.requests[r].weight for (r, _t) in self.x]
        )

    def hint(self, placed: dict[int, int]) -> None:
        self.model.clear_hints()
        for (r, t), var in self.x.items():
            self.model.add_hint(var, placed.get(r) == t)

    def breaks(self) -> tuple[cp_model.LinearExpr, cp_model.IntVar]:
        """The sum of breaks and the largest count of one participant, as CP-SAT expressions.

        A participant's meetings form blocks of consecutive slots; breaks = blocks - 1 (if any)."""
        model = self.model
        terms = []
        most = model.new_int_var(0, self.instance.n_slots, "most_breaks")
        for who, by_slot in self.busy.items():
            if len(by_slot) < 2 or self.instance.reach(who) < 2:
                continue  # a single meeting leaves no gap
            starts = []
            for t, variables in by_slot.items():
                start = model.new_bool_var(f"start_{who}_{t}")
                before = self.busy[who].get(t - 1, [])
                model.add(start >= _sum(variables) - _sum(before))
                starts.append(start)
            anything = model.new_bool_var(f"any_{who}")
            model.add(anything <= _sum([v for variables in by_slot.values() for v in variables]))
            count = _sum(starts) - anything
            terms.append(count)
            model.add(most >= count)
        return _sum(terms), most

    def lateness(self) -> tuple[cp_model.LinearExpr, int]:
        """The sum of the slot indexes of the placed meetings, and the most it can be."""
        terms = [(var, t) for (_r, t), var in self.x.items() if t]
        most = sum(max(slots, default=0) for slots in self.instance.slots)
        return cp_model.LinearExpr.weighted_sum([v for v, _t in terms], [t for _v, t in terms]), most

    def solution(self, solver: cp_model.CpSolver) -> dict[int, int]:
        return {r: t for (r, t), var in self.x.items() if solver.boolean_value(var)}


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, tell: Callable[[str], None], label: str):
        super().__init__()
        self.tell, self.label = tell, label

    def on_solution_callback(self) -> None:
        self.tell(f"{self.label}: {int(self.objective_value)}")


class _Background(threading.Thread):
    """A CP-SAT solve on its own core while the main thread runs the decomposition: the whole
    model where it is small enough (its LP bound is the tighter one), else the relaxation."""

    def __init__(self, solve_it: Callable[[cp_model.CpSolver], object], solver: cp_model.CpSolver):
        super().__init__(daemon=True)
        self.solve_it, self.solver = solve_it, solver
        self.answer: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.answer = self.solve_it(self.solver)
        except BaseException as exc:  # handed to the main thread
            self.error = exc

    def finish(self) -> object:
        if self.is_alive():
            self.solver.stop_search()  # what it has so far, bound included, still holds
        self.join()
        if self.error is not None:
            raise self.error
        return self.answer


def solve(
    problem: Problem,
    *,
    time_limit: float = 60.0,
    locked: Iterable[Meeting] = (),
    previous: Schedule | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    seed: int = 0,
) -> Schedule:
    """The best schedule found within ``time_limit`` seconds (see the module's docstring).

    ``locked`` meetings stay as they are (ProblemError if one cannot be held at all); with
    ``previous``, as few of its meetings as possible move (``Schedule.moved``); ``progress`` is
    called with (fraction done, message), always from the calling thread (a Django task may
    write it to the database); ``workers`` defaults to the machine's cores (at most 8).
    """
    started = time.perf_counter()
    workers = workers or max(1, min(8, os.cpu_count() or 1))
    deadline = started + time_limit

    def left() -> float:
        return deadline - time.perf_counter()

    def tell(message: str, fraction: float | None = None) -> None:
        if progress is not None:
            done = (time.perf_counter() - started) / time_limit if fraction is None else fraction
            progress(min(0.99, done) if fraction is None else fraction, message)

    instance = Instance(problem, locked)
    weight = [request.weight for request in problem.requests]
    size = sum(len(slots) for slots in instance.slots)
    tell("bounding", 0.0)
    relaxation = Relaxation(instance)
    bound, values = relaxation.linear()
    chosen = {r for r, value in values.items() if value > 0.5}
    prefer = _previous_slots(problem, previous)
    placed = warm_start(instance, chosen, prefer)
    best = sum(weight[r] for r in placed)
    tell(f"warm start: {best} (bound {bound})")
    model: _Model | None = None
    background: _Background | None = None
    search_until = started + (0.8 if size <= LARGE or previous is not None else 0.9) * time_limit
    if best < bound:
        solver = _solver(search_until - time.perf_counter(), max(1, workers - 1), seed)
        if size <= LARGE:  # the whole model: its bound is the tighter one, and it searches too
            model = _Model(instance)
            model.hint(placed)
            model.model.maximize(model.objective)

            def whole(solver: cp_model.CpSolver):
                return solver.solve(model.model), model.solution(solver)  # silent: not our thread

            background = _Background(whole, solver)
        else:  # the relaxation as an integer programme: a tighter bound than its LP
            background = _Background(lambda solver: relaxation.integer_bound(solver, chosen), solver)
        background.start()

        def stop(value: int) -> bool:
            if background.is_alive():
                return value >= bound
            return True if model is not None else value >= min(bound, background.answer or bound)

        placed = improve(
            instance,
            placed,
            deadline=search_until,
            seed=seed,
            prefer=prefer,
            stop=stop,
            on_improve=lambda value: tell(f"objective: {value}"),
        )
        best = sum(weight[r] for r in placed)
    if background is not None:
        answer = background.finish()
        if model is None:
            bound = min(bound, answer or bound)
        else:
            status, found = answer
            if status == cp_model.INFEASIBLE:  # only contradictory locked meetings can do this
                raise ProblemError("locked: the locked meetings cannot all be held together")
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                bound = min(bound, int(background.solver.best_objective_bound + 1e-6))
                if sum(weight[r] for r in found) > best:
                    placed, best = found, sum(weight[r] for r in found)
    bound = max(bound, best)
    if model is None and (size <= LARGE or previous is not None):
        model = _Model(instance)
    if model is None:  # too large for a whole-model pass: SAT where it fits, then decomposition
        tell("breaks")
        everything = all(r in placed for r, slots in enumerate(instance.slots) if slots)
        placed, settled = fewer_breaks_large(
            instance, placed, deadline=deadline - 0.02 * time_limit, share=SAT_SHARE[everything],
            everything=everything, workers=workers, seed=seed,
        )
        schedule = assemble(problem, placed.items(), bound=bound, seconds=time.perf_counter() - started)
        schedule.breaks_proven = settled
        tell(f"done: {schedule.objective} of at most {schedule.bound}, {schedule.breaks} breaks", 1.0)
        return schedule
    model.model.add(model.objective >= best)

    moved = None
    if previous is not None:
        kept = [model.x[r, t] for r, t in prefer.items() if (r, t) in model.x]
        kept_now = sum(1 for r, t in prefer.items() if placed.get(r) == t)
        if kept and left() > 0.05:
            model.hint(placed)
            model.model.maximize(cp_model.LinearExpr.sum(kept))
            solver = _solver(0.5 * left(), workers, seed, size=size)
            status = solver.solve(model.model, _Reporter(tell, "kept"))
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value >= kept_now:
                placed, kept_now = model.solution(solver), int(round(solver.objective_value))
        if kept:
            model.model.add(cp_model.LinearExpr.sum(kept) >= kept_now)
        moved = len(prefer) - kept_now

    settled = everything = False
    if previous is None and left() > 0.05:
        # SAT first (the same meetings, moved between slots: on the JAIR B2B benchmark far
        # stronger than CP-SAT on breaks); the CP-SAT pass below then starts from its schedule.
        tell("breaks (SAT)")
        everything = all(r in placed for r, slots in enumerate(instance.slots) if slots)
        until = time.perf_counter() + SAT_SHARE[everything] * left()
        placed, settled = fewer_breaks(instance, placed, deadline=until, workers=workers)
    proven = settled and everything  # nothing to swap in, and the breaks are proven fewest
    if left() > 0.05:
        total_breaks, most = model.breaks()
        now_total, now_most = _break_key(problem, placed)
        model.model.add(total_breaks <= now_total)  # never more breaks than the SAT schedule has
        if proven:  # only the tie-break on lateness is left: briefly, and stopped when optimal
            model.model.add(most <= now_most)
        model.hint(placed)
        # Lexicographic: breaks, then the most of one participant, then lateness (each slot index
        # of a placed meeting), scaled so that no amount of lateness outweighs one break.
        lateness, most_lateness = model.lateness()
        scale = most_lateness + 1
        model.model.minimize(scale * ((instance.n_slots + 1) * total_breaks + most) + lateness)
        limit = min(left(), TIE_BREAK * time_limit) if proven else left()
        solver = _solver(limit, workers, seed, size=size)
        status = solver.solve(model.model, _Reporter(tell, "breaks"))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            candidate = model.solution(solver)
            if _break_key(problem, candidate) + (_lateness(candidate),) <= \
                    _break_key(problem, placed) + (_lateness(placed),):
                placed = candidate
            # Optimal: no fewer breaks (then fewer of one person) at this objective (and, with a
            # previous schedule, as many of its meetings kept), whatever the swaps.
            proven = proven or status == cp_model.OPTIMAL
    schedule = assemble(problem, placed.items(), bound=bound, seconds=time.perf_counter() - started)
    schedule.moved = moved
    schedule.breaks_proven = proven
    tell(f"done: {schedule.objective} of at most {schedule.bound}, {schedule.breaks} breaks", 1.0)
    return schedule


def _previous_slots(problem: Problem, previous: Schedule | None) -> dict[int, int]:
    """The previous schedule's meetings whose requests still exist: request -> slot."""
    if previous is None:
        return {}
    kept = {}
    for meeting in previous.meetings:
        r = problem.request_index.get(meeting.pair)
        t = problem.slot_index.get(meeting.slot)
        if r is not None and t is not None:
            kept[r] = t
    return kept


def _lateness(placed: dict[int, int]) -> int:
    return sum(placed.values())


def _break_key(problem: Problem, placed: dict[int, int]) -> tuple[int, int]:
    meetings = [problem.meeting(problem.requests[r], problem.slots[t].id) for r, t in placed.items()]
    counts = breaks_per_participant(problem, meetings)
    return sum(counts.values()), max(counts.values(), default=0)
