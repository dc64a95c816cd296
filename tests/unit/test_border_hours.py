"""Is a gate open now? Weekly hours, exceptions that override them (Tết), hours past midnight,
the gate's own time zone (Lào Cai keeps UTC+7 while Hà Khẩu keeps UTC+8), the next change, and
the parser of "07:00-19:00"."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.border.gate_hours import (
    exception_on,
    intervals_on,
    is_open_at,
    next_change,
    parse_interval,
    time_zone_for,
)

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
CN = zoneinfo.ZoneInfo("Asia/Shanghai")
DAILY = {day: [(dt.time(7), dt.time(19))] for day in range(7)}


@dataclass
class Exc:
    starts_on: dt.date
    ends_on: dt.date
    closed: bool = True
    opens: dt.time | None = None
    closes: dt.time | None = None


TET = Exc(dt.date(2027, 2, 5), dt.date(2027, 2, 8))


def at(tz, *args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz)


def test_open_during_the_days_hours_and_closed_outside():
    assert is_open_at(at(VN, 2026, 12, 7, 7, 0), VN, DAILY)
    assert is_open_at(at(VN, 2026, 12, 7, 18, 59), VN, DAILY)
    assert not is_open_at(at(VN, 2026, 12, 7, 19, 0), VN, DAILY)
    assert not is_open_at(at(VN, 2026, 12, 7, 6, 59), VN, DAILY)


def test_the_gates_own_time_zone_decides():
    # 07:30 in Hà Khẩu (UTC+8) is 06:30 in Lào Cai: the Vietnamese gate is not open yet.
    assert not is_open_at(at(CN, 2026, 12, 7, 7, 30), VN, DAILY)
    assert is_open_at(at(CN, 2026, 12, 7, 8, 30), VN, DAILY)
    assert is_open_at(at(dt.UTC, 2026, 12, 7, 11, 59), VN, DAILY)
    assert not is_open_at(at(dt.UTC, 2026, 12, 7, 12, 0), VN, DAILY)


def test_time_zones_of_the_three_countries():
    assert str(time_zone_for("VN")) == "Asia/Ho_Chi_Minh"
    assert str(time_zone_for("CN")) == "Asia/Shanghai"
    assert str(time_zone_for("la")) == "Asia/Vientiane"
    assert str(time_zone_for("")) == "UTC"


def test_tet_closes_the_gate_whatever_the_weekday():
    assert not is_open_at(at(VN, 2027, 2, 6, 10, 0), VN, DAILY, [TET])
    assert is_open_at(at(VN, 2027, 2, 9, 10, 0), VN, DAILY, [TET])
    assert is_open_at(at(VN, 2027, 2, 4, 10, 0), VN, DAILY, [TET])


def test_an_exception_with_other_hours_replaces_the_days_hours():
    half = Exc(dt.date(2027, 2, 4), dt.date(2027, 2, 4), closed=False, opens=dt.time(8), closes=dt.time(12))
    assert is_open_at(at(VN, 2027, 2, 4, 11, 0), VN, DAILY, [half, TET])
    assert not is_open_at(at(VN, 2027, 2, 4, 13, 0), VN, DAILY, [half, TET])


def test_the_shortest_overlapping_exception_wins():
    inside = Exc(dt.date(2027, 2, 7), dt.date(2027, 2, 7), closed=False, opens=dt.time(9), closes=dt.time(11))
    assert exception_on(dt.date(2027, 2, 7), [TET, inside]) is inside
    assert exception_on(dt.date(2027, 2, 6), [TET, inside]) is TET
    assert is_open_at(at(VN, 2027, 2, 7, 10, 0), VN, DAILY, [TET, inside])


def test_hours_past_midnight_belong_to_the_day_they_start():
    night = {4: [(dt.time(22), dt.time(2))]}  # Friday 22:00 to Saturday 02:00
    assert is_open_at(at(VN, 2026, 12, 11, 23, 0), VN, night)
    assert is_open_at(at(VN, 2026, 12, 12, 1, 30), VN, night)
    assert not is_open_at(at(VN, 2026, 12, 12, 2, 0), VN, night)
    assert not is_open_at(at(VN, 2026, 12, 10, 23, 0), VN, night)


def test_weekdays_without_hours_are_closed():
    weekdays = {day: [(dt.time(7), dt.time(17))] for day in range(5)}
    assert not is_open_at(at(VN, 2026, 12, 12, 10, 0), VN, weekdays)  # a Saturday
    assert intervals_on(dt.date(2026, 12, 13), weekdays) == []


def test_next_change_is_the_next_closing_or_opening_in_the_gates_time():
    assert next_change(at(VN, 2026, 12, 7, 10, 0), VN, DAILY) == at(VN, 2026, 12, 7, 19, 0)
    assert next_change(at(VN, 2026, 12, 7, 20, 0), VN, DAILY) == at(VN, 2026, 12, 8, 7, 0)
    # Closed for Tết: the gate next opens after it.
    assert next_change(at(VN, 2027, 2, 4, 20, 0), VN, DAILY, [TET]) == at(VN, 2027, 2, 9, 7, 0)
    assert next_change(at(VN, 2026, 12, 7, 10, 0), VN, {}) is None


def test_touching_intervals_make_one_opening():
    split = {0: [(dt.time(7), dt.time(12)), (dt.time(12), dt.time(19))]}
    assert next_change(at(VN, 2026, 12, 7, 10, 0), VN, split) == at(VN, 2026, 12, 7, 19, 0)


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError, match="aware"):
        is_open_at(dt.datetime(2026, 12, 7, 10), VN, DAILY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07:00-19:00", (dt.time(7), dt.time(19))),
        ("7:00–19:30", (dt.time(7), dt.time(19, 30))),
        (" 22:00 - 02:00 ", (dt.time(22), dt.time(2))),
        ("", None),
    ],
)
def test_parse_interval(text, expected):
    assert parse_interval(text) == expected


@pytest.mark.parametrize("text", ["7-25:00", "07:00", "07:00-07:00", "morning-evening", "1:00-2:00-3:00"])
def test_parse_interval_refuses_naming_the_text(text):
    with pytest.raises(ValueError) as error:
        parse_interval(text)
    assert repr(text.strip()) in str(error.value) or text in str(error.value)


times = st.times().map(lambda t: t.replace(second=0, microsecond=0))
moments = st.datetimes(
    min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2028, 12, 31), timezones=st.just(dt.UTC)
)
weeks = st.dictionaries(
    st.integers(0, 6),
    st.lists(st.tuples(times, times).filter(lambda p: p[0] != p[1]), max_size=2),
    max_size=7,
)


@given(moment=moments, weekly=weeks)
def test_the_state_flips_at_the_next_change_and_not_before(moment, weekly):
    """Just before the next change the state is what it is now; at the change it is the other."""
    now_open = is_open_at(moment, VN, weekly)
    change = next_change(moment, VN, weekly)
    if change is None:
        return
    assert change > moment
    assert is_open_at(change - dt.timedelta(seconds=1), VN, weekly) == now_open
    assert is_open_at(change, VN, weekly) != now_open


@given(
    moment=moments,
    weekly=weeks,
    start=st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31)),
    length=st.integers(0, 10),
)
def test_a_closing_exception_always_closes(moment, weekly, start, length):
    closing = Exc(start, start + dt.timedelta(days=length))
    local_day = moment.astimezone(VN).date()
    if closing.starts_on <= local_day <= closing.ends_on:
        # Only hours begun the day before and running past midnight may still be open.
        yesterday = local_day - dt.timedelta(days=1)
        if not closing.starts_on <= yesterday:
            return
        assert not is_open_at(moment, VN, weekly, [closing])


@given(moment=moments)
def test_the_same_instant_reads_the_same_in_any_time_zone(moment):
    assert is_open_at(moment, VN, DAILY) == is_open_at(moment.astimezone(CN), VN, DAILY)
