"""Is a gate open now, and when does that change? Pure functions over weekly hours and dated
exceptions, in the gate's own time zone (a gate's hours are its own side's clock: Lào Cai keeps
Vietnamese time while Hà Khẩu across the bridge keeps Beijing time).

Weekly hours are `{weekday: [(opens, closes), ...]}` (0 = Monday); hours whose closing time is not
after their opening time run past midnight (22:00–02:00). An exception covering a day (Tết, a
holiday) replaces that day's usual hours: closed, or its own hours."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import Protocol

from tradebridge.core.zones import country_zones

Interval = tuple[dt.time, dt.time]
Weekly = dict[int, list[Interval]]
# How far ahead the next opening or closing is looked for.
LOOKAHEAD_DAYS = 21


class ExceptionLike(Protocol):
    starts_on: dt.date
    ends_on: dt.date
    closed: bool
    opens: dt.time | None
    closes: dt.time | None


def time_zone_for(alpha2: str) -> zoneinfo.ZoneInfo:
    """A country's main time zone (the first of the tz database's zone.tab), UTC when unknown."""
    zones = country_zones().get((alpha2 or "").upper())
    return zoneinfo.ZoneInfo(zones[0] if zones else "UTC")


def exception_on(day: dt.date, exceptions: Iterable[ExceptionLike]) -> ExceptionLike | None:
    """The exception that holds on `day`; where several overlap, the shortest (a day's own rule
    inside a longer holiday) wins."""
    covering = [e for e in exceptions if e.starts_on <= day <= e.ends_on]
    if not covering:
        return None
    return min(covering, key=lambda e: (e.ends_on - e.starts_on, -e.starts_on.toordinal()))


def intervals_on(day: dt.date, weekly: Weekly, exceptions: Sequence[ExceptionLike] = ()) -> list[Interval]:
    """The opening intervals that start on `day` (local times)."""
    exception = exception_on(day, exceptions)
    if exception is not None:
        if exception.closed or exception.opens is None or exception.closes is None:
            return []
        return [(exception.opens, exception.closes)]
    return sorted(weekly.get(day.weekday(), []))


def _spans(
    day: dt.date, weekly: Weekly, exceptions: Sequence[ExceptionLike]
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The day's intervals as naive local datetimes; one closing at or before its opening time
    ends the next day."""
    spans = []
    for opens, closes in intervals_on(day, weekly, exceptions):
        start = dt.datetime.combine(day, opens)
        end = dt.datetime.combine(day, closes)
        if end <= start:
            end += dt.timedelta(days=1)
        spans.append((start, end))
    return spans


def _merged(spans: list[tuple[dt.datetime, dt.datetime]]) -> list[tuple[dt.datetime, dt.datetime]]:
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _local(moment: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(tz).replace(tzinfo=None)


def _window(
    local: dt.datetime, weekly: Weekly, exceptions: Sequence[ExceptionLike], days: int
) -> list[tuple[dt.datetime, dt.datetime]]:
    first = local.date() - dt.timedelta(days=1)  # yesterday's hours may run past midnight
    spans = []
    for offset in range(days + 2):
        spans += _spans(first + dt.timedelta(days=offset), weekly, exceptions)
    return _merged(spans)


def is_open_at(
    moment: dt.datetime, tz: dt.tzinfo, weekly: Weekly, exceptions: Sequence[ExceptionLike] = ()
) -> bool:
    local = _local(moment, tz)
    return any(start <= local < end for start, end in _window(local, weekly, exceptions, 1))


def next_change(
    moment: dt.datetime, tz: dt.tzinfo, weekly: Weekly, exceptions: Sequence[ExceptionLike] = ()
) -> dt.datetime | None:
    """When the gate next opens (if closed) or closes (if open), as an aware datetime in `tz`;
    None when nothing changes within LOOKAHEAD_DAYS (closed for weeks, or open around the
    clock)."""
    local = _local(moment, tz)
    for start, end in _window(local, weekly, exceptions, LOOKAHEAD_DAYS):
        if local < start:
            return _aware(start, tz)
        if start <= local < end:
            if end >= dt.datetime.combine(local.date() + dt.timedelta(days=LOOKAHEAD_DAYS), dt.time()):
                return None
            return _aware(end, tz)
    return None


def _aware(local: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    return local.replace(tzinfo=tz)


def parse_interval(text: str) -> Interval | None:
    """ "07:00-19:00" (or "7:00–19:00") → (07:00, 19:00); "" → None (closed); ValueError naming
    the text otherwise."""
    text = (text or "").strip().replace("–", "-").replace("—", "-")
    if not text:
        return None
    parts = [p.strip() for p in text.split("-")]
    if len(parts) != 2:
        raise ValueError(f"{text!r}: expected opening and closing times such as 07:00-19:00")
    try:
        opens, closes = (dt.time.fromisoformat(p if len(p) > 4 else p.zfill(5)) for p in parts)
    except ValueError:
        raise ValueError(f"{text!r}: expected opening and closing times such as 07:00-19:00") from None
    if opens == closes:
        raise ValueError(f"{text!r}: the opening and closing times are the same")
    return opens, closes
