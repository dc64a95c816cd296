from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from tradebridge.bootstrap import demo_data
from tradebridge.bootstrap.demo import (
    demo_accounts,
    demo_loaded,
    demo_outdated,
    do_correct_demo,
    do_load_demo,
)
from tradebridge.bootstrap.reference import do_load_reference
from tradebridge.core.loading import DataFileError


class Command(BaseCommand):
    help = (
        "Prepare the database: migrate, load reference data when its files changed, and load "
        "the demo data on the first start only (then print the demo accounts); a database loaded "
        "by an earlier version has its demo events and agreements corrected once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Do not load demo data.")

    def handle(self, *args, no_demo: bool = False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            summary = do_load_reference()
            if summary:
                self.stdout.write("Reference data loaded: " + ", ".join(
                    f"{k} {v}" for k, v in summary.items()))
            if not no_demo and not demo_loaded():
                do_load_demo()
                self.stdout.write(self.style.SUCCESS("Demo data loaded. Demo accounts:"))
                for username, role, organization in demo_accounts():
                    self.stdout.write(f"  {username:<20} {role:<18} {organization}")
                self.stdout.write(f"  password for all: {demo_data.DEMO_PASSWORD}")
            elif not no_demo and demo_outdated():
                do_correct_demo()
                self.stdout.write(self.style.SUCCESS(
                    "Demo events and agreements corrected to their sources."))
        except DataFileError as exc:
            raise CommandError(str(exc)) from exc
