"""Seasonal pressure at a gate: trucks wanting to cross, week by week, against the gate's daily
capacity (issue 13, item 6).

The estimate, with every assumption shown beside it:

- **Harvest trucks.** Each harvest calendar that lists the gate sends ``expected tonnes × share
  of the harvest crossing at this gate`` over its season; a peak day carries ``PEAK_WEIGHT``
  times a day outside the peak. Trucks = tonnes ÷ tonnes per truck (the calendar's). The share
  is 1 ÷ the number of gates the calendar lists, unless the reader sets it. A season whose dates
  are past repeats on the same days in later years.
- **Baseline traffic.** The vehicles cleared per day in the same direction over the last
  ``BASELINE_MONTHS`` months with vehicle figures (all goods), unless the reader sets it.
- **Capacity.** The sum of the gate's daily capacities (GateCapacity) for that direction over
  the freight modes (road, road bridge, railway), or one mode.

A week is *over capacity* when its average day (baseline + harvest trucks) exceeds capacity, and
*near capacity* at ``NEAR`` of it. The 2019 dragon-fruit season at Kim Thành (300–400 trucks
arriving a day against about 200 cleared) is such a week."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from tradebridge.border.access import require_border_staff
from tradebridge.border.clearance import ALL_GOODS
from tradebridge.border.models import ClearanceMonthly, Gate, GateCapacity, HarvestCalendar, Mode
from tradebridge.core.history import stamp_history

PEAK_WEIGHT = 2.0
BASELINE_MONTHS = 3
NEAR = 0.9
FREIGHT_MODES = (Mode.ROAD, Mode.ROAD_BRIDGE, Mode.RAILWAY)
DEFAULT_WEEKS = 12
FROM_STORE = object()  # estimate(capacity=...) default: read the gate's capacities


@dataclass
class Season:
    """One harvest calendar as the estimate uses it."""

    calendar_id: int | None
    label: str
    hs_code: str
    province: str
    starts_on: dt.date
    ends_on: dt.date
    peak_starts_on: dt.date | None
    peak_ends_on: dt.date | None
    expected_tonnes: float
    tonnes_per_truck: float
    share: float
    illustrative: bool = False

    def shifted(self, years: int) -> Season:
        def move(day: dt.date | None) -> dt.date | None:
            if day is None:
                return None
            try:
                return day.replace(year=day.year + years)
            except ValueError:  # 29 February
                return day.replace(year=day.year + years, day=28)

        return Season(
            self.calendar_id,
            self.label,
            self.hs_code,
            self.province,
            move(self.starts_on),
            move(self.ends_on),
            move(self.peak_starts_on),
            move(self.peak_ends_on),
            self.expected_tonnes,
            self.tonnes_per_truck,
            self.share,
            self.illustrative,
        )

    def _weight(self, day: dt.date) -> float:
        if self.peak_starts_on and self.peak_ends_on and self.peak_starts_on <= day <= self.peak_ends_on:
            return PEAK_WEIGHT
        return 1.0

    def trucks_per_day(self) -> dict[dt.date, float]:
        """Trucks on each day of the season at this gate."""
        days = [
            self.starts_on + dt.timedelta(days=n) for n in range((self.ends_on - self.starts_on).days + 1)
        ]
        weights = {day: self._weight(day) for day in days}
        total = sum(weights.values())
        if not total or self.tonnes_per_truck <= 0:
            return {}
        trucks = self.expected_tonnes * self.share / self.tonnes_per_truck
        return {day: trucks * weight / total for day, weight in weights.items()}


@dataclass
class Estimate:
    gate: Gate
    direction: str
    start: dt.date
    weeks: list[dict[str, Any]]
    capacity: float | None
    capacity_sources: list[str]
    baseline: float
    baseline_note: str
    seasons: list[Season]
    illustrative: bool
    warnings: list[dict[str, Any]] = field(default_factory=list)


def seasons_at(gate: Gate, shares: dict[int, float] | None = None) -> list[Season]:
    """The harvest calendars that list the gate; share 1 ÷ gates listed unless given (0–1)."""
    seasons = []
    calendars = (
        HarvestCalendar.objects.filter(gates=gate).select_related("province").prefetch_related("gates")
    )
    for calendar in calendars:
        listed = max(1, len(calendar.gates.all()))
        share = (shares or {}).get(calendar.pk, 1 / listed)
        seasons.append(
            Season(
                calendar.pk,
                calendar.label,
                calendar.hs_code,
                str(calendar.province.name),
                calendar.starts_on,
                calendar.ends_on,
                calendar.peak_starts_on,
                calendar.peak_ends_on,
                float(calendar.expected_tonnes),
                float(calendar.tonnes_per_vehicle or Decimal(20)),
                share,
                calendar.is_illustrative,
            )
        )
    return seasons


def capacity_of(gate: Gate, direction: str, mode: str | None = None) -> tuple[float | None, list[str], bool]:
    rows = GateCapacity.objects.filter(gate=gate, direction=direction)
    rows = rows.filter(mode=mode) if mode else rows.filter(mode__in=FREIGHT_MODES)
    found = list(rows)
    if not found:
        return None, [], False
    sources = [
        f"{row.get_mode_display()}: {row.vehicles_per_day} ({row.source})"
        if row.source
        else f"{row.get_mode_display()}: {row.vehicles_per_day}"
        for row in found
    ]
    return float(sum(row.vehicles_per_day for row in found)), sources, any(r.is_illustrative for r in found)


def recent_baseline(gate: Gate, direction: str, before: dt.date) -> tuple[float, list[str]]:
    """Vehicles cleared per day over the last months with vehicle figures before ``before``:
    (per day, the months used)."""
    months = list(
        ClearanceMonthly.objects.filter(
            gate=gate, measure="vehicles", direction=direction, product=ALL_GOODS, month__gte=1
        )
        .filter(year__lte=before.year)
        .values("year", "month")
        .annotate(v=Sum("value"))
        .order_by("-year", "-month")
        .values_list("year", "month", "v")
    )
    months = [m for m in months if (m[0], m[1]) < (before.year, before.month)][:BASELINE_MONTHS]
    if not months:
        return 0.0, []
    days = sum(_days_in_month(year, month) for year, month, _v in months)
    return sum(v for _y, _m, v in months) / days, [f"{year}-{month:02d}" for year, month, _v in months]


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (following - dt.date(year, month, 1)).days


def estimate(
    gate: Gate,
    *,
    direction: str = "export",
    start: dt.date | None = None,
    weeks: int = DEFAULT_WEEKS,
    mode: str | None = None,
    baseline: float | None = None,
    shares: dict[int, float] | None = None,
    seasons: list[Season] | None = None,
    capacity: float | None | object = FROM_STORE,
) -> Estimate:
    """The week-by-week estimate from ``start`` (the Monday of this week by default). The
    keyword arguments override what the store says (the reader's assumptions, or a test's)."""
    today = timezone.localdate()
    start = start or today - dt.timedelta(days=today.weekday())
    weeks = max(1, min(int(weeks), 52))
    end = start + dt.timedelta(days=7 * weeks - 1)
    seasons = seasons_at(gate, shares) if seasons is None else seasons
    sources: list[str] = []
    illustrative = any(s.illustrative for s in seasons)
    if capacity is FROM_STORE:
        capacity, sources, flagged = capacity_of(gate, direction, mode)
        illustrative = illustrative or flagged
    if baseline is None:
        baseline, months = recent_baseline(gate, direction, start)
        note = ", ".join(months)
    else:
        note = ""
    daily: dict[dt.date, float] = {}
    by_product: dict[dt.date, dict[str, float]] = {}
    for season in seasons:
        for shift in range(max(0, end.year - season.starts_on.year) + 1):  # later years only
            moved = season.shifted(shift) if shift else season
            if moved.ends_on < start or moved.starts_on > end:
                continue
            for day, trucks in moved.trucks_per_day().items():
                if start <= day <= end:
                    daily[day] = daily.get(day, 0.0) + trucks
                    by_product.setdefault(day, {})
                    by_product[day][season.hs_code] = by_product[day].get(season.hs_code, 0.0) + trucks
    rows = []
    for index in range(weeks):
        monday = start + dt.timedelta(days=7 * index)
        days = [monday + dt.timedelta(days=n) for n in range(7)]
        harvest = sum(daily.get(day, 0.0) for day in days) / 7
        peak = max(daily.get(day, 0.0) for day in days)
        demand = baseline + harvest
        products = sorted({code for day in days for code in by_product.get(day, {})})
        ratio = demand / capacity if capacity else None
        level = (
            "over"
            if ratio is not None and ratio > 1
            else "near"
            if ratio is not None and ratio >= NEAR
            else "ok"
        )
        rows.append(
            {
                "week": monday,
                "ends": days[-1],
                "harvest": harvest,
                "peak_day": baseline + peak,
                "baseline": baseline,
                "demand": demand,
                "capacity": capacity,
                "ratio": ratio,
                "level": level,
                "products": products,
            }
        )
    result = Estimate(gate, direction, start, rows, capacity, sources, baseline, note, seasons, illustrative)
    result.warnings = [row for row in rows if row["level"] == "over"]
    return result


def alternatives(gate: Gate, hs_codes: list[str], direction: str = "export") -> list[dict[str, Any]]:
    """Other gates that admit every product of the weeks over capacity, with their capacity."""
    from tradebridge.border.gates import admitting_gates

    if not hs_codes:
        return []
    candidates = None
    for code in hs_codes:
        ids = set(admitting_gates(code).exclude(pk=gate.pk).values_list("pk", flat=True))
        candidates = ids if candidates is None else candidates & ids
    gates = Gate.objects.filter(pk__in=candidates or []).select_related("zone")
    capacities: dict[int, int] = {}
    for gate_id, vehicles in GateCapacity.objects.filter(
        gate__in=gates, direction=direction, mode__in=FREIGHT_MODES
    ).values_list("gate_id", "vehicles_per_day"):
        capacities[gate_id] = capacities.get(gate_id, 0) + vehicles
    found = [{"gate": other, "capacity": capacities.get(other.pk)} for other in gates]
    return sorted(found, key=lambda item: (item["capacity"] is None, -(item["capacity"] or 0)))


def gate_warning(gate: Gate, weeks: int = 8) -> dict[str, Any] | None:
    """The first week over capacity in the coming ``weeks`` (the gate page's badge), or None."""
    if (
        not GateCapacity.objects.filter(gate=gate).exists()
        or not HarvestCalendar.objects.filter(gates=gate).exists()
    ):
        return None
    for direction in ("export", "import"):
        found = estimate(gate, direction=direction, weeks=weeks)
        if found.warnings:
            first = found.warnings[0]
            return {
                "week": first["week"],
                "demand": first["demand"],
                "capacity": first["capacity"],
                "direction": direction,
                "weeks_over": len(found.warnings),
            }
    return None


def do_save_harvest_calendar(form, *, actor: Any) -> HarvestCalendar:
    """Save a checked HarvestCalendarForm (staff), with its author in the history."""
    require_border_staff(actor)
    calendar = form.save(commit=False)
    creating = calendar.pk is None
    calendar.full_clean()
    stamp_history(calendar, actor, "harvest calendar added" if creating else "harvest calendar changed")
    calendar.save()
    form.save_m2m()
    return calendar


def do_save_gate_capacity(
    gate: Gate,
    *,
    actor: Any,
    mode: str,
    direction: str,
    vehicles_per_day: int,
    source: str = "",
    is_illustrative: bool = False,
) -> GateCapacity:
    """Set a gate's daily capacity for a mode and direction (one row each: a new value replaces
    the old, which the history keeps)."""
    require_border_staff(actor)
    capacity = GateCapacity.objects.filter(gate=gate, mode=mode, direction=direction).first() or GateCapacity(
        gate=gate, mode=mode, direction=direction
    )
    capacity.vehicles_per_day, capacity.source, capacity.is_illustrative = (
        vehicles_per_day,
        source,
        is_illustrative,
    )
    capacity.full_clean()
    stamp_history(capacity, actor, "capacity set")
    capacity.save()
    return capacity
