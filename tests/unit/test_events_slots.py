"""Slot generation from a meeting day (local time of the main venue → UTC) and the pause parser."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.events.models import MeetingDay, validate_chapters, validate_time_zone
from tradebridge.events.services import day_slot_times, parse_pauses

pytestmark = pytest.mark.usefixtures("english_messages")


def test_slots_skip_the_pause_and_are_stored_in_utc():
    day = MeetingDay(date=date(2021, 1, 19), start_time=time(8, 0), end_time=time(11, 40), slot_minutes=20,
                     pauses=[["09:40", "10:00"]])
    slots = day_slot_times(day, ZoneInfo("Asia/Ho_Chi_Minh"))
    assert len(slots) == 10  # 11 slots of 20 minutes, less the one in the pause
    assert slots[0] == (datetime(2021, 1, 19, 1, 0, tzinfo=UTC), datetime(2021, 1, 19, 1, 20, tzinfo=UTC))
    starts = [s.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%H:%M") for s, _e in slots]
    assert "09:40" not in starts and "10:00" in starts
    # The Hangzhou bridge point sees the same slot an hour later (UTC+8).
    assert slots[0][0].astimezone(ZoneInfo("Asia/Shanghai")).strftime("%H:%M") == "09:00"


def test_a_pause_that_cuts_a_slot_moves_the_next_slot_to_its_end():
    day = MeetingDay(date=date(2024, 1, 29), start_time=time(14, 0), end_time=time(16, 0), slot_minutes=30,
                     pauses=[["14:45", "15:00"]])
    slots = day_slot_times(day, ZoneInfo("Asia/Ho_Chi_Minh"))
    local = [s.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%H:%M") for s, _e in slots]
    assert local == ["14:00", "15:00", "15:30"]


def test_no_slot_runs_past_the_end_of_the_day():
    day = MeetingDay(date=date(2023, 4, 21), start_time=time(8, 30), end_time=time(9, 15), slot_minutes=20)
    assert len(day_slot_times(day, ZoneInfo("Asia/Vientiane"))) == 2


@pytest.mark.parametrize("pauses, message", [
    ([["12:00"]], "Pause 1"), ([["13:00", "12:00"]], "Pause 1 ends before"), ("noon", "list"),
    ([["12:00", "12:30"], ["x", "13:00"]], "Pause 2"),
])
def test_bad_pauses_are_named(pauses, message):
    with pytest.raises(ValidationError) as caught:
        parse_pauses(pauses)
    assert message in " ".join(caught.value.messages)


@given(st.recursive(st.none() | st.text(max_size=8) | st.integers(), lambda inner: st.lists(inner, max_size=3),
                    max_leaves=8))
def test_pause_parser_either_parses_or_explains(value):
    try:
        pairs = parse_pauses(value)
    except ValidationError as exc:
        assert "auses" in " ".join(exc.messages) or "Pause" in " ".join(exc.messages)
    else:
        assert all(start < end for start, end in pairs)


def test_time_zone_and_chapter_validators_name_the_problem():
    validate_time_zone("Asia/Shanghai")
    with pytest.raises(ValidationError, match="UTC\\+7"):
        validate_time_zone("UTC+7")
    validate_chapters(["09", "50"])
    with pytest.raises(ValidationError):
        validate_chapters(["9", "98"])
