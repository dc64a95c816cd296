"""Crossing logs (WCO Time Release Study, CAREC corridor monitoring): services that record,
change and archive one vehicle's time stamps, and the statistics of the gate page.

Time stamps are typed in a gate side's local time (Vietnam and Laos UTC+7, China UTC+8) and stored
as instants (UTC). Statistics group the logs by gate, month of arrival (in the gate's own time
zone) and direction; each step's median and 90th percentile are computed by linear interpolation
between the closest ranks (what a spreadsheet's PERCENTILE.INC gives). The public sees only
months with at least MIN_PUBLIC_LOGS logs and never one record."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tradebridge.border.access import can_log_crossings, visible_crossing_logs
from tradebridge.border.models import CrossingLog, Direction, Gate
from tradebridge.core.access import is_agency_or_admin, organization_id_of
from tradebridge.core.history import stamp_history
from tradebridge.core.zones import country_zones

# A month with fewer logs is not shown publicly: one or two records would show one firm's trucks.
MIN_PUBLIC_LOGS = 5
STAMPS = ("arrived_at", "declared_at", "inspected_at", "released_at", "exited_at")
EDITABLE = ("gate", "crossing", "direction", "vehicle", "product", *STAMPS, "queue_length", "note")
# The steps of the Time Release Study: (key, from, to).
STEPS = (
    ("total", "arrived_at", "exited_at"),
    ("arrival_declaration", "arrived_at", "declared_at"),
    ("declaration_release", "declared_at", "released_at"),
    ("release_exit", "released_at", "exited_at"),
)
# A time stamp more than this far ahead of now is a typing mistake, not a crossing.
FUTURE_TOLERANCE = dt.timedelta(hours=1)
FALLBACK_ZONE = "Asia/Ho_Chi_Minh"


def step_labels() -> dict[str, str]:
    return {
        "total": _("Arrival → exit"),
        "arrival_declaration": _("Arrival → declaration"),
        "declaration_release": _("Declaration → release"),
        "release_exit": _("Release → exit"),
    }


# --- time zones --------------------------------------------------------------------------------


def _country_zone(alpha2: str | None) -> str | None:
    zones = country_zones().get(alpha2 or "", [])
    return zones[0] if zones else None


def gate_zone_names(gate: Gate) -> list[str]:
    """The local zones of the gate's two sides, its own side first (e.g. Asia/Ho_Chi_Minh and
    Asia/Shanghai at Lào Cai–Hà Khẩu)."""
    own = _country_zone(gate.zone.country.alpha2)
    partner_country = gate.partner_zone.country if gate.partner_zone_id else gate.zone.partner_country
    other = _country_zone(partner_country.alpha2 if partner_country else None)
    names = [z for z in (own, other) if z]
    return list(dict.fromkeys(names)) or [FALLBACK_ZONE]


def gate_zone(gate: Gate) -> ZoneInfo:
    return ZoneInfo(gate_zone_names(gate)[0])


def local_wall(instant: dt.datetime | None, zone: ZoneInfo) -> dt.datetime | None:
    return timezone.localtime(instant, zone).replace(tzinfo=None) if instant else None


def as_instant(value: dt.datetime | None, zone: ZoneInfo) -> dt.datetime | None:
    """`value` as an aware instant: a naive one is that zone's wall-clock time."""
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, zone)


# --- checks and services -----------------------------------------------------------------------


def _label(name: str) -> str:
    return str(capfirst(CrossingLog._meta.get_field(name).verbose_name))


def check_order(values: dict[str, Any], now: dt.datetime | None = None) -> None:
    """Refuse time stamps out of the crossing's order (a release before the arrival …), naming
    the later field, and any stamp in the future."""
    errors: dict[str, str] = {}
    limit = (now or timezone.now()) + FUTURE_TOLERANCE
    for index, name in enumerate(STAMPS):
        value = values.get(name)
        if value is None:
            continue
        if value > limit:
            errors[name] = _("%(field)s is in the future.") % {"field": _label(name)}
            continue
        for earlier in reversed(STAMPS[:index]):
            before = values.get(earlier)
            if before is not None and value < before:
                errors[name] = _("%(field)s is before %(earlier)s: the time stamps must follow the "
                                 "order of the crossing.") % {"field": _label(name),
                                                               "earlier": _label(earlier).lower()}
                break
    if errors:
        raise ValidationError(errors)


