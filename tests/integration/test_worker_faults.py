"""Faults of the task worker: a killed worker's scheduler run is failed at once (its heartbeat
is stale or its process gone) and the organiser can start again; the worker's loop survives a
lost database connection; `serve`'s supervisor starts a worker that exits again."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.core.management import call_command
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from tradebridge.events import runs
from tradebridge.events.models import Event, ScheduleRun
from tradebridge.jobs import loop, services
from tradebridge.jobs.management.commands import worker as worker_command
from tradebridge.jobs.models import JobRun, WorkerHeartbeat
from tradebridge.jobs.supervisor import Child, Supervisor

HYBRID = "laocai-export-conference-2021"


def running_task(run: ScheduleRun, worker_id: str, started: dt.datetime) -> DBTaskResult:
    """What the database backend holds while a worker runs the scheduler for `run`."""
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING, task_path="tradebridge.events.tasks.run_schedule_task",
        args_kwargs={"args": [run.pk], "kwargs": {}}, backend_name="default", run_after=get_date_max(),
        worker_ids=[worker_id], started_at=started)


def beat(worker_id: str, seen: dt.datetime, pid: int) -> None:
    WorkerHeartbeat.objects.create(worker_id=worker_id, hostname=socket.gethostname()[:255], pid=pid,
                                   started_at=seen - dt.timedelta(hours=1), seen_at=seen)


@pytest.fixture
def event_with_running_run(db):
    event = Event.objects.get(slug=HYBRID)
    run = ScheduleRun.objects.create(event=event, status=ScheduleRun.Status.RUNNING, time_limit=30)
    return event, run


@pytest.mark.django_db
def test_a_run_whose_worker_heartbeat_is_stale_is_failed_and_a_new_run_can_start(
        event_with_running_run, administrator, english_messages):
    event, run = event_with_running_run
    now = timezone.now()
    beat("killed-worker", now - dt.timedelta(minutes=2), pid=os.getppid())
    task = running_task(run, "killed-worker", now - dt.timedelta(minutes=3))

    assert runs.latest_run(event).status == ScheduleRun.Status.FAILED  # the page shows it at once
    run.refresh_from_db()
    task.refresh_from_db()
    assert run.finished_at and "task worker stopped" in run.message
    assert task.status == TaskResultStatus.FAILED and "WorkerLost" in task.exception_class_path
    new = runs.do_start_schedule_run(event, actor=administrator, time_limit=1)
    assert new.pk != run.pk and new.status == ScheduleRun.Status.DONE, new.message


@pytest.mark.django_db
def test_a_worker_whose_process_is_gone_loses_its_work_without_waiting_for_the_heartbeat(
        event_with_running_run):
    _, run = event_with_running_run
    now = timezone.now()
    ended = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603 - a process that is gone
    ended.wait()
    beat("gone", now, pid=ended.pid)
    beat("alive", now - dt.timedelta(seconds=20), pid=os.getppid())
    task = running_task(run, "gone", now)
    job = JobRun.objects.create(job="agreements-remind", day=now.date(), started_at=now, worker="gone")
    other = ScheduleRun.objects.create(event=run.event, status=ScheduleRun.Status.RUNNING)
    kept = running_task(other, "alive", now - dt.timedelta(minutes=5))

    assert services.do_fail_work_of_dead_workers() == 2  # what a restarted worker does on start
    for record in (task, job, kept, run, other):
        record.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED and job.status == JobRun.Status.FAILED
    assert run.status == ScheduleRun.Status.FAILED
    assert kept.status == TaskResultStatus.RUNNING and other.status == ScheduleRun.Status.RUNNING


def test_the_loop_survives_lost_connections_and_backs_off(monkeypatch):
    monkeypatch.setattr(loop, "close_connections", lambda: None)
    monkeypatch.setattr(loop, "close_old_connections", lambda: None)
    calls, recovered, waits = [], [], []

    def step():
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("server closed the connection unexpectedly")

    def recover():
        recovered.append(1)
        if len(recovered) == 1:
            raise InterfaceError("connection already closed")

    assert loop.keep_running(step, recover=recover, sleep=waits.append) == 3
    assert len(calls) == 3 and len(recovered) == 3 and waits == [1.0, 2.0, 5.0]
    with pytest.raises(ValueError):  # other errors are not swallowed
        loop.keep_running(lambda: int("x"), sleep=waits.append)


@pytest.mark.django_db
def test_the_worker_command_survives_an_operational_error_in_its_task_loop(monkeypatch):
    monkeypatch.setattr(loop, "BACKOFF_SECONDS", (0.01,))
    # The test's transaction must survive: no connection is closed here.
    monkeypatch.setattr(loop, "close_connections", lambda: None)
    monkeypatch.setattr(loop, "close_old_connections", lambda: None)
    monkeypatch.setattr(worker_command, "task_backends", {"default": DatabaseBackend("default", {})})

    class Idle:  # the heartbeat and jobs threads: not needed here
        def __init__(self, *args):
            pass

        start = stop = join = lambda self, *args: None

    class FlakyWorker:
        runs = 0

        def __init__(self, **kwargs):
            self.worker_id = kwargs["worker_id"]

        def configure_signals(self):
            pass

        def run(self):
            FlakyWorker.runs += 1
            if FlakyWorker.runs == 1:
                raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(worker_command, "Every", Idle)
    monkeypatch.setattr(worker_command, "Worker", FlakyWorker)
    call_command("worker", "--worker-id", "flaky", verbosity=0)
    assert FlakyWorker.runs == 2


def test_the_supervisor_starts_a_worker_that_exits_again(tmp_path):
    marker = tmp_path / "ran-once"
    # Exits at once the first time, stays up the second.
    child = Child("worker", [sys.executable, "-c",
                             "import pathlib, sys, time; p = pathlib.Path(sys.argv[1]);\n"
                             "if not p.exists(): p.touch(); sys.exit(1)\n"
                             "time.sleep(60)", str(marker)], restart=True)
    supervisor = Supervisor([child], poll=0.05, restart_delay=0.05, say=lambda message: None)
    supervisor.install_signal_handlers = lambda: {}
    thread = threading.Thread(target=supervisor.run)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not (child.restarts and child.process and child.process.poll() is None):
            assert time.monotonic() < deadline, "the worker was not started again"
            time.sleep(0.05)
    finally:
        supervisor.stop()
        thread.join(30)
    assert len(child.restarts) == 1 and child.process.returncode is not None
