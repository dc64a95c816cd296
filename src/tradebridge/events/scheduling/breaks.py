"""The breaks phase (rule 6) for the meetings that the placement phase chose.

``fewer_breaks`` keeps every placed meeting and every lock, each meeting in a slot that its
request allows and both participants can attend, and moves meetings between slots so that the
total of breaks, then the most breaks of one participant, is as low as the SAT search of
:mod:`.breaks_sat` can make it by the deadline.  The solver's CP-SAT pass runs after it (it may
also swap requests of the same weight, and prefers earlier slots), starting from its answer.
"""

from __future__ import annotations

import time

from . import breaks_sat
from .check import breaks_per_participant
from .lns import reduce_breaks


def available() -> bool:
    return breaks_sat.available()


def data_of(instance, placed: dict[int, int]) -> dict:
    """The plain data of :class:`breaks_sat.Encoding` for the meetings of ``placed``."""
    problem = instance.problem
    venue_of = {p.id: p.venue for p in problem.participants.values()}
    slots, ends, uses = {}, {}, {}
    for r in sorted(placed):  # one order of the variables, whatever the placement's
        request = problem.requests[r]
        slots[r] = list(instance.slots[r])  # a locked request has its one slot only
        ends[r] = (request.a, request.b)
        venue_a, venue_b = venue_of[request.a], venue_of[request.b]
        uses[r] = [("t", venue_a)] if venue_a == venue_b else [("b", venue_a), ("b", venue_b)]
    room = {}
    for venue in problem.venues.values():
        room["t", venue.id] = venue.tables
        room["b", venue.id] = venue.booths
    return {
        "n_slots": instance.n_slots,
        "slots": slots,
        "ends": ends,
        "uses": uses,
        "room": room,
        "venue_of": venue_of,
    }


# The SAT phase on events decomposed for their size (lns.py) only where its encoding stays
# small enough to build and search in the time left: slot choices of the placed meetings.
SAT_CHOICES = 40_000


def fits(instance, placed: dict[int, int]) -> bool:
    """Whether the SAT phase is worth its encoding for these meetings (see ``SAT_CHOICES``)."""
    return available() and sum(len(instance.slots[r]) for r in placed) <= SAT_CHOICES


def key(problem, placed: dict[int, int]) -> tuple[int, int]:
    """(total breaks, most breaks of one participant) of a placement (request -> slot)."""
    meetings = [problem.meeting(problem.requests[r], problem.slots[t].id) for r, t in placed.items()]
    counts = breaks_per_participant(problem, meetings)
    return sum(counts.values()), max(counts.values(), default=0)


def fewer_breaks(
    instance, placed: dict[int, int], *, deadline: float, workers: int = 2
) -> tuple[dict[int, int], bool]:
    """The same meetings with fewer breaks (never more), and whether the total and the most of
    one participant are proven the fewest possible for these meetings."""
    if not placed or not available():
        return placed, False
    found, proven = breaks_sat.minimise(data_of(instance, placed), placed, deadline, workers=workers)
    if set(found) != set(placed) or key(instance.problem, found) > key(instance.problem, placed):
        return placed, False  # cannot happen with a sound encoding; the guard costs nothing
    return found, proven


def fewer_breaks_large(
    instance, placed: dict[int, int], *, deadline: float, share: float, everything: bool,
    workers: int = 2, seed: int = 0,
) -> tuple[dict[int, int], bool]:
    """Fewer breaks on an event decomposed for its size: SAT where its encoding fits, for
    ``share`` of the time left, then decomposition (lns.py; it may also swap requests of the
    same weight) unless SAT proved the fewest and ``everything`` (every request) is placed."""
    settled = False
    if fits(instance, placed):
        until = time.perf_counter() + share * (deadline - time.perf_counter())
        placed, settled = fewer_breaks(instance, placed, deadline=until, workers=workers)
        settled = settled and everything  # else swapping requests in may still help
    if not settled:
        placed = reduce_breaks(instance, placed, deadline=deadline, seed=seed)
    return placed, settled
