"""Send reminders for meeting requests left unanswered (run it daily, e.g. from cron)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from tradebridge.events.models import Event
from tradebridge.events.reminders import do_send_request_reminders


class Command(BaseCommand):
    help = "E-mail the recipients of meeting requests pending for longer than --days days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=float, default=2.0, help="how long a request waits (default 2)")

    def handle(self, *args, days: float, **options):
        if days <= 0:
            self.stderr.write("--days must be positive")
            raise SystemExit(2)
        total = 0
        for event in Event.objects.active().filter(status__in=(Event.Status.OPEN, Event.Status.CLOSED)):
            sent = do_send_request_reminders(event, interval=timedelta(days=days))
            if sent:
                self.stdout.write(f"{event.slug}: {sent} organisation(s) reminded")
            total += sent
        self.stdout.write(f"reminders sent: {total}")
