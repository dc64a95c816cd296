"""Gates: the services that write them (a gate, its crossings, opening hours and exceptions,
goods permitted, advisories) and the queries the pages, the API and the other border parts read
(`gate_summary`, `gates_on_corridor`, `admitting_gates`, `current_status`).

A gate's `status` is the usual one officers set; an advisory of the kind "closed" or "suspended"
in force overrides it for as long as it lasts, so the status returns by itself when the advisory
ends (by its end date or when staff end it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.border import gate_hours
from tradebridge.border.models import (
    Advisory,
    Corridor,
    Crossing,
    Gate,
    OpeningException,
    OpeningHours,
    PermittedGoods,
)
from tradebridge.catalog.codes import clean_hs_codes
from tradebridge.catalog.resolve import normalize_hs
from tradebridge.core.history import stamp_history
from tradebridge.geo.models import Zone

GATE_FIELDS = {
    "zone",
    "partner_zone",
    "level",
    "status",
    "lanes",
    "truck_hour_cost_usd",
    "description",
    "source",
    "is_illustrative",
    "demo_key",
}
CROSSING_FIELDS = {
    "name_vi",
    "name_lo",
    "name_zh_hans",
    "name_en",
    "mode",
    "lanes",
    "freight",
    "passengers",
    "source",
    "is_illustrative",
}
# Closing advisories, strongest first: while one is in force it is the gate's status.
CLOSING = (Advisory.Kind.CLOSED, Advisory.Kind.SUSPENDED)
TEXT_FIELDS = (
    "description",
    "source",
    "name_vi",
    "name_lo",
    "name_zh_hans",
    "name_en",
    "title",
    "body",
    "reason",
    "label",
    "condition",
)


def _strip(fields: dict) -> dict:
    return {k: (v or "").strip() if k in TEXT_FIELDS else v for k, v in fields.items()}


def _save(obj, actor, creating: bool, changed: list[str], reason: str = "changed") -> None:
    obj.full_clean()
    if creating:
        stamp_history(obj, actor, "created")
        obj.save()
    elif changed:
        stamp_history(obj, actor, reason)
        obj.save(update_fields=changed)


# --- writes -----------------------------------------------------------------------------------


@transaction.atomic
def do_save_gate(gate: Gate | None = None, *, actor: Any, authorities=None, **fields) -> Gate:
    """Create the gate of a border-gate zone (`gate` None) or change the fields given;
    `authorities` (organisations) replaces the managing authorities when given."""
    unknown = set(fields) - GATE_FIELDS
    if unknown:
        raise TypeError(f"unknown gate field(s): {', '.join(sorted(unknown))}")
    fields = _strip(fields)
    creating = gate is None
    gate = gate or Gate()
    changed = [
        k
        for k, v in fields.items()
        if getattr(gate, k if k not in ("zone", "partner_zone") else f"{k}_id")
        != (v.pk if isinstance(v, Zone) else v)
    ]
    for key in changed:
        setattr(gate, key, fields[key])
    if gate.zone_id is None:
        raise ValidationError({"zone": _("Choose the border gate's zone.")})
    if gate.zone.kind != Zone.Kind.BORDER_GATE:
        raise ValidationError(
            {"zone": _("The zone %(code)s is not a border gate.") % {"code": gate.zone.code}}
        )
    if gate.partner_zone_id and gate.partner_zone_id == gate.zone_id:
        raise ValidationError({"partner_zone": _("The partner side must be another zone.")})
    if creating and Gate.objects.filter(zone_id=gate.zone_id).exists():
        raise ValidationError({"zone": _("The zone %(code)s already has a gate.") % {"code": gate.zone.code}})
    _save(gate, actor, creating, changed)
    if authorities is not None and set(gate.authorities.values_list("pk", flat=True)) != {
        a.pk for a in authorities
    }:
        stamp_history(gate, actor, "managing authorities changed")
        gate.authorities.set(authorities)
    return gate


@transaction.atomic
def do_add_crossing(gate: Gate, *, actor: Any, **fields) -> Crossing:
    unknown = set(fields) - CROSSING_FIELDS
    if unknown:
        raise TypeError(f"unknown crossing field(s): {', '.join(sorted(unknown))}")
    crossing = Crossing(gate=gate, **_strip(fields))
    _save(crossing, actor, True, [])
    return crossing


@transaction.atomic
def do_update_crossing(crossing: Crossing, *, actor: Any, **fields) -> Crossing:
    unknown = set(fields) - CROSSING_FIELDS - {"archived"}
    if unknown:
        raise TypeError(f"unknown crossing field(s): {', '.join(sorted(unknown))}")
    fields = _strip(fields)
    archived = fields.pop("archived", None)
    changed = [k for k, v in fields.items() if getattr(crossing, k) != v]
    for key in changed:
        setattr(crossing, key, fields[key])
    if archived and crossing.archived_at is None:
        crossing.mark_archived()
        changed.append("archived_at")
    _save(crossing, actor, False, changed)
    return crossing


@transaction.atomic
def do_set_opening_hours(
    gate: Gate,
    *,
    actor: Any,
    hours: dict[int, list[tuple[dt.time, dt.time]]],
    crossing: Crossing | None = None,
    is_illustrative: bool = False,
) -> list[OpeningHours]:
    """Replace the week's hours of the gate (or of one of its crossings): `hours` maps a weekday
    (0 = Monday) to its intervals; a weekday left out is closed."""
    if crossing is not None and crossing.gate_id != gate.pk:
        raise ValidationError({"crossing": _("The crossing belongs to another gate.")})
    rows = []
    for weekday, intervals in sorted(hours.items()):
        if weekday not in range(7):
            raise ValidationError(
                {"weekday": _("A weekday is 0 (Monday) to 6 (Sunday), not %(day)s.") % {"day": weekday}}
            )
        for opens, closes in intervals:
            if opens == closes:
                raise ValidationError(
                    {
                        "hours": _("Opening and closing times are the same on weekday %(day)s.")
                        % {"day": weekday}
                    }
                )
            row = OpeningHours(
                gate=gate,
                crossing=crossing,
                weekday=weekday,
                opens=opens,
                closes=closes,
                is_illustrative=is_illustrative,
            )
            row.full_clean()
            rows.append(row)
    old = OpeningHours.objects.filter(gate=gate, crossing=crossing)
    for row in old:  # each removal kept in the history with its author
        stamp_history(row, actor, "opening hours replaced")
        row.delete()
    for row in rows:
        stamp_history(row, actor, "opening hours set")
        row.save()
    return rows


@transaction.atomic
def do_add_opening_exception(
    gate: Gate,
    *,
    actor: Any,
    starts_on: dt.date,
    ends_on: dt.date,
    reason: str,
    closed: bool = True,
    opens: dt.time | None = None,
    closes: dt.time | None = None,
    source: str = "",
    is_illustrative: bool = False,
) -> OpeningException:
    exception = OpeningException(
        gate=gate,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=(reason or "").strip(),
        closed=closed,
        opens=None if closed else opens,
        closes=None if closed else closes,
        source=(source or "").strip(),
        is_illustrative=is_illustrative,
    )
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day is before the first.")})
    if not closed and (opens is None or closes is None):
        raise ValidationError({"opens": _("Give the day's opening and closing times, or mark it closed.")})
    _save(exception, actor, True, [])
    return exception


@transaction.atomic
def do_add_permitted_goods(
    gate: Gate,
    *,
    actor: Any,
    hs_codes,
    label: str,
    condition: str = "",
    since: dt.date | None = None,
    source: str = "",
    is_illustrative: bool = False,
) -> PermittedGoods:
    goods = PermittedGoods(
        gate=gate,
        hs_codes=clean_hs_codes(hs_codes, required=True),
        label=(label or "").strip(),
        condition=(condition or "").strip(),
        since=since,
        source=(source or "").strip(),
        is_illustrative=is_illustrative,
    )
    _save(goods, actor, True, [])
    return goods


@transaction.atomic
def do_archive_permitted_goods(goods: PermittedGoods, *, actor: Any) -> PermittedGoods:
    if goods.archived_at is None:
        goods.mark_archived()
        _save(goods, actor, False, ["archived_at"], "archived")
    return goods


@transaction.atomic
def do_publish_advisory(
    gate: Gate,
    *,
    actor: Any,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    body: str = "",
    source: str = "",
    source_url: str = "",
    is_illustrative: bool = False,
) -> Advisory:
    """Publish an advisory; one that closes or suspends the gate is its status while in force."""
    advisory = Advisory(
        gate=gate,
        kind=kind,
        title=(title or "").strip(),
        body=(body or "").strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        source=(source or "").strip(),
        source_url=(source_url or "").strip(),
        is_illustrative=is_illustrative,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day is before the first.")})
    _save(advisory, actor, True, [])
    return advisory


@transaction.atomic
def do_end_advisory(advisory: Advisory, *, actor: Any, on: dt.date | None = None) -> Advisory:
    """End an advisory on `on` (today by default); the gate's usual status returns after it."""
    on = on or timezone.localdate()
    if on < advisory.starts_on:
        raise ValidationError(
            {
                "ends_on": _("An advisory cannot end before it starts (%(date)s).")
                % {"date": advisory.starts_on.isoformat()}
            }
        )
    if advisory.ends_on is not None and advisory.ends_on <= on:
        return advisory  # already over by then
    advisory.ends_on = on
    _save(advisory, actor, False, ["ends_on"], "ended")
    return advisory


