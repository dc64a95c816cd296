"""Benchmark: breaks on the 20 original instances of the JAIR 2022 B2B benchmark.

Run: .venv/bin/python bench/schedule_breaks.py [--source DIR] [--time-limit 20] [--only NAME,...]
     [--workers N] [--save DIR]

The instances (Bofill et al., "Constraint Solving Approaches to the B2B Meeting Scheduling
Problem", JAIR 74, 2022) are MiniZinc data files, ``*.original.dzn``; the repository that
publishes them carries no licence, so they are not copied here: see bench/data/jair/NOTICE.md for
where to get them (``--source`` names the folder that holds them; default bench/data/jair/dzn).

Each is converted to spec/schedule.md's problem format: one venue with ``nTables`` tables, the
morning slots then, after a lunch pause that is not a slot, the afternoon ones; a request's
session 1 (morning) or 2 (afternoon) becomes its ``slots``, 3 (any) none; ``forbidden`` slots
leave the participant's ``available``; ``fixed`` meetings become locks.  Precedences are refused
(the format has none; the original instances have none).  Each is solved with ``solve`` under the
time limit, and the bench prints placed / requested, breaks (and the most of one participant),
the published optimum of breaks, wall-clock seconds, CPU seconds (this process and its SAT
children: what it really got on a shared machine), whether the breaks are proven fewest (the
run then ends early) and rule violations, then a total line.  Two crafted
instances (forum-13crafb, ticf-13crafb) request one pair twice, which the format cannot say: the
second request is dropped and the row is marked not comparable.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tradebridge.events.scheduling.check import check_schedule
from tradebridge.events.scheduling.problem import parse_meetings, parse_problem
from tradebridge.events.scheduling.solver import solve

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE / "data" / "jair" / "dzn"
# Optimal breaks of the MaxSAT model (JAIR 74, Table 3; the figures of the reproduction in
# vudangducminh/B2B-Meeting-Scheduling-Problem, maxsat_output/*.original.dzn, which agree with
# the four that issue 14 quotes from the paper).  That model also demands that the most and the
# fewest breaks of a participant differ by at most 2, which ours does not: ours can only be lower.
PUBLISHED = {
    "forum-13": 0, "forum-13crafb": 6, "forum-13crafc": 1, "forum-14": 2,
    "forumt-14": 5, "forumt-14crafc": 5, "forumt-14crafd": 4, "forumt-14crafe": 5,
    "tic-12": 0, "tic-12crafc": 0, "tic-13": 0, "tic-13crafb": 0, "tic-13crafc": 4,
    "tic-14crafa": 0, "tic-14crafc": 0, "tic-14crafd": 0,
    "ticf-13crafa": 0, "ticf-13crafb": 3, "ticf-13crafc": 1, "ticf-14crafa": 0,
}  # fmt: skip


class DznError(ValueError):
    pass


def _value(text: str, name: str) -> str:
    found = re.search(rf"\b{name}\s*=\s*(.*?);", text, re.S)
    if found is None:
        raise DznError(f"{name} is missing")
    return found.group(1)


def _sets(text: str, name: str) -> list[set[int]]:
    body = _value(text, name).strip()
    return [{int(v) for v in re.findall(r"\d+", s)} for s in re.findall(r"\{([^}]*)\}", body)]


def convert(text: str) -> tuple[dict, list[dict], list[str]]:
    """A JAIR ``.dzn`` instance as (problem document, locked meetings, what could not be kept)."""
    n_business = int(_value(text, "nBusiness"))
    n_tables = int(_value(text, "nTables"))
    n_slots = int(_value(text, "nTotalSlots"))
    n_morning = int(_value(text, "nMorningSlots"))
    numbers = [int(v) for v in re.findall(r"\d+", _value(text, "requested"))]
    requested = [numbers[i : i + 3] for i in range(0, len(numbers), 3)]
    if len(requested) != int(_value(text, "nMeetings")):
        raise DznError("requested does not hold nMeetings rows")
    forbidden = _sets(text, "forbidden") if "forbidden" in text else [set()] * n_business
    fixed = [int(v) for v in re.findall(r"\d+", _value(text, "fixed"))] if "fixed" in text else []
    if "precedences" in text and any(_sets(text, "precedences")):
        raise DznError("precedences are not part of spec/schedule.md's format")
    day = datetime(2022, 3, 1, 9, 0, tzinfo=UTC)
    slots = []
    for t in range(n_slots):
        # The afternoon starts after a lunch pause: a gap in time, but not a slot (no break).
        start = day + timedelta(minutes=30 * t) + (timedelta(hours=2) if t >= n_morning else timedelta())
        end = start + timedelta(minutes=30)
        slots.append({"id": f"t{t + 1:02d}", "start": start.isoformat(), "end": end.isoformat()})
    ids = [slot["id"] for slot in slots]
    sessions = {1: ids[:n_morning], 2: ids[n_morning:]}
    participants = []
    for p in range(1, n_business + 1):
        entry = {"id": f"b{p:03d}", "venue": "event"}
        banned = {t for t in forbidden[p - 1] if 1 <= t <= n_slots}
        if banned:
            entry["available"] = [ids[t - 1] for t in range(1, n_slots + 1) if t not in banned]
        participants.append(entry)
    requests, locked, seen, notes = [], [], set(), []
    for m, (a, b, session) in enumerate(requested):
        if frozenset((a, b)) in seen:  # the format holds a pair once: two meetings cannot be said
            notes.append(f"pair {a}-{b} requested twice: the second dropped")
            continue
        seen.add(frozenset((a, b)))
        request = {"a": f"b{a:03d}", "b": f"b{b:03d}"}
        if session in sessions:
            request["slots"] = sessions[session]
        requests.append(request)
        if m < len(fixed) and fixed[m]:
            locked.append({"a": request["a"], "b": request["b"], "slot": ids[fixed[m] - 1]})
    problem = {
        "format": "tradebridge.schedule-problem/1",
        "slots": slots,
        "venues": [{"id": "event", "tz": "UTC", "tables": n_tables, "booths": 0}],
        "participants": participants,
        "requests": requests,
    }
    return problem, locked, notes


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the SAT searches): on a shared
    machine, what the solver really got, next to the wall-clock seconds."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder of *.original.dzn")
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--only", default="", help="comma-separated instance names")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--save", type=Path, default=None, help="write the converted problems here")
    args = parser.parse_args(argv)
    files = sorted(args.source.glob("*.original.dzn"))
    if args.only:
        wanted = set(args.only.split(","))
        files = [f for f in files if f.name.removesuffix(".original.dzn") in wanted]
    if not files:
        print(f"no *.original.dzn in {args.source}: see bench/data/jair/NOTICE.md", file=sys.stderr)
        return 2
    columns = ("breaks", 6), ("max", 4), ("published", 9), ("seconds", 8), ("cpu s", 6), ("proven", 6)
    heads = " ".join(f"{name:>{width}}" for name, width in columns)
    print(f"{'instance':<16} {'placed':>9} {heads}  rules")
    keys = ("placed", "requested", "breaks", "published", "seconds", "cpu", "hit", "n", "proven")
    total = dict.fromkeys(keys, 0)
    compared = 0
    for path in files:
        name = path.name.removesuffix(".original.dzn")
        document, locks, notes = convert(path.read_text())
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{name}.json").write_text(json.dumps(document))
        problem = parse_problem(document)
        started, cpu = time.perf_counter(), _cpu()
        locked = parse_meetings(problem, locks, "locked")
        schedule = solve(problem, time_limit=args.time_limit, locked=locked, workers=args.workers)
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
        violations = len(check_schedule(problem, schedule))
        published = PUBLISHED.get(name)
        placed, requested = len(schedule.meetings), len(problem.requests)
        print(
            f"{name:<16} {placed:>4}/{requested:<4} {schedule.breaks:>6} {schedule.max_breaks:>4} "
            f"{'n/a' if published is None else published:>9} {seconds:>8.1f} {cpu:>6.1f} "
            f"{'yes' if schedule.breaks_proven else 'no':>6}  {violations}"
            + "".join(f"  ({note}: not comparable)" for note in notes),
            flush=True,
        )
        if notes:
            published = None  # another problem than the paper's: left out of the comparison
        total["n"] += 1
        total["placed"] += placed
        total["requested"] += requested
        total["breaks"] += schedule.breaks
        total["seconds"] += seconds
        total["cpu"] += cpu
        total["proven"] += schedule.breaks_proven
        if published is not None:
            compared += 1
            total["published"] += published
            total["hit"] += placed == requested and schedule.breaks <= published
    print(
        f"{'total':<16} {total['placed']:>4}/{total['requested']:<4} {total['breaks']:>6} {'':>4} "
        f"{total['published']:>9} {total['seconds']:>8.1f} {total['cpu']:>6.1f} {total['proven']:>6}  "
        f"(all placed and breaks <= published on {total['hit']} of {compared} comparable, {total['n']} run)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
