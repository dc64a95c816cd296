"""Fewest breaks for a fixed set of meetings, by SAT (CaDiCaL through python-sat).

The placement phase decides which requests meet; this one only moves them between slots.  The
encoding follows the MaxSAT model of Bofill et al. (JAIR 74, 2022), which on their B2B benchmark
beats CP and MIP by far, and so does it here (CP-SAT on the same model, two workers, found 20
breaks on forum-13 in 20 s; CaDiCaL on this encoding finds the optimum, 0, in seconds):

- x[r, t]: request r meets in slot t (exactly one per placed request, in its allowed slots);
- y[p, t] <-> some x of p in t (at most one), z[p, t]: p has met by slot t;
- h[p, t]: a break of p ends at t + 1 (idle in t, met before, meets in t + 1), so that the
  breaks are exactly the true h's;
- tables and booths per venue and slot (sequential counters, cardinality networks where those
  would be huge), and two implied constraints that the paper found essential: p meets in exactly
  n_p slots, and a venue's busy people in a slot number at most two per table plus one per booth;
- a block-start formulation beside the holes: w[p] (p has no break) <-> one run of n_p slots
  that starts at one of the s[p, a].  Implied, and the strongest addition measured here.

The search runs in a child process (CaDiCaL cannot be interrupted from python-sat, a process
can), incremental, under assumptions: "at most k breaks" is a totalizer over the holes and one
over the people with a break.  Downward (solution-guided), k below the last schedule found, down
to a proof of optimality; upward, k from a lower bound (no phases: a poor schedule's mislead it),
the core of "nobody has a break" kept as a clause (and at k = 1, one person of it at a time
has the break, see _one_break); then, with the total held, the same downward for the most
breaks of one participant.  Each schedule found is sent to the parent at once, so that the deadline never
loses what was found.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import multiprocessing.connection
import signal
import threading
import time
from collections import defaultdict

try:  # optional: without python-sat, the CP-SAT phase alone reduces breaks
    from pysat.card import CardEnc, EncType, ITotalizer
    from pysat.formula import IDPool
    from pysat.solvers import Solver
except ImportError:  # pragma: no cover - depends on the installation
    Solver = None

ENGINE = "cadical195"
# The upward search's quick look at "no break at all", and then _one_break's engine.  On the 20
# JAIR instances MapleChrono refuted "no break" in 0-2.5 s wherever CaDiCaL did, and on
# ticf-13crafc, where CaDiCaL had not in 25 s; but it found the schedules with no break far
# later (10-20 s where CaDiCaL took 0-7), so it only looks for QUICK_SECONDS.  On the many short
# searches of _one_break it found the one-break schedules of forum-13crafc and ticf-13crafc in 8
# and 17 s, where CaDiCaL found the first in 37 s and not the second in 180 s.
QUICK_ENGINE = "maplechrono"
QUICK_SECONDS = 3.0
FIRST_BUDGET = 1_000  # conflicts per person in _one_break's first round
SEQUENTIAL = 20_000  # see Encoding._atmost


def available() -> bool:
    return Solver is not None


def _amo(lits: list[int], pool, clauses: list) -> None:
    if len(lits) > 1:
        encoding = EncType.pairwise if len(lits) <= 6 else EncType.ladder
        clauses.extend(CardEnc.atmost(lits, 1, vpool=pool, encoding=encoding).clauses)


class Encoding:
    """The CNF of a fixed set of meetings, from plain data (so that it crosses to a child).

    ``slots``: request -> allowed slot indexes; ``ends``: request -> (a, b); ``uses``: request ->
    the capacity keys it takes in a slot (("t", venue) or ("b", venue)); ``room``: key -> count."""

    def __init__(self, n_slots: int, slots: dict, ends: dict, uses: dict, room: dict, venue_of: dict):
        self.pool = pool = IDPool()
        self.clauses: list[list[int]] = []
        self.n_slots = n_slots
        self.x = {(r, t): pool.id(("x", r, t)) for r, allowed in slots.items() for t in allowed}
        per_person: dict[tuple[str, int], list[int]] = defaultdict(list)
        per_room: dict[tuple, list[int]] = defaultdict(list)
        self.meetings: dict[str, int] = defaultdict(int)
        for r, allowed in slots.items():
            lits = [self.x[r, t] for t in allowed]
            self.clauses.append(lits)
            _amo(lits, pool, self.clauses)
            for who in ends[r]:
                self.meetings[who] += 1
            for t in allowed:
                for who in ends[r]:
                    per_person[who, t].append(self.x[r, t])
                for key in uses[r]:
                    per_room[key, t].append(self.x[r, t])
        for (key, _t), lits in per_room.items():
            if len(lits) > room[key]:
                self._atmost(lits, room[key])
        self.y: dict[tuple[str, int], int] = {}
        for (who, t), lits in per_person.items():
            _amo(lits, pool, self.clauses)
            y = self.y[who, t] = pool.id(("y", who, t))
            self.clauses.extend([-lit, y] for lit in lits)
            self.clauses.append([-y, *lits])
        busy: dict[tuple[str, int], list[int]] = defaultdict(list)
        for (who, t), y in self.y.items():
            busy[venue_of[who], t].append(y)
        for (venue, _t), lits in busy.items():
            most = 2 * room.get(("t", venue), 0) + room.get(("b", venue), 0)
            if len(lits) > most:
                self._atmost(lits, most)
        self.holes: dict[str, list[int]] = {}
        for who, n in self.meetings.items():
            row = [self.y.get((who, t)) for t in range(n_slots)]
            lits = [y for y in row if y is not None]
            if len(lits) > n:  # implied: exactly n busy slots
                self.clauses.extend(CardEnc.equals(lits, n, vpool=pool, encoding=EncType.cardnetwrk).clauses)
            if n >= 2:
                self.holes[who] = self._holes(who, row)
        allowed: dict[str, set[int]] = defaultdict(set)
        for (who, t) in self.y:
            allowed[who].add(t)
        self.whole = {who: self._blocks(who, allowed[who]) for who in self.holes}

    def _blocks(self, who: str, allowed: set[int]) -> int:
        """w[p]: p has no break, then its meetings fill one run of n_p slots that starts at one of
        the s[p, a] (exactly one).  Implied by the holes, but far stronger for the search (it
        knows at once which runs fit p's free slots): on ticf-14crafa, a schedule with no break
        in a quarter of the time, and on forum-13crafc the proof that none exists in half."""
        pool, clauses, n = self.pool, self.clauses, self.meetings[who]
        whole = pool.id(("w", who))
        clauses.extend([-whole, -h] for h in self.holes[who])
        clauses.append([whole, *self.holes[who]])
        starts = {
            a: pool.id(("s", who, a))
            for a in range(self.n_slots - n + 1)
            if all(t in allowed for t in range(a, a + n))
        }
        clauses.append([-whole, *starts.values()])
        _amo(list(starts.values()), pool, clauses)
        for a, start in starts.items():
            clauses.append([-start, whole])
            for t in sorted(allowed):
                y = self.y[who, t]
                clauses.append([-start, y] if a <= t < a + n else [-start, -y])
        for t in sorted(allowed):
            covering = [start for a, start in starts.items() if a <= t < a + n]
            clauses.append([-self.y[who, t], -whole, *covering])
        return whole

    def _atmost(self, lits: list[int], bound: int) -> None:
        # A sequential counter (n * bound variables) where small; a cardinality network (n log^2
        # bound) on large events, where the counters would be millions of variables.
        small = len(lits) * bound <= SEQUENTIAL
        encoding = EncType.seqcounter if small else EncType.cardnetwrk
        if bound == 0:
            self.clauses.extend([-lit] for lit in lits)
        else:
            self.clauses.extend(CardEnc.atmost(lits, bound, vpool=self.pool, encoding=encoding).clauses)

    def _holes(self, who: str, row: list[int | None]) -> list[int]:
        pool, clauses, holes = self.pool, self.clauses, []
        z_before = None  # z of the slot before: p has met by then
        for t, y in enumerate(row):
            if y is None:
                z = z_before  # nothing can happen in t: z is unchanged
            else:
                z = pool.id(("z", who, t))
                clauses.append([-y, z])
                if z_before is None:
                    clauses.append([y, -z])
                else:
                    clauses.extend(([-z_before, z], [z_before, y, -z]))
                if t and z_before is not None and row[t - 1] is None:
                    # idle in t - 1 for certain: a break ends in t if p meets in t after meeting
                    holes.append(self._hole(who, t, None, z_before, y))
                elif t and z_before is not None:
                    holes.append(self._hole(who, t, row[t - 1], z_before, y))
            z_before = z
        return holes

    def _hole(self, who: str, t: int, y_before: int | None, z_before: int, y: int) -> int:
        h = self.pool.id(("h", who, t))
        if y_before is None:
            self.clauses.extend(([-y, -z_before, h], [-h, z_before], [-h, y]))
        else:
            self.clauses.extend(
                ([-y, -z_before, y_before, h], [-h, -y_before], [-h, z_before], [-h, y])
            )
        return h

    def placement(self, model: set[int]) -> dict[int, int]:
        return {r: t for (r, t), lit in self.x.items() if lit in model}

    def phases(self, placed: dict[int, int]) -> list[int]:
        return [lit if placed.get(r) == t else -lit for (r, t), lit in self.x.items()]


def count(placed: dict[int, int], ends: dict) -> dict[str, int]:
    taken: dict[str, list[int]] = defaultdict(list)
    for r, t in placed.items():
        for who in ends[r]:
            taken[who].append(t)
    result = {}
    for who, slots in taken.items():
        slots.sort()
        result[who] = sum(1 for a, b in zip(slots, slots[1:], strict=False) if b - a > 1)
    return result


def lower_bound(data: dict) -> int:
    """Breaks that no schedule of these meetings avoids: per participant, the runs of consecutive
    slots its meetings may take, fewest first-longest, that hold all of them, less one."""
    allowed: dict[str, set[int]] = defaultdict(set)
    meetings: dict[str, int] = defaultdict(int)
    for r, slots in data["slots"].items():
        for who in data["ends"][r]:
            allowed[who].update(slots)
            meetings[who] += 1
    total = 0
    for who, slots in allowed.items():
        runs, length = [], 0
        for t in range(data["n_slots"] + 1):
            if t in slots:
                length += 1
            elif length:
                runs.append(length)
                length = 0
        runs.sort(reverse=True)
        need, used = meetings[who], 0
        while need > 0 and used < len(runs):
            need -= runs[used]
            used += 1
        total += max(0, used - 1)
    return total


def _child(data: dict, placed: dict[int, int], pipe, upward: bool, seconds: float) -> None:
    # The kernel ends the child by its deadline even if the parent is gone (CaDiCaL cannot be
    # interrupted, and a signal's default action needs no Python to run).
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(max(1, math.ceil(seconds) + 1))
    _search(data, placed, pipe, upward)


class _Cap:
    """"At most k breaks" as assumptions: a totalizer over the holes, and one over the people who
    have a break (at most k of them too, each has one at least; small, and it prunes early), each
    only as large as the search needs (a large one slows it down)."""

    def __init__(self, solver, encoding: Encoding):
        self.solver, self.top = solver, encoding.pool.top
        self.lits = {
            "holes": [h for row in encoding.holes.values() for h in row],
            "broken": [-w for w in encoding.whole.values()],
        }
        self.totalizers: dict[str, ITotalizer] = {}

    def _totalizer(self, name: str, size: int) -> ITotalizer:
        tot = self.totalizers.get(name)
        if tot is None:
            tot = self.totalizers[name] = ITotalizer(self.lits[name], ubound=size, top_id=self.top)
            self.solver.append_formula(tot.cnf.clauses)
        elif size > tot.ubound:
            tot.increase(ubound=size, top_id=max(self.top, tot.top_id))
            self.solver.append_formula(tot.cnf.clauses[-tot.nof_new :])
        self.top = max(self.top, tot.top_id)
        return tot

    def assume(self, k: int, size: int) -> list[int]:
        """Assumptions for "at most k breaks", the totalizers grown to ``size`` (> k) at least."""
        if k == 0:  # no break at all: everyone in one run, no totalizer needed
            return [-lit for lit in self.lits["broken"]]
        return [
            -self._totalizer(name, min(size, len(lits))).rhs[k]
            for name, lits in self.lits.items()
            if k < len(lits)
        ]


def _no_break_quickly(solver, encoding: Encoding) -> tuple[list[int] | None, set[int]]:
    """A schedule with no break, or the core of the people who cannot all go without one, if
    ``solver`` finds either within QUICK_SECONDS; else (None, empty)."""
    timer = threading.Timer(QUICK_SECONDS, solver.interrupt)
    timer.start()
    try:
        found = solver.solve_limited(assumptions=list(encoding.whole.values()), expect_interrupt=True)
    finally:
        timer.cancel()
        solver.clear_interrupt()
    if found:
        return solver.get_model(), set()
    return None, set(solver.get_core() or ()) if found is False else set()


def _one_break(solver, encoding: Encoding, core: set[int]) -> list[int] | None:
    """A schedule with one break when none has no break (``core``: the "no break" assumptions
    that conflict), or None if there is none.  The break is someone's of the core: each in turn,
    with everyone else in one run, under a budget of conflicts that doubles every round.  Most
    are refuted within the first round (on forum-13crafc, 27 of 37), and the schedule of the
    right person comes far sooner than from one search over all of them (which found none in
    20 s on either crafted instance with an optimum of 1).  ``solver`` holds the encoding only."""
    solver.add_clause([-lit for lit in core])
    one, whole = _Cap(solver, encoding).assume(1, 2), encoding.whole
    candidates, budget = [who for who, w in whole.items() if w in core], FIRST_BUDGET
    while candidates:
        undecided = []
        for who in candidates:
            solver.conf_budget(budget)
            found = solver.solve_limited(assumptions=one + [w for other, w in whole.items() if other != who])
            if found:
                return solver.get_model()
            if found is None:
                undecided.append(who)
        candidates, budget = undecided, 2 * budget
    return None


def _search(data: dict, placed: dict[int, int], pipe, upward: bool) -> None:
    """The child: every better schedule goes down ``pipe`` as ("total"|"most", placement, proven).

    Downward: "at most k" for k one below the last schedule's breaks, until none exists (steady
    progress).  Upward: k from the lower bound until one exists (the optimum at once where it is
    small, as on the JAIR instances: a schedule found there in seconds takes minutes downward)."""
    encoding = Encoding(**data)
    ends = data["ends"]
    counts = count(placed, ends)
    total, most = sum(counts.values()), max(counts.values(), default=0)
    with contextlib.ExitStack() as stack:
        solver = stack.enter_context(Solver(name=ENGINE, bootstrap_with=encoding.clauses))
        if not upward:  # solution-guided (upward, the phases of a poor schedule mislead: 5 times
            solver.set_phases(encoding.phases(placed))  # slower to no break on ticf-14crafa)
        cap = _Cap(solver, encoding)
        k = lower_bound(data) if upward else total - 1
        core: set[int] = set()
        quick = None
        if upward and k == 0 and encoding.holes:
            quick = stack.enter_context(Solver(name=QUICK_ENGINE, bootstrap_with=encoding.clauses))
        while encoding.holes and 0 <= k < total:
            model = None
            if quick is not None and k == 0:
                model, core = _no_break_quickly(quick, encoding)
                if core:
                    solver.add_clause([-lit for lit in core])
                    k = 1
                    continue
            if model is None and k == 1 and core:  # a core comes from the upward search, with quick
                model = _one_break(quick, encoding, core)
                if model is None:  # proven: nobody of the core can have the one break
                    k = 2
                    continue
            if model is None:
                assumptions = cap.assume(k, total if not upward else min(total, k + 1))
                if not solver.solve(assumptions=assumptions):
                    if not upward:
                        break
                    core = set(solver.get_core() or ()) if k == 0 else set()
                    if core:  # some of these people have a break, whatever the schedule
                        solver.add_clause([-lit for lit in core])
                    k += 1
                    continue
                model = solver.get_model()
            placed = encoding.placement(set(lit for lit in model if lit > 0))
            counts = count(placed, ends)
            total, most = sum(counts.values()), max(counts.values(), default=0)
            pipe.send(("total", placed, upward))
            if upward:
                break
            k = total - 1
        pipe.send(("total", placed, True))  # proven: no fewer breaks with these meetings
        if most <= 1:
            pipe.send(("most", placed, True))
            return
        hold = cap.assume(total, total + 1)
        top, per = cap.top, {}
        for who, row in encoding.holes.items():
            if len(row) > most - 1:
                per[who] = ITotalizer(row, ubound=most, top_id=top)
                top = per[who].top_id
                solver.append_formula(per[who].cnf.clauses)
        while most > 0:
            bound = most - 1
            capped = [-p.rhs[bound] for p in per.values() if bound < len(p.rhs)]
            if not solver.solve(assumptions=hold + capped):
                break
            placed = encoding.placement(set(lit for lit in solver.get_model() if lit > 0))
            counts = count(placed, ends)
            most = max(counts.values(), default=0)
            pipe.send(("most", placed, False))
        pipe.send(("most", placed, True))


def minimise(
    data: dict, placed: dict[int, int], deadline: float, *, workers: int = 2
) -> tuple[dict[int, int], bool]:
    """The fewest breaks (then the fewest of one participant) that the SAT search finds for the
    meetings of ``placed`` by ``deadline`` (perf_counter), and whether both are proven fewest.

    With two workers or more, a downward and an upward search run side by side; the better
    schedule of the two wins, and the first proof ends both."""
    context = multiprocessing.get_context("fork")
    pipes, children = [], []
    for upward in (False, True)[: 2 if workers >= 2 else 1]:
        receive, send = context.Pipe(duplex=False)
        seconds = deadline - time.perf_counter()
        child = context.Process(target=_child, args=(data, placed, send, upward, seconds), daemon=True)
        child.start()
        send.close()
        pipes.append(receive)
        children.append(child)
    ends = data["ends"]
    best = _key(placed, ends)
    proven_total = proven_most = False
    try:
        while pipes and not proven_most:
            left = deadline - time.perf_counter()
            ready = multiprocessing.connection.wait(pipes, timeout=max(0.0, left)) if left > 0 else []
            if not ready:
                break
            for pipe in ready:
                try:
                    stage, found, done = pipe.recv()
                except EOFError:  # that child has finished (or died)
                    pipes.remove(pipe)
                    continue
                mine = _key(found, ends)
                if stage == "most" and not proven_total:
                    continue  # a search still on the total after the other proved it: ignore
                if mine <= best:
                    placed, best = found, mine
                proven_total = proven_total or (stage == "total" and done) or stage == "most"
                proven_most = proven_most or (stage == "most" and done and mine == best)
    finally:
        for child in children:
            if child.is_alive():
                child.kill()
            child.join()
        for pipe in pipes:
            pipe.close()
    return placed, proven_total and proven_most


def _key(placed: dict[int, int], ends: dict) -> tuple[int, int]:
    counts = count(placed, ends)
    return sum(counts.values()), max(counts.values(), default=0)