# --- reads ------------------------------------------------------------------------------------


def active_gates() -> QuerySet[Gate]:
    return Gate.objects.active().select_related(
        "zone__country", "zone__province", "zone__partner_country", "zone__partner_province", "partner_zone"
    )


def advisories_in_force(gate: Gate, on: dt.date | None = None) -> QuerySet[Advisory]:
    on = on or timezone.localdate()
    return (
        gate.advisories.active()
        .filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
    )


def current_status(gate: Gate, on: dt.date | None = None) -> str:
    """The usual status, unless a closing advisory is in force (closed before suspended)."""
    return gate.status_on(on or timezone.localdate())


def status_label(status: str) -> str:
    return str(Gate.Status(status).label)


def time_zone_of(gate: Gate):
    return gate_hours.time_zone_for(gate.zone.country.alpha2)


def weekly_hours(gate: Gate) -> gate_hours.Weekly:
    """The gate's own hours; where it has none, those of its crossings together."""
    rows = list(gate.opening_hours.filter(crossing__isnull=True))
    if not rows:
        rows = list(gate.opening_hours.filter(crossing__archived_at__isnull=True))
    weekly: gate_hours.Weekly = {}
    for row in rows:
        weekly.setdefault(row.weekday, []).append((row.opens, row.closes))
    return weekly


