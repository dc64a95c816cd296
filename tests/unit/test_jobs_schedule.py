"""The schedule of the daily jobs as plain functions: due, not yet due, already ran, caught up
once, switched off, in the jobs' time zone with aware datetimes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tradebridge.config import SettingError, parse_job_hours
from tradebridge.jobs.definitions import JOBS, Job, JobResult, job_named
from tradebridge.jobs.schedule import due_instant, due_runs, hour_for, is_due, local_day, next_run

HCM = ZoneInfo("Asia/Ho_Chi_Minh")  # UTC+7
SHANGHAI = ZoneInfo("Asia/Shanghai")  # UTC+8
UTC = dt.UTC


def job(name="daily", hour=7) -> Job:
    return Job(name, name, hour, lambda now: JobResult())


def at(text: str, tz=UTC) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=tz)


def test_due_once_the_local_hour_has_passed():
    # 07:00 in Hồ Chí Minh City is 00:00 UTC.
    assert not is_due(at("2026-03-01T23:59:59"), 7, HCM, ran_today=False)
    assert is_due(at("2026-03-02T00:00:00"), 7, HCM, ran_today=False)
    assert is_due(at("2026-03-02T10:00:00"), 7, HCM, ran_today=False)


def test_not_due_when_today_already_ran_or_switched_off():
    assert not is_due(at("2026-03-02T10:00"), 7, HCM, ran_today=True)
    assert not is_due(at("2026-03-02T10:00"), None, HCM, ran_today=False)


def test_the_local_day_follows_the_time_zone():
    instant = at("2026-03-01T16:30")  # 23:30 in Hồ Chí Minh City, 00:30 next day in Shanghai
    assert local_day(instant, HCM) == dt.date(2026, 3, 1)
    assert local_day(instant, SHANGHAI) == dt.date(2026, 3, 2)
    assert is_due(instant, 0, SHANGHAI, ran_today=False)
    assert not is_due(instant, 0, HCM, ran_today=True)
    assert due_instant(dt.date(2026, 3, 2), 7, HCM) == at("2026-03-02T00:00")


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        is_due(dt.datetime(2026, 3, 2, 10), 7, HCM, ran_today=False)  # noqa: DTZ001


def test_due_runs_catch_up_today_only_once():
    daily = job()
    # The worker was down for three days and starts at 15:00 local time: one run, for today.
    now = at("2026-03-05T08:00")
    assert due_runs([daily], {}, now, HCM, done=set()) == [(daily, dt.date(2026, 3, 5))]
    # Once today's run is recorded, the next tick finds nothing to do.
    assert due_runs([daily], {}, now, HCM, done={("daily", dt.date(2026, 3, 5))}) == []
    # A run recorded for an earlier day does not count for today.
    assert due_runs([daily], {}, now, HCM, done={("daily", dt.date(2026, 3, 4))}) == [
        (daily, dt.date(2026, 3, 5))
    ]


def test_due_runs_respect_each_jobs_hour():
    early, late = job("early", 6), job("late", 20)
    now = at("2026-03-05T02:00")  # 09:00 local
    assert due_runs([early, late], {}, now, HCM, done=set()) == [(early, dt.date(2026, 3, 5))]
    assert due_runs([early, late], {"late": 8}, now, HCM, done=set()) == [
        (early, dt.date(2026, 3, 5)), (late, dt.date(2026, 3, 5))
    ]
    assert due_runs([early, late], {"*": None}, now, HCM, done=set()) == []


def test_hour_for_prefers_the_jobs_own_setting():
    daily = job(hour=7)
    assert hour_for(daily, {}) == 7
    assert hour_for(daily, {"*": 9}) == 9
    assert hour_for(daily, {"*": 9, "daily": 5}) == 5
    assert hour_for(daily, {"*": 9, "daily": None}) is None


def test_next_run():
    assert next_run(at("2026-03-01T20:00"), 7, HCM, ran_today=False) == at("2026-03-02T00:00")  # 03:00 local
    due_now = at("2026-03-02T03:00")
    assert next_run(due_now, 7, HCM, ran_today=False) == due_now
    assert next_run(due_now, 7, HCM, ran_today=True) == at("2026-03-03T00:00")
    assert next_run(due_now, None, HCM, ran_today=False) is None


def test_the_three_reminders_are_defined():
    assert {j.name for j in JOBS} == {"agreements-remind", "remind-pending-requests", "border-obstacles-remind"}
    assert all(0 <= j.default_hour <= 23 for j in JOBS)
    with pytest.raises(KeyError):
        job_named("nothing")


@pytest.mark.parametrize(("raw", "expected"), [
    ("", {}),
    ("7", {"*": 7}),
    ("off", {"*": None}),
    ("agreements-remind=6, remind-pending-requests=off", {"agreements-remind": 6, "remind-pending-requests": None}),
    ("9,agreements-remind=0", {"*": 9, "agreements-remind": 0}),
])
def test_parse_job_hours(raw, expected):
    assert parse_job_hours("TRADEBRIDGE_JOBS_HOUR", raw) == expected


@pytest.mark.parametrize(("raw", "message"), [
    ("24", "not an hour"),
    ("seven", "not an hour"),
    ("=7", "names no job"),
    ("a=1,a=2", "given twice"),
    ("agreements-remind=-1", "not an hour"),
])
def test_parse_job_hours_refuses_nonsense_naming_the_variable(raw, message):
    with pytest.raises(SettingError, match=f"TRADEBRIDGE_JOBS_HOUR=.*{message}"):
        parse_job_hours("TRADEBRIDGE_JOBS_HOUR", raw)
