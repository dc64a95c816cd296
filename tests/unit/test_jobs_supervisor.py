"""The supervisor behind `tradebridge serve`, with stand-in children: the worker is restarted when
it dies, a dying web server stops everything, a signal stops every child."""

import os
import signal
import sys
import threading
import time

from tradebridge.jobs.supervisor import Child, Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


def stubborn(ready) -> list[str]:
    """Ignores SIGTERM (only SIGKILL ends it); writes `ready` once it does."""
    return [sys.executable, "-c",
            "import pathlib, signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
            f"pathlib.Path({str(ready)!r}).touch(); time.sleep(120)"]


def exits(code: int, after: float = 0.0) -> list[str]:
    return [sys.executable, "-c", f"import time, sys; time.sleep({after}); sys.exit({code})"]


def run_in_thread(supervisor: Supervisor) -> tuple[threading.Thread, dict]:
    result = {}
    # Signal handlers can only be installed from the main thread: stand in for them.
    supervisor.install_signal_handlers = lambda: {}
    thread = threading.Thread(target=lambda: result.setdefault("status", supervisor.run()))
    thread.start()
    return thread, result


def wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def gone(child: Child) -> bool:
    return child.process is not None and child.process.returncode is not None


def quiet(_message: str) -> None:
    pass


def test_a_stop_request_stops_every_child():
    web, worker = Child("web", SLEEPER), Child("worker", SLEEPER, restart=True)
    supervisor = Supervisor([web, worker], poll=0.05, say=quiet)
    thread, result = run_in_thread(supervisor)
    wait_for(lambda: web.process and worker.process)
    supervisor.stop()
    thread.join(30)
    assert result["status"] == 0 and gone(web) and gone(worker)
    assert web.process.returncode == -signal.SIGTERM


def test_the_worker_is_started_again_when_it_dies():
    web, worker = Child("web", SLEEPER), Child("worker", SLEEPER, restart=True)
    supervisor = Supervisor([web, worker], poll=0.05, restart_delay=0.05, say=quiet)
    thread, result = run_in_thread(supervisor)
    wait_for(lambda: worker.process is not None)
    first = worker.process.pid
    os.kill(first, signal.SIGKILL)
    wait_for(lambda: worker.process.pid != first)
    assert worker.process.poll() is None and web.process.poll() is None and len(worker.restarts) == 1
    supervisor.stop()
    thread.join(30)
    assert result["status"] == 0 and gone(web) and gone(worker)


def test_when_the_web_server_dies_everything_stops():
    messages = []
    web, worker = Child("gunicorn", exits(3, after=0.3)), Child("worker", SLEEPER, restart=True)
    supervisor = Supervisor([web, worker], poll=0.05, say=messages.append)
    thread, result = run_in_thread(supervisor)
    thread.join(30)
    assert result["status"] == 1 and gone(worker) and worker.restarts == []
    assert "gunicorn stopped (exit 3): stopping everything" in messages


def test_a_worker_that_keeps_dying_stops_everything():
    messages = []
    web, worker = Child("web", SLEEPER), Child("worker", exits(1), restart=True)
    supervisor = Supervisor([web, worker], poll=0.05, restart_delay=0.01, max_restarts=3, say=messages.append)
    thread, result = run_in_thread(supervisor)
    thread.join(60)
    assert result["status"] == 1 and gone(web) and len(worker.restarts) == 3
    assert any("died 4 times" in m for m in messages)


def test_a_child_that_ignores_sigterm_is_killed_after_the_grace_period(tmp_path):
    ready = tmp_path / "ready"
    child = Child("stubborn", stubborn(ready))
    supervisor = Supervisor([child], poll=0.05, grace=1.0, say=quiet)
    thread, result = run_in_thread(supervisor)
    wait_for(ready.exists)
    supervisor.stop()
    thread.join(30)
    assert result["status"] == 0 and child.process.returncode == -signal.SIGKILL
