"""The threads that `tradebridge worker` runs beside the task worker: the heartbeat and the
scheduled-jobs tick. Each uses its own database connections and survives errors (logged)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.db import close_old_connections, connections

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
