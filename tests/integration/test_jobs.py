"""Scheduled jobs against the database: run once per local day, caught up once, failures
recorded and not retried, the unique constraint, the real reminders, the page, admin and CLI."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from tradebridge.jobs.checks import check_job_hours
from tradebridge.jobs.definitions import JOBS, Job, JobResult
from tradebridge.jobs.loop import Every
from tradebridge.jobs.models import JobRun, WorkerHeartbeat
from tradebridge.jobs.services import (
    do_beat,
    do_mark_abandoned_runs,
    do_run_job,
    do_stop_worker,
    do_tick,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_schedule")]


@pytest.fixture
def default_schedule(settings):
    settings.JOBS_HOURS = {}
    settings.JOBS_TIME_ZONE = "Asia/Ho_Chi_Minh"


def local(text: str) -> dt.datetime:
    """An instant written in Hồ Chí Minh City time (UTC+7)."""
    return dt.datetime.fromisoformat(text + "+07:00")


class Counting:
    """A job body that counts its calls and may fail."""

    def __init__(self, fail: bool = False):
        self.calls = []
        self.fail = fail

    def __call__(self, now):
        self.calls.append(now)
        if self.fail:
            raise RuntimeError("SMTP server refused the connection")
        return JobResult(messages=2, recipients=["a@example.org", "b@example.org"], lines=["2 sent"])


def test_a_job_runs_once_its_hour_has_passed_and_only_once_that_day():
    body = Counting()
    jobs = (Job("daily", "daily", 7, body),)
    assert do_tick(local("2026-03-02T06:59"), jobs=jobs) == []
    [run] = do_tick(local("2026-03-02T07:00"), jobs=jobs)
    assert (run.job, run.day, run.status, run.trigger) == ("daily", dt.date(2026, 3, 2), "ok", "scheduled")
    assert run.messages_sent == 2 and run.recipients == ["a@example.org", "b@example.org"]
    assert run.summary == "2 sent" and run.finished_at is not None
    assert do_tick(local("2026-03-02T07:00:30"), jobs=jobs) == []
    assert do_tick(local("2026-03-02T23:59"), jobs=jobs) == []
    assert len(body.calls) == 1
    [tomorrow] = do_tick(local("2026-03-03T09:00"), jobs=jobs)
    assert tomorrow.day == dt.date(2026, 3, 3) and len(body.calls) == 2


def test_a_worker_down_for_days_catches_up_once():
    body = Counting()
    jobs = (Job("daily", "daily", 7, body),)
    do_tick(local("2026-03-01T08:00"), jobs=jobs)
    # Down from the 2nd to the 5th; back on the 5th at 10:00: one run, for the 5th.
    runs = do_tick(local("2026-03-05T10:00"), jobs=jobs) + do_tick(local("2026-03-05T10:00:30"), jobs=jobs)
    assert [r.day for r in runs] == [dt.date(2026, 3, 5)]
    assert list(JobRun.objects.order_by("day").values_list("day", flat=True)) == [
        dt.date(2026, 3, 1), dt.date(2026, 3, 5)
    ]


def test_the_day_is_the_local_day_of_the_jobs_time_zone(settings):
    body = Counting()
    jobs = (Job("daily", "daily", 7, body),)
    instant = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)  # 06:30 on the 2nd in HCMC, 07:30 in Shanghai
    assert do_tick(instant, jobs=jobs) == []
    settings.JOBS_TIME_ZONE = "Asia/Shanghai"
    [run] = do_tick(instant, jobs=jobs)
    assert run.day == dt.date(2026, 3, 2)


def test_a_failing_job_is_recorded_with_its_error_and_not_retried():
    body = Counting(fail=True)
    jobs = (Job("fragile", "fragile", 7, body),)
    [run] = do_tick(local("2026-03-02T08:00"), jobs=jobs)
    run.refresh_from_db()
    assert run.status == JobRun.Status.FAILED and run.finished_at is not None
    assert "RuntimeError: SMTP server refused the connection" in run.error
    assert "Traceback" in run.error and run.messages_sent == 0
    for minute in range(1, 10):
        assert do_tick(local(f"2026-03-02T08:{minute:02d}"), jobs=jobs) == []
    assert len(body.calls) == 1


def test_switched_off_jobs_never_run(settings):
    body = Counting()
    settings.JOBS_HOURS = {"daily": None}
    assert do_tick(local("2026-03-02T23:00"), jobs=(Job("daily", "daily", 7, body),)) == []
    settings.JOBS_HOURS = {"*": None, "daily": 9}
    assert len(do_tick(local("2026-03-02T23:00"), jobs=(Job("daily", "daily", 7, body),))) == 1


def test_one_scheduled_run_per_job_and_day_in_the_database():
    common = {"job": "daily", "day": dt.date(2026, 3, 2), "started_at": local("2026-03-02T07:00")}
    JobRun.objects.create(**common)
    with pytest.raises(IntegrityError), transaction.atomic():
        JobRun.objects.create(**common)
    # Another process that finds the day taken runs nothing.
    body = Counting()
    assert do_run_job(Job("daily", "daily", 7, body), dt.date(2026, 3, 2)) is None and body.calls == []
    # Runs by hand are recorded beside the scheduled one.
    JobRun.objects.create(**common, trigger=JobRun.Trigger.MANUAL)
    JobRun.objects.create(**common, trigger=JobRun.Trigger.MANUAL)
    assert JobRun.objects.filter(job="daily").count() == 3


def test_runs_cut_off_by_a_stopped_worker_become_failed():
    stuck = JobRun.objects.create(job="daily", day=dt.date(2026, 3, 2), started_at=local("2026-03-02T07:00"))
    assert do_mark_abandoned_runs(local("2026-03-02T10:00")) == 0
    assert do_mark_abandoned_runs(local("2026-03-02T14:00")) == 1
    stuck.refresh_from_db()
    assert stuck.status == JobRun.Status.FAILED and "abandoned" in stuck.error


def test_the_real_reminders_run_on_schedule(vn_officer):
    vn_officer.email = "hoa@hanoi.example"
    vn_officer.save(update_fields=["email"])
    runs = {run.job: run for run in do_tick(local("2026-11-23T08:00"), worker="test")}
    assert set(runs) == {"agreements-remind", "remind-pending-requests", "border-obstacles-remind"}
    assert runs["border-obstacles-remind"].status == "ok"
    agreements = runs["agreements-remind"]
    assert agreements.status == "ok" and agreements.messages_sent >= 1
    assert "hoa@hanoi.example" in agreements.recipients and "hanoi-doit" in agreements.summary
    assert any("hoa@hanoi.example" in m.to for m in mail.outbox)
    assert runs["remind-pending-requests"].status == "ok"
    assert "reminders sent:" in runs["remind-pending-requests"].summary
    sent = len(mail.outbox)
    assert do_tick(local("2026-11-23T18:00")) == [] and len(mail.outbox) == sent


def test_the_hours_setting_names_existing_jobs(settings):
    assert check_job_hours(None) == []
    settings.JOBS_HOURS = {"agreements-remind": 6, "remind-pending-request": 9}
    [error] = check_job_hours(None)
    assert error.id == "jobs.E001" and "remind-pending-request" in error.msg
    assert "remind-pending-requests" in error.hint


def test_heartbeats():
    start = local("2026-03-02T07:00")
    do_beat("w1", started_at=start, now=start)
    do_beat("w1", started_at=start, now=start + dt.timedelta(seconds=15))
    beat = WorkerHeartbeat.objects.get()
    assert beat.started_at == start and beat.seen_at == start + dt.timedelta(seconds=15) and beat.pid
    do_stop_worker("w1")
    assert not WorkerHeartbeat.objects.exists()


def test_the_tick_thread_keeps_going_after_an_error_and_stops_when_asked():
    import threading

    calls = []
    twice = threading.Event()

    def action():
        calls.append(1)
        if len(calls) >= 2:
            twice.set()
        raise RuntimeError("database is locked")

    thread = Every("test-tick", 0.01, action)
    thread.start()
    assert twice.wait(10)
    thread.stop()
    thread.join(10)
    assert not thread.is_alive() and thread.failures >= 2


# --- who sees the runs -------------------------------------------------------------------------

@pytest.fixture
def a_failed_run():
    return JobRun.objects.create(
        job="agreements-remind", day=dt.date(2026, 3, 2), started_at=local("2026-03-02T07:00"),
        finished_at=local("2026-03-02T07:01"), status=JobRun.Status.FAILED, error="Traceback: boom",
    )


@pytest.mark.parametrize("persona", [None, "outsider", "cn_member", "vn_officer", "lao_officer"])
def test_only_administrators_see_the_jobs_page(persona, request, a_failed_run):
    client = Client()
    if persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("jobs:runs")).status_code == 403


def test_administrators_see_the_schedule_and_the_last_runs(administrator, a_failed_run):
    client = Client()
    client.force_login(administrator)
    client.cookies["tradebridge_language"] = "en"
    page = client.get(reverse("jobs:runs")).content.decode()
    for job in JOBS:
        assert f'data-job="{job.name}"' in page
    assert "07:00" in page and "08:00" in page and "Asia/Ho_Chi_Minh" in page
    assert 'data-status="failed"' in page and "Traceback: boom" in page
    assert client.get(reverse("admin:jobs_jobrun_changelist")).status_code == 200
    assert client.get(reverse("admin:jobs_jobrun_change", args=[a_failed_run.pk])).status_code == 200
    assert client.get(reverse("admin:jobs_workerheartbeat_changelist")).status_code == 200


def test_the_admin_pages_are_closed_to_agency_staff(vn_officer):
    client = Client()
    client.force_login(vn_officer)
    response = client.get(reverse("admin:jobs_jobrun_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# --- command line ------------------------------------------------------------------------------

def test_jobs_run_and_status(vn_officer):
    vn_officer.email = "hoa@hanoi.example"
    vn_officer.save(update_fields=["email"])
    out = io.StringIO()
    call_command("jobs", "run", "agreements-remind", stdout=out)
    run = JobRun.objects.get()
    assert run.trigger == JobRun.Trigger.MANUAL and run.status == "ok"
    assert "agreements-remind: ok" in out.getvalue()
    status = io.StringIO()
    call_command("jobs", "status", stdout=status)
    text = status.getvalue()
    assert "time zone: Asia/Ho_Chi_Minh" in text
    assert "agreements-remind: at 07:00" in text and " ok (" in text
    assert "remind-pending-requests: at 08:00" in text and "last never" in text
    assert "workers: none has reported" in text


def test_jobs_run_refuses_an_unknown_name():
    with pytest.raises(CommandError, match="no job named 'nothing'; the jobs are: agreements-remind"):
        call_command("jobs", "run", "nothing")


def test_jobs_hours_from_the_environment_show_in_status(settings):
    settings.JOBS_HOURS = {"*": 6, "remind-pending-requests": None}
    out = io.StringIO()
    call_command("jobs", "status", stdout=out)
    assert "agreements-remind: at 06:00" in out.getvalue()
    assert "remind-pending-requests: switched off, next -" in out.getvalue()


def test_the_menu_links_the_jobs_page_for_administrators_only(administrator, vn_officer):
    link = f'href="{reverse("jobs:runs")}"'
    for user, shown in ((administrator, True), (vn_officer, False)):
        client = Client()
        client.force_login(user)
        assert (link in client.get("/").content.decode()) is shown
