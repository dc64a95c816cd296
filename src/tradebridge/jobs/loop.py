"""The threads that `tradebridge worker` runs beside the task worker: the heartbeat and the
scheduled-jobs tick. Each uses its own database connections and survives errors (logged).
`keep_running` keeps the task worker's own loop going through lost database connections."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, close_old_connections, connections

logger = logging.getLogger(__name__)


class Every(threading.Thread):
    """Call `action` now and then every `interval` seconds until stopped."""

    def __init__(self, name: str, interval: float, action: Callable[[], object]):
        super().__init__(name=name, daemon=True)
        self.interval = interval
        self.action = action
        self.stopping = threading.Event()
        self.failures = 0

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                close_old_connections()
                try:
                    self.action()
                except Exception:
                    self.failures += 1
                    logger.exception("%s failed; trying again in %s s", self.name, self.interval)
                finally:
                    close_old_connections()
                self.stopping.wait(self.interval)
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopping.set()


# What a lost or refused database connection raises (PostgreSQL restarting, network cut).
CONNECTION_ERRORS = (OperationalError, InterfaceError)
# Waits between tries while the database is away, then the last one again and again.
BACKOFF_SECONDS = (1.0, 2.0, 5.0, 10.0, 30.0)
# A loop that ran this long before failing starts again from the shortest wait.
HEALTHY_SECONDS = 60.0


def close_connections() -> None:
    """Drop every connection of this thread; a broken one may fail to close (ignored)."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except Exception:  # noqa: S112 - it is being thrown away
            continue


def keep_running(
    loop: Callable[[], object],
    *,
    recover: Callable[[], object] = lambda: None,
    backoff: tuple[float, ...] | None = None,
    sleep: Callable[[float], object] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Run `loop` until it returns; when it raises a database connection error, close the
    connections, wait (longer each time in a row), call `recover` (retried the same way) and run
    `loop` again. Any other exception ends it. Returns how many connection errors it survived."""
    backoff = backoff or BACKOFF_SECONDS
    survived = failures_in_a_row = 0
    while True:
        started = clock()
        try:
            loop()
            recover_needed = False
        except CONNECTION_ERRORS as error:
            recover_needed = True
            survived += 1
            failures_in_a_row = 0 if clock() - started > HEALTHY_SECONDS else failures_in_a_row
            logger.warning("lost the database connection (%s); trying again", error)
        if not recover_needed:
            return survived
        while True:
            close_connections()
            sleep(backoff[min(failures_in_a_row, len(backoff) - 1)])
            failures_in_a_row += 1
            try:
                close_old_connections()
                recover()
                break
            except CONNECTION_ERRORS as error:
                survived += 1
                logger.warning("the database is still away (%s)", error)
