from django.core.management.base import BaseCommand, CommandError

from tradebridge.bootstrap.reference import do_load_reference
from tradebridge.core.loading import DataFileError


class Command(BaseCommand):
    help = "Load countries, provinces, zones, the HS 2022 nomenclature and the product glossary."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Reload even if unchanged.")

    def handle(self, *args, force: bool = False, **options):
        try:
            summary = do_load_reference(force=force)
        except DataFileError as exc:
            raise CommandError(f"reference data not loaded: {exc}") from exc
        if summary is None:
            self.stdout.write("Reference data is up to date.")
            return
        for name, count in summary.items():
            self.stdout.write(f"{name}: {count}")
