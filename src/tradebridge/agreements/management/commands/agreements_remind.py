"""``tradebridge agreements-remind [--dry-run] [--now ISO-DATETIME]``: e-mail each agency's staff
the overdue and soon-due commitments and the expiring, expired and dormant agreements."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from tradebridge.agreements.reminders import build_reminders, do_send_reminders


class Command(BaseCommand):
    help = "E-mail agency staff what needs attention in their agreements."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="print, do not send")
        parser.add_argument("--now", help="pretend it is this instant (ISO 8601 with offset)")

    def handle(self, *args, dry_run=False, now=None, **options):
        instant = None
        if now:
            try:
                instant = dt.datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(f"--now: not an ISO 8601 date-time: {now!r}") from exc
            if instant.tzinfo is None:
                raise CommandError("--now: give the UTC offset, e.g. 2026-01-05T08:00+07:00")
        reminders = build_reminders(instant) if dry_run else do_send_reminders(instant)
        for reminder in reminders:
            self.stdout.write(f"{reminder.organization.slug}: {reminder.items} item(s) -> "
                              f"{', '.join(reminder.recipients)}")
            if dry_run:
                self.stdout.write(reminder.body + "\n")
        self.stdout.write(f"{len(reminders)} agency reminder(s) {'prepared' if dry_run else 'sent'}.")