def _apply(log: CrossingLog, values: dict[str, Any]) -> None:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    for name, value in values.items():
        setattr(log, name, "" if value is None and name in ("product", "note") else value)
    if log.gate_id and log.gate.archived_at is not None:
        raise ValidationError({"gate": _("This gate is archived.")})
    if log.crossing_id and log.crossing.gate_id != log.gate_id:
        raise ValidationError({"crossing": _("This crossing is not at the chosen gate.")})
    check_order({name: getattr(log, name) for name in STAMPS})
    log.full_clean()


def do_log_crossing(actor: Any, **values: Any) -> CrossingLog:
    """A new log for the actor's own organisation."""
    if not can_log_crossings(actor):
        raise PermissionDenied("members of an enterprise or an agency only")
    log = CrossingLog(organization_id=organization_id_of(actor), logged_by=actor)
    _apply(log, values)
    stamp_history(log, actor, "crossing logged")
    log.save()
    return log


def can_edit_crossing(user: Any, log: CrossingLog) -> bool:
    """Only the logging organisation changes or withdraws its records (staff read them all)."""
    return can_log_crossings(user) and log.organization_id == organization_id_of(user)


def get_crossing_for_user(user: Any, pk: int, *, for_edit: bool = False) -> CrossingLog:
    log = visible_crossing_logs(user).filter(archived_at__isnull=True, pk=pk).select_related(
        "gate__zone__country", "crossing").first()
    if log is None:
        raise Http404(f"no crossing log {pk}")
    if for_edit and not can_edit_crossing(user, log):
        raise PermissionDenied("only the organisation that logged it")
    return log


def do_update_crossing(log: CrossingLog, actor: Any, **values: Any) -> CrossingLog:
    if not can_edit_crossing(actor, log):
        raise PermissionDenied("only the organisation that logged it")
    before = {name: getattr(log, name) for name in values}
    _apply(log, values)
    changed = [name for name in values if getattr(log, name) != before[name]]
    if changed:
        stamp_history(log, actor, "crossing log corrected")
        log.save(update_fields=changed)
    return log


def do_archive_crossing(log: CrossingLog, actor: Any) -> CrossingLog:
    if not can_edit_crossing(actor, log):
        raise PermissionDenied("only the organisation that logged it")
    if log.archived_at is None:
        log.mark_archived()
        stamp_history(log, actor, "crossing log withdrawn")
        log.save(update_fields=["archived_at"])
    return log


def my_crossings(user: Any) -> QuerySet[CrossingLog]:
    """The logs of the user's own organisation (staff too: their own list is their agency's)."""
    org_id = organization_id_of(user)
    if org_id is None:
        return CrossingLog.objects.none()
    return CrossingLog.objects.filter(organization_id=org_id, archived_at__isnull=True).select_related(
        "gate__zone", "crossing")


def statistics_logs(user: Any, *, own: bool = False) -> QuerySet[CrossingLog]:
    """The logs a user's statistics are computed from: their own, or all of them (the public
    figures are aggregates of all logs, shown only where a month has enough of them)."""
    queryset = my_crossings(user) if own else CrossingLog.objects.all()
    return queryset.filter(archived_at__isnull=True)


