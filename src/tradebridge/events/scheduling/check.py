"""Independent checks of a schedule against rules 1–4 of spec/schedule.md, and the break count.

Written apart from the solver on purpose: the tests and ``schedule-file --check`` judge the
solver's output with it.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .problem import Meeting, Problem, Schedule


def breaks_per_participant(problem: Problem, meetings: list[Meeting]) -> dict[str, int]:
    """Rule 6: a break is a gap of one or more slots between two consecutive meetings."""
    taken: dict[str, list[int]] = defaultdict(list)
    for meeting in meetings:
        index = problem.slot_index[meeting.slot]
        taken[meeting.a].append(index)
        taken[meeting.b].append(index)
    result = {}
    for participant, indexes in taken.items():
        indexes.sort()
        result[participant] = sum(1 for x, y in zip(indexes, indexes[1:], strict=False) if y - x > 1)
    return result


def count_breaks(problem: Problem, meetings: list[Meeting]) -> int:
    return sum(breaks_per_participant(problem, meetings).values())


def check_schedule(problem: Problem, schedule: Schedule) -> list[str]:
    """Every violation of rules 1–4 (and of the stated objective and breaks), as sentences."""
    problems: list[str] = []
    per_slot: Counter[tuple[str, str]] = Counter()
    per_participant: Counter[str] = Counter()
    tables: Counter[tuple[str, str]] = Counter()
    booths: Counter[tuple[str, str]] = Counter()
    placed: dict[frozenset[str], int] = {}
    objective = 0
    for i, m in enumerate(schedule.meetings):
        where = f"meetings[{i}] ({m.a}–{m.b} in {m.slot})"
        if m.a not in problem.participants or m.b not in problem.participants:
            problems.append(f"{where}: unknown participant")
            continue
        if m.slot not in problem.slot_index:
            problems.append(f"{where}: unknown slot")
            continue
        index = problem.request_index.get(m.pair)
        if index is None or m.a == m.b:
            problems.append(f"{where}: rule 1: no such request")
            continue
        request = problem.requests[index]
        for who in (m.a, m.b):
            if m.slot not in problem.available(who):
                problems.append(f"{where}: rule 1: {who} is not available")
        if request.slots is not None and m.slot not in request.slots:
            problems.append(f"{where}: rule 1: the request does not allow this slot")
        if m.pair in placed:
            problems.append(f"{where}: rule 2: the request is already placed in meetings[{placed[m.pair]}]")
        else:
            objective += request.weight
        placed.setdefault(m.pair, i)
        for who in (m.a, m.b):
            per_slot[who, m.slot] += 1
            per_participant[who] += 1
        venue_a, venue_b = problem.participants[m.a].venue, problem.participants[m.b].venue
        if venue_a == venue_b:
            if m.mode != "table" or m.venue != venue_a:
                problems.append(f"{where}: rule 4: must be at a table at {venue_a}")
            tables[venue_a, m.slot] += 1
        else:
            if m.mode != "online":
                problems.append(f"{where}: rule 4: must be held online (different venues)")
            booths[venue_a, m.slot] += 1
            booths[venue_b, m.slot] += 1
    for (who, slot), n in sorted(per_slot.items()):
        if n > 1:
            problems.append(f"rule 3: {who} has {n} meetings in slot {slot}")
    for who, n in sorted(per_participant.items()):
        cap = problem.participants[who].max_meetings
        if cap is not None and n > cap:
            problems.append(f"rule 3: {who} has {n} meetings, more than its maximum of {cap}")
    for (venue, slot), n in sorted(tables.items()):
        if n > problem.venues[venue].tables:
            problems.append(
                f"rule 4: {venue} holds {n} table meetings in slot {slot}, "
                f"has {problem.venues[venue].tables} tables"
            )
    for (venue, slot), n in sorted(booths.items()):
        if n > problem.venues[venue].booths:
            problems.append(
                f"rule 4: {venue} holds {n} online meetings in slot {slot}, "
                f"has {problem.venues[venue].booths} booths"
            )
    if not problems:
        if schedule.objective != objective:
            problems.append(f"objective: stated {schedule.objective}, the meetings weigh {objective}")
        breaks = count_breaks(problem, schedule.meetings)
        if schedule.breaks != breaks:
            problems.append(f"breaks: stated {schedule.breaks}, the meetings have {breaks}")
        if schedule.bound and schedule.objective > schedule.bound:
            problems.append(f"bound: {schedule.bound} is below the objective {schedule.objective}")
    return problems
