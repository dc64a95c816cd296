"""Benchmark: the meeting scheduler against first come, first served, on generated events.

Run: .venv/bin/python bench/schedule.py [--sizes small,medium,large] [--time-limit S] [--seed 11]
     [--save DIR] [--workers N]

Each instance (fixed seed): four venues in two time zones (Lào Cai and Hà Nội on UTC+7, Côn Minh
and Hàng Châu on UTC+8), 20-minute slots in a morning and an afternoon block, skewed popularity
(request targets drawn with Zipf-like weights, so a few participants attract most requests),
partial availability (a window of 50–100 % of the day, up to two holes, half of the UTC+8 side
leaving before the last slot), caps of 3–10 meetings, weights 1–3 (5:3:2), 5 % morning-only
requests, 9 in 10 requests aimed by popularity; tables for a third (Lào Cai) or a quarter of the
people at a venue, booths for a quarter (Lào Cai) or a third (the bridge points), so that online
meetings run short of booths in the busy middle of the day.

Sizes: small 200 participants / 1,500 requests / 12 slots (limit 30 s); medium 1,000 / 8,000 / 16
(60 s); large 3,000 / 25,000 / 16 (120 s).  For each it prints the instance, the FCFS objective
and its share of the bound, then the solver's objective, bound, objective/bound, breaks (and the
most of one participant), seconds, and whether every request was placed (and whether the bound
shows that this is impossible).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tradebridge.events.scheduling.baseline import first_come_first_served
from tradebridge.events.scheduling.check import check_schedule
from tradebridge.events.scheduling.problem import parse_problem
from tradebridge.events.scheduling.solver import solve

SIZES = {
    "small": (200, 1500, 12, 30.0),
    "medium": (1000, 8000, 16, 60.0),
    "large": (3000, 25000, 16, 120.0),
}
VENUES = [  # id, time zone, share of participants
    ("laocai", "Asia/Ho_Chi_Minh", 0.35),
    ("hanoi", "Asia/Ho_Chi_Minh", 0.20),
    ("kunming", "Asia/Shanghai", 0.25),
    ("hangzhou", "Asia/Shanghai", 0.20),
]


def generate(n_participants: int, n_requests: int, n_slots: int, seed: int) -> dict:
    rng = random.Random(seed)
    day = datetime(2021, 1, 19, 1, 30, tzinfo=UTC)  # 08:30 in Lào Cai, 09:30 in Hàng Châu
    morning = n_slots // 2
    slots = []
    for i in range(n_slots):
        start = day + timedelta(minutes=20 * i) + (timedelta(hours=2) if i >= morning else timedelta())
        slots.append(
            {
                "id": f"s{i + 1:02d}",
                "start": start.isoformat().replace("+00:00", "Z"),
                "end": (start + timedelta(minutes=20)).isoformat().replace("+00:00", "Z"),
            }
        )
    slot_ids = [s["id"] for s in slots]
    participants = []
    at_venue = {v: 0 for v, _tz, _share in VENUES}
    for i in range(n_participants):
        venue, tz, _share = rng.choices(VENUES, weights=[v[2] for v in VENUES])[0]
        at_venue[venue] += 1
        length = rng.randint(max(2, int(0.5 * n_slots)), n_slots)
        first = rng.randint(0, n_slots - length)
        window = slot_ids[first : first + length]
        if tz == "Asia/Shanghai" and rng.random() < 0.5:
            window = [s for s in window if s != slot_ids[-1]]  # an hour later there: they leave
        for _ in range(rng.choice([0, 0, 1, 2])):
            if len(window) > 2:
                window.remove(rng.choice(window))
        entry = {"id": f"p{i + 1:04d}", "venue": venue, "available": window}
        entry["max_meetings"] = rng.randint(3, 10)
        if len(window) == n_slots and rng.random() < 0.5:
            del entry["available"]  # absent: every slot
        participants.append(entry)
    venues = []
    for venue, tz, _share in VENUES:
        main = venue == "laocai"
        venues.append(
            {
                "id": venue,
                "tz": tz,
                "tables": max(1, at_venue[venue] // (3 if main else 4)),
                "booths": max(1, at_venue[venue] // (4 if main else 3)),
            }
        )
    ids = [p["id"] for p in participants]
    # Zipf-like popularity over a shuffled order: a few participants attract most requests.
    order = ids[:]
    rng.shuffle(order)
    popularity = [1.0 / (rank + 1) ** 1.1 for rank in range(len(order))]
    requests, pairs = [], set()
    while len(requests) < n_requests:
        a = rng.choice(ids)
        b = rng.choices(order, weights=popularity)[0] if rng.random() < 0.9 else rng.choice(ids)
        pair = frozenset((a, b))
        if a == b or pair in pairs:
            continue
        pairs.add(pair)
        request = {"a": a, "b": b, "weight": rng.choices([1, 2, 3], weights=[5, 3, 2])[0]}
        if rng.random() < 0.05:
            request["slots"] = slot_ids[:morning]
        requests.append(request)
    return {
        "format": "tradebridge.schedule-problem/1",
        "slots": slots,
        "venues": venues,
        "participants": participants,
        "requests": requests,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--time-limit", type=float, default=None, help="seconds (default: per size)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--save", metavar="DIR", help="also write each problem and schedule here")
    args = parser.parse_args(argv)
    for name in args.sizes.split(","):
        n_participants, n_requests, n_slots, default_limit = SIZES[name]
        limit = args.time_limit or default_limit
        data = generate(n_participants, n_requests, n_slots, args.seed)
        problem = parse_problem(data)
        fcfs = first_come_first_served(problem)
        started = time.perf_counter()
        schedule = solve(problem, time_limit=limit, workers=args.workers)
        wall = time.perf_counter() - started
        violations = check_schedule(problem, schedule) + check_schedule(problem, fcfs)
        total = sum(r.weight for r in problem.requests)
        print(
            f"{name}: participants={n_participants} requests={n_requests} slots={n_slots} limit={limit:g}s | "
            f"FCFS objective={fcfs.objective} ({100 * fcfs.objective / schedule.bound:.1f}% of bound) | "
            f"solver objective={schedule.objective} bound={schedule.bound} "
            f"objective/bound={100 * schedule.objective / schedule.bound:.2f}% breaks={schedule.breaks} "
            f"max_breaks={schedule.max_breaks} seconds={wall:.1f} | "
            f"all placed={'yes' if schedule.objective == total else 'no'} "
            f"({'possible' if schedule.bound >= total else f'impossible: bound < total weight {total}'}, "
            f"meetings {len(schedule.meetings)} of {n_requests}) | rule violations={len(violations)}",
            flush=True,
        )
        if args.save:
            folder = Path(args.save)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}-problem.json").write_text(json.dumps(data), encoding="utf-8")
            (folder / f"{name}-schedule.json").write_text(json.dumps(schedule.to_json()), encoding="utf-8")
        if violations:
            print("\n".join(violations[:10]), file=sys.stderr)


if __name__ == "__main__":
    main()