# --- statistics --------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float | None:
    """The q-quantile (0 ≤ q ≤ 1) by linear interpolation between the closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class StepFigure:
    count: int
    median: float | None
    p90: float | None


@dataclass
class MonthRow:
    month: dt.date
    direction: str
    count: int
    steps: dict[str, StepFigure]
    queue_median: float | None = None
    delay_hours: float | None = None
    delay_cost_usd: Decimal | None = None

    @property
    def direction_label(self) -> str:
        return str(dict(Direction.choices).get(self.direction, self.direction))

    def step_list(self) -> list[tuple[str, StepFigure]]:
        labels = step_labels()
        return [(labels[key], self.steps[key]) for key, _a, _b in STEPS]


@dataclass
class GateStatistics:
    gate: Gate
    rows: list[MonthRow] = field(default_factory=list)
    hidden_months: int = 0  # month × direction groups withheld from the public
    truck_hour_cost_usd: Decimal | None = None
    public: bool = True


def _hours(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (end - start).total_seconds() / 3600


def _row(month: dt.date, direction: str, logs: list[dict], rate: Decimal | None) -> MonthRow:
    steps = {}
    for key, start, end in STEPS:
        values = [h for h in (_hours(log[start], log[end]) for log in logs) if h is not None]
        steps[key] = StepFigure(len(values), percentile(values, 0.5), percentile(values, 0.9))
    queues = [log["queue_length"] for log in logs if log["queue_length"] is not None]
    row = MonthRow(month, direction, len(logs), steps, queue_median=percentile(queues, 0.5))
    totals = [h for h in (_hours(log["arrived_at"], log["exited_at"]) for log in logs) if h is not None]
    median = steps["total"].median
    if median is not None:
        # Delay: the hours each logged crossing took beyond the month's median arrival → exit.
        row.delay_hours = round(sum(max(0.0, h - median) for h in totals), 2)
        if rate is not None:
            row.delay_cost_usd = (Decimal(str(row.delay_hours)) * rate).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP)
    return row


def gate_statistics(gate: Gate, logs: QuerySet[CrossingLog] | None = None, *, public: bool = True,
                    direction: str = "") -> GateStatistics:
    """Per month of arrival (gate's time zone) and direction: count, median and 90th percentile
    of each step in hours, median queue, delay beyond the median and its cost. `public` withholds
    the months with fewer than MIN_PUBLIC_LOGS logs."""
    queryset = (logs if logs is not None else CrossingLog.objects.all()).filter(
        gate=gate, archived_at__isnull=True)
    if direction:
        queryset = queryset.filter(direction=direction)
    zone = gate_zone(gate)
    groups: dict[tuple[dt.date, str], list[dict]] = defaultdict(list)
    for log in queryset.values("direction", "queue_length", *STAMPS):
        local = timezone.localtime(log["arrived_at"], zone)
        groups[(local.date().replace(day=1), log["direction"])].append(log)
    result = GateStatistics(gate, truck_hour_cost_usd=gate.truck_hour_cost_usd, public=public)
    for (month, flow), items in sorted(groups.items()):
        if public and len(items) < MIN_PUBLIC_LOGS:
            result.hidden_months += 1
            continue
        result.rows.append(_row(month, flow, items, gate.truck_hour_cost_usd))
    return result


def statistics_as_dict(stats: GateStatistics) -> dict:
    """The API's shape of the statistics (hours rounded to 0.01)."""

    def r(value):
        return None if value is None else round(value, 2)

    return {
        "gate": stats.gate.zone.code,
        "public": stats.public,
        "min_public_logs": MIN_PUBLIC_LOGS,
        "hidden_months": stats.hidden_months,
        "truck_hour_cost_usd": stats.truck_hour_cost_usd,
        "rows": [{
            "month": row.month.strftime("%Y-%m"), "direction": row.direction, "count": row.count,
            "steps": {key: {"count": f.count, "median_hours": r(f.median), "p90_hours": r(f.p90)}
                      for key, f in row.steps.items()},
            "queue_median": r(row.queue_median), "delay_hours": r(row.delay_hours),
            "delay_cost_usd": row.delay_cost_usd,
        } for row in stats.rows],
    }


def statistics_chart(stats: GateStatistics) -> str:
    """Median and 90th percentile of arrival → exit by month, one line each per direction."""
    if not stats.rows:
        return ""
    import plotly.graph_objects as go

    from tradebridge.core.charts import figure_html

    figure = go.Figure()
    for flow in sorted({row.direction for row in stats.rows}):
        rows = [row for row in stats.rows if row.direction == flow]
        label = rows[0].direction_label
        months = [row.month.strftime("%Y-%m") for row in rows]
        figure.add_trace(go.Scatter(x=months, y=[row.steps["total"].median for row in rows],
                                    mode="lines+markers",
                                    name=_("%(direction)s: median") % {"direction": label}))
        figure.add_trace(go.Scatter(x=months, y=[row.steps["total"].p90 for row in rows],
                                    mode="lines+markers",
                                    line={"dash": "dash"},
                                    name=_("%(direction)s: 90th percentile") % {"direction": label}))
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 30}, height=340,
        yaxis={"title": _("Hours, arrival → exit"), "automargin": True}, xaxis={"type": "category"},
        font={"family": "system-ui, 'Noto Sans', 'Noto Sans Lao', 'Noto Sans CJK SC'"},
        paper_bgcolor="white", plot_bgcolor="white", legend={"orientation": "h"})
    return figure_html(figure, f"chart-crossings-{stats.gate.pk}")


def can_see_all_months(user: Any) -> bool:
    return is_agency_or_admin(user)
