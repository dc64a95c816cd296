from django.core.management.base import BaseCommand, CommandError

from tradebridge.bootstrap.demo import do_load_demo
from tradebridge.core.loading import DataFileError


class Command(BaseCommand):
    help = "Load the demo organisations and persona accounts drawn from the seed articles."

    def handle(self, *args, **options):
        try:
            summary = do_load_demo()
        except DataFileError as exc:
            raise CommandError(str(exc)) from exc
        for name, count in summary.items():
            self.stdout.write(f"{name}: {count}")
