"""``tradebridge agreements-remind [--dry-run] [--now ISO-DATETIME] [--dormant-days N]
[--expiring-days N] [--due-soon-days N]``: e-mail each agency's staff the overdue and soon-due
commitments and the expiring, expired and dormant agreements. The day counts default to the
constants in agreements/followup.py."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from tradebridge.agreements import followup
from tradebridge.agreements.reminders import build_reminders, do_send_reminders

MAX_DAYS = 3660


def days(option: str):
    def parse(raw: str) -> int:
        if not raw.strip().isdigit() or not 1 <= int(raw) <= MAX_DAYS:
            raise CommandError(f"{option}: a whole number of days from 1 to {MAX_DAYS}, not {raw!r}")
        return int(raw)

    return parse


class Command(BaseCommand):
    help = "E-mail agency staff what needs attention in their agreements."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="print, do not send")
        parser.add_argument("--now", help="pretend it is this instant (ISO 8601 with offset)")
        parser.add_argument("--dormant-days", type=str, default=None,
                            help=f"no progress for N days = dormant (default {followup.DORMANT_AFTER_DAYS})")
        parser.add_argument("--expiring-days", type=str, default=None,
                            help=f"ends within N days = expiring (default {followup.EXPIRING_WITHIN_DAYS})")
        parser.add_argument("--due-soon-days", type=str, default=None,
                            help=f"due within N days = due soon (default {followup.DUE_SOON_DAYS})")

    def handle(self, *args, dry_run=False, now=None, **options):
        thresholds = followup.Thresholds(
            expiring_days=self._days(options, "expiring_days", followup.EXPIRING_WITHIN_DAYS),
            dormant_days=self._days(options, "dormant_days", followup.DORMANT_AFTER_DAYS),
            due_soon_days=self._days(options, "due_soon_days", followup.DUE_SOON_DAYS),
        )
        instant = None
        if now:
            try:
                instant = dt.datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(f"--now: not an ISO 8601 date-time: {now!r}") from exc
            if instant.tzinfo is None:
                raise CommandError("--now: give the UTC offset, e.g. 2026-01-05T08:00+07:00")
        send = build_reminders if dry_run else do_send_reminders
        reminders = send(instant, thresholds)
        for reminder in reminders:
            self.stdout.write(f"{reminder.organization.slug}: {reminder.items} item(s) -> "
                              f"{', '.join(reminder.recipients)}")
            if dry_run:
                self.stdout.write(reminder.body + "\n")
        self.stdout.write(f"{len(reminders)} agency reminder(s) {'prepared' if dry_run else 'sent'}.")

    @staticmethod
    def _days(options: dict, name: str, default: int) -> int:
        raw = options.get(name)
        return default if raw is None else days("--" + name.replace("_", "-"))(raw)
