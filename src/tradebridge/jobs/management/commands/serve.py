"""``tradebridge serve [--bind HOST:PORT] [--workers N]``: production serving. Collects the static
files (unless --no-collectstatic), refuses to start with the development secret key (unless
DEBUG) or while migrations are pending, then runs
gunicorn (WhiteNoise serves the static files) and ``tradebridge worker`` (tasks, scheduled jobs,
heartbeat) together: a signal stops both, the worker is restarted if it dies, and everything stops
if gunicorn does."""

from __future__ import annotations

import os
import re
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tradebridge.jobs.supervisor import Child, Supervisor

BIND = re.compile(r"^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]*):\d{1,5}$|^unix:/.+$")


def default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 8)


def bind_address(raw: str) -> str:
    if not BIND.match(raw):
        raise CommandError(f"--bind {raw!r}: use HOST:PORT (e.g. 127.0.0.1:8000, 0.0.0.0:8000) or unix:/path")
    return raw


def count(option: str, low: int, high: int):
    def parse(raw: str) -> int:
        if not raw.isdigit() or not low <= int(raw) <= high:
            raise CommandError(f"{option} {raw!r}: a whole number from {low} to {high}")
        return int(raw)

    return parse


def gunicorn_argv(bind: str, workers: int, timeout: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "tradebridge.wsgi:application",
        # The application loads once, in the master, with its product resolver built: the workers
        # inherit it at fork instead of each building it during its first searches.
        "--config", "python:tradebridge.gunicorn_conf",
        "--bind", bind, "--workers", str(workers), "--timeout", str(timeout),
        "--graceful-timeout", "25", "--access-logfile", "-", "--error-logfile", "-",
    ]


def worker_argv(verbosity: int) -> list[str]:
    return [sys.executable, "-m", "tradebridge", "worker", "--verbosity", str(verbosity)]


class Command(BaseCommand):
    help = "Serve TradeBridge in production: gunicorn with the task worker and the scheduled jobs."

    def add_arguments(self, parser):
        parser.add_argument("--bind", type=bind_address, default="127.0.0.1:8000",
                            help="address to listen on (default %(default)s)")
        parser.add_argument("--workers", type=count("--workers", 1, 64), default=default_workers(),
                            help="gunicorn worker processes (default 2 × CPUs + 1, at most 8: %(default)s)")
        parser.add_argument("--timeout", type=count("--timeout", 10, 3600), default=120,
                            help="seconds a request may take before its web worker is restarted "
                            "(default %(default)s)")
        parser.add_argument("--no-collectstatic", action="store_false", dest="collectstatic",
                            help="do not run collectstatic first")
        parser.add_argument("--no-worker", action="store_false", dest="worker",
                            help="web only: the task worker and scheduled jobs run elsewhere")

    def handle(self, *args, bind: str, workers: int, timeout: int, collectstatic: bool, worker: bool,
               verbosity: int = 1, **options):
        if settings.SECRET_KEY_IS_DEFAULT and not settings.DEBUG:
            # Sessions, password-reset links and signed values would be forgeable by anyone.
            raise CommandError(
                "TRADEBRIDGE_SECRET_KEY is not set (the development key is public): set it to a "
                "long random string, e.g. python3 -c \"import secrets; print(secrets.token_urlsafe(50))\""
            )
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            raise CommandError(
                f"{len(pending)} database migration(s) not applied: run `tradebridge migrate` "
                "(or `tradebridge setup`) first"
            )
        if collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        connection.close()  # the children open their own
        children = [Child("gunicorn", gunicorn_argv(bind, workers, timeout))]
        if worker:
            children.append(Child("worker", worker_argv(verbosity), restart=True))
        alone = "" if worker else ", no task worker"
        self.stderr.write(f"serving on {bind} with {workers} web worker(s){alone}")
        status = Supervisor(children).run()
        if status:
            raise CommandError("stopped after a failure (see above)", returncode=status)
