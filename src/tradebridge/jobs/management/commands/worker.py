"""``tradebridge worker``: the background-task worker (django-tasks-db's), with two threads
beside it in the same process: the heartbeat that /health/ reads, and the scheduled jobs
(the reminders), ticked every ``--jobs-interval`` seconds.

SIGTERM or SIGINT stops it: a task being run is finished first (a second signal cuts it off),
the threads are asked to stop and given time to finish a job in progress.

A lost database connection (PostgreSQL restarting) does not end it: it waits, reconnects and goes
on. On start, and then with the scheduled jobs, it fails the tasks and job runs of dead workers
(tradebridge.jobs.services.do_fail_work_of_dead_workers), so that they can be started again."""

from __future__ import annotations

import logging
import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import (
    DEFAULT_TASK_BACKEND_ALIAS,
    DEFAULT_TASK_QUEUE_NAME,
    TASKS_LOGGER,
    task_backends,
)
from django_tasks_db.management.commands.db_worker import Worker

from tradebridge.jobs import services
from tradebridge.jobs.loop import Every, keep_running

logger = logging.getLogger("tradebridge.jobs")

HEARTBEAT_SECONDS = 15.0
JOIN_SECONDS = 60.0


def positive(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if not 0 < value <= 3600:
        raise CommandError(f"{raw!r} is not a number of seconds from 0 to 3600")
    return value


class Command(BaseCommand):
    help = "Run the background-task worker, the scheduled jobs and the heartbeat read by /health/."

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default=DEFAULT_TASK_QUEUE_NAME,
                            help="task queues to process, comma-separated, '*' for all (default %(default)s)")
        parser.add_argument("--interval", type=positive, default=1.0,
                            help="seconds between looks for new tasks (default %(default)s)")
        parser.add_argument("--jobs-interval", type=positive, default=30.0,
                            help="seconds between looks at the job schedule (default %(default)s)")
        parser.add_argument("--worker-id", default="",
                            help="unique name of this worker (default: host-pid-random)")

    def handle(self, *args, queue_name: str, interval: float, jobs_interval: float, worker_id: str,
               verbosity: int = 1, **options):
        self._configure_logging(verbosity)
        worker_id = worker_id or services.new_worker_id()
        if len(worker_id) > 64:
            raise CommandError("--worker-id: at most 64 characters")
        started = timezone.now()

        def beat() -> None:
            services.do_beat(worker_id, started_at=started)

        def tick() -> None:
            services.do_mark_abandoned_runs()
            services.do_fail_work_of_dead_workers()
            for run in services.do_tick(worker=worker_id):
                logger.info("job %s for %s: %s", run.job, run.day, run.status)

        def start() -> None:
            services.do_forget_old_workers()
            services.do_fail_work_of_dead_workers()  # e.g. of the worker this one replaces

        def recover() -> None:
            # This worker runs nothing now: a task it was running when the connection went is
            # failed (it may have done its work without being able to say so).
            services.do_fail_work_of_dead_workers(worker_id=worker_id)

        keep_running(start)
        threads = [Every("heartbeat", HEARTBEAT_SECONDS, beat), Every("scheduled-jobs", jobs_interval, tick)]
        for thread in threads:
            thread.start()
        logger.info("worker %s started: tasks, scheduled jobs, heartbeat", worker_id)
        try:
            backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
            if isinstance(backend, DatabaseBackend):
                worker = Worker(
                    queue_names=queue_name.split(","), interval=interval, batch=False,
                    backend_name=DEFAULT_TASK_BACKEND_ALIAS, startup_delay=True, max_tasks=None,
                    worker_id=worker_id, excluded_queue_names=[],
                )
                worker.configure_signals()
                keep_running(worker.run, recover=recover)
            else:
                # Tasks run where they are enqueued (e.g. the immediate backend): jobs only.
                self._wait_for_signal()
        finally:
            for thread in threads:
                thread.stop()
            for thread in threads:
                thread.join(JOIN_SECONDS)
            try:
                services.do_stop_worker(worker_id)
            except Exception:  # the database may be what failed
                logger.exception("could not remove the heartbeat of %s", worker_id)
            logger.info("worker %s stopped", worker_id)

    @staticmethod
    def _wait_for_signal() -> None:
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        while not stop.wait(1.0):
            pass

    def _configure_logging(self, verbosity: int) -> None:
        level = {0: logging.CRITICAL, 1: logging.INFO}.get(verbosity, logging.DEBUG)
        for name in ("tradebridge.jobs", "django_tasks_db", TASKS_LOGGER):
            log = logging.getLogger(name)
            log.setLevel(level)
            if not log.handlers:
                log.addHandler(logging.StreamHandler(self.stdout))
                log.propagate = False
