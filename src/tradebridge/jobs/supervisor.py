"""Start child processes together and stop them together (used by `tradebridge serve`).

A child marked `restart` (the task worker) is started again when it dies, unless it dies too
often (then everything stops); the death of any other child (gunicorn) stops everything.
SIGTERM, SIGINT and SIGHUP to the supervisor stop every child: SIGTERM first, SIGKILL after
`grace` seconds."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Child:
    name: str
    argv: list[str]
    restart: bool = False
    process: subprocess.Popen | None = None
    restarts: list[float] = field(default_factory=list)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None


def _say(message: str) -> None:
    print(f"[tradebridge serve] {message}", file=sys.stderr, flush=True)


class Supervisor:
    STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)

    def __init__(
        self,
        children: list[Child],
        *,
        poll: float = 0.5,
        grace: float = 30.0,
        max_restarts: int = 5,
        restart_window: float = 60.0,
        restart_delay: float = 1.0,
        say: Callable[[str], None] = _say,
    ):
        self.children = children
        self.poll = poll
        self.grace = grace
        self.max_restarts = max_restarts
        self.restart_window = restart_window
        self.restart_delay = restart_delay
        self.say = say
        self.stop_signal: int | None = None
        self._wake = threading.Event()

    # --- signals -------------------------------------------------------------------------------
    def _on_signal(self, signum, frame) -> None:
        self.stop_signal = signum
        self._wake.set()

    def install_signal_handlers(self) -> dict:
        return {signum: signal.signal(signum, self._on_signal) for signum in self.STOP_SIGNALS}

    def stop(self) -> None:
        """Ask the loop to stop (from another thread, e.g. in tests)."""
        self.stop_signal = signal.SIGTERM
        self._wake.set()

    # --- children ------------------------------------------------------------------------------
    def _spawn(self, child: Child) -> None:
        child.process = subprocess.Popen(child.argv)  # noqa: S603 - our own argv
        self.say(f"started {child.name} (pid {child.process.pid})")

    def _may_restart(self, child: Child, now: float) -> bool:
        child.restarts = [t for t in child.restarts if now - t < self.restart_window]
        return child.restart and len(child.restarts) < self.max_restarts

    def run(self) -> int:
        """Start the children and watch them until a signal or a fatal death. Returns the exit
        status: 0 after a signal, 1 when a child stopped everything."""
        previous = self.install_signal_handlers()
        status = 0
        try:
            for child in self.children:
                if self.stop_signal is None:
                    self._spawn(child)
            while self.stop_signal is None:
                failed = self._check_children()
                if failed:
                    status = 0 if self.stop_signal is not None else 1
                    break
                self._wake.wait(self.poll)
            if self.stop_signal is not None:
                self.say(f"received {signal.Signals(self.stop_signal).name}: stopping")
        finally:
            self.stop_children()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        return status

    def _check_children(self) -> bool:
        """Restart or give up on dead children; True when everything must stop."""
        for child in self.children:
            code = child.process.poll() if child.process else None
            if code is None:
                continue
            if self.stop_signal is not None:
                return True
            now = time.monotonic()
            if not self._may_restart(child, now):
                if child.restart:
                    self.say(f"{child.name} died {len(child.restarts) + 1} times within "
                             f"{self.restart_window:.0f} s (exit {code}): stopping everything")
                else:
                    self.say(f"{child.name} stopped (exit {code}): stopping everything")
                return True
            self.say(f"{child.name} died (exit {code}): starting it again")
            child.restarts.append(now)
            if self._wake.wait(self.restart_delay) and self.stop_signal is not None:
                return True
            self._spawn(child)
        return False

    def stop_children(self) -> None:
        alive = [c for c in self.children if c.process and c.process.poll() is None]
        for child in alive:
            try:
                child.process.terminate()
            except ProcessLookupError:
                continue
        deadline = time.monotonic() + self.grace
        for child in alive:
            try:
                child.process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.say(f"{child.name} did not stop within {self.grace:.0f} s: killing it")
                child.process.kill()
                child.process.wait()
        for child in self.children:
            if child.process and child.process.returncode is None:
                child.process.wait()
