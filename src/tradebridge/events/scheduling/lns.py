"""Decomposition for large events: large-neighbourhood search with exact CP-SAT steps.

The whole model of a large event (hundreds of thousands of variables) is too big for CP-SAT to
improve quickly on two cores.  Each step frees part of the schedule — the meetings in a few
slots, or every request of a few participants — keeps the rest fixed, and solves the freed part
exactly (what is left of each cap, each free slot, each table and booth).  A step never lowers
the objective, so the search can stop at any time with the best schedule so far.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

GROUP = 5  # participants freed by a step
SLOT_SHARE = 0.15  # steps that free one slot instead


class _Search:
    def __init__(self, instance, placed: dict[int, int], seed: int, prefer: dict[int, int] | None = None):
        self.instance = instance
        self.prefer = prefer or {}  # a previous schedule: keep its meetings where they are
        self.problem = problem = instance.problem
        self.placed = dict(placed)
        self.rng = random.Random(seed)
        self.weights = [r.weight for r in problem.requests]
        self.ends = [(r.a, r.b) for r in problem.requests]
        venue = {p.id: p.venue for p in problem.participants.values()}
        self.venues = [(venue[r.a], venue[r.b]) for r in problem.requests]
        self.caps = {p: problem.cap(p) for p in problem.participants}
        self.tables = {v.id: v.tables for v in problem.venues.values()}
        self.booths = {v.id: v.booths for v in problem.venues.values()}
        self.by_slot: dict[int, list[int]] = defaultdict(list)
        for r, slots in enumerate(instance.slots):
            if r not in instance.locked:
                for t in slots:
                    self.by_slot[t].append(r)
        self.of = instance.of
        self.reach = {who: instance.reach(who) for who in problem.participants}
        self.value = sum(self.weights[r] for r in self.placed)

    def step(self, free: set[int], slots: set[int] | None, time_limit: float, breaks: bool = False) -> int:
        """Re-place the requests in ``free`` (in ``slots`` only, if given) around the others.

        With ``breaks``, keep the objective and lessen the breaks of everyone concerned; the
        answer is then the number of breaks removed."""
        free = {r for r in free if r not in self.instance.locked}
        busy: set[tuple[str, int]] = set()
        count: Counter[str] = Counter()
        tables: Counter[tuple[str, int]] = Counter()
        booths: Counter[tuple[str, int]] = Counter()
        for r, t in self.placed.items():
            if r in free:
                continue
            a, b = self.ends[r]
            busy.add((a, t))
            busy.add((b, t))
            count[a] += 1
            count[b] += 1
            va, vb = self.venues[r]
            if va == vb:
                tables[va, t] += 1
            else:
                booths[va, t] += 1
                booths[vb, t] += 1
        model = cp_model.CpModel()
        x = {}
        groups: dict[tuple, list] = defaultdict(list)
        for r in free:
            a, b = self.ends[r]
            if count[a] >= self.caps[a] or count[b] >= self.caps[b]:
                continue
            va, vb = self.venues[r]
            for t in self.instance.slots[r]:
                if slots is not None and t not in slots:
                    continue
                if (a, t) in busy or (b, t) in busy:
                    continue
                if va == vb:
                    if tables[va, t] >= self.tables[va]:
                        continue
                elif booths[va, t] >= self.booths[va] or booths[vb, t] >= self.booths[vb]:
                    continue
                var = x[r, t] = model.new_bool_var("")
                groups["r", r].append(var)
                groups["s", a, t].append(var)
                groups["s", b, t].append(var)
                groups["p", a].append(var)
                groups["p", b].append(var)
                if va == vb:
                    groups["t", va, t].append(var)
                else:
                    groups["b", va, t].append(var)
                    groups["b", vb, t].append(var)
        if not x:
            return 0
        for key, variables in groups.items():
            kind = key[0]
            if kind in ("r", "s"):
                if len(variables) > 1:
                    model.add_at_most_one(variables)
                continue
            if kind == "p":
                room = self.caps[key[1]] - count[key[1]]
            elif kind == "t":
                room = self.tables[key[1]] - tables[key[1], key[2]]
            else:
                room = self.booths[key[1]] - booths[key[1], key[2]]
            if room < len(variables):
                model.add(cp_model.LinearExpr.sum(variables) <= room)
        for (r, t), var in x.items():
            model.add_hint(var, self.placed.get(r) == t)
        objective = cp_model.LinearExpr.weighted_sum(list(x.values()), [self.weights[r] for r, _t in x])
        before = sum(self.weights[r] for r in free if r in self.placed)
        if breaks:
            model.add(objective >= before)
            touched = {who for r in free for who in self.ends[r]}
            gaps_before = self._breaks(touched, self.placed)
            model.minimize(self._break_terms(model, touched, busy, groups))
        elif self.prefer:
            stay = [x[r, t] for r, t in self.prefer.items() if r in free and (r, t) in x]
            model.maximize(objective * (len(stay) + 1) + cp_model.LinearExpr.sum(stay))
        else:
            model.maximize(objective)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, time_limit)
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = self.rng.randrange(1 << 30)
        if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return 0
        new = dict(self.placed)
        for r in free:
            new.pop(r, None)
        for (r, t), var in x.items():
            if solver.boolean_value(var):
                new[r] = t
        after = sum(self.weights[r] for r in free if r in new)
        if after < before:
            return 0
        if breaks:
            gain = gaps_before - self._breaks(touched, new)
            if after > before or gain < 0:
                return 0  # keep the objective exactly; never add breaks
        elif after == before and self._stays(new, free) < self._stays(self.placed, free):
            return 0
        else:
            gain = after - before
        self.placed = new
        self.value += after - before
        return gain

    def _stays(self, placed: dict[int, int], free: set[int]) -> int:
        return sum(1 for r in free if r in self.prefer and placed.get(r) == self.prefer[r])

    def _breaks(self, people: set[str], placed: dict[int, int]) -> int:
        taken: dict[str, list[int]] = defaultdict(list)
        for r, t in placed.items():
            for who in self.ends[r]:
                if who in people:
                    taken[who].append(t)
        total = 0
        for slots in taken.values():
            slots.sort()
            total += sum(1 for x, y in zip(slots, slots[1:], strict=False) if y - x > 1)
        return total

    def _break_terms(self, model: cp_model.CpModel, people: set[str], busy: set, groups: dict):
        """Breaks of ``people``: per person, blocks of busy slots minus one (if any)."""
        terms = []
        for who in people:
            row, free_choice = [], False
            for t in range(self.instance.n_slots):
                if (who, t) in busy:
                    row.append(1)
                else:
                    variables = groups.get(("s", who, t), [])
                    free_choice = free_choice or bool(variables)
                    row.append(cp_model.LinearExpr.sum(variables))
            if not free_choice:
                continue  # nothing of theirs moves: their breaks are what they are
            starts = []
            for t, here in enumerate(row):
                start = model.new_bool_var("")
                model.add(start >= here - (row[t - 1] if t else 0))
                starts.append(start)
            anything = model.new_bool_var("")
            model.add(anything <= cp_model.LinearExpr.sum(row))
            terms.append(cp_model.LinearExpr.sum(starts) - anything)
        return cp_model.LinearExpr.sum(terms)

    def slot_window(self, size: int) -> tuple[set[int], set[int]]:
        n = self.instance.n_slots
        size = min(size, n)
        if self.rng.random() < 0.5:
            first = self.rng.randrange(n - size + 1)
            slots = set(range(first, first + size))
        else:
            slots = set(self.rng.sample(range(n), size))
        free = {r for t in slots for r in self.by_slot[t] if self.placed.get(r, t) in slots}
        return free, slots

    def participants(self, size: int) -> set[int]:
        """Every request of a few participants: one with a request left out, and its partners."""
        count: Counter[str] = Counter()
        for r in self.placed:
            count.update(self.ends[r])
        unplaced = [
            r
            for r in self.rng.sample(range(len(self.ends)), min(400, len(self.ends)))
            if r not in self.placed
            and self.instance.slots[r]
            and all(count[who] < self.reach[who] for who in self.ends[r])
        ]
        seeds = self.ends[self.rng.choice(unplaced)] if unplaced else (self.rng.choice(list(self.of)),)
        chosen = set(seeds)
        frontier = list(chosen)
        while frontier and len(chosen) < size:
            who = frontier.pop(self.rng.randrange(len(frontier)))
            for r in self.rng.sample(self.of[who], min(4, len(self.of[who]))):
                for other in self.ends[r]:
                    if other not in chosen and len(chosen) < size:
                        chosen.add(other)
                        frontier.append(other)
        return {r for who in chosen for r in self.of[who]}


def improve(
    instance,
    placed: dict[int, int],
    *,
    deadline: float,
    seed: int = 0,
    prefer: dict[int, int] | None = None,
    stop: Callable[[int], bool] = lambda value: False,
    on_improve: Callable[[int], None] | None = None,
) -> dict[int, int]:
    """The best schedule (request -> slot) found by the time of ``deadline`` (perf_counter)."""
    search = _Search(instance, placed, seed, prefer)
    # Freeing a few participants (one with a request left out, and partners) is by far the most
    # productive step; a slot window now and then moves whole groups of meetings at once.
    window, group = 1, GROUP
    while time.perf_counter() < deadline - 0.05:
        if stop(search.value):
            break  # proven optimal, or a better search has finished
        left = deadline - time.perf_counter()
        if search.rng.random() < SLOT_SHARE:
            free, slots = search.slot_window(window)
        else:
            free, slots = search.participants(group), None
        gain = search.step(free, slots, min(1.0, left))
        if gain > 0 and on_improve is not None:
            on_improve(search.value)
    return search.placed


def reduce_breaks(instance, placed: dict[int, int], *, deadline: float, seed: int = 0) -> dict[int, int]:
    """Fewer breaks at the same objective: free the requests of a few participants with breaks."""
    search = _Search(instance, placed, seed)
    while time.perf_counter() < deadline - 0.05:
        taken: dict[str, list[int]] = defaultdict(list)
        for r, t in search.placed.items():
            for who in search.ends[r]:
                taken[who].append(t)
        people = [who for who, slots in taken.items() if max(slots) - min(slots) + 1 > len(slots)]
        if not people:
            break  # no breaks left
        chosen = set(search.rng.sample(people, min(3, len(people))))
        free = {r for who in chosen for r in search.of[who]}
        search.step(free, None, min(1.0, deadline - time.perf_counter()), breaks=True)
    return search.placed
