"""``tradebridge schedule-file PROBLEM.json [-o OUT.json] [--time-limit SECONDS]``.

Reads a meeting-schedule problem (spec/schedule.md, ``tradebridge.schedule-problem/1``) and
writes the schedule (``tradebridge.schedule/1``) to OUT.json or standard output.  No database is
used.  ``--check SCHEDULE.json`` checks a schedule against the problem instead (rules 1–4, the
stated objective and breaks); ``--previous SCHEDULE.json`` re-optimises after a change, moving as
few of its meetings as possible; ``--lock MEETINGS.json`` keeps those meetings where they are.
A malformed problem is refused with a message naming the entry, and nothing is written.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tradebridge.core.command_files import positive_seconds, write_atomically
from tradebridge.events.scheduling.check import check_schedule
from tradebridge.events.scheduling.problem import (
    ProblemError,
    parse_meetings,
    parse_problem,
    parse_schedule,
)
from tradebridge.events.scheduling.solver import solve


def _read_json(path: str, what: str):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as exc:
        raise CommandError(f"cannot read {what} {path}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: not a JSON file: {exc}") from exc


class Command(BaseCommand):
    help = "Build a meeting schedule from a schedule-problem JSON file (no database)."
    requires_system_checks: list[str] = []  # a file-to-file tool

    def add_arguments(self, parser):
        parser.add_argument("problem", metavar="PROBLEM.json", help="the problem (spec/schedule.md)")
        parser.add_argument(
            "-o", "--output", metavar="OUT.json", help="write here instead of standard output"
        )
        parser.add_argument(
            "--time-limit", type=positive_seconds, default=60.0, metavar="SECONDS",
            help="solver time (default 60)",
        )
        parser.add_argument("--check", metavar="SCHEDULE.json", help="check this schedule instead of solving")
        parser.add_argument(
            "--previous", metavar="SCHEDULE.json", help="re-optimise, moving few of its meetings"
        )
        parser.add_argument(
            "--lock", metavar="MEETINGS.json", help="meetings to keep as they are (a schedule or a list)"
        )
        parser.add_argument("--workers", type=int, default=None, help="CP-SAT workers (default: the cores)")
        parser.add_argument("--seed", type=int, default=0, help="random seed of the solver")

    def handle(self, *args, problem: str, output: str | None, time_limit: float, **options):
        if not time_limit > 0:  # call_command passes values without argparse's type check
            raise CommandError(f"--time-limit must be above 0, got {time_limit}")
        data = _read_json(problem, "problem")
        try:
            parsed = parse_problem(data)
        except ProblemError as exc:
            raise CommandError(f"{problem}: {exc}") from exc
        if options.get("check"):
            self._check(parsed, options["check"])
            return
        locked, previous = [], None
        if options.get("lock"):
            entries = _read_json(options["lock"], "locked meetings")
            if isinstance(entries, dict):
                entries = entries.get("meetings")
            try:
                locked = parse_meetings(parsed, entries, "locked")
            except ProblemError as exc:
                raise CommandError(f"{options['lock']}: {exc}") from exc
        if options.get("previous"):
            try:
                previous = parse_schedule(parsed, _read_json(options["previous"], "previous schedule"))
            except ProblemError as exc:
                raise CommandError(f"{options['previous']}: {exc}") from exc
        try:
            schedule = solve(
                parsed,
                time_limit=time_limit,
                locked=locked,
                previous=previous,
                workers=options.get("workers"),
                seed=options.get("seed") or 0,
            )
        except ProblemError as exc:
            raise CommandError(f"{options.get('lock') or problem}: {exc}") from exc
        text = json.dumps(schedule.to_json(), ensure_ascii=False, indent=1) + "\n"
        if output is None:
            self.stdout.write(text, ending="")
        else:
            write_atomically(Path(output), lambda handle: handle.write(text))

    def _check(self, problem, path: str) -> None:
        try:
            schedule = parse_schedule(problem, _read_json(path, "schedule"))
        except ProblemError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        violations = check_schedule(problem, schedule)
        if violations:
            raise CommandError(f"{path}: {len(violations)} problem(s):\n" + "\n".join(violations))
        self.stdout.write(f"{path}: keeps rules 1–4 ({len(schedule.meetings)} meetings)")