def side_names(gate: Gate) -> tuple[str, str]:
    """(own side, partner side) in the reader's language: "Lào Cai – Hà Khẩu" → ("Lào Cai",
    "Hà Khẩu"); the partner zone's or province's name where the zone's name has no two sides."""
    name = gate.zone.name
    for dash in (" – ", "—", " - ", "–"):
        if dash in name:
            own, partner = (part.strip() for part in name.split(dash, 1))
            break
    else:
        own, partner = name, ""
    if gate.partner_zone_id:
        partner = gate.partner_zone.name
    elif not partner and gate.zone.partner_province_id:
        partner = gate.zone.partner_province.name
    return own, partner


def gate_summary(gate: Gate, at: dt.datetime | None = None) -> dict:
    """What a list or a header shows of a gate: both sides' names in the reader's language, level,
    status now, open now (None when no hours are recorded) and the next opening or closing."""
    at = at or timezone.now()
    tz = time_zone_of(gate)
    today = at.astimezone(tz).date()
    status = current_status(gate, today)
    weekly = weekly_hours(gate)
    exceptions = list(gate.opening_exceptions.all())
    open_now: bool | None = None
    change = None
    if status in CLOSING:
        open_now = False
    elif weekly or exceptions:
        open_now = gate_hours.is_open_at(at, tz, weekly, exceptions)
        change = gate_hours.next_change(at, tz, weekly, exceptions)
    own, partner = side_names(gate)
    zone = gate.zone
    return {
        "gate": gate,
        "code": zone.code,
        "name": zone.name,
        "own_side": own,
        "partner_side": partner,
        "country": zone.country.alpha3,
        "partner_country": zone.partner_country.alpha3 if zone.partner_country_id else "",
        "level": gate.level,
        "level_label": gate.get_level_display(),
        "status": status,
        "status_label": status_label(status),
        "usual_status": gate.status,
        "open_now": open_now,
        "next_change": change,
        "time_zone": str(tz),
        "exception_today": gate_hours.exception_on(today, exceptions),
        "is_illustrative": gate.is_illustrative,
    }


def gates_on_corridor(corridor: Corridor) -> list[Gate]:
    """The corridor's gates in the order of its nodes."""
    nodes = (
        corridor.nodes.filter(gate__isnull=False, gate__archived_at__isnull=True)
        .select_related("gate__zone__country", "gate__partner_zone")
        .order_by("position")
    )
    seen, gates = set(), []
    for node in nodes:
        if node.gate_id not in seen:
            seen.add(node.gate_id)
            gates.append(node.gate)
    return gates


def covers(listed: list[str], code: str) -> bool:
    """A list covers a code it contains at any level (0810 covers 081090), and a chapter or
    heading part of which it lists (08 when it lists 0810)."""
    return any(code.startswith(item) or item.startswith(code) for item in listed)


def admitting_gates(hs_code: str) -> QuerySet[Gate]:
    """Active gates that admit the product: those whose goods permitted cover the code, and those
    with no list (which admit everything)."""
    code = normalize_hs(hs_code)
    lists: dict[int, list[str]] = {}
    for gate_id, codes in PermittedGoods.objects.active().values_list("gate_id", "hs_codes"):
        lists.setdefault(gate_id, []).extend(codes or [])
    admitting = [gate_id for gate_id, codes in lists.items() if covers(codes, code)]
    return Gate.objects.active().filter(Q(pk__in=admitting) | ~Q(pk__in=list(lists)))


def filter_gates(
    gates: QuerySet[Gate], *, corridor: str = "", country: str = "", status: str = "", level: str = ""
) -> list[Gate]:
    """Gates on a corridor (slug), of a country on either side (alpha-3), at a level, with a status
    now (advisories counted)."""
    if corridor:
        gates = gates.filter(corridor_nodes__corridor__slug=corridor)
    if country:
        gates = gates.filter(
            Q(zone__country__alpha3=country)
            | Q(zone__partner_country__alpha3=country)
            | Q(partner_zone__country__alpha3=country)
        )
    if level:
        gates = gates.filter(level=level)
    rows = list(gates.distinct())
    if status:
        rows = [g for g in rows if current_status(g) == status]
    return rows
